import type { Config } from './config.ts';
import type { KeyRing } from './crypto/keys.ts';
import type { Database, Db } from './db/client.ts';
import type { Events } from './events.ts';
import type { JobQueue } from './jobs/queue.ts';

/** A minimal logger interface (fastify's pino logger satisfies it). */
export type Logger = {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
};

/** Process-wide services handed to every module. */
export type Services = {
  config: Config;
  database: Database;
  db: Db;
  keys: KeyRing;
  jobs: JobQueue;
  events: Events;
  log: Logger;
};

/** A drizzle transaction or the database itself: repositories accept either. */
export type Tx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];
