import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../core/db/client.ts';
import { migrate } from '../core/db/migrate.ts';

/** The engine this test run uses (vitest projects set it). */
export const TEST_ENGINE = process.env.HY_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';

/**
 * A fresh, migrated database for one test file: a copy of the PGlite template, or a new database
 * on the PostgreSQL server named by TEST_DATABASE_URL (dropped on close).
 */
export async function testDatabase(): Promise<Database> {
  if (TEST_ENGINE === 'pglite') {
    const file = process.env.HY_TEST_TEMPLATE;
    if (file && fs.existsSync(file)) return openPglite(undefined, new Blob([fs.readFileSync(file)]));
    const db = await openPglite(undefined);
    await migrate(db);
    return db;
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `hy_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), 5);
  await migrate(db);
  const close = db.close;
  db.close = async () => {
    await close();
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    // pool.end() resolves before its connections have closed; dropping WITH (FORCE) at once would
    // kill them mid-close and surface as an unhandled "terminating connection" error.
    for (let i = 0; i < 50; i++) {
      const r = await a.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (r.rows[0].n === 0) break;
      await new Promise((res) => setTimeout(res, 20));
    }
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  };
  return db;
}
