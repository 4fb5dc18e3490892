// Shared scaffolding of the benchmarks that call services in this process (no HTTP server): a
// positive number from the environment, the services of a database, and the loop over the
// engines (PGlite in a temp dir; PostgreSQL in a fresh hongyun_bench_<random> database) that
// prints each engine's table, writes bench/results/<name>-<engine>.json and counts the misses.
import path from 'node:path';
import type { Actor, Ctx } from '../../server/core/access/context.ts';
import { isInSubtree } from '../../server/core/access/scope.ts';
import { loadConfig } from '../../server/core/config.ts';
import { generateKeyRingJson, parseKeyRing } from '../../server/core/crypto/keys.ts';
import { type Database, openPglite, openPostgres } from '../../server/core/db/client.ts';
import { Events } from '../../server/core/events.ts';
import { JobQueue } from '../../server/core/jobs/queue.ts';
import type { Services } from '../../server/core/services.ts';
import { tempDir } from './cleanup.ts';
import { createBenchDatabase, redact } from './pg.ts';
import { type Figure, environment, printTable, writeResults } from './report.ts';
import { ROOT } from './server.ts';

export const say = (s: string) => process.stderr.write(`${s}\n`);

/** A positive number from the environment, or the default. */
export const num = (name: string, d: number) => {
  const n = Number(process.env[name]);
  return process.env[name] && Number.isFinite(n) && n > 0 ? n : d;
};

const quiet = { info() {}, warn() {}, error() {} };

/** The services of a database, as the server builds them (demo mode, a fresh key ring, no logging). */
export function servicesFor(database: Database, dataDir: string): Services {
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, HONGYUN_MODE: 'demo' });
  return { config, database, db: database.db, keys: parseKeyRing(generateKeyRingJson()), jobs: new JobQueue(database.db), events: new Events(), log: quiet };
}

/** A county administrator at the county root holding `permissions` (the benches call services, not HTTP routes). */
export function rootCtx(services: Services, county: string, root: { id: string; path: string; name: string }, permissions: string[]): Ctx {
  const actor: Actor = {
    accountId: '00000000-0000-7000-8000-000000000001', countyCode: county, username: 'bench', displayName: 'bench', kind: 'admin', orgId: root.id, memberId: null,
    grants: [{ id: 'bench', role: 'county_admin', orgId: root.id, orgPath: root.path, orgName: root.name }], roles: ['county_admin'], permissions: new Set(permissions),
    restricted: null, sessionId: 'bench', csrfToken: 'bench', flags: { mustChangePassword: false, totpEnabled: false, isDemo: false },
  };
  return { services, actor, ip: '127.0.0.1', lang: 'zh-CN', can: () => true, scope: () => [root.path], inScope: (_p, orgPath) => isInSubtree(orgPath, [root.path]) };
}

export type EngineRun = (engine: 'pglite' | 'postgres', open: () => Promise<Database>) => Promise<{ figures: Figure[]; raw: Record<string, unknown> }>;

/** Runs `run` on each engine of BENCH_ENGINES (default PGlite, plus PostgreSQL when BENCH_DATABASE_URL is set). */
export async function forEachEngine(opts: { name: string; title: string; config: Record<string, unknown>; run: EngineRun }) {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  const engines = (process.env.BENCH_ENGINES ?? (adminUrl ? 'pglite,postgres' : 'pglite')).split(',').map((s) => s.trim());
  const env = environment(ROOT);
  say(`${opts.name} bench: node ${env.node}, ${env.cpuCount} × ${env.cpuModel}, load ${env.loadavg.join(' ')}, engines ${engines.join(', ')}, ${JSON.stringify(opts.config)}`);
  let misses = 0;
  for (const engine of engines) {
    const startedAt = new Date().toISOString();
    let r: { figures: Figure[]; raw: Record<string, unknown> };
    if (engine === 'pglite') {
      const dir = tempDir();
      r = await opts.run('pglite', () => openPglite(path.join(dir.dir, 'pgdata')));
      await dir.remove();
    } else if (engine === 'postgres') {
      if (!adminUrl) throw new Error('BENCH_ENGINES names postgres but BENCH_DATABASE_URL is not set');
      const db = await createBenchDatabase(adminUrl);
      say(`postgres: created database ${db.name} on ${redact(adminUrl)}`);
      r = await opts.run('postgres', () => openPostgres(db.url, 5));
      await db.drop();
    } else throw new Error(`unknown engine "${engine}" in BENCH_ENGINES`);
    printTable(`${opts.title} — ${engine}`, r.figures);
    misses += r.figures.filter((f) => f.status === 'MISS').length;
    const file = writeResults(ROOT, engine, { engine, startedAt, finishedAt: new Date().toISOString(), config: opts.config, environment: { ...env, loadavgAtEnd: environment(ROOT).loadavg }, figures: r.figures, raw: r.raw }, opts.name);
    process.stdout.write(`results: ${file}\n`);
  }
  process.stdout.write(`${misses === 0 ? 'all targets met' : `${misses} target(s) missed`}\n`);
}

/** Median and p95 (ms) of `runs` calls of `f` after one warm-up call. */
export async function timeCalls(f: () => Promise<unknown>, runs: number) {
  await f();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    ms.push(performance.now() - t0);
  }
  return { ...quantiles(ms), samples: ms };
}

/** Median, p95 and max of durations (ms). */
export function quantiles(samples: readonly number[]) {
  const ms = [...samples].sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)], p95: ms[Math.min(ms.length - 1, Math.ceil(ms.length * 0.95) - 1)], max: ms[ms.length - 1] };
}
