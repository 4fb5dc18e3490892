// Bulk inserts of the demo county seed, inside its transaction: one `INSERT … SELECT FROM
// unnest(array, …)` per batch (one array parameter per column, so thousands of rows are one short
// statement on both engines), and the indexes and foreign keys of a table set aside while it is
// filled and restored afterwards.
import { type Table, getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { Tx } from '../../core/services.ts';

/**
 * Inserts rows of a drizzle table, `batch` rows per statement. Columns whose value is undefined in
 * the first row are left to their defaults; jsonb values travel as JSON text.
 */
export async function insertMany(tx: Tx, table: Table, rows: Record<string, unknown>[], batch = 2000) {
  if (rows.length === 0) return;
  const cols = Object.entries(getTableColumns(table)).filter(([key]) => rows[0][key] !== undefined);
  const name = getTableName(table);
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const arrays = cols.map(([key, c]) => {
      const json = c.getSQLType() === 'jsonb';
      const values = chunk.map((r) => (json && r[key] != null ? JSON.stringify(r[key]) : (r[key] ?? null)));
      return sql`${sql.param(values)}::${sql.raw(json ? 'text' : c.getSQLType())}[]`;
    });
    const names = cols.map(([, c]) => `"${c.name}"`).join(', ');
    const select = cols.map(([, c], j) => (c.getSQLType() === 'jsonb' ? `c${j}::jsonb` : `c${j}`)).join(', ');
    const alias = cols.map((_, j) => `c${j}`).join(', ');
    await tx.execute(sql`INSERT INTO ${sql.raw(`"${name}"`)} (${sql.raw(names)}) SELECT ${sql.raw(select)} FROM unnest(${sql.join(arrays, sql`, `)}) AS t(${sql.raw(alias)})`);
  }
}

/** A column of insertColumns: its name, the array's element type, the values, and an SQL expression of the element. */
export type Column = { name: string; type: string; values: unknown[]; expr?: (c: string) => string };

/** Epoch milliseconds (float8) as timestamptz. */
export const ts = (c: string) => `to_timestamp(${c} / 1000.0)`;

/** One INSERT of `columns` (arrays of equal length) with the county code as a constant. */
export async function insertColumns(tx: Tx, table: string, county: string, columns: Column[]) {
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const select = columns.map((c, j) => (c.expr ? c.expr(`c${j}`) : `c${j}`)).join(', ');
  const alias = columns.map((_, j) => `c${j}`).join(', ');
  const arrays = columns.map((c) => sql`${sql.param(c.values)}::${sql.raw(c.type)}[]`);
  await tx.execute(
    sql`INSERT INTO ${sql.raw(`"${table}"`)} ("county_code", ${sql.raw(names)}) SELECT ${county}, ${sql.raw(select)} FROM unnest(${sql.join(arrays, sql`, `)}) AS t(${sql.raw(alias)})`,
  );
}

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

/**
 * The secondary indexes of a table (those that back no constraint), as their definitions. A bulk
 * load drops them and builds them again afterwards: inserting hundreds of thousands of rows in
 * member order into `checkins_member_idx` one by one costs more than the rest of the load, while
 * building it once sorts. Constraints (primary key, unique keys) stay in place and are checked
 * row by row as usual. Everything happens inside the seed's transaction.
 */
export async function secondaryIndexes(tx: Tx, table: string): Promise<{ name: string; def: string }[]> {
  return rowsOf(
    await tx.execute(sql`
      SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       WHERE t.relname = ${table} AND t.relnamespace = current_schema()::regnamespace
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
       ORDER BY i.relname`),
  );
}

/**
 * The foreign keys of a table and its primary key when no foreign key refers to it, as their
 * definitions (primary key first).
 */
async function constraints(tx: Tx, table: string): Promise<{ name: string; def: string }[]> {
  return rowsOf(
    await tx.execute(sql`
      SELECT c.conname AS name, pg_get_constraintdef(c.oid) AS def
        FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
       WHERE t.relname = ${table} AND t.relnamespace = current_schema()::regnamespace
         AND (c.contype = 'f' OR (c.contype = 'p' AND NOT EXISTS (SELECT 1 FROM pg_constraint r WHERE r.contype = 'f' AND r.confrelid = t.oid)))
       ORDER BY c.contype DESC, c.conname`),
  );
}

/**
 * Sets aside the secondary indexes, foreign keys and primary key (when nothing refers to it) of
 * `tables` for a bulk load, and returns what puts them back: each index and key built once from
 * sorted rows, each foreign key checked in one join, instead of an index insertion and a look-up
 * (with a row lock) per inserted row. Unique constraints stay. All inside the seed's transaction:
 * nobody sees the tables without them, and a duplicate or a dangling reference fails the seed.
 */
export async function setAside(tx: Tx, tables: string[]): Promise<() => Promise<void>> {
  const restore: string[] = [];
  for (const table of tables) {
    for (const c of await constraints(tx, table)) {
      await tx.execute(sql.raw(`ALTER TABLE "${table}" DROP CONSTRAINT "${c.name}"`));
      restore.push(`ALTER TABLE "${table}" ADD CONSTRAINT "${c.name}" ${c.def}`);
    }
    for (const ix of await secondaryIndexes(tx, table)) {
      await tx.execute(sql.raw(`DROP INDEX "${ix.name}"`));
      restore.unshift(ix.def);
    }
  }
  return async () => {
    for (const statement of restore) await tx.execute(sql.raw(statement));
  };
}

/**
 * Like setAside, for a group of tables that refer to each other, and including their primary and unique
 * keys: every key, foreign key and secondary index of `tables` is dropped (foreign keys first) and put
 * back by the returned function (keys, then indexes, then foreign keys — each built once from sorted
 * rows or checked in one join). For a bulk load that writes every row of these tables itself; a
 * duplicate or a dangling reference still fails the load when the keys come back.
 */
export async function setAsideAll(tx: Tx, tables: string[]): Promise<() => Promise<void>> {
  const defs = rowsOf<{ table: string; name: string; type: 'p' | 'u' | 'f'; def: string }>(
    await tx.execute(sql`
      SELECT t.relname AS table, c.conname AS name, c.contype AS type, pg_get_constraintdef(c.oid) AS def
        FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
       WHERE t.relname = ANY (${sql.param(tables)}::text[]) AND t.relnamespace = current_schema()::regnamespace AND c.contype IN ('p', 'u', 'f')
       ORDER BY c.contype = 'f' DESC, t.relname, c.conname`),
  );
  const indexes: { name: string; def: string }[] = [];
  for (const t of tables) indexes.push(...(await secondaryIndexes(tx, t)));
  for (const d of defs) await tx.execute(sql.raw(`ALTER TABLE "${d.table}" DROP CONSTRAINT "${d.name}"`));
  for (const ix of indexes) await tx.execute(sql.raw(`DROP INDEX "${ix.name}"`));
  return async () => {
    for (const d of defs.filter((x) => x.type !== 'f')) await tx.execute(sql.raw(`ALTER TABLE "${d.table}" ADD CONSTRAINT "${d.name}" ${d.def}`));
    for (const ix of indexes) await tx.execute(sql.raw(ix.def));
    for (const d of defs.filter((x) => x.type === 'f')) await tx.execute(sql.raw(`ALTER TABLE "${d.table}" ADD CONSTRAINT "${d.name}" ${d.def}`));
  };
}
