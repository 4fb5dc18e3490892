// The demo county benchmark: generate and load the deterministic demo county (organizations,
// members with their electronic files and committees, demo accounts) into an empty database, in
// process, the way `npm start` and `hongyun seed --demo` do. Engines: PGlite in a temp data dir
// (what `npm start` uses), PGlite in memory, and PostgreSQL when BENCH_DATABASE_URL is set.
// Prints a table per engine and writes bench/results/demo-seed-<engine>.json. See bench/README.md.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemo } from '../server/bootstrap/demo.ts';
import { loadConfig } from '../server/core/config.ts';
import { generateKeyRingJson, parseKeyRing } from '../server/core/crypto/keys.ts';
import { type Database, openPglite, openPostgres } from '../server/core/db/client.ts';
import { migrate } from '../server/core/db/migrate.ts';
import { Events } from '../server/core/events.ts';
import { JobQueue } from '../server/core/jobs/queue.ts';
import type { Services } from '../server/core/services.ts';
import { runBench, tempDir } from './lib/cleanup.ts';
import { createBenchDatabase, redact } from './lib/pg.ts';
import { type Figure, environment, figure, printTable, writeResults } from './lib/report.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const num = (name: string, d: number) => {
  const n = Number(process.env[name]);
  return process.env[name] && Number.isFinite(n) && n > 0 ? n : d;
};

/** Knobs (environment variables). */
const CFG = {
  scale: num('BENCH_SCALE', 1),
  seed: num('BENCH_SEED', 42),
  timeoutMinutes: num('BENCH_TIMEOUT_MINUTES', 30),
  /** Months of activity history (default: by scale, see historyMonths); 0 leaves it out. */
  historyMonths: process.env.BENCH_HISTORY_MONTHS ? Number(process.env.BENCH_HISTORY_MONTHS) : undefined,
};

/** The target: the demo county generated and loaded in < 20 s on PGlite (scale 1). */
const TARGET_MS = 20_000;

const say = (s: string) => process.stderr.write(`${s}\n`);
const quiet = { info() {}, warn() {}, error() {} };

/** The services the seed needs, without the HTTP app (no module is loaded). */
function servicesFor(database: Database, dataDir: string): Services {
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, HONGYUN_MODE: 'demo' });
  return { config, database, db: database.db, keys: parseKeyRing(generateKeyRingJson()), jobs: new JobQueue(database.db), events: new Events(), log: quiet };
}

async function run(engine: string, open: () => Promise<Database>): Promise<{ figures: Figure[]; raw: unknown }> {
  const t = tempDir();
  const database = await open();
  try {
    await migrate(database);
    const services = servicesFor(database, t.dir);
    say(`${engine}: seeding the demo county (scale ${CFG.scale}, seed ${CFG.seed})…`);
    let last = 0;
    const cpu0 = process.cpuUsage();
    const r = await seedDemo(services, {
      scale: CFG.scale,
      seed: CFG.seed,
      historyMonths: CFG.historyMonths,
      onProgress: (done, total) => {
        if (done === total || done - last >= Math.max(50_000, total / 10)) {
          last = done;
          say(`${engine}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} members`);
        }
      },
    });
    const cpu = process.cpuUsage(cpu0);
    if (r.status !== 'seeded') throw new Error(`${engine}: the database was not empty (${r.status})`);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const target = engine.startsWith('pglite') && CFG.scale === 1 ? { op: '<' as const, value: TARGET_MS } : null;
    const parts = Object.entries(r.parts).map(([k, v]) => `${k} ${v}`).join(', ');
    const figures = [
      figure('generation (people, member rows, file entries)', r.generateMs, 'ms', null, 'PRNG, names, ID numbers; SM4 + HMAC-SM3 per member in toMemberRow'),
      figure('load (inserts)', r.loadMs, 'ms', null, 'organizations + history, members, committee, electronic file'),
      figure('demo accounts', r.accountsMs, 'ms', null, '9 accounts, argon2id each'),
      figure('total (empty database → seeded)', r.totalMs, 'ms', target, target ? 'issue: < 20 s on PGlite at scale 1' : 'informational'),
      figure('members per second', r.members / (r.totalMs / 1000), 'members/s', null),
      figure('CPU time of this process', cpuMs, 'ms', null, engine === 'postgres' ? 'client side only (the server works in its own processes)' : 'includes PGlite (in process): robust to other load'),
      figure('organizations', r.organizations, '', null),
      figure('members', r.members, '', null),
      figure('file entries', r.events, '', null),
      figure('committee seats', r.committee, '', null),
      figure('activities', r.activities, '', null, `${r.historyMonths} months of history, today and the next 14 days`),
      figure('check-ins', r.checkins, '', null),
      figure('leave requests', r.leaves, '', null),
    ];
    say(`${engine}: ${(r.totalMs / 1000).toFixed(1)} s; parts (ms): ${parts}`);
    return { figures, raw: { ...r, cpuMs: Math.round(cpuMs) } };
  } finally {
    await database.close();
    await t.remove();
  }
}

async function main() {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  const wanted = (process.env.BENCH_ENGINES ?? (adminUrl ? 'pglite,pglite-memory,postgres' : 'pglite,pglite-memory')).split(',').map((s) => s.trim());
  const env = environment(ROOT);
  say(`demo-seed bench: node ${env.node}, ${env.cpuCount} × ${env.cpuModel}, load ${env.loadavg.join(' ')}, scale ${CFG.scale}, engines ${wanted.join(', ')}`);
  for (const engine of wanted) {
    const startedAt = new Date().toISOString();
    let r: { figures: Figure[]; raw: unknown };
    if (engine === 'pglite') {
      const dir = tempDir();
      r = await run(engine, () => openPglite(path.join(dir.dir, 'pgdata')));
      await dir.remove();
    } else if (engine === 'pglite-memory') r = await run(engine, () => openPglite(undefined));
    else if (engine === 'postgres') {
      if (!adminUrl) throw new Error('BENCH_ENGINES includes postgres but BENCH_DATABASE_URL is not set');
      const db = await createBenchDatabase(adminUrl);
      say(`postgres: created database ${db.name} on ${redact(adminUrl)}`);
      r = await run(engine, () => openPostgres(db.url, 5));
      await db.drop();
    } else throw new Error(`unknown engine "${engine}" in BENCH_ENGINES`);
    printTable(`Hongyun demo county seed — ${engine}, scale ${CFG.scale}`, r.figures);
    const file = writeResults(ROOT, engine, { engine, startedAt, finishedAt: new Date().toISOString(), config: CFG, environment: { ...env, loadavgAtEnd: environment(ROOT).loadavg }, figures: r.figures, raw: r.raw }, 'demo-seed');
    process.stdout.write(`results: ${file}\n`);
  }
}

runBench(main, { timeoutMinutes: CFG.timeoutMinutes });
