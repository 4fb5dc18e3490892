import { bigint, index, integer, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** The county's dues settings (see 0011_dues_settings.sql); no row = the defaults of common/dues.ts. */
export const duesSettings = pgTable('dues_settings', {
  countyCode: text('county_code').notNull().primaryKey(),
  /** The monthly amount of 农民 members in 分 (20–100, i.e. 0.2–1 元; DOMAIN §4). */
  farmerFlatFen: smallint('farmer_flat_fen').notNull().default(20),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The proxy payer (代缴) of a member with the branch's consent (see 0012_dues_bills.sql). The dues
 * category is not here: it is members.dues_category, the one source of truth (docs/DUES.md).
 */
export const duesProfiles = pgTable(
  'dues_profiles',
  {
    countyCode: text('county_code').notNull(),
    memberId: uuid('member_id').notNull(),
    /** Another member who pays this member's dues (代缴). */
    proxyPayerId: uuid('proxy_payer_id'),
    /** The branch's consent as recorded (required with a payer). */
    proxyConsent: text('proxy_consent'),
    proxyConsentedBy: uuid('proxy_consented_by'),
    proxyConsentedByName: text('proxy_consented_by_name'),
    proxyConsentedAt: timestamp('proxy_consented_at', { withTimezone: true }),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.memberId] })],
);

/** A member's base from a month on (append-only history; the base of month M is the latest row effective ≤ M). */
export const duesBases = pgTable(
  'dues_bases',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    memberId: uuid('member_id').notNull(),
    /** 'YYYY-MM': the month the new pay starts. */
    effectiveMonth: text('effective_month').notNull(),
    /** 分 per month, at least 100 (1 元). */
    baseFen: bigint('base_fen', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] }), index('dues_bases_member_idx').on(t.countyCode, t.memberId, t.effectiveMonth, t.id)],
);

/** A monthly bill: one per member and month; no amount while it carries an issue; never 0. */
export const duesBills = pgTable(
  'dues_bills',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    memberId: uuid('member_id').notNull(),
    /** 'YYYY-MM'. */
    month: text('month').notNull(),
    /** The organization that collects it (the member's when the bill was made). */
    orgId: uuid('org_id').notNull(),
    category: text('category'),
    baseFen: bigint('base_fen', { mode: 'number' }),
    rule: text('rule'),
    rateBp: integer('rate_bp'),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    paidFen: bigint('paid_fen', { mode: 'number' }).notNull().default(0),
    state: text('state').notNull().default('due').$type<'due' | 'paid' | 'partially_paid' | 'waived'>(),
    issue: text('issue').$type<'base_missing' | 'category_missing'>(),
    /** The reduction or exemption decision that applies (a later task). */
    reductionId: uuid('reduction_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    unique().on(t.countyCode, t.memberId, t.month),
    index('dues_bills_month_org_idx').on(t.countyCode, t.month, t.orgId),
  ],
);
