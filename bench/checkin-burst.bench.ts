// Theme-day burst (issue: activities and check-in): autocannon drives POST /api/checkins with the
// card credentials of the demo county's members across ≈ 1,660 concurrent 主题党日, through a signed
// kiosk, and reports sustained check-ins/s and p50/p99 — with the raw single-row INSERT rate of the
// same database engine measured in the same run. Targets: ≥ 1,500/s on PGlite, ≥ 3,000/s on
// PostgreSQL, p99 < 100 ms. Afterwards the activities' counters must equal the 201s.
//   npx tsx bench/checkin-burst.bench.ts                                   PGlite
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/checkin-burst.bench.ts   both
// Options: BENCH_LOADGEN=raw|autocannon (default raw: bench/lib/loadgen.mjs, exact per-request
// latencies at a third of autocannon's CPU on the shared cores; why not wrk: see that file), BENCH_CONNECTIONS (64), BENCH_SEEDED_DATABASE_URL (+
// BENCH_SEEDED_KEYS_FILE) to reuse a database seeded before (each run opens new activities),
// BENCH_SERVER_NODE_ARGS (e.g. --max-semi-space-size=64) for the server's node; BENCH_PROFILE=FILE
// writes a CPU profile of the server during the burst only (bench/lib/profile.ts).
// The CPU each part used per check-in (server, database, load generator) is printed too.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import autocannon from 'autocannon';
import pg from 'pg';
import { signRequest } from '../server/modules/api-clients/signing.ts';
import { prepareBurst, rollupLag, storedCheckins } from './lib/checkin-setup.ts';
import { runBench, tempDir } from './lib/cleanup.ts';
import { createBenchDatabase, redact } from './lib/pg.ts';
import { type Figure, figure, printTable, writeResults } from './lib/report.ts';
import { cpuMs, ROOT, StartError, startServer } from './lib/server.ts';
import { profileProcess } from './lib/profile.ts';
import { closedLoop, type PreparedRequest } from './lib/loadgen.ts';

const say = (s: string) => process.stdout.write(`${s}\n`);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const GUEST_SHARE = 0.02;
const LOADGEN = process.env.BENCH_LOADGEN ?? 'raw';

/** CPU time (ms) of every PostgreSQL server process on this machine (the bench's database is the only busy one). */
function postgresCpuMs() {
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuMs(Number(pid)) ?? 0;
    } catch {}
  }
  return total;
}

type Load = { duration: number; created: number; duplicates: number; ok: number; non2xx: number; statuses: Record<string, number>; latency: { p50: number; p99: number; max: number }; loadgenCpuMs: number | null; slow?: Record<string, number> };

/** autocannon in this process (its CPU is this process's). */
async function autocannonRun(port: number, prepared: PreparedRequest[]): Promise<Load> {
  let i = 0;
  const created = { n: 0, dup: 0 };
  const cpu0 = process.cpuUsage();
  const r = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    amount: prepared.length,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: prepared[0].path,
        setupRequest: (req) => ({ ...req, ...prepared[i++ % prepared.length] }),
        onResponse: (status) => {
          if (status === 201) created.n++;
          else if (status === 200) created.dup++;
        },
      },
    ],
  });
  const cpu = process.cpuUsage(cpu0);
  return {
    duration: r.duration,
    created: created.n,
    duplicates: created.dup,
    ok: r['2xx'],
    non2xx: r.non2xx + r.errors + r.timeouts,
    statuses: Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count])),
    latency: r.latency,
    loadgenCpuMs: (cpu.user + cpu.system) / 1000,
  };
}

async function rawLoad(port: number, prepared: PreparedRequest[]): Promise<Load> {
  const r = await closedLoop({ port, requests: prepared, connections: CONNECTIONS });
  const n = (s: string) => r.statuses[s] ?? 0;
  const ok = Object.entries(r.statuses).reduce((a, [k, v]) => a + (k.startsWith('2') ? v : 0), 0);
  const all = Object.values(r.statuses).reduce((a, v) => a + v, 0);
  const ms = (x: number) => Math.round(x * 10) / 10;
  return { duration: r.duration, created: n('201'), duplicates: n('200'), ok, non2xx: all - ok + r.errors, statuses: r.statuses, latency: { p50: ms(r.latency.p50), p99: ms(r.latency.p99), max: ms(r.latency.max) }, loadgenCpuMs: r.cpuMs, slow: r.slowByQuarterSecond };
}

