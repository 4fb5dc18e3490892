import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { onCleanup } from './cleanup.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Same server and credentials as `adminUrl`, another database. */
export function withDatabase(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The URL with its password hidden, for printing. */
export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/**
 * Creates `hongyun_bench_<random>` on the server of `adminUrl` (loopback only unless
 * BENCH_ALLOW_REMOTE_DB=1) and registers its DROP at cleanup.
 */
export async function createBenchDatabase(adminUrl: string) {
  const host = new URL(adminUrl).hostname;
  if (!LOOPBACK.has(host) && process.env.BENCH_ALLOW_REMOTE_DB !== '1')
    throw new Error(`BENCH_DATABASE_URL points at ${host}; the benchmark only talks to loopback (set BENCH_ALLOW_REMOTE_DB=1 to override)`);
  const name = `hongyun_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const drop = onCleanup(`database ${name}`, async () => {
    const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await c.end();
    }
  });
  return { name, url: withDatabase(adminUrl, name), drop };
}
