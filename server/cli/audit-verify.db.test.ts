import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../core/db/client.ts';
import { TEST_ENGINE } from '../test/db.ts';

// `hongyun audit verify` on the embedded database: exit 0 on an intact chain, exit 1 naming the
// first broken link (SECURITY.md 17). PGlite only: the command opens DATA_DIR/pgdata.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dataDir = '';
let tampered = 0;
let original = '';

function hongyun(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, HONGYUN_MODE: 'demo' };
  for (const k of ['DATABASE_URL', 'HONGYUN_KEYS', 'TEST_DATABASE_URL']) delete env[k];
  const r = spawnSync(process.execPath, ['bin/hongyun.mjs', ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function withDb<T>(f: (db: Awaited<ReturnType<typeof openPglite>>) => Promise<T>): Promise<T> {
  const db = await openPglite(path.join(dataDir, 'pgdata'));
  try {
    return await f(db);
  } finally {
    await db.close();
  }
}

describe.skipIf(TEST_ENGINE === 'postgres')('hongyun audit verify', () => {
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hy-cli-'));
  });
  afterAll(() => {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('migrates a new data directory and creates its key file', () => {
    const r = hongyun('migrate');
    expect(r.stderr).not.toMatch(/hongyun: /);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('migrations applied');
    expect(fs.statSync(path.join(dataDir, 'keys.json')).mode & 0o777).toBe(0o600);
  }, 90_000);

  it('seeds the demo county, which writes account.create audit rows', async () => {
    const r = hongyun('seed', '--scale', '0.05');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('demo county seeded (seed 42, scale 0.05)');
    expect(r.stdout).toContain('county.admin');
    expect(hongyun('seed', '--scale', '0.05').stdout).toContain('demo county already present');
    expect(hongyun('seed', '--scale', 'lots').stderr).toContain('invalid --scale lots');
    const rows = await withDb((db) => db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'account.create'`));
    expect(rows[0].n).toBeGreaterThanOrEqual(3);
  }, 90_000);

  it('exits 0 and reports how many rows it verified on an intact chain', async () => {
    const [{ n }] = await withDb((db) => db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'));
    const r = hongyun('audit', 'verify');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`audit chain intact: ${n} rows verified`);
  }, 90_000);

  it('exits 1 and names the county and seq of an altered row', async () => {
    const seq = await withDb(async (db) => {
      const [{ s, name }] = await db.query<{ s: number; name: string }>(
        `SELECT seq::int AS s, actor_name AS name FROM audit_log WHERE county_code = '330522' ORDER BY seq OFFSET 1 LIMIT 1`,
      );
      [tampered, original] = [s, name];
      await db.exec(`ALTER TABLE audit_log DISABLE TRIGGER USER;
        UPDATE audit_log SET actor_name = 'someone-else' WHERE county_code = '330522' AND seq = ${s};
        ALTER TABLE audit_log ENABLE TRIGGER USER;`);
      return s;
    });
    const r = hongyun('audit', 'verify');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`audit chain BROKEN at county 330522 seq ${seq} (hash)`);
    expect(r.stdout).toContain(`${seq - 1} rows verified before it`);
  }, 90_000);

  it('passes again once the row is restored, and fails with (head) when the newest row is removed', async () => {
    await withDb((db) =>
      db.exec(`ALTER TABLE audit_log DISABLE TRIGGER USER;
        UPDATE audit_log SET actor_name = '${original}' WHERE county_code = '330522' AND seq = ${tampered};
        ALTER TABLE audit_log ENABLE TRIGGER USER;`),
    );
    expect(hongyun('audit', 'verify').status).toBe(0);
    const last = await withDb(async (db) => {
      const [{ s }] = await db.query<{ s: number }>(`SELECT max(seq)::int AS s FROM audit_log WHERE county_code = '330522'`);
      await db.exec(`ALTER TABLE audit_log DISABLE TRIGGER USER;
        DELETE FROM audit_log WHERE county_code = '330522' AND seq = ${s};
        ALTER TABLE audit_log ENABLE TRIGGER USER;`);
      return s;
    });
    const r = hongyun('audit', 'verify');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`audit chain BROKEN at county 330522 seq ${last} (head)`);
  }, 90_000);
});
