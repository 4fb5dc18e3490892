// The demo county's dues (issue 5): 12 months of bases, bills and payments, loaded set-based inside the
// seed transaction (a few INSERT … SELECT statements over the members; nothing row by row), so the
// console opens on a realistic 党费 picture: ≈ 95 % paid on time, some late payers (补清), a few members
// 3–5 months behind (warnings) and a few 6+ months in a row (自行脱党 review cases, opened by the warning
// run after the seed), every channel (银费通 bank deduction, cash, transfer, online), two bank files
// with their reconciliation reports.
//
// Amounts come from the real engine: the distinct (category, base) pairs are quoted with quoteDues in
// JavaScript and joined in SQL. Randomness is a hash of the member id (and month) with the seed, so a
// member keeps one payment habit and channel. Payments of the demo history write no file entries
// (the 党费 tab and the lists read dues_payments); payments made in the console do.
import { type SQL, sql } from 'drizzle-orm';
import { DUES_CATEGORIES, isRatedCategory, quoteDues } from '../../../common/dues.ts';
import { addMonthsTo } from '../../modules/dues/bills.rules.ts';
import type { Tx } from '../../core/services.ts';
import { setAsideAll } from './bulk-load.ts';

/** Months of dues history at scale 1 (the current month included). */
export const DUES_HISTORY_MONTHS = 12;

/** What the dues history holds. */
export type DuesHistoryStats = { months: number; bases: number; bills: number; payments: number; onlineOrders: number; bankFiles: number; bankLines: number; ms: number };

/** A UUIDv7 of a time, as an SQL expression (the ids of the application are UUIDv7: time-ordered). */
const uuid7 = (t: SQL) =>
  sql`encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send((extract(epoch FROM ${t}) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid`;

const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;
const count = async (tx: Tx, q: ReturnType<typeof sql>) => Number(rows<{ n: number }>(await tx.execute(q))[0]?.n ?? 0);

/** Base ranges per rated category in 分 (a base is rounded to 10 元). */
const BASE_SQL = sql`CASE m.dues_category
  WHEN 'employed' THEN CASE WHEN abs(h.m) % 100 < 8 THEN 1000000 + abs(h.b) % 1200000 ELSE 220000 + abs(h.b) % 700000 END
  WHEN 'annual_salary' THEN 800000 + abs(h.b) % 1800000
  WHEN 'self_employed' THEN 150000 + abs(h.b) % 550000
  ELSE 200000 + abs(h.b) % 560000 END / 1000 * 1000`;

/**
 * Loads the dues history of a county: bases, bills of `months` months ending with today's month, their
 * payments by channel, online orders, two bank files (the last two closed months) and the receipt
 * counters. `payer` names who entered the payments.
 */
