import { date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The activities of one organization, day (Asia/Shanghai) and type (0018_supervision_rollups.sql):
 * held, 应到 (obliged), 实到 (attended), 请假 (leave), guests. Kept by the job supervision.rollup
 * (rollup.ts); a month is the sum of its days.
 */
export const orgActivityDays = pgTable(
  'org_activity_days',
  {
    countyCode: text('county_code').notNull(),
    orgId: uuid('org_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    activityType: text('activity_type').notNull(),
    held: integer('held').notNull().default(0),
    obliged: integer('obliged').notNull().default(0),
    attended: integer('attended').notNull().default(0),
    leave: integer('leave').notNull().default(0),
    guests: integer('guests').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.orgId, t.day, t.activityType] }), index('org_activity_days_day_idx').on(t.countyCode, t.day)],
);

/** Where each counted activity was counted (bookkeeping of the job: a moved or cancelled activity's old day is recomputed too). */
export const orgActivityDayKeys = pgTable(
  'org_activity_day_keys',
  {
    countyCode: text('county_code').notNull(),
    activityId: uuid('activity_id').notNull(),
    orgId: uuid('org_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.activityId] }), index('org_activity_day_keys_pair_idx').on(t.countyCode, t.orgId, t.day)],
);

/** The job's watermark per county: changes up to checkedUntil are in the rollup. */
export const supervisionRollupMarks = pgTable('supervision_rollup_marks', {
  countyCode: text('county_code').primaryKey(),
  checkedUntil: timestamp('checked_until', { withTimezone: true }).notNull(),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }).notNull(),
  lastPairs: integer('last_pairs').notNull().default(0),
});
