// The foundation benchmark: start-up time, GET /api/auth/me throughput and login latency,
// on the embedded database (PGlite) and, when BENCH_DATABASE_URL is set, on PostgreSQL.
// Prints a table with the target next to each figure and writes bench/results/foundation-<engine>.json.
// Exits 0 even when a figure misses its target; non-zero when a server fails to start or the bench breaks.
// See bench/README.md.
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../server/bootstrap/demo.ts';
import { runBench, tempDir } from './lib/cleanup.ts';
import { login, measureLogins, measureMe } from './lib/measure.ts';
import { createBenchDatabase, redact } from './lib/pg.ts';
import { type Figure, environment, figure, printTable, writeResults } from './lib/report.ts';
import { ROOT, type RunningServer, StartError, startServer } from './lib/server.ts';
import { max, median, round } from './lib/stats.ts';

const int = (name: string, d: number) => {
  const n = Number(process.env[name]);
  return process.env[name] && Number.isFinite(n) && n > 0 ? n : d;
};

/** Knobs (environment variables) with the issue's defaults. */
const CFG = {
  startRuns: int('BENCH_START_RUNS', 3),
  meSeconds: int('BENCH_ME_SECONDS', 10),
  meWarmupSeconds: int('BENCH_WARMUP_SECONDS', 3),
  connections: int('BENCH_CONNECTIONS', 50),
  pipelining: 1,
  logins: int('BENCH_LOGINS', 200),
  loginWarmup: 10,
  timeoutMinutes: int('BENCH_TIMEOUT_MINUTES', 15),
};

/** The issue's targets. */
const TARGET = { firstStartMs: 10_000, restartMs: 3_000, meRps: 5_000, loginP95Ms: 100 };

/** Every benchmarked server runs with the per-IP login limit out of the way. */
const SERVER_ENV = { LOGIN_RATE_LIMIT_PER_MINUTE: '100000' };

const say = (s: string) => process.stderr.write(`${s}\n`);
const ms = (v: number) => `${Math.round(v)} ms`;

type EngineResult = { figures: Figure[]; raw: Record<string, unknown> };

/** /me throughput and login latency on a running server. */
async function measureLoad(srv: RunningServer, engine: string): Promise<EngineResult> {
  const first = await login(srv.port, 'county.admin', DEMO_PASSWORD);
  if (first.status !== 200 || !first.cookie) throw new Error(`${engine}: login as county.admin answered ${first.status}`);
  const check = await fetch(`http://127.0.0.1:${srv.port}/api/auth/me`, { headers: { cookie: first.cookie } });
  await check.arrayBuffer();
  if (check.status !== 200) throw new Error(`${engine}: GET /api/auth/me with a fresh session answered ${check.status}`);

  say(`${engine}: GET /api/auth/me — ${CFG.meWarmupSeconds} s warm-up, then ${CFG.meSeconds} s, ${CFG.connections} connections, pipelining ${CFG.pipelining}…`);
  const me = await measureMe(srv.port, first.cookie, {
    seconds: CFG.meSeconds,
    connections: CFG.connections,
    pipelining: CFG.pipelining,
    warmupSeconds: CFG.meWarmupSeconds,
  });
  const rssAfterMe = srv.rssMb();
  say(`${engine}: ${me.rps} req/s, p50 ${me.latencyMs.p50} ms, p99 ${me.latencyMs.p99} ms, non-2xx ${me.non2xx}`);

  const usernames = DEMO_ACCOUNTS.map((a) => a.username);
  say(`${engine}: ${CFG.logins} sequential logins over ${usernames.length} demo accounts (after ${CFG.loginWarmup} warm-up)…`);
  const logins = await measureLogins(srv.port, usernames, DEMO_PASSWORD, CFG.logins, CFG.loginWarmup);
  say(`${engine}: login p50 ${logins.ms.p50} ms, p95 ${logins.ms.p95} ms, max ${logins.ms.max} ms`);

  const lat = `1 ms resolution; max ${me.latencyMs.max} ms`;
  const figures = [
    figure('GET /api/auth/me throughput', me.rps, 'req/s', { op: '>=', value: TARGET.meRps }, `${CFG.connections} conns, ${CFG.meSeconds} s, ${me.totalRequests} requests`),
    figure('GET /api/auth/me latency p50', me.latencyMs.p50, 'ms', null, lat),
    figure('GET /api/auth/me latency p99', me.latencyMs.p99, 'ms', null),
    figure('GET /api/auth/me non-2xx + errors', me.non2xx + me.errors + me.timeouts, '', { op: '=', value: 0 }, `non-2xx ${me.non2xx}, errors ${me.errors}, timeouts ${me.timeouts}`),
    figure('login latency p50', logins.ms.p50, 'ms', null, `${logins.count} sequential logins`),
    figure('login latency p95', logins.ms.p95, 'ms', { op: '<', value: TARGET.loginP95Ms }),
    figure('login latency p99', logins.ms.p99, 'ms', null),
    figure('login latency max', logins.ms.max, 'ms', null),
    figure('login failures', logins.failures, '', { op: '=', value: 0 }, Object.keys(logins.failureStatuses).length ? JSON.stringify(logins.failureStatuses) : undefined),
  ];
  if (rssAfterMe !== null) figures.push(figure('server RSS after /me run', rssAfterMe, 'MiB', null));
  return { figures, raw: { me, logins, rssAfterMeMiB: rssAfterMe } };
}

