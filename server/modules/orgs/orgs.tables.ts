import { date, doublePrecision, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** Counties served by this deployment (reference table). */
export const counties = pgTable('counties', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The organization tree; `path` is "/id/id/.../" so a subtree is one indexed LIKE prefix. */
export const organizations = pgTable(
  'organizations',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    parentId: uuid('parent_id'),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    level: text('level').notNull(),
    category: text('category'),
    code: text('code'),
    status: text('status').notNull().default('active'),
    sortOrder: integer('sort_order').notNull().default(0),
    address: text('address'),
    longitude: doublePrecision('longitude'),
    latitude: doublePrecision('latitude'),
    contactName: text('contact_name'),
    /** The organization's office phone (not a person's). */
    contactPhone: text('contact_phone'),
    establishedOn: date('established_on'),
    /** Start of the current committee term; the 换届 due date follows from the level's term. */
    termStart: date('term_start'),
    dissolvedAt: timestamp('dissolved_at', { withTimezone: true }),
    mergedInto: uuid('merged_into'),
    /** Fixed day of the month of the branch's 主题党日 (1–28); null = the county default. */
    themeDay: smallint('theme_day'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    foreignKey({ columns: [t.countyCode, t.parentId], foreignColumns: [t.countyCode, t.id] }),
    index('organizations_parent_idx').on(t.countyCode, t.parentId),
  ],
);

/** Every change to an organization (create, rename, move, merge, dissolve, update), kept forever. */
export const orgHistory = pgTable(
  'org_history',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    orgId: uuid('org_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    action: text('action').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] })],
);

/** Committee positions (书记, 副书记, 组织/宣传/纪检委员, 委员) with their terms. */
export const orgCommittee = pgTable(
  'org_committee',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    orgId: uuid('org_id').notNull(),
    memberId: uuid('member_id').notNull(),
    position: text('position').notNull(),
    termStart: date('term_start').notNull(),
    termEnd: date('term_end'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] })],
);

/** A branch's to-do list: proposals that a person decides (e.g. 失联 ≥ 6 months → 停止党籍). */
export const orgTodos = pgTable(
  'org_todos',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    orgId: uuid('org_id').notNull(),
    kind: text('kind').notNull(),
    memberId: uuid('member_id'),
    title: text('title').notNull(),
    detail: jsonb('detail'),
    dueOn: date('due_on'),
    status: text('status').notNull().default('open'),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decision: text('decision'),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] }), unique().on(t.countyCode, t.dedupeKey)],
);
