// The dues monitoring benchmark (issue 5): the demo county (≈ 35,000 members, scale 1) with its 12 months
// of dues history (bases, ≈ 410,000 bills, ≈ 400,000 payments), then the county's views as a county
// administrator at the root asks them, through the same services as the routes: the monthly overview
// (townships with 应交 / 实交 / 月月清 and the 12-month trend), the early-warning list (organizations
// below the paid share, members in arrears), the per-organization month list, a township's overview, and
// the daily warning job. Each view is timed over BENCH_RUNS calls after one warm-up; target: < 100 ms
// (p95). PGlite in a temp dir and, with BENCH_DATABASE_URL, PostgreSQL. Writes bench/results/dues-monitor-<engine>.json.
import os from 'node:os';
import { seedDemo } from '../server/bootstrap/demo.ts';
import type { Database } from '../server/core/db/client.ts';
import { migrate } from '../server/core/db/migrate.ts';
import { duesOverview, duesWarnings, orgMonths } from '../server/modules/dues/monitoring.service.ts';
import { DUES_READ } from '../server/modules/dues/profiles.service.ts';
import { runWarnings } from '../server/modules/dues/warnings.ts';
import { runBench, tempDir } from './lib/cleanup.ts';
import { forEachEngine, num, rootCtx, say, servicesFor, timeCalls } from './lib/in-process.ts';
import { type Figure, figure } from './lib/report.ts';

const CFG = { scale: num('BENCH_SCALE', 1), seed: num('BENCH_SEED', 42), runs: num('BENCH_RUNS', 30), timeoutMinutes: num('BENCH_TIMEOUT_MINUTES', 20) };
/** The target: the county monthly overview and the early-warning list in < 100 ms. */
const TARGET_MS = 100;

const timeIt = (f: () => Promise<unknown>) => timeCalls(f, CFG.runs);

async function run(engine: 'pglite' | 'postgres', open: () => Promise<Database>): Promise<{ figures: Figure[]; raw: Record<string, unknown> }> {
  const t = tempDir();
  const database = await open();
  try {
    await migrate(database);
    const services = servicesFor(database, t.dir);
    say(`${engine}: seeding the demo county (scale ${CFG.scale}, 12 months of dues, no activity history)…`);
    const s0 = performance.now();
    const seeded = await seedDemo(services, { scale: CFG.scale, seed: CFG.seed, historyMonths: 0 });
    if (seeded.status !== 'seeded') throw new Error(`${engine}: the database was not empty (${seeded.status})`);
    const seedMs = performance.now() - s0;
    const [root] = await database.query<{ county: string; id: string; path: string; name: string }>('SELECT county_code AS county, id, path, name FROM organizations WHERE depth = 0 LIMIT 1');
    const [town] = await database.query<{ id: string }>("SELECT id FROM organizations WHERE depth = 1 AND name LIKE '%雉城街道%' LIMIT 1");
    const ctx = rootCtx(services, root.county, root, [DUES_READ]);
    const page = { limit: 20, offset: 0 };
    say(`${engine}: ${seeded.members} members, ${seeded.dues.bills} bills, ${seeded.dues.payments} payments (seeded in ${(seedMs / 1000).toFixed(1)} s); timing the views…`);

    const load0 = os.loadavg()[0];
    const overview = await timeIt(() => duesOverview(ctx, DUES_READ, {}));
    const warnings = await timeIt(() => duesWarnings(ctx, DUES_READ, {}, page));
    const months = await timeIt(() => orgMonths(ctx, DUES_READ, {}, page));
    const township = await timeIt(() => duesOverview(ctx, DUES_READ, { orgId: town.id }));
    const o = await duesOverview(ctx, DUES_READ, {});
    const w = await duesWarnings(ctx, DUES_READ, {}, page);
    const j0 = performance.now();
    const job = await runWarnings(services, root.county);
    const jobMs = performance.now() - j0;
    const target = { op: '<' as const, value: TARGET_MS };
    const figures = [
      figure('county monthly overview (p95)', overview.p95, 'ms', target, `median ${overview.median.toFixed(1)} ms; ${o.children.length} townships, 12-month trend; ${o.totals.clearOrgs}/${o.totals.orgs} organizations 月月清`),
      figure('county early-warning list (p95)', warnings.p95, 'ms', target, `median ${warnings.median.toFixed(1)} ms; ${w.orgs.total} organizations below ${w.settings.warnShareBp / 100} %, ${w.members.total} members in arrears (${w.members.lapseReview} for review)`),
      figure('per-organization month list, first page (p95)', months.p95, 'ms', null, `median ${months.median.toFixed(1)} ms`),
      figure('township overview (p95)', township.p95, 'ms', null, `median ${township.median.toFixed(1)} ms`),
      figure('daily warning job (second run today: writes nothing new)', jobMs, 'ms', null, JSON.stringify(job)),
      figure('dues history seeded', seeded.dues.bills, 'bills', null, `${seeded.dues.payments} payments, ${seeded.dues.bases} bases; seed ${(seedMs / 1000).toFixed(1)} s (dues part ${((seeded.parts.dues ?? 0) / 1000).toFixed(1)} s)`),
      figure('load average before', load0, '', null, `${os.cpus().length} CPUs, shared machine`),
    ];
    return { figures, raw: { engine, members: seeded.members, dues: seeded.dues, overview, warnings, months, township, jobMs, job, seedMs } };
  } finally {
    await database.close();
    await t.remove();
  }
}

runBench(() => forEachEngine({ name: 'dues-monitor', title: `Hongyun dues monitoring, scale ${CFG.scale}`, config: CFG, run }), { timeoutMinutes: CFG.timeoutMinutes });
