// The bank deduction file benchmark (银费通, issue 5): the demo county (≈ 35,000 members, scale 1) with
// bases and the bills of the current month; every member gets a card number; then a 35,000-line result
// file (CSV, UTF-8) naming those cards — most lines pay their bill, with a sprinkling of unknown cards,
// amount mismatches, duplicates and malformed lines — is read and reconciled by the same code as
// POST /api/dues/bank-files (readBankFile + reconcile), in process, on PGlite (a temp data dir) and,
// when BENCH_DATABASE_URL is set, on PostgreSQL. Target: < 10 s. A second import of the same file must
// pay nothing (timed too). Prints a table per engine and writes bench/results/dues-bank-<engine>.json.
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { formatFen } from '../common/dues.ts';
import { seedDemo } from '../server/bootstrap/demo.ts';
import type { Database } from '../server/core/db/client.ts';
import { migrate } from '../server/core/db/migrate.ts';
import { readBankFile } from '../server/modules/dues/bank-file.parse.ts';
import { reconcile } from '../server/modules/dues/bank-file.service.ts';
import { currentMonth } from '../server/modules/dues/bills.rules.ts';
import { generateBills } from '../server/modules/dues/bills.ts';
import { runBench, tempDir } from './lib/cleanup.ts';
import { type Figure, figure, } from './lib/report.ts';
import { forEachEngine, num, rootCtx, say, servicesFor } from './lib/in-process.ts';

const CFG = { scale: num('BENCH_SCALE', 1), seed: num('BENCH_SEED', 42), lines: num('BENCH_LINES', 35_000), timeoutMinutes: num('BENCH_TIMEOUT_MINUTES', 20) };
/** The target: a 35,000-line bank file reconciled in < 10 s. */
const TARGET_MS = 10_000;


