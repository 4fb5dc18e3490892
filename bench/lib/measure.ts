import os from 'node:os';
import autocannon from 'autocannon';
import { max, percentile, round } from './stats.ts';

/** One login: status, client-side wall time, and the session cookie. */
export async function login(port: number, username: string, password: string) {
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  await res.arrayBuffer();
  const ms = performance.now() - t0;
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  const sid = cookies.find((c) => c.startsWith('hy_sid='));
  return { status: res.status, ms, cookie: sid ?? null };
}

export type MeOptions = { seconds: number; connections: number; pipelining: number; warmupSeconds: number };

/** The autocannon figures we keep. */
export type LoadResult = {
  rps: number;
  rpsPerSecondAvg: number;
  totalRequests: number;
  count2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; avg: number };
  statusCodes: Record<string, number>;
  durationS: number;
  loadavgBefore: number[];
  loadavgAfter: number[];
};

async function cannon(url: string, cookie: string, seconds: number, connections: number, pipelining: number) {
  return autocannon({ url, connections, pipelining, duration: seconds, timeout: 10, headers: { cookie } });
}

/** GET /api/auth/me with one valid session: a short warm-up, then the measured run. */
export async function measureMe(port: number, cookie: string, o: MeOptions): Promise<LoadResult> {
  const url = `http://127.0.0.1:${port}/api/auth/me`;
  if (o.warmupSeconds > 0) await cannon(url, cookie, o.warmupSeconds, o.connections, o.pipelining);
  const loadavgBefore = os.loadavg();
  const r = await cannon(url, cookie, o.seconds, o.connections, o.pipelining);
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count]));
  return {
    rps: round(r['2xx'] / r.duration),
    rpsPerSecondAvg: round(r.requests.average),
    totalRequests: r.requests.total,
    count2xx: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, avg: round(r.latency.average) },
    statusCodes,
    durationS: round(r.duration),
    loadavgBefore: loadavgBefore.map(round),
    loadavgAfter: os.loadavg().map(round),
  };
}

export type LoginResult = {
  count: number;
  failures: number;
  failureStatuses: Record<string, number>;
  ms: { p50: number; p95: number; p99: number; max: number; mean: number };
  loadavgBefore: number[];
};

/** `count` sequential logins, round-robin over the usernames, after `warmup` uncounted ones. */
export async function measureLogins(port: number, usernames: string[], password: string, count: number, warmup: number): Promise<LoginResult> {
  for (let i = 0; i < warmup; i++) await login(port, usernames[i % usernames.length], password);
  const loadavgBefore = os.loadavg();
  const times: number[] = [];
  const failureStatuses: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const r = await login(port, usernames[i % usernames.length], password);
    times.push(r.ms);
    if (r.status !== 200) failureStatuses[r.status] = (failureStatuses[r.status] ?? 0) + 1;
  }
  return {
    count,
    failures: Object.values(failureStatuses).reduce((a, b) => a + b, 0),
    failureStatuses,
    ms: {
      p50: round(percentile(times, 50)),
      p95: round(percentile(times, 95)),
      p99: round(percentile(times, 99)),
      max: round(max(times)),
      mean: round(times.reduce((a, b) => a + b, 0) / times.length),
    },
    loadavgBefore: loadavgBefore.map(round),
  };
}
