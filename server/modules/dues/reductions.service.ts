// Dues reductions and exemptions (减免, docs/DUES.md "Reductions and exemptions"; DOMAIN §4: decided by the
// 支部, approved by the 上一级党委). The branch proposes (dues.reduce); an organization strictly above the
// member's branch approves or rejects it (dues.reduce.approve: a grant on the branch itself is the same
// level and is refused); an approved decision may be revoked from a month on. Approval waives (exemption)
// or lowers (reduction) the member's still open bills of its months; bills made later apply it
// (generateBills, bills.ts); revocation re-quotes the still open ones from its month on. Paid or partly
// paid bills never change. Every step is written to the member's file (党费) and audited.
import { type SQL, and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { todayIn } from '../../../common/calendar.ts';
import { formatFen } from '../../../common/dues.ts';
import type { Ctx } from '../../core/access/context.ts';
import { inSubtree } from '../../core/access/scope.ts';
import { audit } from '../../core/audit/audit.ts';
import { AppError, notFound } from '../../core/errors/app-error.ts';
import type { ErrorCode } from '../../core/errors/messages.ts';
import { type ExportColumn, exportXlsx } from '../../core/excel.ts';
import { limitOffset } from '../../core/http/pagination.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Tx } from '../../core/services.ts';
import { appendFileEvents, fileActor } from '../members/member-file.ts';
import { redactSensitive } from '../members/member-validate.ts';
import { membersRepo } from '../members/members.repo.ts';
import { members } from '../members/members.tables.ts';
import { orgsRepo } from '../orgs/orgs.repo.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { addMonthsTo, baseFor, currentMonth, monthsBetween, quoteBill } from './bills.rules.ts';
import { duesSettingsOf } from './dues.service.ts';
import { duesBills } from './dues.tables.ts';
import { DUES_EXPORT, DUES_READ, basesOf } from './profiles.service.ts';
import { duesReductions } from './reductions.tables.ts';
import type { ApproveBody, ReductionBody, ReductionFilter, ReductionListQuery, RejectBody, RevokeBody } from './reductions.schemas.ts';

/** Proposing a reduction or exemption (the branch: secretaries, and the administrators above in scope). */
export const DUES_REDUCE = 'dues.reduce';
/** Approving, rejecting and revoking them (the organization above the member's branch). */
export const DUES_REDUCE_APPROVE = 'dues.reduce.approve';
/** One decision covers at most this many months (renewed by a new decision). */
export const MAX_REDUCTION_MONTHS = 12;
/** A decision may start at most this many months ahead of the current month. */
export const MAX_MONTHS_AHEAD = 12;

type ReductionRow = typeof duesReductions.$inferSelect;
type Joined = { r: ReductionRow; memberName: string; orgName: string; orgPath: string };

/** A 400 naming one body field. */
const invalid = (field: string, code: ErrorCode, params: Record<string, unknown> = {}) => new AppError(400, code, params, [{ path: `body.${field}`, code, params }]);

/** The caller holds `perm` through a grant on an organization strictly above `orgPath` (not on it). */
const strictlyAbove = (ctx: Ctx, perm: string, orgPath: string) => ctx.scope(perm).some((p) => orgPath.startsWith(p) && orgPath !== p);

/** The caller may decide this one: above its organization, and not the one who proposed it. */
const mayDecide = (ctx: Ctx, j: Joined) => strictlyAbove(ctx, DUES_REDUCE_APPROVE, j.orgPath) && j.r.proposedBy !== (ctx.actor?.accountId ?? null);

const dto = (ctx: Ctx, j: Joined) => ({
  id: j.r.id,
  memberId: j.r.memberId,
  memberName: j.memberName,
  orgId: j.r.orgId,
  orgName: j.orgName,
  kind: j.r.kind,
  amountFen: j.r.amountFen,
  fromMonth: j.r.fromMonth,
  toMonth: j.r.toMonth,
  reason: j.r.reason,
  branchDecision: j.r.branchDecision,
  state: j.r.state,
  proposedByName: j.r.proposedByName,
  proposedAt: j.r.proposedAt.toISOString(),
  decidedByName: j.r.decidedByName,
  decidedAt: j.r.decidedAt?.toISOString() ?? null,
  decisionNote: j.r.decisionNote,
  revokedFromMonth: j.r.revokedFromMonth,
  revokedByName: j.r.revokedByName,
  revokedAt: j.r.revokedAt?.toISOString() ?? null,
  revokeReason: j.r.revokeReason,
  decidable: j.r.state === 'proposed' && mayDecide(ctx, j),
  revocable: j.r.state === 'approved' && strictlyAbove(ctx, DUES_REDUCE_APPROVE, j.orgPath),
});
export type ReductionDtoT = ReturnType<typeof dto>;

const cols = { r: duesReductions, memberName: members.name, orgName: organizations.name, orgPath: organizations.path };
const joined = (db: Tx) =>
  db
    .select(cols)
    .from(duesReductions)
    .innerJoin(members, and(eq(members.countyCode, duesReductions.countyCode), eq(members.id, duesReductions.memberId)))
    .innerJoin(organizations, and(eq(organizations.countyCode, duesReductions.countyCode), eq(organizations.id, duesReductions.orgId)));

/** The months and amount of a proposal, checked; throws a 400 naming the field. */
function checkProposal(body: z.infer<typeof ReductionBody>, month = currentMonth()) {
  if (body.toMonth < body.fromMonth) throw invalid('toMonth', 'DUES_REDUCTION_MONTHS_ORDER', { from: body.fromMonth, to: body.toMonth });
  if (monthsBetween(body.fromMonth, body.toMonth) >= MAX_REDUCTION_MONTHS) throw invalid('toMonth', 'DUES_REDUCTION_TOO_LONG', { max: MAX_REDUCTION_MONTHS });
  const latest = addMonthsTo(month, MAX_MONTHS_AHEAD);
  if (body.fromMonth > latest) throw invalid('fromMonth', 'DUES_REDUCTION_TOO_FAR_AHEAD', { max: latest });
  if (body.kind === 'exemption') {
    if (body.amountFen !== undefined) throw invalid('amountFen', 'DUES_REDUCTION_AMOUNT_FOR_EXEMPTION');
    return null;
  }
  if (body.amountFen === undefined) throw invalid('amountFen', 'DUES_REDUCTION_AMOUNT_REQUIRED');
  if (!Number.isInteger(body.amountFen) || body.amountFen <= 0 || body.amountFen > Number.MAX_SAFE_INTEGER) throw invalid('amountFen', 'DUES_REDUCTION_AMOUNT_INVALID');
  return body.amountFen;
}

/** A decision of the caller's scope for `perm` (by its organization), or 404. */
async function findInScope(ctx: Ctx, tx: Tx, perm: string, id: string): Promise<Joined> {
  const [j] = await joined(tx).where(and(eq(duesReductions.countyCode, ctx.actor?.countyCode ?? ''), eq(duesReductions.id, id), inSubtree(organizations.path, ctx.scope(perm))));
  if (!j) throw notFound();
  return j;
}

/** Locks the decision row and answers it as it now stands. */
async function lockRow(tx: Tx, j: Joined): Promise<ReductionRow> {
  const [row] = await tx.select().from(duesReductions).where(and(eq(duesReductions.countyCode, j.r.countyCode), eq(duesReductions.id, j.r.id))).for('update');
  return row;
}

const monthsText = (r: Pick<ReductionRow, 'fromMonth' | 'toMonth'>) => (r.fromMonth === r.toMonth ? r.fromMonth : `${r.fromMonth} 至 ${r.toMonth}`);
const whatText = (r: Pick<ReductionRow, 'kind' | 'amountFen'>) => (r.kind === 'exemption' ? '免交党费' : `减交党费（每月 ${formatFen(r.amountFen as number)} 元）`);

/** Writes one entry of the member's file (党费) about a decision. */
async function fileEntry(ctx: Ctx, tx: Tx, r: ReductionRow, type: string, title: string, extra: Record<string, unknown> = {}) {
  await appendFileEvents(tx, fileActor(ctx), [
    {
      countyCode: r.countyCode, memberId: r.memberId, orgId: r.orgId, section: 'dues', source: 'dues', type, occurredOn: todayIn(), title,
      detail: { reductionId: r.id, kind: r.kind, amountFen: r.amountFen, fromMonth: r.fromMonth, toMonth: r.toMonth, ...extra },
    },
  ]);
}

const overlapping = (countyCode: string, memberId: string, from: string, to: string): SQL =>
  sql`county_code = ${countyCode} AND member_id = ${memberId} AND from_month <= ${to} AND to_month >= ${from}
      AND (state IN ('proposed', 'approved') OR (state = 'revoked' AND revoked_from_month > from_month AND revoked_from_month > ${from}))`;

/**
 * The branch proposes a reduction (a lower monthly amount, less than the normal amount of its first
 * month) or an exemption for a member in its scope, over at most 12 months. Refused when another
 * proposed or approved decision of the member covers one of its months (409 DUES_REDUCTION_OVERLAP).
 */
export async function proposeReduction(ctx: Ctx, body: z.infer<typeof ReductionBody>) {
  const amountFen = checkProposal(body);
  return ctx.services.db.transaction(async (tx) => {
    // The member row is locked: two proposals for the same member are checked one after the other.
    const found = await membersRepo(ctx, DUES_REDUCE, tx).byId(body.memberId, true);
    if (!found) throw notFound();
    const m = found.m;
    if (amountFen !== null) {
      const bases = await basesOf(tx, m.countyCode, m.id);
      const { farmerFlatFen } = await duesSettingsOf(tx, m.countyCode);
      const normal = quoteBill(m.duesCategory, baseFor(bases, body.fromMonth)?.baseFen ?? null, farmerFlatFen).amountFen;
      if (normal !== null && amountFen >= normal) throw invalid('amountFen', 'DUES_REDUCTION_NOT_LOWER', { normal: formatFen(normal), month: body.fromMonth });
    }
    const clash = (await tx.execute(sql`SELECT from_month, to_month FROM dues_reductions WHERE ${overlapping(m.countyCode, m.id, body.fromMonth, body.toMonth)} LIMIT 1`)) as unknown as {
      rows: { from_month: string; to_month: string }[];
    };
    if (clash.rows.length > 0) throw new AppError(409, 'DUES_REDUCTION_OVERLAP', { from: clash.rows[0].from_month, to: clash.rows[0].to_month });
    const [row] = await tx
      .insert(duesReductions)
      .values({
        countyCode: m.countyCode, id: uuidv7(), memberId: m.id, orgId: m.orgId, kind: body.kind, amountFen, fromMonth: body.fromMonth, toMonth: body.toMonth,
        reason: redactSensitive(body.reason), branchDecision: redactSensitive(body.branchDecision),
        proposedBy: ctx.actor?.accountId ?? null, proposedByName: ctx.actor?.displayName ?? 'system',
      })
      .returning();
    await fileEntry(ctx, tx, row, 'reduction_proposed', `支部提出${whatText(row)}：${monthsText(row)}（${row.branchDecision}），待上级党组织审批`, { reason: row.reason });
    await audit(ctx, tx, {
      action: 'dues.reduction_propose', result: 'success', objectType: 'dues_reduction', objectId: row.id, orgId: row.orgId, reason: row.reason,
      detail: { memberId: m.id, kind: row.kind, amountFen, fromMonth: row.fromMonth, toMonth: row.toMonth },
    });
    return { reduction: dto(ctx, { r: row, memberName: m.name, orgName: found.orgName, orgPath: found.orgPath }), bills: 0 };
  });
}

/** Checks that the caller decides `j` from above; throws 403 with the reason otherwise. */
function checkDecider(ctx: Ctx, j: Joined, ownAllowed = false) {
  if (!strictlyAbove(ctx, DUES_REDUCE_APPROVE, j.orgPath)) throw new AppError(403, 'DUES_REDUCTION_SAME_LEVEL');
  if (!ownAllowed && j.r.proposedBy !== null && j.r.proposedBy === (ctx.actor?.accountId ?? null)) throw new AppError(403, 'DUES_REDUCTION_OWN_PROPOSAL');
}

/**
 * Waits for any bill generation of the county in these months (the advisory lock generateBills holds per
 * county and month), so a run cannot read the decisions before this change and insert bills after it.
 */
async function lockMonths(tx: Tx, countyCode: string, from: string, to: string) {
  for (let m = from; m <= to; m = addMonthsTo(m, 1)) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`dues-bills:${countyCode}:${m}`}))`);
}

/**
 * Applies an approved decision to the member's still open bills of its months (state due, nothing
 * paid, no decision yet) in one statement: an exemption waives them, a reduction charges the reduced
 * amount (never more than the normal one) and keeps the normal amount. Same rule as withReduction.
 */
async function applyToOpenBills(tx: Tx, r: ReductionRow): Promise<number> {
  const res = (await tx.execute(sql`
    UPDATE dues_bills SET
      state = ${r.kind === 'exemption' ? 'waived' : 'due'},
      reduction_id = ${r.id},
      amount_fen = ${r.kind === 'exemption' ? sql`amount_fen` : sql`CASE WHEN amount_fen IS NULL THEN ${r.amountFen}::int8 ELSE LEAST(amount_fen, ${r.amountFen}::int8) END`},
      original_amount_fen = ${r.kind === 'exemption' ? sql`NULL` : sql`amount_fen`},
      issue = ${r.kind === 'exemption' ? sql`issue` : sql`NULL`},
      updated_at = now()
    WHERE county_code = ${r.countyCode} AND member_id = ${r.memberId} AND month >= ${r.fromMonth} AND month <= ${r.toMonth}
      AND state = 'due' AND paid_fen = 0 AND reduction_id IS NULL
    RETURNING id`)) as unknown as { rows: unknown[] };
  return res.rows.length;
}

/** The upper organization approves a proposal: it applies to the open bills of its months and to bills made later. */
export async function approveReduction(ctx: Ctx, id: string, body: z.infer<typeof ApproveBody>) {
  return ctx.services.db.transaction(async (tx) => {
    const j = await findInScope(ctx, tx, DUES_REDUCE_APPROVE, id);
    checkDecider(ctx, j);
    const cur = await lockRow(tx, j);
    if (cur.state !== 'proposed') throw new AppError(409, 'DUES_REDUCTION_NOT_PROPOSED');
    const note = body.note ? redactSensitive(body.note) : null;
    const [row] = await tx
      .update(duesReductions)
      .set({ state: 'approved', decidedBy: ctx.actor?.accountId ?? null, decidedByName: ctx.actor?.displayName ?? 'system', decidedAt: new Date(), decisionNote: note, updatedAt: new Date() })
      .where(and(eq(duesReductions.countyCode, cur.countyCode), eq(duesReductions.id, cur.id)))
      .returning();
    await lockMonths(tx, row.countyCode, row.fromMonth, row.toMonth);
    const bills = await applyToOpenBills(tx, row);
    await fileEntry(ctx, tx, row, 'reduction_approved', `${whatText(row)}获上级党组织批准：${monthsText(row)}`, { note, bills });
    await audit(ctx, tx, { action: 'dues.reduction_approve', result: 'success', objectType: 'dues_reduction', objectId: row.id, orgId: row.orgId, reason: note ?? undefined, detail: { memberId: row.memberId, bills } });
    return { reduction: dto(ctx, { ...j, r: row }), bills };
  });
}

/** The upper organization rejects a proposal, with a note. */
export async function rejectReduction(ctx: Ctx, id: string, body: z.infer<typeof RejectBody>) {
  return ctx.services.db.transaction(async (tx) => {
    const j = await findInScope(ctx, tx, DUES_REDUCE_APPROVE, id);
    checkDecider(ctx, j);
    const cur = await lockRow(tx, j);
    if (cur.state !== 'proposed') throw new AppError(409, 'DUES_REDUCTION_NOT_PROPOSED');
    const note = redactSensitive(body.note);
    const [row] = await tx
      .update(duesReductions)
      .set({ state: 'rejected', decidedBy: ctx.actor?.accountId ?? null, decidedByName: ctx.actor?.displayName ?? 'system', decidedAt: new Date(), decisionNote: note, updatedAt: new Date() })
      .where(and(eq(duesReductions.countyCode, cur.countyCode), eq(duesReductions.id, cur.id)))
      .returning();
    await fileEntry(ctx, tx, row, 'reduction_rejected', `${whatText(row)}申请未获批准：${monthsText(row)}（${note}）`, { note });
    await audit(ctx, tx, { action: 'dues.reduction_reject', result: 'success', objectType: 'dues_reduction', objectId: row.id, orgId: row.orgId, reason: note, detail: { memberId: row.memberId } });
    return { reduction: dto(ctx, { ...j, r: row }), bills: 0 };
  });
}

/**
 * Revokes an approved decision from a month of its range on: the member's bills of that month on that
 * it still holds open (nothing paid: due, or waived by it) are quoted normally again (the category they
 * were billed with, the base effective in their month). Bills with a payment keep it.
 */
export async function revokeReduction(ctx: Ctx, id: string, body: z.infer<typeof RevokeBody>) {
  return ctx.services.db.transaction(async (tx) => {
    const j = await findInScope(ctx, tx, DUES_REDUCE_APPROVE, id);
    checkDecider(ctx, j, true);
    const cur = await lockRow(tx, j);
    if (cur.state !== 'approved') throw new AppError(409, 'DUES_REDUCTION_NOT_APPROVED');
    if (body.fromMonth < cur.fromMonth || body.fromMonth > cur.toMonth) throw invalid('fromMonth', 'DUES_REDUCTION_REVOKE_MONTH', { from: cur.fromMonth, to: cur.toMonth });
    const reason = redactSensitive(body.reason);
    const [row] = await tx
      .update(duesReductions)
      .set({ state: 'revoked', revokedFromMonth: body.fromMonth, revokedBy: ctx.actor?.accountId ?? null, revokedByName: ctx.actor?.displayName ?? 'system', revokedAt: new Date(), revokeReason: reason, updatedAt: new Date() })
      .where(and(eq(duesReductions.countyCode, cur.countyCode), eq(duesReductions.id, cur.id)))
      .returning();
    await lockMonths(tx, row.countyCode, body.fromMonth, row.toMonth);
    const bills = await restoreOpenBills(tx, row, body.fromMonth);
    await fileEntry(ctx, tx, row, 'reduction_revoked', `撤销${whatText(row)}：自 ${body.fromMonth} 起恢复按规定交纳（${reason}）`, { revokedFromMonth: body.fromMonth, reason, bills });
    await audit(ctx, tx, {
      action: 'dues.reduction_revoke', result: 'success', objectType: 'dues_reduction', objectId: row.id, orgId: row.orgId, reason, detail: { memberId: row.memberId, fromMonth: body.fromMonth, bills },
    });
    return { reduction: dto(ctx, { ...j, r: row }), bills };
  });
}

/** Quotes the decision's still open bills from `month` on normally again; returns how many. */
async function restoreOpenBills(tx: Tx, r: ReductionRow, month: string): Promise<number> {
  const open = await tx
    .select()
    .from(duesBills)
    .where(and(eq(duesBills.countyCode, r.countyCode), eq(duesBills.reductionId, r.id), gte(duesBills.month, month), eq(duesBills.paidFen, 0), inArray(duesBills.state, ['due', 'waived'])))
    .for('update');
  if (open.length === 0) return 0;
  const [m] = await tx.select({ duesCategory: members.duesCategory }).from(members).where(and(eq(members.countyCode, r.countyCode), eq(members.id, r.memberId)));
  const bases = await basesOf(tx, r.countyCode, r.memberId);
  const { farmerFlatFen } = await duesSettingsOf(tx, r.countyCode);
  for (const b of open) {
    const q = quoteBill(b.category ?? m?.duesCategory ?? null, baseFor(bases, b.month)?.baseFen ?? null, farmerFlatFen);
    await tx
      .update(duesBills)
      .set({ ...q, state: 'due', reductionId: null, originalAmountFen: null, updatedAt: new Date() })
      .where(and(eq(duesBills.countyCode, b.countyCode), eq(duesBills.id, b.id)));
  }
  return open.length;
}

type Filter = z.infer<typeof ReductionFilter>;

/** The decisions the caller may see for `perm` (by their organization), filtered. */
async function listQuery(ctx: Ctx, perm: string, f: Filter) {
  let org: SQL | undefined;
  if (f.orgId) {
    const o = await orgsRepo(ctx, perm).byId(f.orgId);
    if (!o) throw notFound();
    org = inSubtree(organizations.path, [o.path]);
  }
  const where = and(
    eq(duesReductions.countyCode, ctx.actor?.countyCode ?? ''),
    inSubtree(organizations.path, ctx.scope(perm)),
    org,
    f.memberId ? eq(duesReductions.memberId, f.memberId) : undefined,
    f.state ? eq(duesReductions.state, f.state) : undefined,
  );
  const db = ctx.services.db;
  // Proposals waiting for a decision first, then the newest.
  const rows = async (limit: number, offset: number) =>
    (
      await joined(db)
        .where(where)
        .orderBy(sql`(${duesReductions.state} = 'proposed') DESC`, desc(duesReductions.proposedAt), asc(duesReductions.id))
        .limit(limit)
        .offset(offset)
    ).map((j) => dto(ctx, j));
  const total = async () => {
    const [t] = await db
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(duesReductions)
      .innerJoin(organizations, and(eq(organizations.countyCode, duesReductions.countyCode), eq(organizations.id, duesReductions.orgId)))
      .where(where);
    return t.n;
  };
  return { rows, total };
}

/** A page of the decisions in scope. */
export async function listReductions(ctx: Ctx, q: z.infer<typeof ReductionListQuery>) {
  const { page, pageSize, ...f } = q;
  const { rows, total } = await listQuery(ctx, DUES_READ, f);
  const { limit, offset } = limitOffset({ page, pageSize });
  const [items, n] = await Promise.all([rows(limit, offset), total()]);
  return { items, total: n };
}

const TEXTS = {
  'zh-CN': {
    title: '党费减免', org: '组织', name: '姓名', kind: '类型', amount: '每月应交（元）', from: '起始月份', to: '截止月份', reason: '原因', decision: '支部决定',
    state: '状态', proposedBy: '提出人', decidedBy: '审批人', note: '审批意见', revokedFrom: '撤销自', revokeReason: '撤销原因',
    kinds: { reduction: '减交', exemption: '免交' }, states: { proposed: '待审批', approved: '已批准', rejected: '未批准', revoked: '已撤销' },
  },
  en: {
    title: 'Dues reductions', org: 'Organization', name: 'Name', kind: 'Kind', amount: 'Monthly amount (yuan)', from: 'From', to: 'To', reason: 'Reason', decision: 'Branch decision',
    state: 'State', proposedBy: 'Proposed by', decidedBy: 'Decided by', note: 'Decision note', revokedFrom: 'Revoked from', revokeReason: 'Revocation reason',
    kinds: { reduction: 'Reduction', exemption: 'Exemption' }, states: { proposed: 'Proposed', approved: 'Approved', rejected: 'Rejected', revoked: 'Revoked' },
  },
} as const;

/** The decisions in scope as Excel (watermarked, audited by exportXlsx). */
export async function exportReductions(ctx: Ctx, reply: FastifyReply, f: Filter) {
  const { rows, total } = await listQuery(ctx, DUES_EXPORT, f);
  const h = TEXTS[ctx.lang];
  const columns: ExportColumn<ReductionDtoT>[] = [
    { header: h.org, value: (r) => r.orgName, width: 30 },
    { header: h.name, value: (r) => r.memberName, width: 12 },
    { header: h.kind, value: (r) => h.kinds[r.kind], width: 10 },
    { header: h.amount, value: (r) => (r.amountFen === null ? '' : formatFen(r.amountFen)), width: 14 },
    { header: h.from, value: (r) => r.fromMonth, width: 10 },
    { header: h.to, value: (r) => r.toMonth, width: 10 },
    { header: h.reason, value: (r) => r.reason, width: 24 },
    { header: h.decision, value: (r) => r.branchDecision, width: 24 },
    { header: h.state, value: (r) => h.states[r.state], width: 10 },
    { header: h.proposedBy, value: (r) => r.proposedByName, width: 14 },
    { header: h.decidedBy, value: (r) => r.decidedByName ?? '', width: 14 },
    { header: h.note, value: (r) => r.decisionNote ?? '', width: 20 },
    { header: h.revokedFrom, value: (r) => r.revokedFromMonth ?? '', width: 10 },
    { header: h.revokeReason, value: (r) => r.revokeReason ?? '', width: 20 },
  ];
  return exportXlsx(ctx, reply, { name: 'dues-reductions', title: h.title, filters: f, count: total, rows: (limit) => rows(limit, 0), columns });
}
