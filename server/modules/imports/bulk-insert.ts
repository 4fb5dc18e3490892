import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../../core/services.ts';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Inserts many rows of a drizzle table in one statement with one parameter: the rows as a JSON
 * array, unpacked by jsonb_to_recordset with each column's SQL type. Building a 1,000-row
 * VALUES list through the query builder costs more CPU than the database spends inserting it;
 * this costs one JSON.stringify. Columns that no row sets are left to their defaults; values are
 * what the table's insert type holds (Dates become ISO strings, jsonb columns nest as JSON).
 */
export async function bulkInsert<T extends PgTable>(tx: Tx, table: T, rows: T['$inferInsert'][]) {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => rows.some((r) => (r as Record<string, unknown>)[key] !== undefined));
  const names = columns.map(([, c]) => quote(c.name)).join(', ');
  const types = columns.map(([, c]) => `${quote(c.name)} ${c.getSQLType()}`).join(', ');
  const json = JSON.stringify(
    rows.map((r) => {
      const o: Record<string, unknown> = {};
      for (const [key, c] of columns) {
        const v = (r as Record<string, unknown>)[key];
        o[c.name] = v instanceof Date ? v.toISOString() : (v ?? null);
      }
      return o;
    }),
  );
  await tx.execute(sql`INSERT INTO ${sql.raw(quote(getTableName(table)))} (${sql.raw(names)}) SELECT ${sql.raw(names)} FROM jsonb_to_recordset(${json}::jsonb) AS x(${sql.raw(types)})`);
}