/** PGlite: first start on an empty data dir and restart on it, `startRuns` times; then the load figures. */
async function runPglite(): Promise<EngineResult> {
  const first: number[] = [];
  const restart: number[] = [];
  const firstCpu: number[] = [];
  const restartCpu: number[] = [];
  const runs: Record<string, unknown>[] = [];
  let kept: { srv: RunningServer; remove: () => Promise<void> } | null = null;
  for (let i = 1; i <= CFG.startRuns; i++) {
    const t = tempDir();
    const a = await startServer({ label: `pglite first start #${i}`, dataDir: t.dir, env: SERVER_ENV });
    const aStop = await a.stop();
    const b = await startServer({ label: `pglite restart #${i}`, dataDir: t.dir, env: SERVER_ENV });
    first.push(a.readyMs);
    restart.push(b.readyMs);
    if (a.readyCpuMs !== null) firstCpu.push(a.readyCpuMs);
    if (b.readyCpuMs !== null) restartCpu.push(b.readyCpuMs);
    say(
      `pglite: run ${i}: first start ${ms(a.readyMs)} (server says ${a.reportedReadyMs} ms, CPU ${a.readyCpuMs} ms), stop ${ms(aStop.ms)}, ` +
        `restart ${ms(b.readyMs)} (server says ${b.reportedReadyMs} ms, CPU ${b.readyCpuMs} ms)`,
    );
    runs.push({
      firstStartMs: round(a.readyMs),
      firstReportedMs: a.reportedReadyMs,
      firstCpuMs: a.readyCpuMs,
      stopMs: round(aStop.ms),
      restartMs: round(b.readyMs),
      restartReportedMs: b.reportedReadyMs,
      restartCpuMs: b.readyCpuMs,
    });
    if (i === CFG.startRuns) kept = { srv: b, remove: t.remove };
    else {
      await b.stop();
      await t.remove();
    }
  }
  const list = (xs: number[]) => xs.map((x) => Math.round(x)).join(', ');
  const figures = [
    figure('first start → ready, median', median(first), 'ms', { op: '<', value: TARGET.firstStartMs }, `runs: ${list(first)} ms`),
    figure('first start → ready, max', max(first), 'ms', { op: '<', value: TARGET.firstStartMs }),
    figure('restart → ready, median', median(restart), 'ms', { op: '<', value: TARGET.restartMs }, `runs: ${list(restart)} ms`),
    figure('restart → ready, max', max(restart), 'ms', { op: '<', value: TARGET.restartMs }),
  ];
  // CPU time is far less sensitive than wall time to other work on the machine: compare it across runs.
  if (firstCpu.length) figures.push(figure('first start CPU time, median', median(firstCpu), 'ms', null, 'user + system, at ready'));
  if (restartCpu.length) figures.push(figure('restart CPU time, median', median(restartCpu), 'ms', null, 'user + system, at ready'));
  const load = await measureLoad(kept!.srv, 'pglite');
  await kept!.srv.stop();
  await kept!.remove();
  return { figures: [...figures, ...load.figures], raw: { startup: runs, ...load.raw } };
}

