import { pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** Credentials of API clients (kiosks, other systems), limited to named routes. */
export const apiClients = pgTable(
  'api_clients',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    keyId: text('key_id').notNull(),
    name: text('name').notNull(),
    orgId: uuid('org_id').notNull(),
    /** The shared secret, encrypted (SM4 + HMAC-SM3). */
    secretEnc: text('secret_enc').notNull(),
    /** Allowed routes as "METHOD /url/:param". */
    routes: text('routes').array().notNull().default([]),
    status: text('status').notNull().default('active').$type<'active' | 'disabled'>(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] }), unique().on(t.countyCode, t.keyId)],
);

/** Nonces already used; the primary key refuses a replay. */
export const apiNonces = pgTable(
  'api_nonces',
  {
    countyCode: text('county_code').notNull(),
    clientId: uuid('client_id').notNull(),
    nonce: text('nonce').notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.clientId, t.nonce] })],
);

