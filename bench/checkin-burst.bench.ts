// Theme-day burst (issue: activities and check-in): autocannon drives POST /api/checkins with the
// card credentials of the demo county's members across ≈ 1,660 concurrent 主题党日, through a signed
// kiosk, and reports sustained check-ins/s and p50/p99 — with the raw single-row INSERT rate of the
// same database engine measured in the same run. Targets: ≥ 1,500/s on PGlite, ≥ 3,000/s on
// PostgreSQL, p99 < 100 ms. Afterwards the activities' counters must equal the 201s.
//   npx tsx bench/checkin-burst.bench.ts                                   PGlite
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/checkin-burst.bench.ts   both
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { PGlite } from '@electric-sql/pglite';
import autocannon from 'autocannon';
import pg from 'pg';
import { signRequest } from '../server/modules/api-clients/signing.ts';
import { prepareBurst, storedCheckins } from './lib/checkin-setup.ts';
import { runBench, tempDir } from './lib/cleanup.ts';
import { createBenchDatabase, redact } from './lib/pg.ts';
import { type Figure, figure, printTable, writeResults } from './lib/report.ts';
import { ROOT, StartError, startServer } from './lib/server.ts';

const say = (s: string) => process.stdout.write(`${s}\n`);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const GUEST_SHARE = 0.02;

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
  if (engine === 'postgres') {
    const db = await createBenchDatabase(process.env.BENCH_DATABASE_URL as string);
    say(`postgres: database on ${redact(db.url)}`);
    env.DATABASE_URL = dbUrl = db.url;
  }
  say(`${engine}: starting the server with the demo county…`);
  const server = await startServer({ label: engine, dataDir: tempDir().dir, env, startTimeoutMs: 10 * 60_000 });
  say(`${engine}: ready in ${Math.round(server.readyMs)} ms; preparing the burst`);
  const b = await prepareBurst(server.port);
  // Each member checks in once: at their own organization's 主题党日, or (2 %) as a guest elsewhere.
  let i = 0;
  const created = { n: 0, dup: 0 };
  const path = '/api/checkins';
  const bodyFor = (k: number) => {
    const m = b.members[k];
    const guest = (k * 7919) % 100 < GUEST_SHARE * 100;
    const activityId = guest ? b.activities[(k * 31) % b.activities.length] : (b.activityOf.get(m.orgId) as string);
    return JSON.stringify({ activityId, credential: { cardNo: m.cardNo }, nonce: `b${k}-${randomBytes(6).toString('hex')}`, deviceTime: new Date().toISOString(), deviceId: 'bench-kiosk' });
  };
  // Signed in advance (the signatures stay valid for 5 minutes), so that the load generator, which
  // shares this machine's two cores with the server and the database, spends as little as it can.
  const prepared = b.members.map((_, k) => {
    const body = bodyFor(k);
    const ts = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(12).toString('base64url');
    const headers = { 'content-type': 'application/json', 'x-hy-client': b.kiosk.keyId, 'x-hy-timestamp': ts, 'x-hy-nonce': nonce, 'x-hy-signature': signRequest(b.kiosk.secret, 'POST', path, ts, nonce, body) };
    return { body, headers };
  });
  const loadBefore = os.loadavg();
  const r = await autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections: CONNECTIONS,
    amount: prepared.length,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path,
        setupRequest: (req) => ({ ...req, ...prepared[i++ % prepared.length] }),
        onResponse: (status) => {
          if (status === 201) created.n++;
          else if (status === 200) created.dup++;
        },
      },
    ],
  });
  const rate = r['2xx'] / r.duration;
  const stored = await storedCheckins(server.port, b.cookie, new Set(b.activities));
  await server.stop();
  const raw = await rawInsertRate(engine, dbUrl);
  const target = engine === 'postgres' ? 3000 : 1500;
  const figures: Figure[] = [
    figure('sustained check-ins/s', Math.round(rate), '/s', { op: '>=', value: target }, `${r['2xx']} × 2xx in ${r.duration.toFixed(1)} s, ${CONNECTIONS} connections, ${b.activities.length} activities`),
    figure('latency p50', r.latency.p50, 'ms', null),
    figure('latency p99', r.latency.p99, 'ms', { op: '<', value: 100 }, `max ${r.latency.max} ms`),
    figure('non-2xx responses', r.non2xx + r.errors + r.timeouts, '', { op: '=', value: 0 }, JSON.stringify(Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count])))),
    figure('stored = 201 responses', stored === created.n ? 1 : 0, '', { op: '=', value: 1 }, `counters ${stored}, 201s ${created.n}, duplicates ${created.dup}`),
    figure('raw single-row INSERT rate (same engine)', Math.round(raw), '/s', null, 'one autocommit INSERT at a time, no batching'),
  ];
  printTable(`check-in burst — ${engine}`, figures);
  say(`load average before ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  say(`results: ${writeResults(ROOT, engine, { rate, latency: r.latency, stored, created, raw, connections: CONNECTIONS, activities: b.activities.length, members: b.members.length }, 'checkin-burst')}`);
}

const engines = (process.env.BENCH_ENGINES ?? (process.env.BENCH_DATABASE_URL ? 'pglite,postgres' : 'pglite')).split(',') as ('pglite' | 'postgres')[];
runBench(
  async () => {
    for (const e of engines) await benchEngine(e);
  },
  { timeoutMinutes: 30, isStartError: (e) => e instanceof StartError },
);
