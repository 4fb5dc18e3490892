// The views of the monthly bills: the scoped list of a month with its totals (应交 / 实交) and its Excel
// export (the branch's month table is the list of one branch without its subtree), and the member's own
// dues (/api/my/dues: self scope, no id taken).
import { type SQL, and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { type DuesCategory, type DuesRule, formatFen, formatRateBp } from '../../../common/dues.ts';
import type { Ctx } from '../../core/access/context.ts';
import { inSubtree } from '../../core/access/scope.ts';
import { notFound } from '../../core/errors/app-error.ts';
import { type ExportColumn, exportXlsx } from '../../core/excel.ts';
import { limitOffset } from '../../core/http/pagination.ts';
import { memberLabel } from '../members/member-labels.ts';
import { selfMember } from '../members/members.repo.ts';
import { members } from '../members/members.tables.ts';
import { orgsRepo } from '../orgs/orgs.repo.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { DUES_TEXTS, billLabel } from './bills.labels.ts';
import type { BillIssue, BillState } from './bills.rules.ts';
import type { BillFilter, BillListQuery, MyDuesQuery } from './bills.schemas.ts';
import { duesBills } from './dues.tables.ts';
import { DUES_EXPORT, DUES_READ, profileOf } from './profiles.service.ts';

const orgJoin = and(eq(organizations.countyCode, duesBills.countyCode), eq(organizations.id, duesBills.orgId));
const memberJoin = and(eq(members.countyCode, duesBills.countyCode), eq(members.id, duesBills.memberId));
const cols = { b: duesBills, memberName: members.name, orgName: organizations.name };
type Joined = { b: typeof duesBills.$inferSelect; memberName: string; orgName: string };

/** The bill as answered. */
export const billDto = (r: Joined) => ({
  id: r.b.id,
  month: r.b.month,
  memberId: r.b.memberId,
  memberName: r.memberName,
  orgId: r.b.orgId,
  orgName: r.orgName,
  category: r.b.category as DuesCategory | null,
  baseFen: r.b.baseFen,
  rule: r.b.rule as DuesRule | null,
  rateBp: r.b.rateBp,
  amountFen: r.b.amountFen,
  paidFen: r.b.paidFen,
  state: r.b.state as BillState,
  issue: r.b.issue as BillIssue | null,
  reductionId: r.b.reductionId,
});

type Filter = z.infer<typeof BillFilter>;

/**
 * The bills of a month as the caller may see them for `perm`: the bill's organization lies in the
 * caller's scope (and under `orgId` when given: 404 when that organization is outside it).
 */
async function billsQuery(ctx: Ctx, perm: string, f: Filter) {
  const county = ctx.actor?.countyCode ?? '';
  let org: SQL | undefined;
  if (f.orgId) {
    const o = await orgsRepo(ctx, perm).byId(f.orgId);
    if (!o) throw notFound();
    org = f.includeSubtree === 'false' ? eq(duesBills.orgId, o.id) : inSubtree(organizations.path, [o.path]);
  }
  const where = and(
    eq(duesBills.countyCode, county),
    eq(duesBills.month, f.month),
    inSubtree(organizations.path, ctx.scope(perm)),
    org,
    f.state ? eq(duesBills.state, f.state) : undefined,
    f.issue ? eq(duesBills.issue, f.issue) : undefined,
  );
  const db = ctx.services.db;
  const rows = (limit: number, offset: number) =>
    db
      .select(cols)
      .from(duesBills)
      .innerJoin(organizations, orgJoin)
      .innerJoin(members, memberJoin)
      .where(where)
      .orderBy(asc(organizations.name), asc(organizations.id), asc(members.nameInitials), asc(members.name), asc(duesBills.id))
      .limit(limit)
      .offset(offset) as Promise<Joined[]>;
  const totals = async () => {
    const n = (s: SQL) => sql<number>`(${s})::int`.mapWith(Number);
    const fen = (s: SQL) => sql<string>`(${s})::text`.mapWith(Number);
    const [t] = await db
      .select({
        bills: n(sql`count(*)`),
        shouldFen: fen(sql`coalesce(sum(${duesBills.amountFen}) FILTER (WHERE ${duesBills.state} <> 'waived'), 0)`),
        paidFen: fen(sql`coalesce(sum(${duesBills.paidFen}), 0)`),
        due: n(sql`count(*) FILTER (WHERE ${duesBills.state} = 'due')`),
        paid: n(sql`count(*) FILTER (WHERE ${duesBills.state} = 'paid')`),
        partiallyPaid: n(sql`count(*) FILTER (WHERE ${duesBills.state} = 'partially_paid')`),
        waived: n(sql`count(*) FILTER (WHERE ${duesBills.state} = 'waived')`),
        issues: n(sql`count(${duesBills.issue})`),
      })
      .from(duesBills)
      .innerJoin(organizations, orgJoin)
      .where(where);
    return t;
  };
  return { rows, totals };
}

/** A page of a month's bills in scope, with the totals of the whole filter. */
export async function listBills(ctx: Ctx, q: z.infer<typeof BillListQuery>) {
  const { page, pageSize, ...f } = q;
  const { rows, totals } = await billsQuery(ctx, DUES_READ, f);
  const { limit, offset } = limitOffset({ page, pageSize });
  const [items, t] = await Promise.all([rows(limit, offset), totals()]);
  return { items: items.map(billDto), total: t.bills, totals: t };
}

type Bill = ReturnType<typeof billDto>;

/** A month's bills in scope as Excel (amounts in 元 with two decimals; watermarked and audited). */
export async function exportBills(ctx: Ctx, reply: FastifyReply, f: Filter) {
  const { rows, totals } = await billsQuery(ctx, DUES_EXPORT, f);
  const h = DUES_TEXTS[ctx.lang];
  const yuan = (fen: number | null) => (fen === null ? '' : formatFen(fen));
  const columns: ExportColumn<Bill>[] = [
    { header: h.month, value: (r) => r.month, width: 10 },
    { header: h.org, value: (r) => r.orgName, width: 34 },
    { header: h.name, value: (r) => r.memberName, width: 12 },
    { header: h.category, value: (r) => memberLabel('dues', r.category, ctx.lang), width: 16 },
    { header: h.base, value: (r) => yuan(r.baseFen), width: 14 },
    { header: h.rate, value: (r) => (r.rateBp === null ? (r.rule ? h.flat : '') : `${formatRateBp(r.rateBp)}%`), width: 8 },
    { header: h.amount, value: (r) => yuan(r.amountFen), width: 12 },
    { header: h.paid, value: (r) => yuan(r.paidFen), width: 12 },
    { header: h.state, value: (r) => billLabel('state', r.state, ctx.lang), width: 10 },
    { header: h.issue, value: (r) => billLabel('issue', r.issue, ctx.lang), width: 14 },
  ];
  return exportXlsx(ctx, reply, {
    name: 'dues-bills',
    title: `${h.billsTitle} ${f.month}`,
    filters: f,
    count: async () => (await totals()).bills,
    rows: async (limit) => (await rows(limit, 0)).map(billDto),
    columns,
  });
}

/**
 * The caller's own dues (self scope: the member behind the account, nothing else): the profile in
 * short, what is still due (bills due or partly paid: their remaining amount; bills still without an
 * amount counted apart), and a page of the history.
 */
export async function myDues(ctx: Ctx, q: z.infer<typeof MyDuesQuery>) {
  const db = ctx.services.db;
  const r = await selfMember(ctx);
  if (!r) throw notFound();
  const m = r.m;
  const mine = and(eq(duesBills.countyCode, m.countyCode), eq(duesBills.memberId, m.id));
  const { limit, offset } = limitOffset(q);
  const open = and(mine, inArray(duesBills.state, ['due', 'partially_paid']));
  const [profile, page, [{ total }], outstanding] = await Promise.all([
    profileOf(ctx, db, r),
    db.select(cols).from(duesBills).innerJoin(organizations, orgJoin).innerJoin(members, memberJoin).where(mine).orderBy(desc(duesBills.month)).limit(limit).offset(offset) as Promise<Joined[]>,
    db.select({ total: sql<number>`count(*)::int`.mapWith(Number) }).from(duesBills).where(mine),
    db.select({ month: duesBills.month, amountFen: duesBills.amountFen, paidFen: duesBills.paidFen }).from(duesBills).where(open).orderBy(asc(duesBills.month)),
  ]);
  // Bills still waiting for their amount (an issue the branch must fix) are counted apart.
  const quoted = outstanding.filter((b) => b.amountFen !== null);
  return {
    memberName: m.name,
    orgName: r.orgName,
    category: profile.category,
    owes: profile.owes,
    billedFrom: profile.billedFrom,
    base: profile.base ? { effectiveMonth: profile.base.effectiveMonth, baseFen: profile.base.baseFen } : null,
    monthly: profile.monthly,
    issue: profile.issue,
    proxyPayerName: profile.proxy?.payerName ?? null,
    outstanding: {
      bills: quoted.length,
      amountFen: quoted.reduce((s, b) => s + Math.max(0, (b.amountFen as number) - b.paidFen), 0),
      months: quoted.map((b) => b.month),
      unquoted: outstanding.length - quoted.length,
    },
    items: page.map(billDto),
    total,
  };
}
