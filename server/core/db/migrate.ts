import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './client.ts';

/** Folder of the committed SQL migrations, applied in file-name order on both engines. */
export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** A migration file and its checksum. */
export type Migration = { name: string; sql: string; checksum: string };

/** Lists the migration files in order. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Applies every pending migration, each in its own transaction, and refuses to run when an
 * applied file was edited afterwards (its checksum changed). Returns the names applied.
 */
export async function migrate(database: Database, onProgress?: (done: number, total: number, name: string) => void) {
  if (!database.pool) return migrateOn(database, onProgress);
  // On a server, hold one connection so the advisory lock and each transaction stay on it.
  const client = await database.pool.connect();
  try {
    const single: Database = {
      ...database,
      async query<T>(text: string, params: unknown[] = []) {
        return (await client.query(text, params)).rows as T[];
      },
      async exec(script: string) {
        await client.query(script);
      },
    };
    return await migrateOn(single, onProgress);
  } finally {
    client.release();
  }
}

async function migrateOn(database: Database, onProgress?: (done: number, total: number, name: string) => void) {
  // Lock first: two nodes starting at once would otherwise race on CREATE TABLE IF NOT EXISTS.
  if (database.engine === 'postgres') await database.query('SELECT pg_advisory_lock(734205221)');
  try {
    await database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = new Map(
      (await database.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations')).map(
        (r) => [r.name, r.checksum],
      ),
    );
    const all = listMigrations();
    const done: string[] = [];
    for (const [i, m] of all.entries()) {
      const prior = applied.get(m.name);
      if (prior) {
        if (prior !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied`);
        continue;
      }
      const name = m.name.replaceAll("'", "''");
      await database.exec(
        `BEGIN;\n${m.sql}\n;INSERT INTO schema_migrations (name, checksum) VALUES ('${name}', '${m.checksum}');\nCOMMIT;`,
      );
      done.push(m.name);
      onProgress?.(i + 1, all.length, m.name);
    }
    return done;
  } catch (e) {
    await database.exec('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    if (database.engine === 'postgres') await database.query('SELECT pg_advisory_unlock(734205221)');
  }
}