async function run(engine: 'pglite' | 'postgres', open: () => Promise<Database>): Promise<{ figures: Figure[]; raw: Record<string, unknown> }> {
  const t = tempDir();
  const database = await open();
  try {
    await migrate(database);
    const services = servicesFor(database, t.dir);
    say(`${engine}: seeding the demo county (scale ${CFG.scale}, no activity history)…`);
    const seeded = await seedDemo(services, { scale: CFG.scale, seed: CFG.seed, historyMonths: 0, duesMonths: 0 });
    if (seeded.status !== 'seeded') throw new Error(`${engine}: the database was not empty (${seeded.status})`);
    const [root] = await database.query<{ county: string; id: string; path: string; name: string }>('SELECT county_code AS county, id, path, name FROM organizations WHERE depth = 0 LIMIT 1');
    const county = root.county;
    const month = currentMonth();
    // Flat bases for the rated categories (the amounts do not matter here), and a card for everyone.
    await database.db.execute(sql`
      INSERT INTO dues_bases (county_code, id, member_id, effective_month, base_fen, reason, created_by_name)
      SELECT county_code, gen_random_uuid(), id, '2020-01', 400000, 'bench', 'bench' FROM members
       WHERE county_code = ${county} AND dues_category IN ('employed', 'annual_salary', 'self_employed', 'retired')`);
    await database.db.execute(sql`UPDATE members SET card_no = 'YFT' || lpad(s.n::text, 9, '0')
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM members WHERE county_code = ${county}) s WHERE members.county_code = ${county} AND members.id = s.id`);
    await generateBills(services, { countyCode: county, month });
    const bills = await database.query<{ card: string; name: string; amount: string }>(
      `SELECT m.card_no AS card, m.name, b.amount_fen::text AS amount FROM dues_bills b JOIN members m ON m.county_code = b.county_code AND m.id = b.member_id
        WHERE b.county_code = $1 AND b.month = $2 AND b.amount_fen IS NOT NULL ORDER BY m.card_no`,
      [county, month],
    );
    // The file: one line per bill up to CFG.lines; every 500th line a problem of each kind.
    const lines = ['卡号,姓名,月份,金额(元),交易流水号,状态'];
    for (let i = 0; lines.length <= CFG.lines; i++) {
      const b = bills[i % bills.length];
      const txn = `B${String(i).padStart(8, '0')}`;
      if (i >= bills.length) lines.push(`${b.card},${b.name},${month},${formatFen(Number(b.amount))},${txn},成功`); // duplicates (card + month) past the bills
      else if (i % 500 === 1) lines.push(`NOCARD${i},无此人,${month},1.00,${txn},成功`);
      else if (i % 500 === 2) lines.push(`${b.card},${b.name},${month},${formatFen(Number(b.amount) + 1)},${txn},成功`);
      else if (i % 500 === 3) lines.push(`${b.card},${b.name},${month},abc,${txn},成功`);
      else lines.push(`${b.card},${b.name},${month},${formatFen(Number(b.amount))},${txn},成功`);
    }
    const file = Buffer.from(lines.join('\r\n'), 'utf8');
    const ctx = rootCtx(services, county, root, ['dues.bank']);
    say(`${engine}: ${seeded.members} members, ${bills.length} bills of ${month}; reconciling a ${lines.length - 1}-line file (${(file.length / 1e6).toFixed(1)} MB)…`);

    const load0 = os.loadavg()[0];
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const read = await readBankFile(file);
    const id = await reconcile(ctx, read.lines, { fileName: 'bench.csv', format: read.format, encoding: read.encoding });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const t1 = performance.now();
    const read2 = await readBankFile(file);
    const id2 = await reconcile(ctx, read2.lines, { fileName: 'bench.csv', format: read2.format, encoding: read2.encoding });
    const againMs = performance.now() - t1;
    const [first] = await database.query<{ matched: number; matched_fen: string; outcomes: Record<string, number> }>('SELECT matched, matched_fen::text, outcomes FROM dues_bank_files WHERE id = $1', [id]);
    const [second] = await database.query<{ matched: number; outcomes: Record<string, number> }>('SELECT matched, outcomes FROM dues_bank_files WHERE id = $1', [id2]);
    const [{ n }] = await database.query<{ n: number }>("SELECT count(*)::int AS n FROM dues_payments WHERE county_code = $1 AND channel = 'bank'", [county]);
    if (n !== first.matched) throw new Error(`${engine}: ${n} bank payments, ${first.matched} matched lines`);
    if (second.matched !== 0) throw new Error(`${engine}: the second import paid ${second.matched} lines`);
    const figures = [
      figure(`${(lines.length - 1).toLocaleString('en-US')}-line bank file read and reconciled`, ms, 'ms', { op: '<', value: TARGET_MS }, 'parse, in-file duplicates, known 流水号, members by card, bills, INSERT payments / UPDATE bills / file entries / report lines per 5,000'),
      figure('second import of the same file (pays nothing)', againMs, 'ms', null, `already imported ${second.outcomes.already_imported}`),
      figure('lines matched (bills paid)', first.matched, '', null, `${Math.round(Number(first.matched_fen) / 100)} 元`),
      figure('outcomes', 0, '', null, JSON.stringify(first.outcomes)),
      figure('process CPU time (first import)', Math.round((cpu.user + cpu.system) / 1000), 'ms', null, engine === 'pglite' ? 'includes the embedded database' : 'the PostgreSQL server not included'),
      figure('load average before', load0, '', null, `${os.cpus().length} CPUs, shared machine`),
    ];
    return { figures, raw: { engine, month, members: seeded.members, bills: bills.length, lines: lines.length - 1, ms, againMs, first, second } };
  } finally {
    await database.close();
    await t.remove();
  }
}

runBench(
  () => forEachEngine({ name: 'dues-bank', title: `Hongyun bank deduction file, scale ${CFG.scale}`, config: CFG, run }),
  { timeoutMinutes: CFG.timeoutMinutes },
);
