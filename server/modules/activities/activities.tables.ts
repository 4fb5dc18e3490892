import { boolean, integer, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** Activity types (reference data, the same codes in every county; see 0006_activities.sql). */
export const activityTypes = pgTable('activity_types', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  sort: smallint('sort').notNull(),
  threeMeetings: boolean('three_meetings').notNull().default(false),
  hasChecklist: boolean('has_checklist').notNull().default(false),
  countsAttendance: boolean('counts_attendance').notNull().default(true),
});

/** Fixed 主题党日 checklist items per organization category (county overrides of the defaults). */
export const themeDayItems = pgTable(
  'theme_day_items',
  {
    countyCode: text('county_code').notNull(),
    category: text('category').notNull(),
    seq: smallint('seq').notNull(),
    label: text('label').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.category, t.seq] })],
);

/** An activity of an organization (三会一课, 主题党日, …) with its attendance counters. */
export const activities = pgTable(
  'activities',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    orgId: uuid('org_id').notNull(),
    type: text('type').notNull(),
    title: text('title').notNull(),
    agenda: text('agenda'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    checkinFrom: timestamp('checkin_from', { withTimezone: true }).notNull(),
    checkinUntil: timestamp('checkin_until', { withTimezone: true }).notNull(),
    place: text('place'),
    stationOrgId: uuid('station_org_id'),
    hostName: text('host_name'),
    recorderName: text('recorder_name'),
    lecturer: text('lecturer'),
    remoteAllowed: boolean('remote_allowed').notNull().default(true),
    state: text('state').notNull().default('planned').$type<'planned' | 'cancelled'>(),
    cancelReason: text('cancel_reason'),
    /** Set when the record is submitted: the activity's fields are locked from then on (amendments only). */
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    presentCount: integer('present_count').notNull().default(0),
    guestCount: integer('guest_count').notNull().default(0),
    remoteCount: integer('remote_count').notNull().default(0),
    manualCount: integer('manual_count').notNull().default(0),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] })],
);

/** Members or organizations invited to an activity (added to 应到). */
export const activityInvites = pgTable(
  'activity_invites',
  {
    countyCode: text('county_code').notNull(),
    activityId: uuid('activity_id').notNull(),
    kind: text('kind').notNull().$type<'member' | 'org'>(),
    targetId: uuid('target_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.activityId, t.kind, t.targetId] })],
);

/** 请假 requests and their decisions. */
export const activityLeaves = pgTable(
  'activity_leaves',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    activityId: uuid('activity_id').notNull(),
    memberId: uuid('member_id').notNull(),
    reason: text('reason').notNull(),
    state: text('state').notNull().default('pending').$type<'pending' | 'approved' | 'rejected'>(),
    requestedBy: uuid('requested_by'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
    decidedName: text('decided_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] }), unique().on(t.countyCode, t.activityId, t.memberId)],
);