export async function loadDuesHistory(
  tx: Tx,
  county: string,
  today: string,
  opts: { seed: number; months?: number; payer: string; rootPath: string; awaitingBankOrg?: string | null },
): Promise<DuesHistoryStats> {
  const started = performance.now();
  const n = opts.months ?? DUES_HISTORY_MONTHS;
  const current = today.slice(0, 7);
  const first = addMonthsTo(current, -(n - 1));
  const months = Array.from({ length: n }, (_, i) => addMonthsTo(first, i));
  const seed = opts.seed;
  // secretary.a's branch: every base recorded, everything paid within the month, except that this
  // month's bank deductions are still to come (the bank's result file is what a demo user imports).
  const focus = sql`${opts.awaitingBankOrg ?? null}::uuid`;
  // Nothing is paid after now, nor after the seed's today (a seed for a past day stays the same later).
  const cutoff = sql`least(now(), (${today}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
  // Sorts and hashes of a few hundred thousand rows stay in memory (the default 4 MB spills to disk).
  await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
  // A bulk load: the keys, foreign keys and indexes of the big tables are built once at the end (bulk-load.ts).
  const restore = await setAsideAll(tx, ['dues_bills', 'dues_online_orders', 'dues_online_notifications', 'dues_payments', 'dues_online_order_bills', 'dues_bank_file_lines']);

  // Bases: every member of a rated category, effective in a month of the year before the history (so
  // about a twelfth falls due for reassessment each month), or from the month they joined; one in ten
  // got a raise during the history. Members who joined in the last two months have none yet (their
  // bills carry base_missing until the branch records it).
  await tx.execute(sql`
    INSERT INTO dues_bases (county_code, id, member_id, effective_month, base_fen, reason, created_by_name, created_at)
    SELECT m.county_code, ${uuid7(sql`e.at`)}, m.id, e.month, ${BASE_SQL}, '年度核定', ${opts.payer}, e.at
      FROM members m
      CROSS JOIN LATERAL (SELECT hashtextextended(m.id::text, ${seed}) AS m, hashtextextended(m.id::text || ':base', ${seed}) AS b) h
      CROSS JOIN LATERAL (SELECT greatest(to_char(m.joined_on, 'YYYY-MM'), to_char((${`${first}-01`}::date - (1 + abs(h.m) % 12) * interval '1 month'), 'YYYY-MM')) AS month) e0
      CROSS JOIN LATERAL (SELECT e0.month AS month, (e0.month || '-03 10:00:00+08')::timestamptz AS at) e
     WHERE m.county_code = ${county} AND m.dues_category IN ('employed', 'annual_salary', 'self_employed', 'retired')
       AND (m.joined_on IS NULL OR to_char(m.joined_on, 'YYYY-MM') < ${addMonthsTo(current, -1)} OR m.org_id = ${focus})`);
  await tx.execute(sql`
    INSERT INTO dues_bases (county_code, id, member_id, effective_month, base_fen, reason, created_by_name, created_at)
    SELECT b.county_code, ${uuid7(sql`e.at`)}, b.member_id, e.month, (b.base_fen * 105 / 100) / 1000 * 1000, '调资重新核定', ${opts.payer}, e.at
      FROM dues_bases b
      CROSS JOIN LATERAL (SELECT to_char(${`${first}-01`}::date + (abs(hashtextextended(b.member_id::text || ':raise', ${seed})) % ${n}) * interval '1 month', 'YYYY-MM') AS month) e0
      CROSS JOIN LATERAL (SELECT e0.month AS month, (e0.month || '-05 10:00:00+08')::timestamptz AS at) e
     WHERE b.county_code = ${county} AND abs(hashtextextended(b.member_id::text || ':raise', ${seed})) % 10 = 0 AND e.month > b.effective_month`);

  // The engine's answer for every (category, base) the bills will need.
  const pairs = rows<{ category: string; base_fen: string | null }>(
    await tx.execute(sql`SELECT DISTINCT m.dues_category AS category, b.base_fen::text FROM members m
      LEFT JOIN dues_bases b ON b.county_code = m.county_code AND b.member_id = m.id
     WHERE m.county_code = ${county} AND m.dues_category IS NOT NULL`),
  ).filter((p) => (DUES_CATEGORIES as readonly string[]).includes(p.category) && (isRatedCategory(p.category as never) ? p.base_fen !== null : true));
  const seen = new Set<string>();
  const quotes = pairs
    .map((p) => ({ category: p.category, base: isRatedCategory(p.category as never) ? Number(p.base_fen) : null }))
    .filter((p) => {
      const k = `${p.category}:${p.base}`;
      return !seen.has(k) && seen.add(k);
    })
    .map((p) => ({ ...p, q: quoteDues({ category: p.category as never, baseFen: p.base ?? 0 }) }));
  await tx.execute(sql`CREATE TEMP TABLE demo_dues_quotes (category text, base_fen bigint, amount_fen bigint, rule text, rate_bp int) ON COMMIT DROP`);
  for (let i = 0; i < quotes.length; i += 5000) {
    const c = quotes.slice(i, i + 5000);
    await tx.execute(sql`INSERT INTO demo_dues_quotes SELECT * FROM unnest(
      ${sql.param(c.map((x) => x.category))}::text[], ${sql.param(c.map((x) => x.base))}::bigint[], ${sql.param(c.map((x) => x.q.amountFen))}::bigint[],
      ${sql.param(c.map((x) => x.q.rule))}::text[], ${sql.param(c.map((x) => x.q.rateBp))}::int[])`);
  }

  // The base of each month as ranges [from, to) per member (the latest row of a month wins), for a hash join.
  await tx.execute(sql`CREATE TEMP TABLE demo_base_ranges ON COMMIT DROP AS
    SELECT member_id, effective_month AS from_month, coalesce(lead(effective_month) OVER (PARTITION BY member_id ORDER BY effective_month), '9999-12') AS to_month, base_fen
      FROM (SELECT DISTINCT ON (member_id, effective_month) member_id, effective_month, base_fen FROM dues_bases
             WHERE county_code = ${county} ORDER BY member_id, effective_month, id DESC) b`);

  // The months (with the bills' creation time) and the billed members with their habit (hm, 0–999), a
  // number for the bills' randomness (hr) and their channel, computed once instead of per bill.
  const made = months.map((m) => new Date(`${m}-01T01:00:00+08:00`).getTime());
  await tx.execute(sql`CREATE TEMP TABLE demo_months ON COMMIT DROP AS
    SELECT month, idx::int, to_timestamp(made / 1000.0) AS made, (month || '-01 09:00:00+08')::timestamptz AS start,
           (month || '-01 09:00:00+08')::timestamptz + interval '1 month' AS start1, (month || '-01 09:00:00+08')::timestamptz + interval '2 months' AS start2,
           (month || '-01')::date + interval '1 month' AS next_start
      FROM unnest(${sql.param(months)}::text[], ${sql.param(made)}::float8[]) WITH ORDINALITY AS t(month, made, idx)`);
  await tx.execute(sql`CREATE TEMP TABLE demo_dues_members ON COMMIT DROP AS
    SELECT m.id, m.org_id, m.dues_category AS cat, m.joined_on, h % 1000 AS hm, (h / 1000) % 100000 AS hr,
           m.org_id IS DISTINCT FROM ${focus} AND abs(hashtextextended(m.org_id::text, ${seed})) % 100 < 15 AS weak, m.org_id = ${focus} AS focus,
           CASE WHEN (h / 100000000) % 100 < 45 THEN 'bank' WHEN (h / 100000000) % 100 < 70 THEN 'cash' WHEN (h / 100000000) % 100 < 80 THEN 'transfer' ELSE 'online' END AS channel
      FROM members m CROSS JOIN LATERAL (SELECT abs(hashtextextended(m.id::text, ${seed})) AS h) x
     WHERE m.county_code = ${county} AND m.status IN ('probationary', 'full') AND m.standing IN ('normal', 'restored') AND m.dues_category IS NOT NULL`);

  // The bills, each with when it was paid (or not). Most branches collect everything within the month
  // (月月清); in the weaker 15 % (by a hash of the organization), by member habit (hm, 0–999): 2 % stopped
  // paying from the fifth month (6+ months in a row: review), 12 % are 3–5 closed months behind
  // (warning), 20 % pay one or two months late, and 1 % of the others' bills are paid a month late.
  await tx.execute(sql`
    INSERT INTO dues_bills (county_code, id, member_id, month, org_id, category, base_fen, rule, rate_bp, amount_fen, paid_fen, state, issue, created_at, updated_at, paid_at)
    SELECT ${county}, gen_random_uuid(), x.member_id, x.month, x.org_id, x.cat, q.base_fen, q.rule, q.rate_bp, q.amount_fen,
           CASE WHEN x.paid_at IS NOT NULL AND q.amount_fen IS NOT NULL THEN q.amount_fen ELSE 0 END,
           CASE WHEN x.paid_at IS NOT NULL AND q.amount_fen IS NOT NULL THEN 'paid' ELSE 'due' END,
           CASE WHEN q.amount_fen IS NULL THEN 'base_missing' END,
           x.made, coalesce(CASE WHEN q.amount_fen IS NOT NULL THEN x.paid_at END, x.made),
           CASE WHEN q.amount_fen IS NOT NULL THEN x.paid_at END
      FROM (
        SELECT m.id AS member_id, m.org_id, m.cat, mo.month, mo.made, br.base_fen AS base,
               CASE
                 WHEN m.focus AND mo.month = ${current} AND m.channel = 'bank' THEN NULL
                 WHEN m.focus AND mo.month = ${current} THEN CASE WHEN mo.made + interval '1 minute' <= ${cutoff} THEN mo.made + interval '1 minute' END
                 WHEN m.weak AND m.hm < 20 AND mo.idx >= 5 THEN NULL
                 WHEN m.weak AND m.hm BETWEEN 20 AND 139 AND mo.idx >= ${n} - (3 + m.hm % 3) THEN NULL
                 -- planned after now: not paid yet
                 WHEN t.planned > ${cutoff} THEN NULL
                 ELSE t.planned
               END AS paid_at
          FROM demo_dues_members m
          JOIN demo_months mo ON m.joined_on IS NULL OR m.joined_on < mo.next_start
          -- a number of the bill (0–99999) from the member's and the month's: arithmetic, no hashing per bill
          CROSS JOIN LATERAL (SELECT (m.hr * 7919 + mo.idx * 104729 + m.hm * 31) % 100000 AS hb) p
          -- when the member pays this bill: within the month, or one or two months late
          CROSS JOIN LATERAL (SELECT CASE WHEN m.weak AND m.hm BETWEEN 140 AND 339 THEN CASE WHEN p.hb % 2 = 0 THEN mo.start1 ELSE mo.start2 END
                                          WHEN m.weak AND p.hb % 100 = 0 THEN mo.start1 ELSE mo.start END
                                     + ((p.hb % 25) * 86400 + (p.hb % 600) * 60) * interval '1 second' AS planned) t
          LEFT JOIN demo_base_ranges br ON br.member_id = m.id AND mo.month >= br.from_month AND mo.month < br.to_month
      ) x
      -- an equality (hashable; IS NOT DISTINCT FROM is not): flat categories have no base (-1)
      LEFT JOIN demo_dues_quotes q ON q.category = x.cat
        AND coalesce(q.base_fen, -1) = coalesce(CASE WHEN x.cat IN ('employed', 'annual_salary', 'self_employed', 'retired') THEN x.base END, -1)`);
  // The paid bills with their channel (the member's), receipt sequence per year and ids.
  await tx.execute(sql`CREATE TEMP TABLE demo_dues_paid ON COMMIT DROP AS
    SELECT b.id AS bill_id, b.member_id, b.org_id, b.month, b.amount_fen, b.paid_at, m.channel,
           row_number() OVER (PARTITION BY extract(year FROM b.paid_at AT TIME ZONE 'Asia/Shanghai') ORDER BY b.paid_at, b.id) AS seq,
           extract(year FROM b.paid_at AT TIME ZONE 'Asia/Shanghai')::int::text AS year, gen_random_uuid() AS payment_id,
           CASE WHEN m.channel = 'online' THEN gen_random_uuid() END AS order_id, NULL::uuid AS bank_file_id
      FROM dues_bills b JOIN demo_dues_members m ON m.id = b.member_id
     WHERE b.county_code = ${county} AND b.state = 'paid'`);
  const receipt = sql`${county} || '-' || p.year || '-' || lpad(p.seq::text, 6, '0')`;
  await tx.execute(sql`
    INSERT INTO dues_online_orders (county_code, id, member_id, payer_member_id, org_id, amount_fen, provider, state, provider_txn_no, outcome, receipt_no, created_at, expires_at, paid_at, updated_at)
    SELECT ${county}, p.order_id, p.member_id, p.member_id, p.org_id, p.amount_fen, 'simulator', 'paid', 'SIM' || replace(p.bill_id::text, '-', ''), 'paid', ${receipt},
           p.paid_at - interval '2 minutes', p.paid_at + interval '13 minutes', p.paid_at, p.paid_at
      FROM demo_dues_paid p WHERE p.channel = 'online'`);
  await tx.execute(sql`
    INSERT INTO dues_online_order_bills (county_code, order_id, bill_id, month, amount_fen)
    SELECT ${county}, p.order_id, p.bill_id, p.month, p.amount_fen FROM demo_dues_paid p WHERE p.channel = 'online'`);

  // Two bank files (银费通): the bank's results of the last two closed months, matched line by line.
  const bankMonths = [addMonthsTo(current, -2), addMonthsTo(current, -1)];
  const files = bankMonths.map((m) => ({ month: m, id: uuid7(sql`(${`${addMonthsTo(m, 1)}-02 08:30:00+08`})::timestamptz`) }));
  let bankLines = 0;
  for (const f of files) {
    const at = `${addMonthsTo(f.month, 1)}-02 08:30:00+08`;
    const id = rows<{ id: string }>(await tx.execute(sql`SELECT ${f.id} AS id`))[0].id;
    const lines = await count(tx, sql`SELECT count(*)::int AS n FROM demo_dues_paid p WHERE p.channel = 'bank' AND p.month = ${f.month} AND p.paid_at < ${at}::timestamptz`);
    await tx.execute(sql`
      INSERT INTO dues_bank_files (county_code, id, file_name, format, encoding, scope_paths, lines, matched, matched_fen, outcomes, created_by_name, created_at)
      SELECT ${county}, ${id}::uuid, ${`银费通扣款结果_${f.month.replace('-', '')}.csv`}, 'csv', 'gbk', ARRAY[${opts.rootPath}]::text[], count(*) + 2, count(*), coalesce(sum(p.amount_fen), 0),
             jsonb_build_object('matched', count(*), 'unknown_card', 1, 'bank_failed', 1), ${opts.payer}, ${at}::timestamptz
        FROM demo_dues_paid p WHERE p.channel = 'bank' AND p.month = ${f.month} AND p.paid_at < ${at}::timestamptz`);
    await tx.execute(sql`
      INSERT INTO dues_bank_file_lines (county_code, file_id, line_no, card_no, name, month, amount_fen, txn_no, bank_status, outcome, member_id, bill_id, payment_id)
      SELECT ${county}, ${id}::uuid, 1 + row_number() OVER (ORDER BY m.card_no), m.card_no, m.name, p.month, p.amount_fen, 'YFT' || replace(p.bill_id::text, '-', ''), '成功', 'matched', p.member_id, p.bill_id, p.payment_id
        FROM demo_dues_paid p JOIN members m ON m.county_code = ${county} AND m.id = p.member_id
       WHERE p.channel = 'bank' AND p.month = ${f.month} AND p.paid_at < ${at}::timestamptz`);
    await tx.execute(sql`
      INSERT INTO dues_bank_file_lines (county_code, file_id, line_no, card_no, name, month, amount_fen, txn_no, bank_status, outcome, reason)
      VALUES (${county}, ${id}::uuid, ${lines + 2}, '6217000000000000000', '王某某', ${f.month}, 2000, ${`YFT-UNKNOWN-${f.month}`}, '成功', 'unknown_card', '卡号不属于任何党员'),
             (${county}, ${id}::uuid, ${lines + 3}, NULL, NULL, ${f.month}, NULL, ${`YFT-FAILED-${f.month}`}, '余额不足', 'bank_failed', '银行扣款失败')`);
    await tx.execute(sql`UPDATE demo_dues_paid SET bank_file_id = ${id}::uuid WHERE channel = 'bank' AND month = ${f.month} AND paid_at < ${at}::timestamptz`);
    bankLines += lines + 2;
  }

  // The payments: bank lines carry the bank's serial, the others a receipt number.
  await tx.execute(sql`
    INSERT INTO dues_payments (county_code, id, member_id, org_id, kind, channel, bill_id, month, amount_fen, receipt_no, bank_file_id, bank_txn_no, online_order_id, created_by_name, created_at)
    SELECT ${county}, p.payment_id, p.member_id, p.org_id, 'bill', p.channel, p.bill_id, p.month, p.amount_fen,
           CASE WHEN p.channel <> 'bank' THEN ${receipt} END,
           p.bank_file_id,
           CASE WHEN p.channel = 'bank' THEN 'YFT' || replace(p.bill_id::text, '-', '') END,
           CASE WHEN p.channel = 'online' THEN p.order_id END,
           CASE p.channel WHEN 'bank' THEN '银费通' WHEN 'online' THEN '在线缴费' ELSE ${opts.payer} END, p.paid_at
      FROM demo_dues_paid p`);
  await tx.execute(sql`
    INSERT INTO dues_receipt_counters (county_code, year, last_no)
    SELECT ${county}, year, max(seq) FROM demo_dues_paid GROUP BY year
    ON CONFLICT (county_code, year) DO UPDATE SET last_no = greatest(dues_receipt_counters.last_no, EXCLUDED.last_no)`);

  await restore();
  const [bases, bills, payments, onlineOrders] = await Promise.all([
    count(tx, sql`SELECT count(*)::int AS n FROM dues_bases WHERE county_code = ${county}`),
    count(tx, sql`SELECT count(*)::int AS n FROM dues_bills WHERE county_code = ${county}`),
    count(tx, sql`SELECT count(*)::int AS n FROM dues_payments WHERE county_code = ${county}`),
    count(tx, sql`SELECT count(*)::int AS n FROM dues_online_orders WHERE county_code = ${county}`),
  ]);
  return { months: n, bases, bills, payments, onlineOrders, bankFiles: files.length, bankLines, ms: performance.now() - started };
}
