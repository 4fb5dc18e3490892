import { boolean, date, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** The county's plan settings (see 0008_activity_plans.sql); no row = the defaults of common/plan-rules.ts. */
export const planSettings = pgTable('plan_settings', {
  countyCode: text('county_code').notNull().primaryKey(),
  /** 主题党日 day of branches without their own (1–28). */
  themeDay: smallint('theme_day').notNull().default(15),
  /** 党课 per year: 1, 2, 4 or 12. */
  lecturesPerYear: smallint('lectures_per_year').notNull().default(4),
  /** Days before an item without an activity that its reminder to-do appears. */
  reminderDays: smallint('reminder_days').notNull().default(3),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A yearly plan of organizational life (one per organization and year). */
export const activityPlans = pgTable(
  'activity_plans',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    orgId: uuid('org_id').notNull(),
    year: smallint('year').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] }), unique().on(t.countyCode, t.orgId, t.year)],
);

/** An item of a plan: a type, a planned date, a title; linked to the activity created from it. */
export const planItems = pgTable(
  'plan_items',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    planId: uuid('plan_id').notNull(),
    /** The plan's organization (repeated for scope and rollups). */
    orgId: uuid('org_id').notNull(),
    /** activity_types.code */
    type: text('type').notNull(),
    plannedOn: date('planned_on').notNull(),
    title: text('title').notNull(),
    note: text('note'),
    /** Added by the generator (a rule asked for it) rather than by hand. */
    generated: boolean('generated').notNull().default(false),
    activityId: uuid('activity_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] })],
);

/** An organization's iCal feed; the token itself is never stored, only its SHA-256. */
export const icalFeeds = pgTable(
  'ical_feeds',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    orgId: uuid('org_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by'),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] })],
);
