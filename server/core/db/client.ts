import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { schema } from '../../db-schema.ts';

/** The typed query builder, the same on both engines. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Which engine runs underneath. */
export type Engine = 'pglite' | 'postgres';

/** An open database: the typed builder plus a raw query escape hatch for migrations and tools. */
export type Database = {
  engine: Engine;
  db: Db;
  /**
   * Runs one parameterised statement and returns its rows. `name` makes it a named prepared
   * statement on PostgreSQL (parsed and planned once per connection: hot paths); PGlite ignores it.
   */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], name?: string): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
  pglite?: PGlite;
  pool?: pg.Pool;
};

// timestamptz and int8 arrive as strings from pg by default; bigint counts we cast in SQL.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});

/** Wraps an existing PGlite instance (tests clone a migrated template this way). */
export function fromPglite(pglite: PGlite): Database {
  return {
    engine: 'pglite',
    db: drizzlePglite(pglite, { schema }) as unknown as Db,
    pglite,
    async query<T>(text: string, params: unknown[] = []) {
      const r = await pglite.query<T>(text, params);
      return r.rows;
    },
    async exec(script: string) {
      await pglite.exec(script);
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** Opens the embedded database in `dir` (created when missing). */
export async function openPglite(dir: string | undefined, loadDataDir?: Blob): Promise<Database> {
  if (dir) fs.mkdirSync(path.dirname(dir), { recursive: true });
  const pglite = await PGlite.create(dir ? { dataDir: dir, loadDataDir } : { loadDataDir });
  // PostgreSQL creates base/pgsql_tmp when a sort first spills to disk; under a check-in burst a
  // PGlite member list once failed there with "could not create temporary file … No such file or
  // directory" (not reproduced since). Creating the directory up front removes that step.
  if (dir) fs.mkdirSync(path.join(dir, 'base', 'pgsql_tmp'), { recursive: true });
  return fromPglite(pglite);
}

/** Connects to a PostgreSQL server. */
export async function openPostgres(url: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // Fail fast with a clear message when the server is unreachable.
  const c = await pool.connect();
  c.release();
  return {
    engine: 'postgres',
    db: drizzleNodePg(pool, { schema }) as unknown as Db,
    pool,
    async query<T>(text: string, params: unknown[] = [], name?: string) {
      const r = await pool.query(name ? { name, text, values: params } : { text, values: params });
      return r.rows as T[];
    },
    async exec(script: string) {
      await pool.query(script);
    },
    async close() {
      await pool.end();
    },
  };
}

/** Opens the database the configuration names: PostgreSQL when a URL is given, else PGlite in dataDir/pgdata. */
export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(path.join(opts.dataDir, 'pgdata'));
}
