// The monthly bills (docs/DUES.md "Monthly bills"): generated for a county and month in one transaction
// with set-based statements (single-table SELECTs: who owes, who has a bill, the base of the month, the
// reductions in force; the amounts from quoteDues and withReduction; then one INSERT … SELECT FROM
// unnest(…) per batch of 5,000),
// idempotent through the unique key (county_code, member_id, month); the job that runs it on the 1st of
// every month; and the re-quote of a member's open bills when the branch changes the base or the category.
import { and, eq, gte, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from '../../core/ids.ts';
import type { Services, Tx } from '../../core/services.ts';
import { counties } from '../orgs/orgs.tables.ts';
import {
  BILLED_STANDINGS, BILLED_STATUSES, type BaseRow, type BillQuote, baseFor, currentMonth, isMonth, nextMonthStart, quoteBill,
} from './bills.rules.ts';
import { duesSettingsOf } from './dues.service.ts';
import { duesBases, duesBills } from './dues.tables.ts';
import { type ReductionInForce, reductionsInForce, withReduction } from './reductions.apply.ts';

/** The monthly job and its schedule: 01:00 Asia/Shanghai on the 1st, for that month. */
export const BILLS_JOB = 'dues.bills';
export const BILLS_CRON = '0 1 1 * *';

/** Rows per INSERT statement. */
const BATCH = 5000;

/** What one run did for a county and month. */
export type BillRun = {
  countyCode: string;
  month: string;
  /** The bills of the month after the run (made before or now). */
  bills: number;
  /** Bills created by this run (0 when run again). */
  created: number;
  /** Of those, bills without an amount: no base (rated category) / no category. */
  baseMissing: number;
  categoryMissing: number;
  /** The amount of the bills created (waived ones not counted), in 分. */
  createdFen: number;
  /** Wall time of the run, and of the statistics refresh within it. */
  ms: number;
  analyzeMs: number;
};

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;
const pgList = (xs: readonly string[]) => sql.join(xs.map((x) => sql`${x}`), sql`, `);

/**
 * Creates the bills of `month` for every member of the county who owes dues that month and has no
 * bill yet (bills.rules.ts owesDues, as one WHERE clause): the amount from quoteDues with the base
 * effective that month and the county's 农民 amount, or an issue when it cannot be computed. One
 * transaction; a concurrent run for the same county and month waits for this one (advisory lock)
 * and then finds nothing left to do. `onProgress(done, total)` follows the inserts.
 *
 * Reads are three single-table statements joined here (who owes; who already has a bill; the base of
 * the month per member), so the cost stays linear whatever the planner believes: PGlite runs no
 * autovacuum, and after the demo seed's ANALYZE of empty dues tables a join or a correlated NOT EXISTS
 * was planned as a nested loop that rescanned a month's bills per member (30 s for a second run of the
 * demo county). After creating bills the run refreshes the statistics of the dues tables for the lists.
 */
export async function generateBills(
  services: Services,
  opts: { countyCode: string; month: string; onProgress?: (done: number, total: number) => void },
): Promise<BillRun> {
  const { countyCode, month } = opts;
  if (!isMonth(month)) throw new RangeError(`month must be YYYY-MM, got ${month}`);
  const t0 = performance.now();
  const run = await services.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`dues-bills:${countyCode}:${month}`}))`);
    const { farmerFlatFen } = await duesSettingsOf(tx, countyCode);
    const owing = rowsOf<{ id: string; org_id: string; dues_category: string | null }>(
      await tx.execute(sql`
        SELECT id, org_id, dues_category FROM members
         WHERE county_code = ${countyCode} AND status IN (${pgList(BILLED_STATUSES)}) AND standing IN (${pgList(BILLED_STANDINGS)})
           AND (joined_on IS NULL OR joined_on < ${nextMonthStart(month)}::date)`),
    );
    const billed = new Set(
      rowsOf<{ member_id: string }>(await tx.execute(sql`SELECT member_id FROM dues_bills WHERE county_code = ${countyCode} AND month = ${month}`)).map((r) => r.member_id),
    );
    const candidates = owing.filter((m) => !billed.has(m.id));
    const bases = new Map<string, number>();
    if (candidates.length > 0)
      for (const b of rowsOf<{ member_id: string; base: string }>(
        await tx.execute(sql`
          SELECT DISTINCT ON (member_id) member_id, base_fen::text AS base FROM dues_bases
           WHERE county_code = ${countyCode} AND effective_month <= ${month}
           ORDER BY member_id, effective_month DESC, id DESC`),
      ))
        bases.set(b.member_id, Number(b.base));
    // The reduction and exemption decisions in force this month (a fourth single-table read, small).
    const reductions = candidates.length > 0 ? await reductionsInForce(tx, countyCode, month) : new Map<string, ReductionInForce>();
    const r: BillRun = { countyCode, month, bills: billed.size, created: 0, baseMissing: 0, categoryMissing: 0, createdFen: 0, ms: 0, analyzeMs: 0 };
    const total = candidates.length;
    opts.onProgress?.(0, total);
    const arr = (values: unknown[], type: string) => sql`${sql.param(values)}::${sql.raw(type)}[]`;
    for (let i = 0; i < total; i += BATCH) {
      const chunk = candidates.slice(i, i + BATCH);
      const quotes = chunk.map((c) => quoteBill(c.dues_category, bases.get(c.id) ?? null, farmerFlatFen));
      const applied = chunk.map((c, j) => withReduction(quotes[j], reductions.get(c.id)));
      const [{ n, fen, base_missing, category_missing }] = rowsOf<{ n: number; fen: string; base_missing: number; category_missing: number }>(
        await tx.execute(sql`
          WITH ins AS (
            INSERT INTO dues_bills (county_code, id, member_id, month, org_id, category, base_fen, rule, rate_bp, amount_fen, issue, state, reduction_id, original_amount_fen)
            SELECT ${countyCode}, u.id, u.member_id, ${month}, u.org_id, u.category, u.base_fen, u.rule, u.rate_bp, u.amount_fen, u.issue, u.state, u.reduction_id, u.original_amount_fen
              FROM unnest(${arr(chunk.map(() => uuidv7()), 'uuid')}, ${arr(chunk.map((c) => c.id), 'uuid')}, ${arr(chunk.map((c) => c.org_id), 'uuid')},
                          ${arr(quotes.map((q) => q.category), 'text')}, ${arr(quotes.map((q) => q.baseFen), 'int8')}, ${arr(quotes.map((q) => q.rule), 'text')},
                          ${arr(quotes.map((q) => q.rateBp), 'int4')}, ${arr(applied.map((q) => q.amountFen), 'int8')}, ${arr(applied.map((q) => q.issue), 'text')},
                          ${arr(applied.map((q) => q.state), 'text')}, ${arr(applied.map((q) => q.reductionId), 'uuid')}, ${arr(applied.map((q) => q.originalAmountFen), 'int8')})
                   AS u(id, member_id, org_id, category, base_fen, rule, rate_bp, amount_fen, issue, state, reduction_id, original_amount_fen)
            ON CONFLICT (county_code, member_id, month) DO NOTHING
            RETURNING amount_fen, issue, state)
          SELECT count(*)::int AS n, coalesce(sum(amount_fen) FILTER (WHERE state <> 'waived'), 0)::text AS fen,
                 (count(*) FILTER (WHERE issue = 'base_missing'))::int AS base_missing,
                 (count(*) FILTER (WHERE issue = 'category_missing'))::int AS category_missing
            FROM ins`),
      );
      r.created += n;
      r.createdFen += Number(fen);
      r.baseMissing += base_missing;
      r.categoryMissing += category_missing;
      opts.onProgress?.(Math.min(i + BATCH, total), total);
    }
    r.bills += r.created;
    return r;
  });
  if (run.created > 0) {
    const a0 = performance.now();
    await services.database.exec('ANALYZE dues_bills, dues_bases');
    run.analyzeMs = Math.round(performance.now() - a0);
  }
  run.ms = Math.round(performance.now() - t0);
  return run;
}

/** The counties served by this deployment. */
async function countyCodes(services: Services): Promise<string[]> {
  return (await services.db.select({ code: counties.code }).from(counties)).map((c) => c.code);
}

/** The month a scheduled run is for: the month of its slot in Asia/Shanghai (a late retry keeps its month). */
export function monthOfJob(payload: Record<string, unknown>, now = new Date()): string {
  if (typeof payload.month === 'string' && isMonth(payload.month)) return payload.month;
  const slot = typeof payload.scheduledFor === 'string' ? new Date(payload.scheduledFor) : now;
  return currentMonth(Number.isNaN(slot.getTime()) ? now : slot);
}

/** Registers the job and its monthly schedule: every county's bills for the month of the slot. */
export function registerDuesJobs(services: Services) {
  services.jobs.handle(BILLS_JOB, async (job) => {
    const month = monthOfJob(job.payload);
    for (const countyCode of await countyCodes(services)) {
      const r = await generateBills(services, { countyCode, month });
      services.log.info({ ...r }, `dues bills ${countyCode} ${month}: ${r.created} created`);
    }
  });
  services.jobs.schedule({ name: BILLS_JOB, cron: BILLS_CRON, job: BILLS_JOB });
}

/** The member a re-quote is for (the row already locked by the caller). */
export type RequoteMember = { countyCode: string; id: string; duesCategory: string | null };

/**
 * Quotes a member's open bills again (state due, nothing paid, no reduction; those matching `which`)
 * after the branch changed the base or the category: each with `categoryOf(bill)` and the base
 * effective in its month. Settled or partly paid bills never change. Returns how many changed.
 */
export async function requoteOpenBills(tx: Tx, m: RequoteMember, which: SQL, categoryOf: (bill: { category: string | null }) => string | null): Promise<number> {
  const open = await tx
    .select()
    .from(duesBills)
    .where(and(eq(duesBills.countyCode, m.countyCode), eq(duesBills.memberId, m.id), eq(duesBills.state, 'due'), eq(duesBills.paidFen, 0), isNull(duesBills.reductionId), which))
    .for('update');
  if (open.length === 0) return 0;
  const bases: BaseRow[] = await tx
    .select({ id: duesBases.id, effectiveMonth: duesBases.effectiveMonth, baseFen: duesBases.baseFen })
    .from(duesBases)
    .where(and(eq(duesBases.countyCode, m.countyCode), eq(duesBases.memberId, m.id)));
  const { farmerFlatFen } = await duesSettingsOf(tx, m.countyCode);
  let changed = 0;
  for (const b of open) {
    const q: BillQuote = quoteBill(categoryOf(b), baseFor(bases, b.month)?.baseFen ?? null, farmerFlatFen);
    if (q.category === b.category && q.baseFen === b.baseFen && q.rule === b.rule && q.rateBp === b.rateBp && q.amountFen === b.amountFen && q.issue === b.issue) continue;
    await tx.update(duesBills).set({ ...q, updatedAt: new Date() }).where(and(eq(duesBills.countyCode, b.countyCode), eq(duesBills.id, b.id)));
    changed++;
  }
  return changed;
}

/** Open bills from `month` on. */
export const fromMonth = (month: string) => gte(duesBills.month, month);
/** Open bills from `month` on, and every bill still missing its category. */
export const fromMonthOrUncategorized = (month: string) => or(gte(duesBills.month, month), inArray(duesBills.issue, ['category_missing'])) as SQL;
