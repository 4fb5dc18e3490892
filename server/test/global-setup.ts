import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPglite, openPostgres } from '../core/db/client.ts';
import { migrate } from '../core/db/migrate.ts';

/**
 * Migrates the schema once per run so that each test file starts from a copy instead of running
 * every migration: a PGlite data-dir dump (loaded in < 1 s) and, when TEST_DATABASE_URL is set, a
 * template database on the PostgreSQL server (each file's database is a CREATE DATABASE … TEMPLATE
 * copy, see db.ts). The teardown drops this run's PostgreSQL test databases and the template.
 * Vitest calls a global setup once per project (root, pglite, postgres) in the same process: only
 * the first call builds the templates, the later ones find them in process.env.
 */
export default async function setup() {
  if (process.env.HY_TEST_TEMPLATE_OWNER === String(process.pid)) return;
  process.env.HY_TEST_TEMPLATE_OWNER = String(process.pid);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hy-template-'));
  const pgUrl = process.env.TEST_DATABASE_URL;
  // Names this run's PostgreSQL test databases (hy_test_<run>_…), which the teardown drops.
  const run = randomBytes(4).toString('hex');
  process.env.HY_TEST_RUN = run;
  const [, pgTemplate] = await Promise.all([pgliteTemplate(dir), pgUrl ? postgresTemplate(pgUrl) : undefined]);
  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (!pgUrl) return;
    const a = new pg.Client({ connectionString: pgUrl });
    await a.connect();
    try {
      const left = await a.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`hy\\_test\\_${run}\\_%`]);
      for (const { datname } of left.rows) await a.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      if (pgTemplate) await a.query(`DROP DATABASE IF EXISTS ${pgTemplate} WITH (FORCE)`);
    } finally {
      await a.end();
    }
  };
}

async function pgliteTemplate(dir: string) {
  const db = await openPglite(undefined);
  await migrate(db);
  const blob = (await db.pglite!.dumpDataDir('none')) as Blob;
  const file = path.join(dir, 'template.tar');
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await db.close();
  process.env.HY_TEST_TEMPLATE = file;
}

async function postgresTemplate(adminUrl: string) {
  const name = `hy_template_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), 1);
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  // CREATE DATABASE … TEMPLATE refuses while a session is connected to the template, and pool.end()
  // resolves before its connection has gone.
  const a = new pg.Client({ connectionString: adminUrl });
  await a.connect();
  try {
    for (let i = 0; i < 250; i++) {
      const r = await a.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (r.rows[0].n === 0) break;
      await new Promise((res) => setTimeout(res, 20));
    }
  } finally {
    await a.end();
  }
  process.env.HY_TEST_PG_TEMPLATE = name;
  return name;
}

async function adminQuery(adminUrl: string, sql: string) {
  const a = new pg.Client({ connectionString: adminUrl });
  await a.connect();
  try {
    await a.query(sql);
  } finally {
    await a.end();
  }
}
