// The supervision benchmark (issue 6): the demo county (scale 1 by default) with 12 months of activity
// history and dues, rolled up by the seed, then — through the same services as the routes — the
// county's monthly 通报 built for each of the last full months (the rule engine over the county, the
// activity and dues rollups, scores and ranks), the rule engine's county view and one branch's drill-down.
// Each is timed over BENCH_RUNS calls after a warm-up; target: the 通报 < 200 ms (p95). PGlite in a temp
// dir and, with BENCH_DATABASE_URL, PostgreSQL (BENCH_SCALE=30 BENCH_TARGET_MS=1000 for the issue's
// scale-30 figure).
// Writes bench/results/supervision-<engine>.json.
import os from 'node:os';
import { todayIn } from '../common/calendar.ts';
import { seedDemo } from '../server/bootstrap/demo.ts';
import type { Database } from '../server/core/db/client.ts';
import { migrate } from '../server/core/db/migrate.ts';
import { buildBulletin } from '../server/modules/supervision/bulletin.build.ts';
import { bulletinAsOf, settingsOf } from '../server/modules/supervision/bulletin.service.ts';
import { COMPLIANCE_READ, complianceView, orgCompliance } from '../server/modules/supervision/compliance.service.ts';
import { runBench, tempDir } from './lib/cleanup.ts';
import { forEachEngine, num, quantiles, rootCtx, say, servicesFor, timeCalls } from './lib/in-process.ts';
import { type Figure, figure } from './lib/report.ts';

const CFG = {
  scale: num('BENCH_SCALE', 1),
  seed: num('BENCH_SEED', 42),
  months: num('BENCH_HISTORY_MONTHS', 12),
  duesMonths: num('BENCH_DUES_MONTHS', 12),
  runs: num('BENCH_RUNS', 10),
  timeoutMinutes: num('BENCH_TIMEOUT_MINUTES', 40),
  targetMs: num('BENCH_TARGET_MS', 200),
};

const timeIt = (f: () => Promise<unknown>, runs = CFG.runs) => timeCalls(f, runs);

const monthBack = (today: string, back: number) => {
  const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - back);
  return d.toISOString().slice(0, 7);
};

async function run(engine: 'pglite' | 'postgres', open: () => Promise<Database>): Promise<{ figures: Figure[]; raw: Record<string, unknown> }> {
  const t = tempDir();
  const database = await open();
  try {
    const services = servicesFor(database, t.dir);
    await migrate(database);
    say(`${engine}: seeding the demo county (scale ${CFG.scale}, ${CFG.months} months of activities, ${CFG.duesMonths} of dues)…`);
    const s0 = performance.now();
    const seeded = await seedDemo(services, { scale: CFG.scale, seed: CFG.seed, historyMonths: CFG.months, duesMonths: CFG.duesMonths });
    if (seeded.status !== 'seeded') throw new Error(`${engine}: the database was not empty (${seeded.status})`);
    const seedMs = performance.now() - s0;
    say(`${engine}: ${seeded.members} members, ${seeded.activities} activities (seeded in ${(seedMs / 1000).toFixed(1)} s)`);
    const [r0] = await database.query<{ county: string; id: string; path: string; name: string }>("SELECT county_code AS county, id, path, name FROM organizations WHERE depth = 0 LIMIT 1");
    const root = { ...r0, countyCode: r0.county };
    const [{ n: orgCount }] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM organizations WHERE county_code = $1', [root.county]);
    const [{ n: keyCount }] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM org_activity_day_keys WHERE county_code = $1', [root.county]);
    const ctx = rootCtx(services, root.county, root, [COMPLIANCE_READ]);
    const settings = await settingsOf(services.db, root.county);
    const today = todayIn();
    const load0 = os.loadavg()[0];

    // The 通报 of each of the last full months (as the job builds it on the 通报 day).
    const months = Array.from({ length: Math.max(1, CFG.months - 1) }, (_, i) => monthBack(today, i + 1));
    const perMonth: { month: string; median: number; p95: number; red: number; total: number; ranked: number }[] = [];
    const pooled: number[] = [];
    for (const month of months) {
      const asOf = bulletinAsOf(month, settings.bulletinDay, today);
      const tm = await timeIt(() => buildBulletin(services.db, root, month, asOf, settings), Math.max(3, Math.round(CFG.runs / 2)));
      pooled.push(...tm.samples);
      const b = await buildBulletin(services.db, root, month, asOf, settings);
      perMonth.push({ month, median: tm.median, p95: tm.p95, red: b.county.orgs.red, total: b.county.orgs.total, ranked: b.branches.filter((x) => x.rank !== null).length });
      say(`${engine}: 通报 ${month}: median ${tm.median.toFixed(1)} ms, p95 ${tm.p95.toFixed(1)} ms; ${b.county.orgs.total} organizations judged (green ${b.county.orgs.green}, amber ${b.county.orgs.amber}, red ${b.county.orgs.red}), 三会一课 ${((b.county.threeMeetingsRate ?? 0) * 100).toFixed(1)} %`);
    }
    const worst = perMonth.reduce((a, b) => (b.p95 > a.p95 ? b : a));
    const allP95 = perMonth.map((m) => m.p95).sort((a, b) => a - b);
    const all = quantiles(pooled);
    const lastMonth = months[0];
    const view = await timeIt(() => complianceView(ctx, { period: lastMonth }));
    const quarterView = await timeIt(() => complianceView(ctx, { period: `${lastMonth.slice(0, 4)}-Q${Math.ceil(Number(lastMonth.slice(5, 7)) / 3)}` }));
    const v = await complianceView(ctx, { period: lastMonth });
    const red = v.red.items[0]?.orgId ?? v.children[0]?.orgId;
    const branch = red ? await timeIt(() => orgCompliance(ctx, red, { period: lastMonth })) : null;
    const target = { op: '<' as const, value: CFG.targetMs };
    const figures = [
      figure('monthly 通报 of the county (p95 of every call, all months)', all.p95, 'ms', target, `median ${all.median.toFixed(1)} ms, max ${all.max.toFixed(0)} ms over ${pooled.length} calls, ${months.length} months`),
      figure('monthly 通报, worst month (p95 of its calls)', worst.p95, 'ms', null, `${worst.month}: median ${worst.median.toFixed(1)} ms; p95 per month ${allP95[0].toFixed(0)}–${allP95[allP95.length - 1].toFixed(0)} ms`),
      figure('rule engine, county view of a month (p95)', view.p95, 'ms', null, `median ${view.median.toFixed(1)} ms; ${v.orgs.total} organizations: green ${v.orgs.green}, amber ${v.orgs.amber}, red ${v.orgs.red}`),
      figure('rule engine, county view of a quarter (p95)', quarterView.p95, 'ms', null, `median ${quarterView.median.toFixed(1)} ms`),
      ...(branch ? [figure('one organization’s checks with the activities counted (p95)', branch.p95, 'ms', null, `median ${branch.median.toFixed(1)} ms`)] : []),
      figure('county', orgCount, 'organizations', null, `${keyCount} activities in the rollup; seed ${(seedMs / 1000).toFixed(1)} s`),
      figure('load average before', load0, '', null, `${os.cpus().length} CPUs, shared machine`),
    ];
    return { figures, raw: { engine, perMonth, view, quarterView, branch, seedMs, orgCount, keyCount } };
  } finally {
    await database.close();
    await t.remove();
  }
}

runBench(() => forEachEngine({ name: 'supervision', title: `Hongyun supervision (通报, rule engine), scale ${CFG.scale}`, config: CFG, run }), { timeoutMinutes: CFG.timeoutMinutes });
