import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../core/db/client.ts';
import { TEST_ENGINE } from '../test/db.ts';

// `hongyun backup` / `hongyun restore`: PGlite writes a data-dir dump; PostgreSQL uses pg_dump and
// pg_restore. A restored database has the same accounts and an intact audit chain.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hy-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function hongyun(env: Record<string, string>, ...args: string[]) {
  const base: NodeJS.ProcessEnv = { ...process.env, HONGYUN_MODE: 'production', ...env };
  for (const k of ['TEST_DATABASE_URL', ...(env.DATABASE_URL ? [] : ['DATABASE_URL'])]) delete base[k];
  const r = spawnSync(process.execPath, ['bin/hongyun.mjs', ...args], { cwd: ROOT, env: base, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return r;
}

const hasPgDump = spawnSync('pg_dump', ['--version']).status === 0;

describe.skipIf(TEST_ENGINE === 'postgres')('backup and restore on the embedded database', () => {
  it('restores accounts and the audit chain into a new data dir, and refuses to overwrite without --force', async () => {
    const keys = path.join(tmp, 'keys');
    fs.mkdirSync(keys);
    const a = path.join(tmp, 'a');
    expect(hongyun({ DATA_DIR: a }, 'account', 'create', '--username', 'backup_probe', '--role', 'security_admin').status).toBe(0);
    const file = path.join(tmp, 'a.tar.gz');
    const b = hongyun({ DATA_DIR: a }, 'backup', file);
    expect(b.status, b.stderr).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    const target = path.join(tmp, 'b');
    fs.mkdirSync(target);
    fs.copyFileSync(path.join(a, 'keys.json'), path.join(target, 'keys.json'));
    const r = hongyun({ DATA_DIR: target }, 'restore', file);
    expect(r.status, r.stderr).toBe(0);
    const db = await openPglite(path.join(target, 'pgdata'));
    const rows = await db.query<{ login_key: string }>('SELECT login_key FROM accounts');
    await db.close();
    expect(rows.map((x) => x.login_key)).toContain('u:backup_probe');
    const v = hongyun({ DATA_DIR: target }, 'audit', 'verify');
    expect(v.status, v.stdout + v.stderr).toBe(0);
    const again = hongyun({ DATA_DIR: target }, 'restore', file);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('--force');
  }, 180_000);
});

describe.skipIf(TEST_ENGINE !== 'postgres' || !hasPgDump)('backup and restore on PostgreSQL', () => {
  it('round-trips through pg_dump and pg_restore', async () => {
    const admin = process.env.TEST_DATABASE_URL as string;
    const names = [`hy_bk_${randomBytes(4).toString('hex')}`, `hy_bk_${randomBytes(4).toString('hex')}`];
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    for (const n of names) await c.query(`CREATE DATABASE ${n}`);
    const url = (n: string) => Object.assign(new URL(admin), { pathname: `/${n}` }).toString();
    try {
      const env = { DATA_DIR: path.join(tmp, 'pgkeys'), DATABASE_URL: url(names[0]) };
      expect(hongyun(env, 'account', 'create', '--username', 'pg_probe', '--role', 'audit_admin').status).toBe(0);
      const file = path.join(tmp, 'pg.dump');
      const b = hongyun(env, 'backup', file);
      expect(b.status, b.stderr).toBe(0);
      const r = hongyun({ ...env, DATABASE_URL: url(names[1]) }, 'restore', file);
      expect(r.status, r.stderr).toBe(0);
      const d = new pg.Client({ connectionString: url(names[1]) });
      await d.connect();
      const rows = (await d.query('SELECT login_key FROM accounts')).rows.map((x) => x.login_key);
      await d.end();
      expect(rows).toContain('u:pg_probe');
    } finally {
      for (const n of names) await c.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
      await c.end();
    }
  }, 180_000);
});
