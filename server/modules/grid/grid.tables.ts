import { boolean, date, doublePrecision, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { GridState, Sla } from '../../../common/grid-workflow.ts';

/** A grid level: 乡镇/街道 → 社区/村 → 网格. */
export type GridLevel = 'township' | 'community' | 'grid';

/** Grids (migration 0021): a tree of three levels; scope follows the organization each belongs to. */
export const grids = pgTable(
  'grids',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    parentId: uuid('parent_id'),
    /** "/id/id/.../" like organizations: a grid's subtree is one LIKE prefix. */
    path: text('path').notNull(),
    level: text('level').notNull().$type<GridLevel>(),
    name: text('name').notNull(),
    code: text('code'),
    orgId: uuid('org_id').notNull(),
    /** GeoJSON Polygon / MultiPolygon. */
    boundary: jsonb('boundary'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] }), unique().on(t.countyCode, t.code)],
);

/** Grid workers assigned to a grid. */
export const gridWorkers = pgTable(
  'grid_workers',
  {
    countyCode: text('county_code').notNull(),
    gridId: uuid('grid_id').notNull(),
    accountId: uuid('account_id').notNull(),
    since: date('since').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.gridId, t.accountId] })],
);

/** Members assigned to a grid (at most one grid each). */
export const gridMembers = pgTable(
  'grid_members',
  {
    countyCode: text('county_code').notNull(),
    memberId: uuid('member_id').notNull(),
    gridId: uuid('grid_id').notNull(),
    since: date('since').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.memberId] })],
);

/** Households (户) of a grid; the head's phone is encrypted with a blind index and its last 4 digits. */
export const gridHouseholds = pgTable(
  'grid_households',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    gridId: uuid('grid_id').notNull(),
    address: text('address').notNull(),
    headName: text('head_name').notNull(),
    phoneEnc: text('phone_enc'),
    phoneIndex: text('phone_index'),
    phoneTail: text('phone_tail'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] })],
);

/** 党员联户: member ↔ household, since a day. */
export const gridHouseholdLinks = pgTable(
  'grid_household_links',
  {
    countyCode: text('county_code').notNull(),
    memberId: uuid('member_id').notNull(),
    householdId: uuid('household_id').notNull(),
    since: date('since').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.memberId, t.householdId] })],
);

/** The county's category tree (none: the defaults of common/grid-workflow.ts). */
export const gridCategories = pgTable(
  'grid_categories',
  {
    countyCode: text('county_code').notNull(),
    code: text('code').notNull(),
    parentCode: text('parent_code'),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    sla: jsonb('sla').notNull().$type<Sla>(),
    sort: smallint('sort').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.code] })],
);

/** Events (社情民意 / hazards) with their current state, kept with the history in one transaction. */
export const gridEvents = pgTable(
  'grid_events',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    categoryCode: text('category_code').notNull(),
    description: text('description').notNull(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    gridId: uuid('grid_id').notNull(),
    townshipOrgId: uuid('township_org_id').notNull(),
    reporterKind: text('reporter_kind').notNull().$type<'member' | 'account' | 'resident'>(),
    reporterMemberId: uuid('reporter_member_id'),
    reporterAccountId: uuid('reporter_account_id'),
    reporterName: text('reporter_name').notNull(),
    reporterPhoneEnc: text('reporter_phone_enc'),
    reporterPhoneIndex: text('reporter_phone_index'),
    reporterPhoneTail: text('reporter_phone_tail'),
    state: text('state').notNull().$type<GridState>(),
    stageSeq: integer('stage_seq').notNull().default(1),
    stageEnteredAt: timestamp('stage_entered_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    assigneeOrgId: uuid('assignee_org_id'),
    supervised: boolean('supervised').notNull().default(false),
    superviseNote: text('supervise_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] })],
);

/** Every change of an event, append-only (the database refuses UPDATE and DELETE). */
export const gridEventHistory = pgTable(
  'grid_event_history',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    eventId: uuid('event_id').notNull(),
    seq: integer('seq').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    note: text('note'),
    assigneeOrgId: uuid('assignee_org_id'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] }), unique().on(t.countyCode, t.eventId, t.seq)],
);

/** One automatic 督办 per event and stage. */
export const gridEscalations = pgTable(
  'grid_escalations',
  {
    countyCode: text('county_code').notNull(),
    eventId: uuid('event_id').notNull(),
    stageSeq: integer('stage_seq').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.eventId, t.stageSeq] })],
);
