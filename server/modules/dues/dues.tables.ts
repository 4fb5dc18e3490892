import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** The county's dues settings (see 0011_dues_settings.sql); no row = the defaults of common/dues.ts. */
export const duesSettings = pgTable('dues_settings', {
  countyCode: text('county_code').notNull().primaryKey(),
  /** The monthly amount of 农民 members in 分 (20–100, i.e. 0.2–1 元; DOMAIN §4). */
  farmerFlatFen: smallint('farmer_flat_fen').notNull().default(20),
  /** Early warning (0017_dues_monitoring.sql): an organization below warnShareBp paid by day warnDay is listed. */
  warnDay: smallint('warn_day').notNull().default(20),
  warnShareBp: integer('warn_share_bp').notNull().default(8000),
  /** The share of the year's regular dues remitted to the level above (basis points, 5 % by default). */
  remitShareBp: integer('remit_share_bp').notNull().default(500),
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
    /** The amount before the reduction applied (0016_dues_reductions.sql; null when none applies). */
    originalAmountFen: bigint('original_amount_fen', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the bill reached 'paid' (0017_dues_monitoring.sql: a trigger sets it unless the writer does). */
    paidAt: timestamp('paid_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    unique().on(t.countyCode, t.memberId, t.month),
    index('dues_bills_month_org_idx').on(t.countyCode, t.month, t.orgId),
  ],
);

/** The running receipt number of a county and year (see 0013_dues_payments.sql). */
export const duesReceiptCounters = pgTable(
  'dues_receipt_counters',
  {
    countyCode: text('county_code').notNull(),
    year: text('year').notNull(),
    lastNo: integer('last_no').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.year] })],
);

/** A payment (append-only): a bill paid, a voluntary extra payment, or a reversing entry. */
export const duesPayments = pgTable(
  'dues_payments',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    memberId: uuid('member_id').notNull(),
    orgId: uuid('org_id').notNull(),
    kind: text('kind').notNull().$type<'bill' | 'voluntary' | 'reversal'>(),
    channel: text('channel').notNull().$type<'cash' | 'transfer' | 'bank' | 'online'>(),
    billId: uuid('bill_id'),
    month: text('month'),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    receiptNo: text('receipt_no'),
    bankFileId: uuid('bank_file_id'),
    bankTxnNo: text('bank_txn_no'),
    reversesId: uuid('reverses_id'),
    reason: text('reason'),
    remitToCentre: boolean('remit_to_centre').notNull().default(false),
    note: text('note'),
    /** The online order the payment settles (channel 'online'; see 0015_dues_online.sql). */
    onlineOrderId: uuid('online_order_id'),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    unique().on(t.countyCode, t.bankTxnNo),
    unique().on(t.countyCode, t.reversesId),
    index('dues_payments_member_idx').on(t.countyCode, t.memberId, t.createdAt),
    index('dues_payments_receipt_idx').on(t.countyCode, t.receiptNo),
  ],
);

/** A bank deduction result file (银费通) and the totals of its reconciliation. */
export const duesBankFiles = pgTable(
  'dues_bank_files',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    fileName: text('file_name'),
    format: text('format').notNull().$type<'csv' | 'xlsx'>(),
    encoding: text('encoding').$type<'utf-8' | 'gbk'>(),
    scopePaths: text('scope_paths').array().notNull(),
    lines: integer('lines').notNull(),
    matched: integer('matched').notNull(),
    matchedFen: bigint('matched_fen', { mode: 'number' }).notNull(),
    outcomes: jsonb('outcomes').notNull().$type<Record<string, number>>(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] })],
);

/** One line of a bank file with its outcome. */
export const duesBankFileLines = pgTable(
  'dues_bank_file_lines',
  {
    countyCode: text('county_code').notNull(),
    fileId: uuid('file_id').notNull(),
    lineNo: integer('line_no').notNull(),
    cardNo: text('card_no'),
    name: text('name'),
    month: text('month'),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    txnNo: text('txn_no'),
    bankStatus: text('bank_status'),
    outcome: text('outcome').notNull(),
    reason: text('reason'),
    memberId: uuid('member_id'),
    billId: uuid('bill_id'),
    paymentId: uuid('payment_id'),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.fileId, t.lineNo] })],
);