/** Single-row autocommit INSERTs for `ms`: the database's own rate, the ceiling without batching. */
async function rawInsertRate(engine: 'pglite' | 'postgres', url: string | null, ms = 3000) {
  const ddl = 'CREATE TABLE IF NOT EXISTS bench_raw_insert (id bigserial PRIMARY KEY, nonce text NOT NULL UNIQUE, at timestamptz NOT NULL DEFAULT now())';
  let n = 0;
  let t0 = performance.now();
  if (engine === 'postgres') {
    const c = new pg.Client({ connectionString: url as string });
    await c.connect();
    await c.query(ddl);
    t0 = performance.now();
    while (performance.now() - t0 < ms) await c.query('INSERT INTO bench_raw_insert (nonce) VALUES ($1)', [`${n++}-${randomBytes(4).toString('hex')}`]);
    const rate = n / ((performance.now() - t0) / 1000);
    await c.query('DROP TABLE bench_raw_insert');
    await c.end();
    return rate;
  }
  const dir = tempDir('hongyun-bench-raw-');
  const db = new PGlite(dir.dir);
  await db.query(ddl);
  t0 = performance.now();
  while (performance.now() - t0 < ms) await db.query('INSERT INTO bench_raw_insert (nonce) VALUES ($1)', [`${n++}`]);
  const rate = n / ((performance.now() - t0) / 1000);
  await db.close();
  await dir.remove();
  return rate;
}

