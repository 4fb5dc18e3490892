import { bigint, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The last link of each county's audit chain; updating it serialises appends. */
export const auditHeads = pgTable('audit_heads', {
  countyCode: text('county_code').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

/** Append-only, hash-chained audit rows (UPDATE/DELETE refused by a trigger). */
export const auditLog = pgTable(
  'audit_log',
  {
    countyCode: text('county_code').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    roles: text('roles').notNull().default(''),
    ip: text('ip'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    orgId: uuid('org_id'),
    result: text('result').notNull().$type<'success' | 'failure' | 'denied'>(),
    reason: text('reason'),
    detail: jsonb('detail'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.seq] })],
);
