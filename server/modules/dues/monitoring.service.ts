// Dues monitoring (docs/DUES.md "Monitoring"): the overview of an organization's subtree for a month
// (its children with 应交 / 实交, the paid share and 月月清, and the 12-month trend), the per-organization
// month list (月月清 status), the early warning (organizations below the paid share by the warning day,
// members in arrears) and the yearly summary with the upward remittance. Everything reads the rollup
// dues_org_months (kept by triggers) and, for arrears, only the unpaid bills (a partial index).
import { type SQL, sql } from 'drizzle-orm';
import { todayIn } from '../../../common/calendar.ts';
import type { Ctx } from '../../core/access/context.ts';
import { minimalRoots } from '../../core/access/scope.ts';
import { notFound } from '../../core/errors/app-error.ts';
import type { Tx } from '../../core/services.ts';
import { orgsRepo } from '../orgs/orgs.repo.ts';
import { addMonthsTo, currentMonth } from './bills.rules.ts';
import { duesSettingsOf } from './dues.service.ts';
import { type ClearStatus, arrearsLevel, clearStatus, paidShareBp, remittanceFen, unpaidRun, warningApplies } from './monitoring.rules.ts';

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;
const num = (v: unknown) => Number(v ?? 0);

/** The organization a view is about: the one asked for (in the caller's scope of `perm`), else the caller's first scope root. */
export async function viewOrg(ctx: Ctx, perm: string, orgId: string | undefined) {
  const repo = orgsRepo(ctx, perm);
  if (orgId) {
    const o = await repo.byId(orgId);
    if (!o) throw notFound();
    return o;
  }
  const [root] = minimalRoots(ctx.scope(perm));
  const id = root?.split('/').filter(Boolean).at(-1);
  const o = id ? await repo.byId(id) : null;
  if (!o) throw notFound();
  return o;
}

/** The summed counts of dues_org_months rows, as SQL select items (with the number of organizations by status). */
const SUMS = sql`
  count(*) FILTER (WHERE r.bills > 0) AS orgs,
  count(*) FILTER (WHERE r.bills > 0 AND r.unpaid = 0 AND r.issues = 0 AND r.on_time >= r.paid) AS clear_orgs,
  count(*) FILTER (WHERE r.bills > 0 AND r.unpaid = 0 AND r.issues = 0 AND r.on_time < r.paid) AS late_orgs,
  coalesce(sum(r.bills), 0) AS bills, coalesce(sum(r.due), 0) AS due, coalesce(sum(r.paid), 0) AS paid,
  coalesce(sum(r.on_time), 0) AS on_time, coalesce(sum(r.unpaid), 0) AS unpaid, coalesce(sum(r.issues), 0) AS issues,
  coalesce(sum(r.waived), 0) AS waived, coalesce(sum(r.should_fen), 0) AS should_fen, coalesce(sum(r.paid_fen), 0) AS paid_fen`;

type SumRow = Record<'orgs' | 'clear_orgs' | 'late_orgs' | 'bills' | 'due' | 'paid' | 'on_time' | 'unpaid' | 'issues' | 'waived' | 'should_fen' | 'paid_fen', unknown>;

/** Summed counts as answered, with the paid share and the 月月清 status of the whole. */
function totalsOf(r: SumRow | undefined, month: string, now: string) {
  const c = {
    orgs: num(r?.orgs), clearOrgs: num(r?.clear_orgs), lateOrgs: num(r?.late_orgs), bills: num(r?.bills), due: num(r?.due), paid: num(r?.paid),
    onTime: num(r?.on_time), unpaid: num(r?.unpaid), issues: num(r?.issues), waived: num(r?.waived), shouldFen: num(r?.should_fen), paidFen: num(r?.paid_fen),
  };
  return { ...c, openOrgs: c.orgs - c.clearOrgs - c.lateOrgs, paidShareBp: paidShareBp(c.paid, c.due), status: clearStatus(c, month, now) };
}

