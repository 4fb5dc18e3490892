import { bigint, boolean, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** Login accounts: administrators log in with a username, members with their ID number (blind index). */
export const accounts = pgTable(
  'accounts',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull().$type<'admin' | 'member'>(),
    loginKey: text('login_key').notNull(),
    displayName: text('display_name').notNull(),
    orgId: uuid('org_id'),
    /** The member record of a member account (log in with the ID number). */
    memberId: uuid('member_id'),
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedCount: integer('failed_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    status: text('status').notNull().default('active').$type<'active' | 'disabled'>(),
    isDemo: boolean('is_demo').notNull().default(false),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] }), unique().on(t.countyCode, t.loginKey)],
);

/** A grant gives an account a role over an organization subtree. */
export const grants = pgTable(
  'grants',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    accountId: uuid('account_id').notNull(),
    role: text('role').notNull(),
    orgId: uuid('org_id').notNull(),
    grantedBy: uuid('granted_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] }), unique().on(t.countyCode, t.accountId, t.role, t.orgId)],
);

/** Server-side sessions keyed by the SHA-256 of the cookie token. */
export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  countyCode: text('county_code').notNull(),
  accountId: uuid('account_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  mfaOk: boolean('mfa_ok').notNull().default(false),
  ip: text('ip'),
  userAgent: text('user_agent'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});
