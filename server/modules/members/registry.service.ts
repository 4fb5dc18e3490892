import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { blindIndex } from '../../core/crypto/field-crypto.ts';
import type { KeyRing } from '../../core/crypto/keys.ts';
import { badRequest, conflict, notFound } from '../../core/errors/app-error.ts';
import { limitOffset } from '../../core/http/pagination.ts';
import type { Tx } from '../../core/services.ts';
import { orgsRepo } from '../orgs/orgs.repo.ts';
import { applyChanges, duplicateOf, invalid, validateChange } from './member-changes.ts';
import { type MemberJoined, clearIdNumber, clearPhone, memberItemDto, memberRecordDto } from './member-dto.ts';
import { type FileEvent, appendFileEvents, fileActor } from './member-file.ts';
import { toMemberRow } from './member-row.ts';
import { type MemberDraft, type MemberValues, redactSensitive, shanghaiToday, validateMemberInput } from './member-validate.ts';
import { type MemberFilter, memberFile, membersRepo, systemMembers } from './members.repo.ts';
import type { CreateMemberBody, FlagsBody, MemberFilterQuery, MemberListQuery, UnmaskBody, UpdateMemberBody } from './members.schemas.ts';
import { members } from './members.tables.ts';

/** What the caller may do with a record in scope. */
const canOf = (ctx: Ctx, r: MemberJoined) => ({ write: ctx.inScope('member.write', r.orgPath), unmask: ctx.inScope('member.unmask', r.orgPath) });

/** The record DTO of a member after a change (re-read in the same transaction). */
async function reread(ctx: Ctx, tx: Tx, perm: string, id: string) {
  const r = await membersRepo(ctx, perm, tx).byId(id);
  if (!r) throw notFound();
  return memberRecordDto(ctx.services.keys, r, canOf(ctx, r));
}

/** One member's record in scope, masked; the view is logged (PIPL 45-46). */
export async function getMember(ctx: Ctx, id: string) {
  const r = await membersRepo(ctx, 'member.read').byId(id);
  if (!r) throw notFound();
  await memberFile.logView(ctx.services.db, ctx, r.m, 'record');
  return memberRecordDto(ctx.services.keys, r, canOf(ctx, r));
}

/** A member to register: validated values at an organization. */
export type NewMember = { countyCode: string; orgId: string; values: MemberValues };

/** The file entries of a new record: 建立档案, and 入党 / 转正 when their dates are known. */
function createdEvents(id: string, n: NewMember, orgName: string): FileEvent[] {
  const base = { countyCode: n.countyCode, memberId: id, orgId: n.orgId };
  const v = n.values;
  return [
    { ...base, section: 'basic', type: 'created', title: '建立党员档案', occurredOn: shanghaiToday(), detail: { orgName, status: v.status } },
    ...(v.joinedOn ? [{ ...base, section: 'development' as const, type: 'joined', title: '入党（预备党员）', occurredOn: v.joinedOn }] : []),
    ...(v.confirmedOn ? [{ ...base, section: 'development' as const, type: 'confirmed', title: '转为正式党员', occurredOn: v.confirmedOn }] : []),
  ];
}

/**
 * Registers validated members with their first file entries, unscoped: for import, the demo
 * generator and test fixtures (route handlers use createMember). Duplicates raise the database's
 * unique violation; check first with systemMembers.existingIdIndexes.
 */
export async function systemRegisterMembers(tx: Tx, keys: KeyRing, who: { actorId: string | null; actorName: string }, list: (NewMember & { orgName: string; id?: string })[]) {
  const rows = list.map((n) => {
    const { idNumber, phone, birthDate: _b, gender: _g, ...rest } = n.values;
    return toMemberRow(keys, { ...rest, countyCode: n.countyCode, orgId: n.orgId, idNumber, phone }, n.id);
  });
  for (let i = 0; i < rows.length; i += 500) await tx.insert(members).values(rows.slice(i, i + 500));
  await appendFileEvents(tx, who, list.flatMap((n, i) => createdEvents(rows[i].id as string, n, n.orgName)));
  return rows.map((r) => r.id as string);
}

/** The draft of a create body (everything but the organization). */
const draftOfBody = ({ orgId: _o, ...rest }: z.infer<typeof CreateMemberBody>): MemberDraft => rest;

