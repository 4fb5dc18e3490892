// The activity summary of an organization's subtree (docs/SUPERVISION.md "API"): per child
// organization (each summing its subtree) and per day or month, read from the rollup
// org_activity_days (a month is the sum of its days) and, by month, the dues rollup dues_org_months.
// Never a scan of activities or check-ins.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { addDays, todayIn } from '../../../common/calendar.ts';
import type { Ctx } from '../../core/access/context.ts';
import { badRequest } from '../../core/errors/app-error.ts';
import { viewOrg } from '../dues/monitoring.service.ts';
import type { SummaryDto, SummaryQuery } from './supervision.schemas.ts';

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;
const num = (v: unknown) => Number(v ?? 0);
/** The longest range: a year of days, five years of months. */
export const MAX_DAYS = 366;
export const MAX_MONTHS = 60;

type Summary = z.infer<typeof SummaryDto>;
type Figures = Summary['totals'];

const prefix = (path: string) => `${path.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
/** The 1-based position, in a path '/a/b/c/', of the id just below the organization of `path`. */
const childPart = (path: string) => path.split('/').filter(Boolean).length + 2;

type Acc = { byType: Map<string, number>; obliged: number; attended: number; leave: number; guests: number; shouldFen: number; paidFen: number };
const emptyAcc = (): Acc => ({ byType: new Map(), obliged: 0, attended: 0, leave: 0, guests: 0, shouldFen: 0, paidFen: 0 });
type ActRow = { k: string; activity_type: string; held: unknown; obliged: unknown; attended: unknown; leave: unknown; guests: unknown };
type DuesRow = { k: string; should_fen: unknown; paid_fen: unknown };

function addAct(acc: Acc, r: ActRow) {
  acc.byType.set(r.activity_type, (acc.byType.get(r.activity_type) ?? 0) + num(r.held));
  acc.obliged += num(r.obliged);
  acc.attended += num(r.attended);
  acc.leave += num(r.leave);
  acc.guests += num(r.guests);
}

function figuresOf(a: Acc, withDues: boolean): Figures {
  const heldByType = Object.fromEntries([...a.byType].filter(([, n]) => n > 0).sort(([x], [y]) => x.localeCompare(y)));
  return {
    held: Object.values(heldByType).reduce((s, n) => s + n, 0),
    heldByType,
    obliged: a.obliged,
    attended: a.attended,
    leave: a.leave,
    rate: a.obliged > 0 ? Math.round((a.attended / a.obliged) * 10_000) / 10_000 : null,
    guests: a.guests,
    shouldFen: withDues ? a.shouldFen : null,
    paidFen: withDues ? a.paidFen : null,
  };
}

/** The range asked for with its defaults, checked (from ≤ to, not longer than the grouping allows). */
export function rangeOf(q: z.infer<typeof SummaryQuery>): { from: string; to: string } {
  const to = q.to ?? todayIn();
  const from = q.from ?? (q.groupBy === 'day' ? `${to.slice(0, 8)}01` : `${to.slice(0, 4)}-01-01`);
  if (from > to) throw badRequest('SUPERVISION_RANGE', [{ path: 'from', code: 'after_to' }]);
  const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
  if (q.groupBy === 'day' ? addDays(from, MAX_DAYS - 1) < to : months > MAX_MONTHS)
    throw badRequest('SUPERVISION_RANGE_TOO_LONG', [{ path: 'from', code: 'too_long' }], { max: q.groupBy === 'day' ? `${MAX_DAYS}` : `${MAX_MONTHS}` });
  return { from, to };
}

/** The periods of a range: its days, or its months ('YYYY-MM'). */
function periodsOf(from: string, to: string, groupBy: 'day' | 'month'): string[] {
  const out: string[] = [];
  if (groupBy === 'day') {
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
    return out;
  }
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const p = `${y}-${String(m).padStart(2, '0')}`;
    out.push(p);
    if (p >= last) return out;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

/**
 * The summary of an organization's subtree over a range: totals, one row per child organization
 * (each summing its subtree; the organization's own activities as a row of its own) and one per
 * day or month. Four statements over the rollups.
 */
export async function activitySummary(ctx: Ctx, perm: string, q: z.infer<typeof SummaryQuery>): Promise<Summary> {
  const db = ctx.services.db;
  const o = await viewOrg(ctx, perm, q.orgId);
  const { from, to } = rangeOf(q);
  const withDues = q.groupBy === 'month';
  const like = prefix(o.path);
  // Whole months (from the 1st, to a month's end or today) read the month level of the rollup.
  const wholeMonths = q.groupBy === 'month' && from.endsWith('-01') && (to >= todayIn() || addDays(to, 1).endsWith('-01'));
  const period = q.groupBy === 'day' ? sql`r.day::text` : wholeMonths ? sql`r.month` : sql`to_char(r.day, 'YYYY-MM')`;
  const base = wholeMonths
    ? sql`FROM org_activity_months r JOIN organizations o ON o.county_code = r.county_code AND o.id = r.org_id
       WHERE r.county_code = ${o.countyCode} AND r.month BETWEEN ${from.slice(0, 7)} AND ${to.slice(0, 7)} AND o.path LIKE ${like}`
    : sql`FROM org_activity_days r JOIN organizations o ON o.county_code = r.county_code AND o.id = r.org_id
       WHERE r.county_code = ${o.countyCode} AND r.day BETWEEN ${from}::date AND ${to}::date AND o.path LIKE ${like}`;
  const sums = sql`r.activity_type, sum(r.held) AS held, sum(r.obliged) AS obliged, sum(r.attended) AS attended, sum(r.leave) AS leave, sum(r.guests) AS guests`;
  const duesBase = sql`FROM dues_org_months r JOIN organizations o ON o.county_code = r.county_code AND o.id = r.org_id
       WHERE r.county_code = ${o.countyCode} AND r.month BETWEEN ${from.slice(0, 7)} AND ${to.slice(0, 7)} AND o.path LIKE ${like}`;
  const noRows = Promise.resolve({ rows: [] });
  const [byChild, byPeriod, duesByChild, duesByMonth, children] = await Promise.all([
    db.execute(sql`SELECT split_part(o.path, '/', ${childPart(o.path)}) AS k, ${sums} ${base} GROUP BY 1, 2`),
    db.execute(sql`SELECT ${period} AS k, ${sums} ${base} GROUP BY 1, 2`),
    withDues ? db.execute(sql`SELECT split_part(o.path, '/', ${childPart(o.path)}) AS k, sum(r.should_fen) AS should_fen, sum(r.paid_fen) AS paid_fen ${duesBase} GROUP BY 1`) : noRows,
    withDues ? db.execute(sql`SELECT r.month AS k, sum(r.should_fen) AS should_fen, sum(r.paid_fen) AS paid_fen ${duesBase} GROUP BY 1`) : noRows,
    db.execute(sql`
      SELECT id, name, level, status, EXISTS (SELECT 1 FROM organizations k WHERE k.county_code = c.county_code AND k.parent_id = c.id) AS has_children
        FROM organizations c WHERE c.county_code = ${o.countyCode} AND c.parent_id = ${o.id}
       ORDER BY c.sort_order, c.name`),
  ]);
  const group = (acts: unknown, dues: unknown) => {
    const m = new Map<string, Acc>();
    const at = (k: string) => {
      const a = m.get(k) ?? emptyAcc();
      m.set(k, a);
      return a;
    };
    for (const r of rowsOf<ActRow>(acts)) addAct(at(r.k), r);
    for (const r of rowsOf<DuesRow>(dues)) {
      const a = at(r.k);
      a.shouldFen += num(r.should_fen);
      a.paidFen += num(r.paid_fen);
    }
    return m;
  };
  const childSums = group(byChild, duesByChild);
  const periodSums = group(byPeriod, duesByMonth);
  const total = emptyAcc();
  for (const a of childSums.values()) {
    for (const [t, n] of a.byType) total.byType.set(t, (total.byType.get(t) ?? 0) + n);
    total.obliged += a.obliged;
    total.attended += a.attended;
    total.leave += a.leave;
    total.guests += a.guests;
    total.shouldFen += a.shouldFen;
    total.paidFen += a.paidFen;
  }
  const kids = rowsOf<{ id: string; name: string; level: string; status: string; has_children: boolean }>(children);
  return {
    org: { id: o.id, name: o.name, level: o.level },
    from,
    to,
    groupBy: q.groupBy,
    totals: figuresOf(total, withDues),
    children: [
      ...(childSums.has('') ? [{ orgId: o.id, name: o.name, level: o.level, own: true, hasChildren: false, ...figuresOf(childSums.get('') as Acc, withDues) }] : []),
      ...kids
        .filter((k) => k.status === 'active' || childSums.has(k.id))
        .map((k) => ({ orgId: k.id, name: k.name, level: k.level, own: false, hasChildren: k.has_children, ...figuresOf(childSums.get(k.id) ?? emptyAcc(), withDues) })),
    ],
    periods: periodsOf(from, to, q.groupBy).map((p) => ({ period: p, ...figuresOf(periodSums.get(p) ?? emptyAcc(), withDues) })),
  };
}