/** PostgreSQL: a fresh database, one first start and one restart (informational), then the load figures. */
async function runPostgres(adminUrl: string): Promise<EngineResult> {
  const db = await createBenchDatabase(adminUrl);
  say(`postgres: created database ${db.name} on ${redact(adminUrl)}`);
  const t = tempDir(); // the key file lives in DATA_DIR on PostgreSQL too
  const env = { ...SERVER_ENV, DATABASE_URL: db.url };
  const a = await startServer({ label: 'postgres first start', dataDir: t.dir, env });
  await a.stop();
  const b = await startServer({ label: 'postgres restart', dataDir: t.dir, env });
  say(`postgres: first start ${ms(a.readyMs)}, restart ${ms(b.readyMs)}`);
  const figures = [
    figure('first start → ready (1 run)', a.readyMs, 'ms', null, `fresh database; CPU ${a.readyCpuMs} ms; informational`),
    figure('restart → ready (1 run)', b.readyMs, 'ms', null, `CPU ${b.readyCpuMs} ms; informational`),
  ];
  const load = await measureLoad(b, 'postgres');
  await b.stop();
  await db.drop();
  await t.remove();
  return { figures: [...figures, ...load.figures], raw: { startup: { firstStartMs: round(a.readyMs), firstCpuMs: a.readyCpuMs, restartMs: round(b.readyMs), restartCpuMs: b.readyCpuMs }, ...load.raw } };
}

async function main() {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  const wanted = (process.env.BENCH_ENGINES ?? (adminUrl ? 'pglite,postgres' : 'pglite')).split(',').map((s) => s.trim());
  if (wanted.includes('postgres') && !adminUrl) throw new Error('BENCH_ENGINES includes postgres but BENCH_DATABASE_URL is not set');
  const env = environment(ROOT);
  say(`foundation bench: node ${env.node}, ${env.cpuCount} × ${env.cpuModel}, load ${env.loadavg.join(' ')}, engines ${wanted.join(', ')}`);

  const summary: { engine: string; misses: number }[] = [];
  for (const engine of wanted) {
    if (engine !== 'pglite' && engine !== 'postgres') throw new Error(`unknown engine "${engine}" in BENCH_ENGINES`);
    const startedAt = new Date().toISOString();
    const r = engine === 'pglite' ? await runPglite() : await runPostgres(adminUrl!);
    printTable(`Hongyun foundation benchmark — ${engine}`, r.figures);
    const file = writeResults(ROOT, engine, { engine, startedAt, finishedAt: new Date().toISOString(), config: CFG, targets: TARGET, environment: { ...env, loadavgAtEnd: environment(ROOT).loadavg }, figures: r.figures, raw: r.raw });
    process.stdout.write(`results: ${file}\n`);
    summary.push({ engine, misses: r.figures.filter((f) => f.status === 'MISS').length });
  }
  for (const s of summary) process.stdout.write(`${s.engine}: ${s.misses === 0 ? 'all targets met' : `${s.misses} target(s) missed`}\n`);
}

runBench(main, { timeoutMinutes: CFG.timeoutMinutes, isStartError: (e) => e instanceof StartError });