const prefix = (path: string) => `${path.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
/** The 1-based position, in a path '/a/b/c/', of the id just below an organization whose path has `depthIds` ids. */
const childPart = (path: string) => path.split('/').filter(Boolean).length + 2;

/**
 * The overview of an organization's subtree for a month: its totals, one row per child organization
 * (each summing its own subtree; the organization's own members, if any, as a row of its own) and the
 * trend of the 12 months ending with the month. Two statements over the rollup.
 */
export async function duesOverview(ctx: Ctx, perm: string, q: { month?: string; orgId?: string }) {
  const db = ctx.services.db;
  const o = await viewOrg(ctx, perm, q.orgId);
  const now = currentMonth();
  const month = q.month ?? now;
  const from = addMonthsTo(month, -11);
  const like = prefix(o.path);
  const [byChild, trend, children] = await Promise.all([
    db.execute(sql`
      SELECT split_part(o.path, '/', ${childPart(o.path)}) AS child, ${SUMS}
        FROM dues_org_months r JOIN organizations o ON o.county_code = r.county_code AND o.id = r.org_id
       WHERE r.county_code = ${o.countyCode} AND r.month = ${month} AND o.path LIKE ${like}
       GROUP BY 1`),
    db.execute(sql`
      SELECT r.month, ${SUMS}
        FROM dues_org_months r JOIN organizations o ON o.county_code = r.county_code AND o.id = r.org_id
       WHERE r.county_code = ${o.countyCode} AND r.month BETWEEN ${from} AND ${month} AND o.path LIKE ${like}
       GROUP BY r.month ORDER BY r.month`),
    db.execute(sql`
      SELECT id, name, level, status, sort_order, EXISTS (SELECT 1 FROM organizations k WHERE k.county_code = c.county_code AND k.parent_id = c.id) AS has_children
        FROM organizations c WHERE c.county_code = ${o.countyCode} AND c.parent_id = ${o.id}
       ORDER BY c.sort_order, c.name`),
  ]);
  const sums = new Map(rowsOf<SumRow & { child: string }>(byChild).map((r) => [r.child, r]));
  const kids = rowsOf<{ id: string; name: string; level: string; status: string; has_children: boolean }>(children);
  const rows = [
    ...(sums.has('') ? [{ orgId: o.id, name: o.name, level: o.level, own: true, hasChildren: false, ...totalsOf(sums.get(''), month, now) }] : []),
    ...kids
      .filter((k) => k.status === 'active' || sums.has(k.id))
      .map((k) => ({ orgId: k.id, name: k.name, level: k.level, own: false, hasChildren: k.has_children, ...totalsOf(sums.get(k.id), month, now) })),
  ];
  const all = [...sums.values()].reduce<SumRow>(
    (acc, r) => Object.fromEntries(Object.keys(acc).map((k) => [k, num(acc[k as keyof SumRow]) + num(r[k as keyof SumRow])])) as SumRow,
    { orgs: 0, clear_orgs: 0, late_orgs: 0, bills: 0, due: 0, paid: 0, on_time: 0, unpaid: 0, issues: 0, waived: 0, should_fen: 0, paid_fen: 0 },
  );
  const byMonth = new Map(rowsOf<SumRow & { month: string }>(trend).map((r) => [r.month, r]));
  return {
    month,
    org: { id: o.id, name: o.name, level: o.level },
    totals: totalsOf(all, month, now),
    children: rows,
    trend: Array.from({ length: 12 }, (_, i) => addMonthsTo(from, i)).map((m) => ({ month: m, ...totalsOf(byMonth.get(m), m, now) })),
  };
}

/** The SQL condition of a 月月清 status on a dues_org_months row r (month compared with the current month). */
function statusWhere(status: ClearStatus, month: string, now: string): SQL {
  const settled = sql`r.unpaid = 0 AND r.issues = 0`;
  switch (status) {
    case 'clear':
      return sql`r.bills > 0 AND ${settled} AND r.on_time >= r.paid`;
    case 'cleared_late':
      return sql`r.bills > 0 AND ${settled} AND r.on_time < r.paid`;
    case 'no_bills':
      return sql`r.bills = 0`;
    default:
      // pending and not_clear differ by the month only.
      return (status === 'pending') === month >= now ? sql`(r.unpaid > 0 OR r.issues > 0)` : sql`false`;
  }
}

type OrgMonthRow = {
  org_id: string; name: string; parent_name: string | null; bills: number; due: number; paid: number; on_time: number; unpaid: number;
  issues: number; waived: number; should_fen: string; paid_fen: string;
};

/** One organization's month as answered. */
const orgMonthDto = (r: OrgMonthRow, month: string, now: string) => {
  const c = { bills: num(r.bills), due: num(r.due), paid: num(r.paid), onTime: num(r.on_time), unpaid: num(r.unpaid), issues: num(r.issues) };
  return {
    orgId: r.org_id, name: r.name, parentName: r.parent_name, month, ...c, waived: num(r.waived), shouldFen: num(r.should_fen), paidFen: num(r.paid_fen),
    paidShareBp: paidShareBp(c.paid, c.due), status: clearStatus(c, month, now),
  };
};
export type OrgMonth = ReturnType<typeof orgMonthDto>;

/**
 * The organizations of a subtree with bills in a month, each with 已缴 / 未缴 / amounts and its 月月清
 * status; the lowest paid share first. `belowShareBp` keeps those below a share (the early warning).
 */
export async function orgMonths(
  ctx: Ctx,
  perm: string,
  q: { month?: string; orgId?: string; status?: ClearStatus; belowShareBp?: number },
  page: { limit: number; offset: number },
) {
  const o = await viewOrg(ctx, perm, q.orgId);
  const now = currentMonth();
  const month = q.month ?? now;
  const where = sql`r.county_code = ${o.countyCode} AND r.month = ${month} AND o.path LIKE ${prefix(o.path)}
    ${q.status ? sql`AND ${statusWhere(q.status, month, now)}` : sql``}
    ${q.belowShareBp !== undefined ? sql`AND r.due > 0 AND r.paid::bigint * 10000 < ${q.belowShareBp}::bigint * r.due` : sql``}`;
  const from = sql`FROM dues_org_months r JOIN organizations o ON o.county_code = r.county_code AND o.id = r.org_id
    LEFT JOIN organizations p ON p.county_code = o.county_code AND p.id = o.parent_id`;
  const db = ctx.services.db;
  const [items, total] = await Promise.all([
    db.execute(sql`SELECT r.*, o.name, p.name AS parent_name ${from} WHERE ${where}
      ORDER BY CASE WHEN r.due = 0 THEN 1 ELSE 0 END, r.paid::float / greatest(r.due, 1), r.issues DESC, o.name, o.id
      LIMIT ${page.limit} OFFSET ${page.offset}`),
    db.execute(sql`SELECT count(*)::int AS n ${from} WHERE ${where}`),
  ]);
  return { month, items: rowsOf<OrgMonthRow>(items).map((r) => orgMonthDto(r, month, now)), total: num(rowsOf<{ n: number }>(total)[0]?.n) };
}

/** A member in arrears: closed months unpaid, the run ending last month, what is owed, the level. */
export type ArrearsRow = {
  memberId: string; name: string; orgId: string; orgName: string; months: number; run: number; firstMonth: string; lastMonth: string; owedFen: number;
  level: 'warning' | 'lapse_review';
};

/**
 * Members of a subtree (by their organization now) with at least 3 closed months unpaid (DOMAIN §4),
 * the longest arrears first. Reads the unpaid bills only (dues_bills_unpaid_idx). `subtreePath` null =
 * the whole county (the job).
 */
export async function arrears(db: Tx, countyCode: string, subtreePath: string | null, now = currentMonth()): Promise<ArrearsRow[]> {
  const res = await db.execute(sql`
    WITH a AS (
      SELECT b.member_id, array_agg(b.month) AS months, sum(b.amount_fen - b.paid_fen) AS owed
        FROM dues_bills b
       WHERE b.county_code = ${countyCode} AND b.state IN ('due', 'partially_paid') AND b.amount_fen IS NOT NULL AND b.month < ${now}
       GROUP BY b.member_id HAVING count(*) >= 3
    )
    SELECT a.member_id, a.months, a.owed, m.name, m.org_id, o.name AS org_name
      FROM a JOIN members m ON m.county_code = ${countyCode} AND m.id = a.member_id
      JOIN organizations o ON o.county_code = m.county_code AND o.id = m.org_id
     WHERE m.standing IN ('normal', 'restored') ${subtreePath ? sql`AND o.path LIKE ${prefix(subtreePath)}` : sql``}`);
  const out: ArrearsRow[] = [];
  for (const r of rowsOf<{ member_id: string; months: string[]; owed: string; name: string; org_id: string; org_name: string }>(res)) {
    const months = [...r.months].sort();
    const run = unpaidRun(months, now);
    const level = arrearsLevel(months.length, run);
    if (level === 'none') continue;
    out.push({
      memberId: r.member_id, name: r.name, orgId: r.org_id, orgName: r.org_name, months: months.length, run, firstMonth: months[0], lastMonth: months.at(-1) ?? months[0],
      owedFen: num(r.owed), level,
    });
  }
  return out.sort((a, b) => b.months - a.months || b.owedFen - a.owedFen || a.orgName.localeCompare(b.orgName) || a.name.localeCompare(b.name));
}

/**
 * The early warning of a subtree: the county's settings, whether the month's organization warning
 * applies yet (from the warning day on), the organizations below the paid share (first page) and the
 * members in arrears (first page, with counts per level).
 */
export async function duesWarnings(ctx: Ctx, perm: string, q: { month?: string; orgId?: string; level?: ArrearsRow['level'] }, page: { limit: number; offset: number }) {
  const o = await viewOrg(ctx, perm, q.orgId);
  const db = ctx.services.db;
  const settings = await duesSettingsOf(db, o.countyCode);
  const today = todayIn();
  const month = q.month ?? today.slice(0, 7);
  const active = warningApplies(month, today, settings.warnDay);
  const [orgs, members] = await Promise.all([
    active ? orgMonths(ctx, perm, { month, orgId: o.id, belowShareBp: settings.warnShareBp }, page) : Promise.resolve({ month, items: [], total: 0 }),
    arrears(db, o.countyCode, o.path),
  ]);
  const listed = q.level ? members.filter((m) => m.level === q.level) : members;
  return {
    month,
    org: { id: o.id, name: o.name, level: o.level },
    settings: { warnDay: settings.warnDay, warnShareBp: settings.warnShareBp },
    orgWarningActive: active,
    orgs: { items: orgs.items, total: orgs.total },
    members: {
      items: listed.slice(page.offset, page.offset + page.limit),
      total: listed.length,
      warning: members.filter((m) => m.level === 'warning').length,
      lapseReview: members.filter((m) => m.level === 'lapse_review').length,
    },
  };
}

/**
 * The yearly summary of a subtree: per child organization (and the whole), the regular dues of the
 * year's bills (应交, 实交), voluntary payments entered that year (those over 1,000 元 remitted in full
 * to the centre), the upward remittance (the county's share of the regular dues paid, 5 % by default,
 * rounded half up) and the months that were 月月清.
 */
export async function duesYearly(ctx: Ctx, perm: string, q: { year: string; orgId?: string }) {
  const db = ctx.services.db;
  const o = await viewOrg(ctx, perm, q.orgId);
  const settings = await duesSettingsOf(db, o.countyCode);
  const now = currentMonth();
  const part = childPart(o.path);
  const like = prefix(o.path);
  const [bills, months, voluntary, kids] = await Promise.all([
    db.execute(sql`
      SELECT split_part(o.path, '/', ${part}) AS child, ${SUMS}
        FROM dues_org_months r JOIN organizations o ON o.county_code = r.county_code AND o.id = r.org_id
       WHERE r.county_code = ${o.countyCode} AND r.month BETWEEN ${`${q.year}-01`} AND ${`${q.year}-12`} AND o.path LIKE ${like}
       GROUP BY 1`),
    // Per child and month: was every organization of the child 月月清 that month?
    db.execute(sql`
      SELECT child, count(*) FILTER (WHERE open = 0 AND late = 0) AS clear_months
        FROM (SELECT split_part(o.path, '/', ${part}) AS child, r.month,
                     count(*) FILTER (WHERE r.unpaid > 0 OR r.issues > 0) AS open,
                     count(*) FILTER (WHERE r.on_time < r.paid) AS late
                FROM dues_org_months r JOIN organizations o ON o.county_code = r.county_code AND o.id = r.org_id
               WHERE r.county_code = ${o.countyCode} AND r.month BETWEEN ${`${q.year}-01`} AND ${`${q.year}-12`} AND r.month < ${now} AND r.bills > 0 AND o.path LIKE ${like}
               GROUP BY 1, 2) x
       GROUP BY child`),
    db.execute(sql`
      SELECT split_part(o.path, '/', ${part}) AS child,
             coalesce(sum(v.amount_fen), 0) AS voluntary_fen,
             coalesce(sum(v.amount_fen) FILTER (WHERE v.remit), 0) AS centre_fen
        FROM (SELECT p.org_id, p.amount_fen, coalesce(orig.remit_to_centre, p.remit_to_centre) AS remit
                FROM dues_payments p LEFT JOIN dues_payments orig ON orig.county_code = p.county_code AND orig.id = p.reverses_id
               WHERE p.county_code = ${o.countyCode} AND p.created_at >= ${`${q.year}-01-01T00:00:00+08:00`}::timestamptz
                 AND p.created_at < ${`${Number(q.year) + 1}-01-01T00:00:00+08:00`}::timestamptz
                 AND (p.kind = 'voluntary' OR (p.kind = 'reversal' AND orig.kind = 'voluntary'))) v
        JOIN organizations o ON o.county_code = ${o.countyCode} AND o.id = v.org_id
       WHERE o.path LIKE ${like}
       GROUP BY 1`),
    db.execute(sql`SELECT id, name, level, status FROM organizations WHERE county_code = ${o.countyCode} AND parent_id = ${o.id} ORDER BY sort_order, name`),
  ]);
  const b = new Map(rowsOf<SumRow & { child: string }>(bills).map((r) => [r.child, r]));
  const cm = new Map(rowsOf<{ child: string; clear_months: unknown }>(months).map((r) => [r.child, num(r.clear_months)]));
  const v = new Map(rowsOf<{ child: string; voluntary_fen: unknown; centre_fen: unknown }>(voluntary).map((r) => [r.child, r]));
  const line = (key: string, orgId: string, name: string, own: boolean) => {
    const t = totalsOf(b.get(key), `${q.year}-12`, now);
    const voluntaryFen = num(v.get(key)?.voluntary_fen);
    const centreFen = num(v.get(key)?.centre_fen);
    const remitFen = remittanceFen(t.paidFen, settings.remitShareBp);
    return {
      orgId, name, own, shouldFen: t.shouldFen, paidFen: t.paidFen, unpaidBills: t.unpaid, paidShareBp: t.paidShareBp, clearMonths: cm.get(key) ?? 0,
      voluntaryFen, centreFen, remitFen, retainedFen: t.paidFen + voluntaryFen - centreFen - remitFen,
    };
  };
  const kidRows = rowsOf<{ id: string; name: string; level: string; status: string }>(kids);
  const rows = [
    ...(b.has('') || v.has('') ? [line('', o.id, o.name, true)] : []),
    ...kidRows.filter((k) => k.status === 'active' || b.has(k.id) || v.has(k.id)).map((k) => line(k.id, k.id, k.name, false)),
  ];
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
  const shouldFen = sum((r) => r.shouldFen);
  const paidFen = sum((r) => r.paidFen);
  const voluntaryFen = sum((r) => r.voluntaryFen);
  const centreFen = sum((r) => r.centreFen);
  const remitFen = remittanceFen(paidFen, settings.remitShareBp);
  return {
    year: q.year,
    org: { id: o.id, name: o.name, level: o.level },
    remitShareBp: settings.remitShareBp,
    rows,
    totals: { shouldFen, paidFen, voluntaryFen, centreFen, remitFen, retainedFen: paidFen + voluntaryFen - centreFen - remitFen },
  };
}
