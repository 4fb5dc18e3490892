import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { maskPhone } from '../../../common/mask.ts';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { decryptField, encryptField } from '../../core/crypto/field-crypto.ts';
import type { KeyRing } from '../../core/crypto/keys.ts';
import { badRequest, conflict, notFound } from '../../core/errors/app-error.ts';
import { limitOffset } from '../../core/http/pagination.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Tx } from '../../core/services.ts';
import { orgsRepo } from '../orgs/orgs.repo.ts';
import { type CorrectionJoined, correctionsRepo, ownCorrections } from './corrections.repo.ts';
import type { CorrectionListQuery, DecideBody, MyCorrectionBody } from './corrections.schemas.ts';
import { applyChanges, draftOf, validateChange } from './member-changes.ts';
import { clearPhone, maskedPhone } from './member-dto.ts';
import { appendFileEvents, fileActor } from './member-file.ts';
import { memberLabel } from './member-labels.ts';
import { normalizePhone } from './member-row.ts';
import { redactSensitive, validateMemberInput } from './member-validate.ts';
import { membersRepo, selfMember } from './members.repo.ts';
import { correctionRequests } from './members.tables.ts';

type Field = z.infer<typeof MyCorrectionBody>['field'];

/** A correction as the owner (values in clear) or an administrator (phone masked) sees it. */
export function correctionDto(keys: KeyRing, r: CorrectionJoined, owner: boolean) {
  const field = r.c.field as Field;
  const phoneAsked = field === 'phone' ? decryptField(keys, r.c.requestedValue) : null;
  const current = field === 'other' ? null : field === 'phone' ? (owner ? clearPhone(keys, r.m) : maskedPhone(keys, r.m)) : ((r.m[field] as string | null) ?? null);
  return {
    id: r.c.id,
    memberId: r.m.id,
    memberName: r.m.name,
    orgId: r.m.orgId,
    orgName: r.orgName,
    field,
    requestedValue: phoneAsked ? (owner ? phoneAsked : maskPhone(phoneAsked)) : r.c.requestedValue,
    currentValue: current,
    reason: r.c.reason,
    status: r.c.status,
    createdAt: r.c.createdAt.toISOString(),
    decidedByName: r.c.decidedByName,
    decidedAt: r.c.decidedAt?.toISOString() ?? null,
    decisionNote: r.c.decisionNote,
  };
}

/**
 * A member asks to correct a field of their own file (PIPL 46). The value is checked like an
 * update would be (a phone is stored encrypted); one pending request per field; audited and
 * written to the file. It lands in the queue of whoever holds member.correction over the member.
 */
export async function requestCorrection(ctx: Ctx, body: z.infer<typeof MyCorrectionBody>) {
  const r = await selfMember(ctx);
  if (!r) throw notFound();
  const keys = ctx.services.keys;
  let stored: string;
  if (body.field === 'other') stored = redactSensitive(body.requestedValue);
  else if (body.field === 'phone') {
    const phone = normalizePhone(body.requestedValue);
    if (!phone) throw badRequest('VALIDATION_FAILED', [{ path: 'body.requestedValue', code: 'PHONE_INVALID' }]);
    stored = encryptField(keys, phone);
  } else {
    const v = validateMemberInput({ ...draftOf(r.m), [body.field]: body.requestedValue }, { partial: true, birthDate: r.m.birthDate });
    if (!v.ok) throw badRequest('VALIDATION_FAILED', v.problems.map((p) => ({ path: 'body.requestedValue', code: p.code, params: p.params })));
    stored = String((v.value as Record<string, unknown>)[body.field] ?? body.requestedValue);
  }
  const id = uuidv7();
  await ctx.services.db.transaction(async (tx) => {
    if (await ownCorrections(ctx, tx).pending(body.field)) throw conflict('CORRECTION_PENDING');
    const reason = redactSensitive(body.reason);
    await tx.insert(correctionRequests).values({ countyCode: r.m.countyCode, id, memberId: r.m.id, orgId: r.m.orgId, field: body.field, requestedValue: stored, reason });
    await appendFileEvents(tx, fileActor(ctx), [
      { countyCode: r.m.countyCode, memberId: r.m.id, orgId: r.m.orgId, section: 'basic', type: 'correction_requested', title: `申请更正${memberLabel('field', body.field)}`, detail: { field: body.field, correctionId: id } },
    ]);
    await audit(ctx, tx, { action: 'member.correction.request', result: 'success', objectType: 'correction_request', objectId: id, orgId: r.m.orgId, detail: { memberId: r.m.id, field: body.field } });
  });
  const [mine] = (await ownCorrections(ctx).list(100, 0)).filter((c) => c.c.id === id);
  return correctionDto(keys, mine, true);
}

