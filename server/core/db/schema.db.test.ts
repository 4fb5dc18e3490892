import { randomBytes } from 'node:crypto';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../db-schema.ts';
import { TEST_ENGINE, testDatabase } from '../../test/db.ts';
import { type Database, openPostgres } from './client.ts';
import { listMigrations, migrate } from './migrate.ts';

// Tables local to one node, not sharded by county (see 0001_foundation.sql).
const LOCAL_TABLES = ['sessions', 'jobs', 'job_schedules', 'counties', 'audit_heads', 'schema_migrations'];
// Small global reference tables, the same in every county (replicated to every node when sharded).
const REFERENCE_TABLES = ['activity_types'];

let d: Database;
beforeAll(async () => {
  d = await testDatabase();
});
afterAll(() => d?.close());

const tables = Object.values(schema as Record<string, unknown>)
  .filter((t): t is PgTable => is(t, PgTable))
  .map((t) => getTableConfig(t));

type Col = { table_name: string; column_name: string; is_nullable: 'YES' | 'NO'; data_type: string; column_default: string | null; is_identity: 'YES' | 'NO' };
const dbColumns = () =>
  // format_type spells types as drizzle does (text[] rather than information_schema's ARRAY).
  d.query<Col>(`SELECT table_name, column_name, is_nullable, column_default, is_identity,
                       format_type(a.atttypid, a.atttypmod) AS data_type
                  FROM information_schema.columns c
                  JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name
                 WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`);
const dbTables = async () =>
  (await d.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`)).map((r) => r.table_name);
const primaryKeys = async () => {
  const rows = await d.query<{ table_name: string; column_name: string }>(
    `SELECT c.relname AS table_name, a.attname AS column_name
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (k.conkey)
      WHERE k.contype = 'p' AND n.nspname = 'public'`,
  );
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.table_name, [...(out.get(r.table_name) ?? []), r.column_name].sort());
  return out;
};

describe('migrations', () => {
  it('lists the committed migrations in order with checksums', () => {
    const m = listMigrations();
    expect(m.length).toBeGreaterThan(0);
    expect(m.map((x) => x.name)).toEqual([...m.map((x) => x.name)].sort());
    for (const x of m) expect(x.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records every migration and applies nothing on a second run', async () => {
    const applied = await d.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations ORDER BY name');
    expect(applied).toEqual(listMigrations().map((m) => ({ name: m.name, checksum: m.checksum })));
    expect(await migrate(d)).toEqual([]);
    expect(await migrate(d)).toEqual([]);
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const [first] = listMigrations();
    await d.query(`UPDATE schema_migrations SET checksum = $1 WHERE name = $2`, ['0'.repeat(64), first.name]);
    try {
      await expect(migrate(d)).rejects.toThrow(`migration ${first.name} was changed after it was applied`);
    } finally {
      await d.query(`UPDATE schema_migrations SET checksum = $1 WHERE name = $2`, [first.checksum, first.name]);
    }
    // The database is still usable and the next run is clean.
    expect(await migrate(d)).toEqual([]);
  });
});

describe('drift between db-schema.ts and the migrated database', () => {
  it('has every drizzle table and column with the same type and nullability', async () => {
    const cols = await dbColumns();
    const problems: string[] = [];
    for (const t of tables) {
      const inDb = cols.filter((c) => c.table_name === t.name);
      if (inDb.length === 0) problems.push(`table ${t.name} missing`);
      for (const c of t.columns) {
        const col = inDb.find((x) => x.column_name === c.name);
        if (!col) {
          problems.push(`${t.name}.${c.name} missing`);
          continue;
        }
        if ((col.is_nullable === 'NO') !== c.notNull) problems.push(`${t.name}.${c.name} nullability: db ${col.is_nullable}, drizzle notNull=${c.notNull}`);
        if (col.data_type !== c.getSQLType()) problems.push(`${t.name}.${c.name} type: db ${col.data_type}, drizzle ${c.getSQLType()}`);
        if (c.default !== undefined && col.column_default === null && col.is_identity === 'NO') problems.push(`${t.name}.${c.name} default missing in db`);
      }
      for (const col of inDb)
        if (!t.columns.some((c) => c.name === col.column_name)) problems.push(`${t.name}.${col.column_name} not in drizzle`);
    }
    expect(problems).toEqual([]);
  });

  it('has every table of the database in the drizzle schema', async () => {
    const names = new Set(tables.map((t) => t.name));
    expect((await dbTables()).filter((t) => t !== 'schema_migrations' && !names.has(t))).toEqual([]);
  });

  it('declares the same primary keys in drizzle as the database has', async () => {
    const pks = await primaryKeys();
    for (const t of tables) {
      const declared = [...t.primaryKeys.flatMap((p) => p.columns.map((c) => c.name)), ...t.columns.filter((c) => c.primary).map((c) => c.name)].sort();
      expect(declared, t.name).toEqual(pks.get(t.name));
    }
  });
});

describe('sharding key', () => {
  it('gives every table a primary key', async () => {
    const pks = await primaryKeys();
    expect((await dbTables()).filter((t) => !pks.has(t))).toEqual([]);
  });

  it('puts county_code in the primary key of every table except the node-local and reference ones', async () => {
    const pks = await primaryKeys();
    const missing = (await dbTables()).filter((t) => !LOCAL_TABLES.includes(t) && !REFERENCE_TABLES.includes(t) && !pks.get(t)?.includes('county_code'));
    expect(missing).toEqual([]);
    // The check is not vacuous: the county-sharded tables exist.
    for (const t of ['organizations', 'accounts', 'grants', 'audit_log']) expect(pks.get(t), t).toContain('county_code');
  });
});

describe.skipIf(TEST_ENGINE !== 'postgres')('two nodes starting at once on PostgreSQL', () => {
  it('apply each migration once (advisory lock)', async () => {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const name = `hy_test_mig_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const a = await openPostgres(url.toString(), 2);
    const b = await openPostgres(url.toString(), 2);
    try {
      const results = await Promise.allSettled([migrate(a), migrate(b)]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      const [ra, rb] = results.map((r) => (r.status === 'fulfilled' ? r.value : []));
      const all = listMigrations().map((m) => m.name);
      expect([...ra, ...rb].sort()).toEqual(all);
      const [{ n }] = await a.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(n).toBe(all.length);
    } finally {
      await a.close();
      await b.close();
      // Let the closed pools' connections go before dropping (see test/db.ts).
      for (let i = 0; i < 50; i++) {
        const r = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (r.rows[0].n === 0) break;
        await new Promise((res) => setTimeout(res, 20));
      }
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
    // Two migrations from scratch, CREATE and DROP DATABASE (a checkpoint each): tens of seconds when the
    // shared PostgreSQL server is busy.
  }, 120_000);
});