/**
 * Registers a member at an organization in the caller's write scope (else 404, like a missing
 * one): validates (ID number checksum, birth date, 15-digit upgrade, lower-case x, phone, dates),
 * refuses a duplicate ID number or card (409), writes the file entries and the audit row.
 */
export async function createMember(ctx: Ctx, body: z.infer<typeof CreateMemberBody>) {
  const org = await orgsRepo(ctx, 'member.write').byId(body.orgId);
  if (!org) throw notFound();
  const v = validateMemberInput(draftOfBody(body));
  if (!v.ok) throw invalid(v.problems);
  const keys = ctx.services.keys;
  try {
    return await ctx.services.db.transaction(async (tx) => {
      const index = blindIndex(keys, 'id', v.value.idNumber);
      if ((await systemMembers.existingIdIndexes(tx, org.countyCode, [index])).size > 0) throw conflict('MEMBER_ID_DUPLICATE');
      if (v.value.cardNo && (await systemMembers.existingCardNos(tx, org.countyCode, [v.value.cardNo])).size > 0) throw conflict('MEMBER_CARD_DUPLICATE');
      if (v.value.chipUid && (await tx.select({ id: members.id }).from(members).where(and(eq(members.countyCode, org.countyCode), eq(members.chipUid, v.value.chipUid)))).length > 0)
        throw conflict('MEMBER_CHIP_DUPLICATE');
      const [id] = await systemRegisterMembers(tx, keys, fileActor(ctx), [{ countyCode: org.countyCode, orgId: org.id, orgName: org.name, values: v.value }]);
      await audit(ctx, tx, { action: 'member.create', result: 'success', objectType: 'member', objectId: id, orgId: org.id, detail: { name: v.value.name, status: v.value.status } });
      return reread(ctx, tx, 'member.write', id);
    });
  } catch (e) {
    throw duplicateOf(e) ?? e;
  }
}

/**
 * Changes registry fields of a member in write scope (never the ID number); a move needs the new
 * organization in write scope too. Each change is appended to the file and the whole is audited.
 */
export async function updateMember(ctx: Ctx, id: string, body: z.infer<typeof UpdateMemberBody>) {
  return ctx.services.db.transaction(async (tx) => {
    const r = await membersRepo(ctx, 'member.write', tx).byId(id, true);
    if (!r) throw notFound();
    const { orgId, note, ...patch } = body;
    const newOrg = orgId && orgId !== r.m.orgId ? await orgsRepo(ctx, 'member.write', tx).byId(orgId) : null;
    if (orgId && orgId !== r.m.orgId && !newOrg) throw notFound();
    const values = validateChange(r.m, patch);
    const safeNote = note ? redactSensitive(note) : undefined;
    const changes = await applyChanges(ctx, tx, r, values, { newOrg, note: safeNote });
    if (changes.length > 0)
      await audit(ctx, tx, { action: 'member.update', result: 'success', objectType: 'member', objectId: id, orgId: newOrg?.id ?? r.m.orgId, reason: safeNote, detail: { changes } });
    return reread(ctx, tx, 'member.write', id);
  });
}

/**
 * Sets 不计到会率 (a reason and an approver are required when excluded) and 失联 (a date, not in
 * the future, or null); each change is appended to the file and audited.
 */
