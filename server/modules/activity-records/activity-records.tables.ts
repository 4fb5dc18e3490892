import { bigint, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** One decision (重大事项决策) as stored; the outcome is computed from the votes and the quorum. */
export type StoredDecision = { subject: string; decision: string; votesFor: number; votesAgainst: number; votesAbstain: number };

/** One checklist item. */
export type ChecklistItem = { label: string; done: boolean };

/** The 主题党日 checklist: the fixed items of the organization's category and the free X items. */
export type StoredChecklist = { fixed: ChecklistItem[]; extra: ChecklistItem[] };

/** A change an amendment made to one field: the value before and after. */
export type FieldChange<T> = { before: T; after: T };

/** What an amendment changed. */
export type AmendmentChanges = {
  minutesHtml?: FieldChange<string>;
  decisions?: FieldChange<StoredDecision[]>;
  checklist?: FieldChange<StoredChecklist>;
};

/** The record (会议记录) of an activity: a draft, then submitted and frozen (the database refuses changes). */
export const activityRecords = pgTable(
  'activity_records',
  {
    countyCode: text('county_code').notNull(),
    activityId: uuid('activity_id').notNull(),
    state: text('state').notNull().default('draft').$type<'draft' | 'submitted'>(),
    /** Sanitized HTML (allow-list). */
    minutesHtml: text('minutes_html').notNull().default(''),
    decisions: jsonb('decisions').notNull().default([]).$type<StoredDecision[]>(),
    checklist: jsonb('checklist').notNull().default({ fixed: [], extra: [] }).$type<StoredChecklist>(),
    /** Incremented by every draft save. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
    updatedName: text('updated_name'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedBy: uuid('submitted_by'),
    submittedName: text('submitted_name'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** 应到 / 实到 / 请假 / guests of the activity at submission. */
    expectedCount: integer('expected_count'),
    presentCount: integer('present_count'),
    leaveCount: integer('leave_count'),
    guestCount: integer('guest_count'),
    /** The 支部党员大会 quorum at submission: the activity's present_count and the voting members (正式党员 in good standing). */
    quorumPresent: integer('quorum_present'),
    votingMembers: integer('voting_members'),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.activityId] })],
);

/** Amendments to a submitted record, in order (append-only). */
export const activityRecordAmendments = pgTable(
  'activity_record_amendments',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    activityId: uuid('activity_id').notNull(),
    seq: integer('seq').notNull(),
    reason: text('reason').notNull(),
    changes: jsonb('changes').notNull().$type<AmendmentChanges>(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] }), unique().on(t.countyCode, t.activityId, t.seq)],
);

/** Media kinds. */
export const MEDIA_KINDS = ['photo', 'video', 'attachment'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** Photos, videos and attachments of an activity (bytes in DATA_DIR/media/<county>/<sha256>). */
export const activityMedia = pgTable(
  'activity_media',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    activityId: uuid('activity_id').notNull(),
    kind: text('kind').notNull().$type<MediaKind>(),
    /** Detected from the content. */
    mime: text('mime').notNull(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    fileName: text('file_name').notNull(),
    width: integer('width'),
    height: integer('height'),
    thumbSha256: text('thumb_sha256'),
    uploadedBy: uuid('uploaded_by'),
    uploadedName: text('uploaded_name').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] })],
);
