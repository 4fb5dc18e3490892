// Offline sync (issue: activities and check-in): 10,000 scans queued on a kiosk while offline are
// uploaded twice, concurrently, from two kiosks through POST /api/checkins/batch (500 per call).
// Each scan must be stored exactly once; the upload rate is reported.
//   npx tsx bench/checkin-offline.bench.ts                                      PGlite
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/checkin-offline.bench.ts   both
import { randomBytes } from 'node:crypto';
import { type Kiosk, kioskCall, prepareBurst, storedCheckins } from './lib/checkin-setup.ts';
import { runBench, tempDir } from './lib/cleanup.ts';
import { createBenchDatabase, redact } from './lib/pg.ts';
import { type Figure, figure, printTable, writeResults } from './lib/report.ts';
import { ROOT, StartError, startServer } from './lib/server.ts';

const say = (s: string) => process.stdout.write(`${s}\n`);
const SCANS = Number(process.env.BENCH_SCANS ?? 10_000);
const BATCH = 500;

type Result = { nonce: string; status: 'ok' | 'duplicate' | 'error'; code?: string };

async function benchEngine(engine: 'pglite' | 'postgres') {
  const env: Record<string, string> = { LOGIN_RATE_LIMIT_PER_MINUTE: '100000', LOG_LEVEL: 'warn' };
  if (engine === 'postgres') {
    const db = await createBenchDatabase(process.env.BENCH_DATABASE_URL as string);
    say(`postgres: database on ${redact(db.url)}`);
    env.DATABASE_URL = db.url;
  }
  say(`${engine}: starting the server with the demo county…`);
  const server = await startServer({ label: engine, dataDir: tempDir().dir, env, startTimeoutMs: 10 * 60_000 });
  const b = (await prepareBurst(server.port, 2)) as Awaited<ReturnType<typeof prepareBurst>> & { kiosks: Kiosk[] };
  if (b.members.length < SCANS) throw new Error(`only ${b.members.length} card holders`);
  // The queue: scans taken a few minutes ago (device time inside the window), one per member.
  const t = Date.now() - 5 * 60_000;
  const queue = b.members.slice(0, SCANS).map((m, k) => ({
    activityId: b.activityOf.get(m.orgId) as string,
    credential: { cardNo: m.cardNo },
    nonce: `off-${k}-${randomBytes(5).toString('hex')}`,
    deviceTime: new Date(t + k * 10).toISOString(),
    deviceId: 'offline-kiosk',
  }));
  const upload = async (k: Kiosk) => {
    const out: Result[] = [];
    for (let i = 0; i < queue.length; i += BATCH) {
      const r = await kioskCall<{ results: Result[] }>(server.port, k, 'POST', '/api/checkins/batch', { items: queue.slice(i, i + BATCH) });
      if (r.status !== 200) throw new Error(`batch upload: ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
      out.push(...r.json.results);
    }
    return out;
  };
  const t0 = performance.now();
  const [a, c] = await Promise.all([upload(b.kiosks[0]), upload(b.kiosks[1])]);
  const secs = (performance.now() - t0) / 1000;
  const all = [...a, ...c];
  const ok = all.filter((r) => r.status === 'ok').length;
  const dup = all.filter((r) => r.status === 'duplicate').length;
  const err = all.filter((r) => r.status === 'error');
  // Every nonce: exactly one 'ok' across both uploads.
  const okByNonce = new Map<string, number>();
  for (const r of all) if (r.status === 'ok') okByNonce.set(r.nonce, (okByNonce.get(r.nonce) ?? 0) + 1);
  const onceEach = queue.every((q) => okByNonce.get(q.nonce) === 1);
  const stored = await storedCheckins(server.port, b.cookie, new Set(b.activities));
  await server.stop();
  const figures: Figure[] = [
    figure('upload rate', Math.round(all.length / secs), 'scans/s', null, `${all.length} scans (2 × ${SCANS}) in ${secs.toFixed(1)} s, batches of ${BATCH}`),
    figure('stored exactly once', onceEach && stored === SCANS ? 1 : 0, '', { op: '=', value: 1 }, `stored ${stored}, ok ${ok}, duplicate ${dup}, errors ${err.length}`),
    figure('errors', err.length, '', { op: '=', value: 0 }, err.slice(0, 3).map((e) => e.code).join(', ')),
  ];
  printTable(`offline sync — ${engine}`, figures);
  say(`results: ${writeResults(ROOT, engine, { secs, ok, dup, errors: err.length, stored }, 'checkin-offline')}`);
}

const engines = (process.env.BENCH_ENGINES ?? (process.env.BENCH_DATABASE_URL ? 'pglite,postgres' : 'pglite')).split(',') as ('pglite' | 'postgres')[];
runBench(
  async () => {
    for (const e of engines) await benchEngine(e);
  },
  { timeoutMinutes: 30, isStartError: (e) => e instanceof StartError },
);
