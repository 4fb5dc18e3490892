import { boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

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
    /** The activity's type and figures (0019): the rule engine judges thresholds per activity from these. */
    activityType: text('activity_type').notNull().default(''),
    obliged: integer('obliged').notNull().default(0),
    attended: integer('attended').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.activityId] }),
    index('org_activity_day_keys_pair_idx').on(t.countyCode, t.orgId, t.day),
    index('org_activity_day_keys_type_idx').on(t.countyCode, t.activityType, t.day),
  ],
);

/** The job's watermark per county: changes up to checkedUntil are in the rollup. */
export const supervisionRollupMarks = pgTable('supervision_rollup_marks', {
  countyCode: text('county_code').primaryKey(),
  checkedUntil: timestamp('checked_until', { withTimezone: true }).notNull(),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }).notNull(),
  lastPairs: integer('last_pairs').notNull().default(0),
});

/** A county's requirements of organizational life (0019; common/org-life-rules.ts). No rows: the defaults. */
export const supervisionRules = pgTable(
  'supervision_rules',
  {
    countyCode: text('county_code').notNull(),
    code: text('code').notNull(),
    activityType: text('activity_type').notNull(),
    period: text('period').notNull(),
    minCount: smallint('min_count').notNull(),
    levels: text('levels').array().notNull(),
    categories: text('categories').array().notNull().default([]),
    requires: text('requires').notNull(),
    thresholdPct: smallint('threshold_pct'),
    graceDays: smallint('grace_days').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    sort: smallint('sort').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.code] })],
);

/** A county's supervision settings (0020; no row: the defaults of bulletin.rules.ts). */
export const supervisionSettings = pgTable('supervision_settings', {
  countyCode: text('county_code').primaryKey(),
  bulletinDay: smallint('bulletin_day').notNull(),
  minRankedMembers: smallint('min_ranked_members').notNull(),
  issuer: text('issuer').notNull(),
  weights: jsonb('weights').notNull(),
  startOn: date('start_on', { mode: 'string' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});

/** Every monthly 通报 generated (0020), kept by version. */
export const supervisionBulletins = pgTable(
  'supervision_bulletins',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    month: text('month').notNull(),
    version: smallint('version').notNull(),
    serial: text('serial').notNull(),
    title: text('title').notNull(),
    issuer: text('issuer').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull().defaultNow(),
    generatedBy: text('generated_by').notNull(),
    content: jsonb('content').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] }), unique('supervision_bulletins_county_code_month_version_key').on(t.countyCode, t.month, t.version)],
);

/** The monthly 综合考核 score of each organization a rule binds (0020), written with the month's latest 通报. */
export const orgAssessmentScores = pgTable(
  'org_assessment_scores',
  {
    countyCode: text('county_code').notNull(),
    month: text('month').notNull(),
    orgId: uuid('org_id').notNull(),
    category: text('category'),
    members: integer('members').notNull(),
    score: numeric('score'),
    rank: integer('rank'),
    indicators: jsonb('indicators').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.month, t.orgId] }), index('org_assessment_scores_org_idx').on(t.countyCode, t.orgId, t.month)],
);

/** This month's judgement of every organization a rule binds (0020), kept by the job supervision.compliance. */
export const orgComplianceSnapshots = pgTable(
  'org_compliance_snapshots',
  {
    countyCode: text('county_code').notNull(),
    month: text('month').notNull(),
    orgId: uuid('org_id').notNull(),
    color: text('color').notNull(),
    checks: jsonb('checks').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.month, t.orgId] })],
);

/** org_activity_days summed per organization, month ('YYYY-MM') and type (0019), kept with the day rows by rollup.ts. */
export const orgActivityMonths = pgTable(
  'org_activity_months',
  {
    countyCode: text('county_code').notNull(),
    orgId: uuid('org_id').notNull(),
    month: text('month').notNull(),
    activityType: text('activity_type').notNull(),
    held: integer('held').notNull().default(0),
    obliged: integer('obliged').notNull().default(0),
    attended: integer('attended').notNull().default(0),
    leave: integer('leave').notNull().default(0),
    guests: integer('guests').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.orgId, t.month, t.activityType] }), index('org_activity_months_month_idx').on(t.countyCode, t.month)],
);
