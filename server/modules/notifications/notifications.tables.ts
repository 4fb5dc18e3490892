import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** Who a notification is for (docs/NOTIFICATIONS.md "Who sees what"). */
export const RECIPIENT_KINDS = ['member', 'account', 'org'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** How a notification is shown. */
export const SEVERITIES = ['info', 'warning', 'danger'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * One notification to one recipient (see 0014_notifications.sql): exactly one of memberId, accountId,
 * orgId is set, as recipientKind says. Texts in both languages; dedupeKey unique in the county.
 */
export const notifications = pgTable(
  'notifications',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    recipientKind: text('recipient_kind').notNull().$type<RecipientKind>(),
    memberId: uuid('member_id'),
    accountId: uuid('account_id'),
    orgId: uuid('org_id'),
    /** A stable code of what happened ('dues.arrears_3'). */
    kind: text('kind').notNull(),
    /** The facts behind the texts (month, amount …), for programs and later re-rendering. */
    params: jsonb('params').notNull().default({}).$type<Record<string, unknown>>(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    bodyZh: text('body_zh').notNull().default(''),
    bodyEn: text('body_en').notNull().default(''),
    /** A console path ('/dues/bills?month=2026-05') or null. */
    link: text('link'),
    severity: text('severity').notNull().default('info').$type<Severity>(),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    unique().on(t.countyCode, t.dedupeKey),
    index('notifications_member_idx').on(t.countyCode, t.memberId, t.createdAt.desc(), t.id.desc()).where(sql`member_id IS NOT NULL`),
    index('notifications_account_idx').on(t.countyCode, t.accountId, t.createdAt.desc(), t.id.desc()).where(sql`account_id IS NOT NULL`),
    index('notifications_org_idx').on(t.countyCode, t.orgId, t.createdAt.desc(), t.id.desc()).where(sql`org_id IS NOT NULL`),
  ],
);

/** That an account has read a notification (one row per notification and account). */
export const notificationReads = pgTable(
  'notification_reads',
  {
    countyCode: text('county_code').notNull(),
    notificationId: uuid('notification_id').notNull(),
    accountId: uuid('account_id').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.notificationId, t.accountId] })],
);