/** The caller's own correction requests, newest first. */
export async function myCorrections(ctx: Ctx, q: { page: number; pageSize: number }) {
  if (!(await selfMember(ctx))) throw notFound();
  const repo = ownCorrections(ctx);
  const { limit, offset } = limitOffset(q);
  const [rows, total] = await Promise.all([repo.list(limit, offset), repo.count()]);
  return { items: rows.map((r) => correctionDto(ctx.services.keys, r, true)), total };
}

/** The filter of the queue: a status and, when an organization is named, its subtree (in scope, else 404). */
export async function correctionFilter(ctx: Ctx, q: { status: 'pending' | 'approved' | 'rejected'; orgId?: string }) {
  let orgPath: string | undefined;
  if (q.orgId) {
    const org = await orgsRepo(ctx, 'member.correction').byId(q.orgId);
    if (!org) throw notFound();
    orgPath = org.path;
  }
  return { status: q.status, orgPath };
}

/** The correction queue of the caller's scope (member.correction), optionally one subtree. */
export async function listCorrections(ctx: Ctx, q: z.infer<typeof CorrectionListQuery>) {
  const repo = correctionsRepo(ctx, 'member.correction');
  const { limit, offset } = limitOffset(q);
  const f = await correctionFilter(ctx, q);
  const [rows, total] = await Promise.all([repo.list(f, limit, offset), repo.count(f)]);
  return { items: rows.map((r) => correctionDto(ctx.services.keys, r, false)), total };
}

async function decided(ctx: Ctx, tx: Tx, id: string) {
  const r = await correctionsRepo(ctx, 'member.correction', tx).byId(id);
  if (!r) throw notFound();
  return correctionDto(ctx.services.keys, r, false);
}

/**
 * Approves or rejects a pending request in scope (409 once decided). Approval applies the value
 * to the record through the same path as an update (validation, file event per change); `other`
 * is only marked approved. Both outcomes are written to the file and audited.
 */
export async function decideCorrection(ctx: Ctx, id: string, body: z.infer<typeof DecideBody>) {
  if (body.decision === 'reject' && !body.note) throw badRequest('VALIDATION_FAILED', [{ path: 'body.note', code: 'required' }]);
  const keys = ctx.services.keys;
  return ctx.services.db.transaction(async (tx) => {
    const c = await correctionsRepo(ctx, 'member.correction', tx).byId(id, true);
    if (!c) throw notFound();
    if (c.c.status !== 'pending') throw conflict('CORRECTION_DECIDED');
    const note = body.note ? redactSensitive(body.note) : undefined;
    const field = c.c.field as Field;
    const approve = body.decision === 'approve';
    let changes: { field: string; from: string | null; to: string | null }[] = [];
    if (approve && field !== 'other') {
      const r = await membersRepo(ctx, 'member.correction', tx).byId(c.m.id, true);
      if (!r) throw notFound();
      const value = field === 'phone' ? decryptField(keys, c.c.requestedValue) : c.c.requestedValue;
      const values = validateChange(r.m, { [field]: value }, 'correction');
      changes = await applyChanges(ctx, tx, r, values, { note, correctionId: id });
    }
    await tx
      .update(correctionRequests)
      .set({ status: approve ? 'approved' : 'rejected', decidedBy: ctx.actor?.accountId ?? null, decidedByName: ctx.actor?.displayName ?? 'system', decidedAt: new Date(), decisionNote: note ?? null })
      .where(and(eq(correctionRequests.countyCode, c.c.countyCode), eq(correctionRequests.id, id)));
    const label = memberLabel('field', field);
    await appendFileEvents(tx, fileActor(ctx), [
      {
        countyCode: c.m.countyCode, memberId: c.m.id, orgId: c.m.orgId, section: 'basic', type: approve ? 'correction_approved' : 'correction_rejected',
        title: approve ? `更正申请已批准：${label}` : `更正申请未通过：${label}`, detail: { field, correctionId: id, ...(note ? { note } : {}) },
      },
    ]);
    await audit(ctx, tx, {
      action: 'member.correction.decide', result: 'success', objectType: 'correction_request', objectId: id, orgId: c.m.orgId, reason: note,
      detail: { memberId: c.m.id, field, decision: body.decision, changes },
    });
    return decided(ctx, tx, id);
  });
}

