// Reliability (issue: activities and check-in): kills the server with SIGKILL in the middle of a
// check-in burst, restarts it on the same database, and proves that every check-in that received
// a 2xx is stored (sending it again answers "duplicate") and that none is stored twice (the
// counters equal the number of distinct check-ins attempted once everything is re-sent).
//   npx tsx bench/checkin-kill.bench.ts                                      PGlite
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/checkin-kill.bench.ts   both
import { randomBytes } from 'node:crypto';
import { consoleSession, kioskCall, prepareBurst, storedCheckins } from './lib/checkin-setup.ts';
import { runBench, tempDir } from './lib/cleanup.ts';
import { createBenchDatabase, redact } from './lib/pg.ts';
import { type Figure, figure, printTable, writeResults } from './lib/report.ts';
import { ROOT, StartError, startServer } from './lib/server.ts';

const say = (s: string) => process.stdout.write(`${s}\n`);
const WORKERS = 24;
const KILL_AFTER_MS = Number(process.env.BENCH_KILL_AFTER_MS ?? 3000);

type Body = { activityId: string; credential: { cardNo: string }; nonce: string; deviceTime: string };

async function benchEngine(engine: 'pglite' | 'postgres') {
  const env: Record<string, string> = { LOGIN_RATE_LIMIT_PER_MINUTE: '100000', LOG_LEVEL: 'warn' };
  if (engine === 'postgres') {
    const db = await createBenchDatabase(process.env.BENCH_DATABASE_URL as string);
    say(`postgres: database on ${redact(db.url)}`);
    env.DATABASE_URL = db.url;
  }
  const dataDir = tempDir().dir;
  say(`${engine}: starting the server with the demo county…`);
  let server = await startServer({ label: engine, dataDir, env, startTimeoutMs: 10 * 60_000 });
  const b = await prepareBurst(server.port);
  const bodies: Body[] = b.members.map((m, k) => ({
    activityId: b.activityOf.get(m.orgId) as string,
    credential: { cardNo: m.cardNo },
    nonce: `kill-${k}-${randomBytes(5).toString('hex')}`,
    deviceTime: new Date().toISOString(),
  }));
  const acked: Body[] = [];
  const attempted: Body[] = [];
  let next = 0;
  let killed = false;
  const port = server.port;
  const worker = async () => {
    while (!killed && next < bodies.length) {
      const body = bodies[next++];
      attempted.push(body);
      try {
        const r = await kioskCall<{ duplicate?: boolean }>(port, b.kiosk, 'POST', '/api/checkins', body);
        if (r.status === 200 || r.status === 201) acked.push(body);
        else throw new Error(`unexpected ${r.status} ${JSON.stringify(r.json)}`);
      } catch (e) {
        if (!killed) throw e;
        return;
      }
    }
  };
  const t0 = performance.now();
  const load = Promise.all(Array.from({ length: WORKERS }, worker));
  await new Promise((r) => setTimeout(r, KILL_AFTER_MS));
  killed = true;
  process.kill(-server.pid, 'SIGKILL');
  const killedAt = performance.now() - t0;
  await load.catch(() => undefined);
  await server.stop();
  say(`${engine}: SIGKILL after ${Math.round(killedAt)} ms: ${acked.length} acknowledged, ${attempted.length - acked.length} in flight; restarting`);
  server = await startServer({ label: `${engine}-restart`, dataDir, env, startTimeoutMs: 10 * 60_000 });
  // Every acknowledged check-in must be there: sending it again answers 200 duplicate.
  let lost = 0;
  for (const body of acked) {
    const r = await kioskCall<{ duplicate?: boolean }>(server.port, b.kiosk, 'POST', '/api/checkins', body);
    if (!(r.status === 200 && r.json.duplicate === true)) lost++;
  }
  // The ones in flight may or may not have been stored; sending them again stores each once.
  const ackedSet = new Set(acked.map((a) => a.nonce));
  const inFlight = attempted.filter((a) => !ackedSet.has(a.nonce));
  let resentNew = 0;
  for (const body of inFlight) {
    const r = await kioskCall<{ duplicate?: boolean }>(server.port, b.kiosk, 'POST', '/api/checkins', body);
    if (r.status === 201) resentNew++;
  }
  const cookie = await consoleSession(server.port);
  const stored = await storedCheckins(server.port, cookie, new Set(b.activities));
  await server.stop();
  const figures: Figure[] = [
    figure('acknowledged check-ins lost', lost, '', { op: '=', value: 0 }, `${acked.length} acknowledged before SIGKILL at ${Math.round(killedAt)} ms`),
    figure('stored twice', stored - attempted.length, '', { op: '=', value: 0 }, `counters ${stored} = attempted ${attempted.length} (in flight ${inFlight.length}, of which ${resentNew} were not stored)`),
  ];
  printTable(`SIGKILL mid-burst — ${engine}`, figures);
  say(`results: ${writeResults(ROOT, engine, { acked: acked.length, attempted: attempted.length, lost, stored, resentNew }, 'checkin-kill')}`);
  if (lost > 0 || stored !== attempted.length) process.exitCode = 1;
}

const engines = (process.env.BENCH_ENGINES ?? (process.env.BENCH_DATABASE_URL ? 'pglite,postgres' : 'pglite')).split(',') as ('pglite' | 'postgres')[];
runBench(
  async () => {
    for (const e of engines) await benchEngine(e);
  },
  { timeoutMinutes: 30, isStartError: (e) => e instanceof StartError },
);