async function benchEngine(engine: 'pglite' | 'postgres') {
  const env: Record<string, string> = { LOGIN_RATE_LIMIT_PER_MINUTE: '100000', LOG_LEVEL: 'warn' };
  let dbUrl: string | null = null;
  if (engine === 'postgres' && process.env.BENCH_SEEDED_DATABASE_URL) {
    say(`postgres: reusing the seeded database ${redact(process.env.BENCH_SEEDED_DATABASE_URL)}`);
    env.DATABASE_URL = dbUrl = process.env.BENCH_SEEDED_DATABASE_URL;
    env.HONGYUN_KEYS = fs.readFileSync(process.env.BENCH_SEEDED_KEYS_FILE ?? path.join(ROOT, 'data/keys.json'), 'utf8');
  } else if (engine === 'postgres') {
    const db = await createBenchDatabase(process.env.BENCH_DATABASE_URL as string);
    say(`postgres: database on ${redact(db.url)}`);
    env.DATABASE_URL = dbUrl = db.url;
  }
  say(`${engine}: starting the server with the demo county…`);
  const seededDir = engine === 'pglite' ? process.env.BENCH_SEEDED_DATA_DIR : undefined;
  const server = await startServer({ label: engine, dataDir: seededDir ?? tempDir().dir, env, nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean), startTimeoutMs: 10 * 60_000 });
  say(`${engine}: ready in ${Math.round(server.readyMs)} ms; preparing the burst`);
  const b = await prepareBurst(server.port);
  // Each member checks in once: at their own organization's 主题党日, or (2 %) as a guest elsewhere.
  const route = '/api/checkins';
  const bodyFor = (k: number) => {
    const m = b.members[k];
    const guest = (k * 7919) % 100 < GUEST_SHARE * 100;
    const activityId = guest ? b.activities[(k * 31) % b.activities.length] : (b.activityOf.get(m.orgId) as string);
    return JSON.stringify({ activityId, credential: { cardNo: m.cardNo }, nonce: `b${k}-${randomBytes(6).toString('hex')}`, deviceTime: new Date().toISOString(), deviceId: 'bench-kiosk' });
  };
  // Signed in advance (the signatures stay valid for 5 minutes), so that the load generator, which
  // shares this machine's two cores with the server and the database, spends as little as it can.
  const prepared: PreparedRequest[] = b.members.map((_, k) => {
    const body = bodyFor(k);
    const ts = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(12).toString('base64url');
    const headers = { 'content-type': 'application/json', 'x-hy-client': b.kiosk.keyId, 'x-hy-timestamp': ts, 'x-hy-nonce': nonce, 'x-hy-signature': signRequest(b.kiosk.secret, 'POST', route, ts, nonce, body) };
    return { method: 'POST', path: route, body, headers };
  });
  const loadBefore = os.loadavg();
  const serverCpu0 = cpuMs(server.pid) ?? 0;
  const pgCpu0 = engine === 'postgres' ? postgresCpuMs() : 0;
  say(`${engine}: ${prepared.length} check-ins through ${LOADGEN}, ${CONNECTIONS} connections`);
  const stopProfile = process.env.BENCH_PROFILE ? await profileProcess(server.pid, `${process.env.BENCH_PROFILE}.${engine}.cpuprofile`) : null;
  const r = LOADGEN === 'autocannon' ? await autocannonRun(server.port, prepared) : await rawLoad(server.port, prepared);
  const endedAt = Date.now();
  await stopProfile?.();
  const serverCpu = (cpuMs(server.pid) ?? 0) - serverCpu0;
  const pgCpu = engine === 'postgres' ? postgresCpuMs() - pgCpu0 : null;
  const created = { n: r.created, dup: r.duplicates };
  const perCheckin = (ms: number | null) => (ms === null ? '—' : `${Math.round((ms * 1000) / Math.max(1, r.ok))} µs`);
  const rate = r.ok / r.duration;
  const stored = await storedCheckins(server.port, b.cookie, new Set(b.activities));
  // The supervision rollup (a job in the server: every minute, and every ~15 s while check-ins come)
  // catching up with the burst: when the county's summary of today first showed its final figures.
  say(`${engine}: waiting for the supervision rollup to settle…`);
  const lag = await rollupLag(server.port, b.cookie, endedAt);
  await server.stop();
  const raw = await rawInsertRate(engine, dbUrl);
  const target = engine === 'postgres' ? 3000 : 1500;
  const figures: Figure[] = [
    figure('sustained check-ins/s', Math.round(rate), '/s', { op: '>=', value: target }, `${r.ok} × 2xx in ${r.duration.toFixed(1)} s, ${CONNECTIONS} connections (${LOADGEN}), ${b.activities.length} activities`),
    figure('latency p50', r.latency.p50, 'ms', null),
    figure('latency p99', r.latency.p99, 'ms', { op: '<', value: 100 }, `max ${r.latency.max} ms`),
    figure('non-2xx responses', r.non2xx, '', { op: '=', value: 0 }, JSON.stringify(r.statuses)),
    figure('stored = 201 responses', stored === created.n ? 1 : 0, '', { op: '=', value: 1 }, `counters ${stored}, 201s ${created.n}, duplicates ${created.dup}`),
    figure('supervision rollup lag after the last check-in', lag ? lag.lagMs / 1000 : Number.NaN, 's', { op: '<', value: 60 }, lag ? `the county's summary of today changed ${lag.changes} time(s) after the burst, then stayed` : 'did not settle within 180 s'),
    figure('raw single-row INSERT rate (same engine)', Math.round(raw), '/s', null, 'one autocommit INSERT at a time, no batching'),
  ];
  printTable(`check-in burst — ${engine}`, figures);
  if (r.slow && Object.keys(r.slow).length) say(`requests slower than 100 ms, by the second (from the start) they were sent in: ${Object.entries(r.slow).map(([s, n]) => `${s} s: ${n}`).join(', ')}`);
  say(`CPU per check-in: server ${perCheckin(serverCpu)}${engine === 'postgres' ? `, PostgreSQL ${perCheckin(pgCpu)}` : ' (PGlite runs inside it)'}, load generator ${perCheckin(r.loadgenCpuMs)}`);
  say(`load average before ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  say(`results: ${writeResults(ROOT, engine, { rate, latency: r.latency, stored, created, raw, connections: CONNECTIONS, loadgen: LOADGEN, cpuMs: { server: serverCpu, postgres: pgCpu, loadgen: r.loadgenCpuMs }, activities: b.activities.length, members: b.members.length }, 'checkin-burst')}`);
}

const engines = (process.env.BENCH_ENGINES ?? (process.env.BENCH_DATABASE_URL ? 'pglite,postgres' : 'pglite')).split(',') as ('pglite' | 'postgres')[];
runBench(
  async () => {
    for (const e of engines) await benchEngine(e);
  },
  { timeoutMinutes: 30, isStartError: (e) => e instanceof StartError },
);
