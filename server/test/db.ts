import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../core/db/client.ts';
import { migrate } from '../core/db/migrate.ts';

/** The engine this test run uses (vitest projects set it). */
export const TEST_ENGINE = process.env.HY_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';

/**
 * A fresh, migrated database for one test file: a copy of the PGlite template, or a new database
 * on the PostgreSQL server named by TEST_DATABASE_URL (dropped on close), copied from the migrated
 * template database of global-setup.ts (migrated here when there is none).
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
  const run = process.env.HY_TEST_RUN;
  const name = `hy_test_${run ? `${run}_` : ''}${randomBytes(6).toString('hex')}`;
  // global-setup.ts migrated a template database once; copying it is much faster than migrating.
  const template = process.env.HY_TEST_PG_TEMPLATE;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
    // A test database need not survive a server crash, so its commits do not wait for the WAL flush.
    await admin.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), 5);
  if (!template) await migrate(db);
  const close = db.close;
  db.close = async () => {
    await close();
    // DROP DATABASE forces a checkpoint (all dirty buffers of every test database to disk), seconds
    // under load: within a test run the global teardown drops this run's databases at the end.
    if (run) return;
    await dropTestDatabase(adminUrl, name);
  };
  return db;
}

/** Drops a test database once the connections of its closed pool have gone. */
export async function dropTestDatabase(adminUrl: string, name: string) {
  const a = new pg.Client({ connectionString: adminUrl });
  await a.connect();
  try {
    // pool.end() resolves before its connections have closed; dropping WITH (FORCE) at once would
    // kill them mid-close and surface as an unhandled "terminating connection" error.
    for (let i = 0; i < 50; i++) {
      const r = await a.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (r.rows[0].n === 0) break;
      await new Promise((res) => setTimeout(res, 20));
    }
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await a.end();
  }
}
