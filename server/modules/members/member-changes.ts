import { and, eq, ne } from 'drizzle-orm';
import { maskPhone } from '../../../common/mask.ts';
import type { Ctx } from '../../core/access/context.ts';
import { type AppError, badRequest, conflict } from '../../core/errors/app-error.ts';
import type { Tx } from '../../core/services.ts';
import type { OrgRow } from '../orgs/orgs.repo.ts';
import { type FileEvent, appendFileEvents, fileActor } from './member-file.ts';
import { type MemberJoined, type MemberRow, clearPhone } from './member-dto.ts';
import { memberLabel } from './member-labels.ts';
import { nameInitials, phoneColumns } from './member-row.ts';
import { type MemberDraft, type MemberProblem, type MemberValues, asFieldProblems, shanghaiToday, validateMemberInput } from './member-validate.ts';
import { members } from './members.tables.ts';

/** Fields an update may change (the ID number, birth date and gender never change). */
export const CHANGEABLE = ['name', 'phone', 'ethnicity', 'education', 'occupation', 'duesCategory', 'joinedOn', 'confirmedOn', 'status', 'standing', 'cardNo', 'chipUid', 'address', 'household'] as const;
type Changeable = (typeof CHANGEABLE)[number];

/** One recorded change, with sensitive values masked (as written to the file and the audit trail). */
export type Change = { field: string; from: string | null; to: string | null };

/** 400 with named fields; ID-number problems answer ID_NUMBER_INVALID, others VALIDATION_FAILED. */
export function invalid(problems: MemberProblem[], prefix = 'body'): AppError {
  const code = problems.some((p) => p.code.startsWith('ID_NUMBER_')) ? 'ID_NUMBER_INVALID' : 'VALIDATION_FAILED';
  return badRequest(code, asFieldProblems(problems, prefix));
}

/** The registry fields of a row as a draft (ID number and phone left out: they are not re-checked). */
export const draftOf = (m: MemberRow): MemberDraft => ({
  name: m.name, ethnicity: m.ethnicity, education: m.education, occupation: m.occupation, duesCategory: m.duesCategory, joinedOn: m.joinedOn,
  confirmedOn: m.confirmedOn, status: m.status, standing: m.standing, cardNo: m.cardNo, chipUid: m.chipUid, address: m.address, household: m.household,
});

/**
 * Validates a change against the whole record (cross-field rules see the merged values) and
 * returns the normalized values of the changed fields only.
 */
export function validateChange(m: MemberRow, patch: MemberDraft, prefix = 'body'): Partial<MemberValues> {
  const v = validateMemberInput({ ...draftOf(m), ...patch }, { partial: true, birthDate: m.birthDate });
  if (!v.ok) throw invalid(v.problems, prefix);
  return Object.fromEntries(Object.keys(patch).map((k) => [k, (v.value as Record<string, unknown>)[k]]));
}

const isUnique = (e: unknown) => [(e as { code?: string })?.code, (e as { cause?: { code?: string } })?.cause?.code].includes('23505');

/** Maps a unique violation on members to the duplicate it means. */
export function duplicateOf(e: unknown): AppError | null {
  if (!isUnique(e)) return null;
  const text = `${(e as Error).message} ${JSON.stringify((e as { cause?: unknown }).cause ?? '')}`;
  if (text.includes('chip')) return conflict('MEMBER_CHIP_DUPLICATE');
  return conflict(text.includes('card_no') ? 'MEMBER_CARD_DUPLICATE' : 'MEMBER_ID_DUPLICATE');
}

const shown = (field: string, v: string | null | undefined) => {
  if (v === null || v === undefined || v === '') return null;
  if (field === 'phone') return maskPhone(v);
  return v;
};

const LABELLED: Partial<Record<Changeable, 'status' | 'standing' | 'education' | 'dues'>> = { status: 'status', standing: 'standing', education: 'education', duesCategory: 'dues' };
const labelOf = (field: Changeable, v: string | null) => (LABELLED[field] ? memberLabel(LABELLED[field], v) : (v ?? '')) || '空';