export async function setFlags(ctx: Ctx, id: string, body: z.infer<typeof FlagsBody>) {
  const problems = [];
  const reason = body.excludeAttendance ? (body.excludeReason ?? null) : null;
  const approver = body.excludeAttendance ? (body.excludeApprover ?? null) : null;
  if (body.excludeAttendance && !reason) problems.push({ path: 'body.excludeReason', code: 'required' });
  if (body.excludeAttendance && !approver) problems.push({ path: 'body.excludeApprover', code: 'required' });
  if (body.lostContactSince && body.lostContactSince > shanghaiToday()) problems.push({ path: 'body.lostContactSince', code: 'DATE_IN_FUTURE' });
  if (problems.length > 0) throw badRequest('VALIDATION_FAILED', problems);
  return ctx.services.db.transaction(async (tx) => {
    const r = await membersRepo(ctx, 'member.write', tx).byId(id, true);
    if (!r) throw notFound();
    const m = r.m;
    const next = { excludeAttendance: body.excludeAttendance, excludeReason: reason && redactSensitive(reason), excludeApprover: approver && redactSensitive(approver), lostContactSince: body.lostContactSince };
    const base = { countyCode: m.countyCode, memberId: m.id, orgId: m.orgId, section: 'basic' as const };
    const events: FileEvent[] = [];
    if (next.excludeAttendance !== m.excludeAttendance || next.excludeReason !== m.excludeReason || next.excludeApprover !== m.excludeApprover)
      events.push(
        next.excludeAttendance
          ? { ...base, type: 'attendance_excluded', title: '设为不计到会率', occurredOn: shanghaiToday(), detail: { reason: next.excludeReason, approver: next.excludeApprover } }
          : { ...base, type: 'attendance_included', title: '取消不计到会率', occurredOn: shanghaiToday() },
      );
    if (next.lostContactSince !== m.lostContactSince)
      events.push(
        next.lostContactSince
          ? { ...base, type: 'lost_contact', title: '标记为失联', occurredOn: next.lostContactSince, detail: { since: next.lostContactSince, previous: m.lostContactSince } }
          : { ...base, type: 'contact_restored', title: '恢复联系（取消失联）', occurredOn: shanghaiToday(), detail: { since: m.lostContactSince } },
      );
    if (events.length > 0) {
      await tx.update(members).set({ ...next, updatedAt: new Date() }).where(and(eq(members.countyCode, m.countyCode), eq(members.id, m.id)));
      await appendFileEvents(tx, fileActor(ctx), events);
      await audit(ctx, tx, { action: 'member.flags', result: 'success', objectType: 'member', objectId: id, orgId: m.orgId, detail: { ...next, events: events.map((e) => e.type) } });
    }
    return reread(ctx, tx, 'member.write', id);
  });
}

/**
 * Shows one masked field in clear. Needs member.unmask over the member and a reason; audited
 * (member.unmask with the reason) and logged in the member's view log.
 */
export async function unmask(ctx: Ctx, id: string, body: z.infer<typeof UnmaskBody>) {
  const r = await membersRepo(ctx, 'member.unmask').byId(id);
  if (!r) throw notFound();
  const keys = ctx.services.keys;
  const value = body.field === 'idNumber' ? clearIdNumber(keys, r.m) : clearPhone(keys, r.m);
  const reason = redactSensitive(body.reason);
  await ctx.services.db.transaction(async (tx) => {
    await memberFile.logView(tx, ctx, r.m, body.field, reason);
    await audit(ctx, tx, { action: 'member.unmask', result: 'success', objectType: 'member', objectId: id, orgId: r.m.orgId, reason, detail: { field: body.field } });
  });
  return { field: body.field, value };
}

/** Resolves list filters; an orgId outside the permission's scope is 404 like a missing one. */
export async function memberFilter(ctx: Ctx, perm: string, q: z.infer<typeof MemberFilterQuery>): Promise<MemberFilter> {
  let org: { id: string; path: string } | undefined;
  if (q.orgId) {
    const o = await orgsRepo(ctx, perm).byId(q.orgId);
    if (!o) throw notFound();
    org = { id: o.id, path: o.path };
  }
  return { q: q.q, status: q.status, standing: q.standing, org, includeSubtree: q.includeSubtree !== 'false' };
}

/** A page of members in scope (search, filters, server-side sorting), masked. */
export async function listMembers(ctx: Ctx, q: z.infer<typeof MemberListQuery>) {
  const f = await memberFilter(ctx, 'member.read', q);
  const repo = membersRepo(ctx, 'member.read');
  const { limit, offset } = limitOffset(q);
  const cap = ctx.services.config.listCountCap;
  const [rows, counted] = await Promise.all([repo.list(f, q.sort, q.order, limit, offset), repo.count(f, cap + 1)]);
  const today = shanghaiToday();
  const items = rows.map((r) => memberItemDto(ctx.services.keys, r, today));
  // Beyond the cap the list says "100,000+" rather than count a province (the pages still work).
  return counted > cap ? { items, total: cap, totalCapped: true } : { items, total: counted };
}
