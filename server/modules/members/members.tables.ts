import { boolean, date, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/**
 * The member registry. ID numbers and phones are stored encrypted (`*_enc`) with a keyed blind
 * index (`*_index`) for exact lookup and the last 4 characters (`*_tail`) for masked display.
 */
export const members = pgTable(
  'members',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    orgId: uuid('org_id').notNull(),
    name: text('name').notNull(),
    /** Pinyin initials of the name (e.g. 张三 → zs) for search. */
    nameInitials: text('name_initials').notNull().default(''),
    gender: text('gender').notNull().$type<'male' | 'female'>(),
    ethnicity: text('ethnicity'),
    /** Derived from the ID number. */
    birthDate: date('birth_date').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberIndex: text('id_number_index').notNull(),
    idNumberTail: text('id_number_tail').notNull(),
    phoneEnc: text('phone_enc'),
    phoneIndex: text('phone_index'),
    phoneTail: text('phone_tail'),
    education: text('education'),
    occupation: text('occupation'),
    duesCategory: text('dues_category'),
    joinedOn: date('joined_on'),
    /** 转正 date (正式党员). */
    confirmedOn: date('confirmed_on'),
    /** probationary (预备党员) or full (正式党员). */
    status: text('status').notNull().$type<'probationary' | 'full'>(),
    /** 党籍 state. */
    standing: text('standing').notNull().default('normal'),
    cardNo: text('card_no'),
    chipUid: text('chip_uid'),
    photoFile: text('photo_file'),
    address: text('address'),
    household: text('household'),
    /** 不计到会率 with its reason and approver. */
    excludeAttendance: boolean('exclude_attendance').notNull().default(false),
    excludeReason: text('exclude_reason'),
    excludeApprover: text('exclude_approver'),
    /** 失联 since this date. */
    lostContactSince: date('lost_contact_since'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] }), unique().on(t.countyCode, t.idNumberIndex), unique().on(t.countyCode, t.cardNo)],
);

/** The electronic file (电子档案): an append-only timeline per member (UPDATE/DELETE refused). */
export const memberEvents = pgTable(
  'member_events',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    memberId: uuid('member_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** When it happened (may precede `at`, e.g. a join date entered later). */
    occurredOn: date('occurred_on'),
    /** File section: basic, position, reward, training, development, transfer, evaluation, activity, dues, … */
    section: text('section').notNull(),
    type: text('type').notNull(),
    title: text('title').notNull(),
    detail: jsonb('detail'),
    orgId: uuid('org_id'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    /** The module that wrote it. */
    source: text('source').notNull().default('members'),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] })],
);

/** Who viewed a member's file, when, what and why. */
export const memberViews = pgTable(
  'member_views',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    memberId: uuid('member_id').notNull(),
    viewerId: uuid('viewer_id'),
    viewerName: text('viewer_name').notNull(),
    viewerRoles: text('viewer_roles').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    what: text('what').notNull(),
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] })],
);

/** A member's request to correct their file, decided by the branch. */
export const correctionRequests = pgTable(
  'correction_requests',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    memberId: uuid('member_id').notNull(),
    orgId: uuid('org_id').notNull(),
    field: text('field').notNull(),
    requestedValue: text('requested_value').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('pending').$type<'pending' | 'approved' | 'rejected'>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] })],
);
