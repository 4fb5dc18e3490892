// The demo county's dues history on a real database (PGlite, and PostgreSQL in CI) at a small scale:
// twelve months of bills whose amounts are the engine's, payments through every channel, mostly on time,
// a few members behind (warned) and a few six months in a row (review to-dos), two bank files, the
// rollup equal to a rebuild, and secretary.a's branch waiting for this month's bank deductions.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DuesCategory, quoteDues } from '../../../common/dues.ts';
import { addMonthsTo } from '../../modules/dues/bills.rules.ts';
import { rebuildDuesRollup } from '../../modules/dues/rollup.ts';
import { type TestApp, testApp } from '../../test/app.ts';
import { type DemoSeedResult, seedDemo } from '../demo.ts';

let t: TestApp;
let seeded: DemoSeedResult;
const TODAY = '2026-11-28';
const rows = async <T>(q: ReturnType<typeof sql>) => ((await t.services.db.execute(q)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  t = await testApp();
  seeded = await seedDemo(t.services, { scale: 0.05, today: TODAY, historyMonths: 0 });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe('demo dues history (scale 0.05)', () => {
  it('bills twelve months up to this month with the engine’s amounts', async () => {
    if (seeded.status !== 'seeded') throw new Error(seeded.status);
    expect(seeded.duesMonths).toBe(12);
    const months = await rows<{ month: string }>(sql`SELECT DISTINCT month FROM dues_bills ORDER BY month`);
    expect(months.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => addMonthsTo('2025-12', i)));
    expect(seeded.dues.bills).toBeGreaterThan(seeded.members * 10);
    const quotes = await rows<{ category: DuesCategory; base: string | null; amount: string; rule: string; rate: number | null }>(
      sql`SELECT DISTINCT category, base_fen::text AS base, amount_fen::text AS amount, rule, rate_bp AS rate FROM dues_bills WHERE amount_fen IS NOT NULL`,
    );
    expect(quotes.length).toBeGreaterThan(20);
    for (const q of quotes) {
      const e = quoteDues({ category: q.category, baseFen: q.base === null ? 0 : Number(q.base) });
      expect([q.category, q.base, Number(q.amount), q.rule, q.rate]).toEqual([q.category, q.base, e.amountFen, e.rule, e.rateBp]);
    }
  });

  it('pays through every channel, about 95 % on time, with receipts or bank serials', async () => {
    const channels = await rows<{ channel: string; n: number }>(sql`SELECT channel, count(*)::int AS n FROM dues_payments GROUP BY 1 ORDER BY 1`);
    expect(channels.map((c) => c.channel)).toEqual(['bank', 'cash', 'online', 'transfer']);
    const [share] = await rows<{ on_time: number; due: number }>(sql`SELECT sum(on_time)::int AS on_time, sum(due)::int AS due FROM dues_org_months WHERE month < '2026-11'`);
    expect(share.on_time / share.due).toBeGreaterThan(0.9);
    expect(share.on_time / share.due).toBeLessThan(0.995);
    const [bad] = await rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM dues_payments p JOIN dues_bills b ON b.county_code = p.county_code AND b.id = p.bill_id
       WHERE p.amount_fen <> b.amount_fen OR b.state <> 'paid' OR (p.channel = 'bank') <> (p.receipt_no IS NULL)
          OR (p.channel = 'online') <> (p.online_order_id IS NOT NULL)`);
    expect(bad.n).toBe(0);
    const [files] = await rows<{ n: number; lines: number }>(sql`SELECT count(*)::int AS n, sum(lines)::int AS lines FROM dues_bank_files`);
    expect(files.n).toBe(2);
    const [lines] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM dues_bank_file_lines`);
    expect(lines.n).toBe(files.lines);
  });

  it('leaves a few members behind: warnings, and review to-dos for six months in a row', async () => {
    const todos = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM org_todos WHERE kind = 'lapse_review' AND status = 'open'`);
    expect(todos[0].n).toBeGreaterThan(0);
    const [warned] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM notifications WHERE kind = 'dues.arrears'`);
    expect(warned.n).toBeGreaterThan(todos[0].n);
    expect(warned.n).toBeLessThan(seeded.status === 'seeded' ? seeded.members * 0.05 : 0);
  });

  it('keeps the rollup equal to a rebuild from the bills', async () => {
    const snap = () => rows(sql`SELECT * FROM dues_org_months WHERE bills > 0 ORDER BY org_id, month`);
    const before = await snap();
    const [{ county_code }] = await rows<{ county_code: string }>(sql`SELECT county_code FROM organizations WHERE depth = 0`);
    await rebuildDuesRollup(t.services.db, county_code);
    expect(await snap()).toEqual(before);
  });

  it('has secretary.a’s branch waiting for this month’s bank deductions only', async () => {
    const [a] = await rows<{ org_id: string }>(sql`SELECT g.org_id FROM accounts a JOIN grants g ON g.account_id = a.id WHERE a.login_key = 'u:secretary.a'`);
    const open = await rows<{ month: string; n: number }>(sql`
      SELECT month, count(*)::int AS n FROM dues_bills WHERE org_id = ${a.org_id} AND state <> 'paid' GROUP BY 1`);
    expect(open.map((o) => o.month)).toEqual(['2026-11']);
    const [ch] = await rows<{ bank: number; other: number }>(sql`
      SELECT count(*) FILTER (WHERE ch = 'bank')::int AS bank, count(*) FILTER (WHERE ch <> 'bank')::int AS other
        FROM (SELECT DISTINCT b.member_id, p.channel AS ch FROM dues_bills b JOIN dues_payments p ON p.bill_id = b.id
               WHERE b.org_id = ${a.org_id} AND b.month = '2026-10') x
       WHERE x.member_id IN (SELECT member_id FROM dues_bills WHERE org_id = ${a.org_id} AND month = '2026-11' AND state = 'due')`);
    expect(ch.other).toBe(0);
    expect(ch.bank).toBe(open[0].n);
  });
});
