import { bigint, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';

/**
 * The bills of one organization and month, summed (0017_dues_monitoring.sql): kept by statement-level
 * triggers on dues_bills as deltas, rebuilt by `hongyun dues rollup --rebuild`. The overview, 月月清,
 * the trends and the early warning read this, never the bills.
 */
export const duesOrgMonths = pgTable(
  'dues_org_months',
  {
    countyCode: text('county_code').notNull(),
    orgId: uuid('org_id').notNull(),
    month: text('month').notNull(),
    /** Every bill of the month. */
    bills: integer('bills').notNull().default(0),
    /** Bills with an amount, not waived: what the organization must collect. */
    due: integer('due').notNull().default(0),
    /** Of those, paid in full; and paid in full before the month ended (Asia/Shanghai). */
    paid: integer('paid').notNull().default(0),
    onTime: integer('on_time').notNull().default(0),
    /** Due or partially paid. */
    unpaid: integer('unpaid').notNull().default(0),
    /** Bills without an amount (no base / no category): they block 月月清 until the profile is fixed. */
    issues: integer('issues').notNull().default(0),
    waived: integer('waived').notNull().default(0),
    shouldFen: bigint('should_fen', { mode: 'number' }).notNull().default(0),
    paidFen: bigint('paid_fen', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.orgId, t.month] }), index('dues_org_months_month_idx').on(t.countyCode, t.month)],
);
