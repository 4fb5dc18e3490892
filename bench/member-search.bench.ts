// Member search and list latency on the demo county (issue: organizations and members).
//   npx tsx bench/member-search.bench.ts                              PGlite, scale 1 (target p95 < 50 ms)
//   BENCH_ENGINES=postgres BENCH_SCALE=30 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
//     npx tsx bench/member-search.bench.ts                            PostgreSQL, ≈ 1 M members (target p95 < 100 ms)
//   BENCH_ENGINES=postgres BENCH_SCALE=30 BENCH_SEEDED_DATABASE_URL=postgres://…/hy_scale30 npx tsx bench/member-search.bench.ts
//                                                                    the same on a database seeded before (seeding 1 M takes minutes)
import fs from 'node:fs';
import path from 'node:path';
import { runBench, tempDir } from './lib/cleanup.ts';
import { login } from './lib/measure.ts';
import { createBenchDatabase, redact } from './lib/pg.ts';
import { type Figure, figure, printTable, writeResults } from './lib/report.ts';
import { ROOT, StartError, startServer } from './lib/server.ts';
import { max, percentile } from './lib/stats.ts';

const say = (s: string) => process.stdout.write(`${s}\n`);
const SCALE = process.env.BENCH_SCALE ?? '1';
const PER_KIND = Number(process.env.BENCH_REQUESTS ?? 60);
const DEMO_MEMBER_ID = '330522197307050373';

type Member = { id: string; name: string; cardNo: string | null };

async function get(port: number, cookie: string, url: string) {
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}${url}`, { headers: { cookie } });
  const body = (await res.json()) as { items?: Member[]; total?: number };
  return { ms: performance.now() - t0, status: res.status, body };
}

async function benchEngine(engine: 'pglite' | 'postgres') {
  const env: Record<string, string> = { HONGYUN_DEMO_SCALE: SCALE, LOGIN_RATE_LIMIT_PER_MINUTE: '100000', LOG_LEVEL: 'warn' };
  if (engine === 'postgres' && process.env.BENCH_SEEDED_DATABASE_URL) {
    // A database already seeded at this scale (e.g. by `hongyun seed --demo --scale 30`): reused as it is.
    say(`postgres: reusing the seeded database ${redact(process.env.BENCH_SEEDED_DATABASE_URL)}`);
    env.DATABASE_URL = process.env.BENCH_SEEDED_DATABASE_URL;
    // The key ring it was seeded with (the seeding DATA_DIR's keys.json).
    env.HONGYUN_KEYS = fs.readFileSync(process.env.BENCH_SEEDED_KEYS_FILE ?? path.join(ROOT, 'data/keys.json'), 'utf8');
  } else if (engine === 'postgres') {
    const db = await createBenchDatabase(process.env.BENCH_DATABASE_URL as string);
    say(`postgres: database on ${redact(db.url)}`);
    env.DATABASE_URL = db.url;
  }
  say(`${engine}: starting the server and seeding the demo county at scale ${SCALE}…`);
  const server = await startServer({ label: engine, dataDir: tempDir().dir, env, startTimeoutMs: 30 * 60_000 });
  say(`${engine}: ready in ${Math.round(server.readyMs)} ms`);
  const session = await login(server.port, 'county.admin', 'Hongyun@2026');
  if (!session.cookie) throw new Error('demo login failed');
  const cookie = session.cookie;
  const sample = (await get(server.port, cookie, '/api/members?pageSize=100&page=3')).body.items ?? [];
  const tree = (await get(server.port, cookie, '/api/orgs/tree')).body.items ?? [];
  const townships = (await get(server.port, cookie, `/api/orgs/tree?parentId=${tree[0]?.id}`)).body.items ?? [];
  const pick = <T>(xs: T[], i: number) => xs[i % xs.length];
  const kinds: Record<string, (i: number) => string> = {
    'list page': (i) => `/api/members?page=${1 + (i % 40)}&pageSize=20`,
    'list sorted by join date': (i) => `/api/members?page=${1 + (i % 10)}&pageSize=20&sort=joinedOn&order=desc`,
    'township subtree': (i) => `/api/members?orgId=${pick(townships, i).id}&pageSize=20`,
    'name search': (i) => `/api/members?q=${encodeURIComponent(pick(sample, i).name.slice(0, 2))}&pageSize=20`,
    'pinyin initials': (i) => `/api/members?q=${['wj', 'cx', 'sm', 'zl', 'ly', 'qh'][i % 6]}&pageSize=20`,
    'card number': (i) => `/api/members?q=${encodeURIComponent(pick(sample, i).cardNo ?? 'CX00000000')}&pageSize=20`,
    'exact ID number': () => `/api/members?q=${DEMO_MEMBER_ID}&pageSize=20`,
  };
  const all: number[] = [];
  const figures: Figure[] = [];
  const raw: Record<string, unknown> = {};
  const target = engine === 'postgres' && Number(SCALE) >= 30 ? 100 : 50;
  for (const [kind, url] of Object.entries(kinds)) {
    for (let i = 0; i < 5; i++) await get(server.port, cookie, url(i));
    const times: number[] = [];
    for (let i = 0; i < PER_KIND; i++) {
      const r = await get(server.port, cookie, url(i + 5));
      if (r.status !== 200) throw new Error(`${kind}: ${r.status}`);
      times.push(r.ms);
    }
    all.push(...times);
    raw[kind] = { p50: percentile(times, 50), p95: percentile(times, 95), max: max(times) };
    figures.push(figure(`${kind} p95`, Math.round(percentile(times, 95) * 10) / 10, 'ms', null, `p50 ${percentile(times, 50).toFixed(1)} ms, max ${max(times).toFixed(1)} ms`));
  }
  figures.unshift(figure('all member searches and lists p95', Math.round(percentile(all, 95) * 10) / 10, 'ms', { op: '<', value: target }, `${all.length} requests, scale ${SCALE}`));
  await server.stop();
  printTable(`member search — ${engine}, scale ${SCALE}`, figures);
  say(`results: ${writeResults(ROOT, engine, { scale: SCALE, raw, p95: percentile(all, 95) }, 'member-search')}`);
}

const engines = (process.env.BENCH_ENGINES ?? (process.env.BENCH_DATABASE_URL ? 'pglite,postgres' : 'pglite')).split(',') as ('pglite' | 'postgres')[];
runBench(
  async () => {
    for (const e of engines) await benchEngine(e);
  },
  { timeoutMinutes: 45, isStartError: (e) => e instanceof StartError },
);
