import fs from 'node:fs';
import path from 'node:path';
import { type Config, type ModeFlags, loadConfig } from '../core/config.ts';
import { loadKeyRing } from '../core/crypto/keys.ts';
import { type Database, openDatabase } from '../core/db/client.ts';
import { migrate } from '../core/db/migrate.ts';
import { Events } from '../core/events.ts';
import { JobQueue } from '../core/jobs/queue.ts';
import { progress } from '../core/progress.ts';
import type { Services } from '../core/services.ts';

/** Services for CLI commands (no HTTP server). */
export function cliServices(config: Config, database: Database): Services {
  const log = {
    info: (o: unknown, m?: string) => process.stderr.write(`${m ?? JSON.stringify(o)}\n`),
    warn: (o: unknown, m?: string) => process.stderr.write(`warning: ${m ?? JSON.stringify(o)}\n`),
    error: (o: unknown, m?: string) => process.stderr.write(`error: ${m ?? JSON.stringify(o)}\n`),
  };
  return {
    config,
    database,
    db: database.db,
    keys: loadKeyRing({ keysJson: config.keysJson, dataDir: config.dataDir }),
    jobs: new JobQueue(database.db),
    events: new Events(),
    log,
  };
}

/** The pid file that marks a running server on the embedded database. */
export const pidFile = (config: Config) => path.join(config.dataDir, 'hongyun.pid');

/** Refuses to open the embedded database while a server holds it (PGlite is single-process). */
export function assertNotRunning(config: Config) {
  if (config.databaseUrl) return;
  const f = pidFile(config);
  if (!fs.existsSync(f)) return;
  const pid = Number(fs.readFileSync(f, 'utf8'));
  try {
    if (pid && pid !== process.pid) {
      process.kill(pid, 0);
      throw new Error(`a server (pid ${pid}) is using ${config.dataDir}; stop it first`);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}

/** Loads configuration, opens and migrates the database. */
export async function openForCli(flags: ModeFlags = {}, quiet = false) {
  const config = loadConfig(process.env, flags);
  assertNotRunning(config);
  const database = await openDatabase(config);
  await migrate(database, quiet ? undefined : progress('migrate'));
  return { config, database, services: cliServices(config, database) };
}