/**
 * Applies validated changes to a member row locked in `tx`: updates the row (name initials and
 * phone columns recomputed through member-row), appends one file event per change — status
 * changes as 转正, 党籍 changes, organization moves as transfers, other fields as
 * { field, from, to } with the phone masked — and returns the changes for the audit row.
 */
export async function applyChanges(
  ctx: Ctx,
  tx: Tx,
  r: MemberJoined,
  values: Partial<MemberValues>,
  opts: { newOrg?: OrgRow | null; note?: string; correctionId?: string } = {},
): Promise<Change[]> {
  const m = r.m;
  const keys = ctx.services.keys;
  const set: Partial<typeof members.$inferInsert> = {};
  const changes: Change[] = [];
  const events: FileEvent[] = [];
  const base = { countyCode: m.countyCode, memberId: m.id, orgId: m.orgId };
  const extra = { ...(opts.note ? { note: opts.note } : {}), ...(opts.correctionId ? { correctionId: opts.correctionId } : {}) };

  for (const field of CHANGEABLE) {
    if (!(field in values)) continue;
    const to = (values[field] as string | null | undefined) ?? null;
    const from = field === 'phone' ? clearPhone(keys, m) : ((m[field] as string | null) ?? null);
    if (to === from) continue;
    if (field === 'name') Object.assign(set, { name: to ?? m.name, nameInitials: nameInitials(to ?? m.name) });
    else if (field === 'phone') Object.assign(set, phoneColumns(keys, to));
    else Object.assign(set, { [field]: to });
    const change = { field, from: shown(field, from), to: shown(field, to) };
    changes.push(change);
    if (field === 'status') {
      if (from === 'full' || to !== 'full') throw badRequest('STATUS_TRANSITION_INVALID', [{ path: 'body.status', code: 'STATUS_TRANSITION_INVALID' }]);
      const confirmedOn = (values.confirmedOn ?? m.confirmedOn) || null;
      if (!confirmedOn) throw badRequest('VALIDATION_FAILED', [{ path: 'body.confirmedOn', code: 'CONFIRMED_ON_REQUIRED' }]);
      events.push({ ...base, section: 'development', type: 'status_changed', title: '转为正式党员', occurredOn: confirmedOn, detail: { ...change, ...extra } });
    } else if (field === 'standing') {
      events.push({ ...base, section: 'basic', type: 'standing_changed', title: `党籍状态变更：${labelOf(field, from)} → ${labelOf(field, to)}`, occurredOn: shanghaiToday(), detail: { ...change, ...extra } });
    } else {
      events.push({ ...base, section: 'basic', type: 'field_changed', title: `修改${memberLabel('field', field)}：${labelOf(field, change.from)} → ${labelOf(field, change.to)}`, detail: { ...change, ...extra } });
    }
  }
  if (opts.newOrg && opts.newOrg.id !== m.orgId) {
    set.orgId = opts.newOrg.id;
    const change = { field: 'orgId', from: r.orgName, to: opts.newOrg.name };
    changes.push(change);
    events.push({ ...base, orgId: opts.newOrg.id, section: 'transfer', type: 'org_changed', title: `组织关系变更：${r.orgName} → ${opts.newOrg.name}`, occurredOn: shanghaiToday(), detail: { ...change, fromOrgId: m.orgId, toOrgId: opts.newOrg.id, ...extra } });
  }
  if (changes.length === 0) return changes;

  if (set.cardNo) {
    const [dup] = await tx.select({ id: members.id }).from(members).where(and(eq(members.countyCode, m.countyCode), eq(members.cardNo, set.cardNo), ne(members.id, m.id)));
    if (dup) throw conflict('MEMBER_CARD_DUPLICATE');
  }
  if (set.chipUid) {
    const [dup] = await tx.select({ id: members.id }).from(members).where(and(eq(members.countyCode, m.countyCode), eq(members.chipUid, set.chipUid), ne(members.id, m.id)));
    if (dup) throw conflict('MEMBER_CHIP_DUPLICATE');
  }
  try {
    await tx.update(members).set({ ...set, updatedAt: new Date() }).where(and(eq(members.countyCode, m.countyCode), eq(members.id, m.id)));
  } catch (e) {
    throw duplicateOf(e) ?? e;
  }
  await appendFileEvents(tx, fileActor(ctx), events);
  return changes;
}
