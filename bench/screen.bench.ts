// The big screen benchmark (issue 6, 大屏): the demo county (≈ 1,650 organizations, ≈ 35,000 members, scale 1)
// with its months of activities and check-ins (the supervision rollup run by the seed) and 12 months of
// dues, then each /api/screen endpoint's service as a county administrator at the root asks it — and a
// township's — uncached: overview (blocks), live (today's check-ins by hour), activity (12-month trend,
// 三会一课, volunteering), dues (月月清), compliance (the rule engine's counts of the month). Each is timed over BENCH_RUNS calls after one warm-up; target
// < 50 ms (p95, the county). The cached path (what the wall display mostly gets) is shown for information.
// PGlite in a temp dir and, with BENCH_DATABASE_URL, PostgreSQL. Writes bench/results/screen-<engine>.json.
import os from 'node:os';
import { seedDemo } from '../server/bootstrap/demo.ts';
import type { Database } from '../server/core/db/client.ts';
import { migrate } from '../server/core/db/migrate.ts';
import { SCREEN_VIEW, cached, clearScreenCache, screenActivity, screenCompliance, screenDues, screenLive, screenOverview } from '../server/modules/screen/screen.service.ts';
import { runBench, tempDir } from './lib/cleanup.ts';
import { forEachEngine, num, rootCtx, say, servicesFor, timeCalls } from './lib/in-process.ts';
import { type Figure, figure } from './lib/report.ts';

const CFG = { scale: num('BENCH_SCALE', 1), seed: num('BENCH_SEED', 42), runs: num('BENCH_RUNS', 30), timeoutMinutes: num('BENCH_TIMEOUT_MINUTES', 20) };
/** The figure: big-screen endpoints < 50 ms. */
const TARGET_MS = 50;

const timeIt = (f: () => Promise<unknown>) => timeCalls(f, CFG.runs);

async function run(engine: 'pglite' | 'postgres', open: () => Promise<Database>): Promise<{ figures: Figure[]; raw: Record<string, unknown> }> {
  const t = tempDir();
  const database = await open();
  try {
    await migrate(database);
    const services = servicesFor(database, t.dir);
    say(`${engine}: seeding the demo county (scale ${CFG.scale}, activity history and 12 months of dues)…`);
    const s0 = performance.now();
    const seeded = await seedDemo(services, { scale: CFG.scale, seed: CFG.seed });
    if (seeded.status !== 'seeded') throw new Error(`${engine}: the database was not empty (${seeded.status})`);
    const seedMs = performance.now() - s0;
    const [root] = await database.query<{ county: string; id: string; path: string; name: string }>('SELECT county_code AS county, id, path, name FROM organizations WHERE depth = 0 LIMIT 1');
    const [town] = await database.query<{ id: string }>("SELECT id FROM organizations WHERE depth = 1 AND name LIKE '%雉城街道%' LIMIT 1");
    const [rows] = await database.query<{ days: number; dues: number; today: number }>(
      `SELECT (SELECT count(*) FROM org_activity_days)::int AS days, (SELECT count(*) FROM dues_org_months)::int AS dues,
              (SELECT count(*) FROM checkins WHERE server_time >= date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'
                 AND server_time < (date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') + interval '1 day') AT TIME ZONE 'Asia/Shanghai')::int AS today`,
    );
    const ctx = rootCtx(services, root.county, root, [SCREEN_VIEW]);
    say(`${engine}: ${seeded.members} members, ${seeded.activities} activities, ${seeded.checkins} check-ins, ${rows.days} rollup days, ${rows.dues} dues months (seeded in ${(seedMs / 1000).toFixed(1)} s); timing the endpoints…`);

    const load0 = os.loadavg()[0];
    const endpoints = { overview: screenOverview, live: screenLive, activity: screenActivity, dues: screenDues, compliance: screenCompliance } as const;
    const figures: Figure[] = [];
    const raw: Record<string, unknown> = { engine, members: seeded.members, activities: seeded.activities, checkins: seeded.checkins, rollupDays: rows.days, duesMonths: rows.dues, todayCheckins: rows.today, seedMs };
    for (const [name, f] of Object.entries(endpoints)) {
      const county = await timeIt(() => f(ctx, {}));
      const township = await timeIt(() => f(ctx, { orgId: town.id }));
      raw[name] = { county, township };
      figures.push(figure(`${name}, county (p95, uncached)`, county.p95, 'ms', { op: '<', value: TARGET_MS }, `median ${county.median.toFixed(1)} ms`));
      figures.push(figure(`${name}, township (p95, uncached)`, township.p95, 'ms', { op: '<', value: TARGET_MS }, `median ${township.median.toFixed(1)} ms`));
    }
    // The routes answer from a 5-second cache per organization: what most of a wall display's calls cost.
    clearScreenCache();
    const hit = await timeIt(() => cached(`overview:${root.county}:${root.id}`, () => screenOverview(ctx, {})));
    raw.cachedOverview = hit;
    const o = await screenOverview(ctx, {});
    const l = await screenLive(ctx, {});
    figures.push(
      figure('overview, county, cached (p95)', hit.p95, 'ms', null, `median ${hit.median.toFixed(2)} ms`),
      figure('the county on the screen', o.blocks.length, 'blocks', null, `${o.totals.organizations} organizations, ${o.totals.members} members, ${l.checkins} check-ins today (${rows.today} in the table by server time)`),
      figure('rollup rows read', rows.days, 'org_activity_days rows', null, `${rows.dues} dues_org_months rows; seed ${(seedMs / 1000).toFixed(1)} s`),
      figure('load average before', load0, '', null, `${os.cpus().length} CPUs, shared machine`),
    );
    return { figures, raw };
  } finally {
    await database.close();
    await t.remove();
  }
}

runBench(() => forEachEngine({ name: 'screen', title: `Hongyun big screen, scale ${CFG.scale}`, config: CFG, run }), { timeoutMinutes: CFG.timeoutMinutes });
