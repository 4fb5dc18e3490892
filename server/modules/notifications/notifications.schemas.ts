import { z } from 'zod';
import { PageQuery } from '../../core/http/pagination.ts';
import { RECIPIENT_KINDS, SEVERITIES } from './notifications.tables.ts';

/** GET /api/notifications/export: all of mine, or only the unread ones. */
export const NotificationFilter = z.strictObject({
  /** 'true': only the notifications the caller has not read. */
  unread: z.enum(['true', 'false']).optional(),
});

/** GET /api/notifications: a page of mine, newest first. */
export const NotificationListQuery = z.strictObject({ ...PageQuery.shape, ...NotificationFilter.shape });

export const NotificationParams = z.strictObject({ id: z.uuid() });

/** One notification as the caller sees it (texts in the request's language). */
export const NotificationDto = z.object({
  id: z.string(),
  /** A stable code of what happened ('dues.arrears_3'). */
  kind: z.string(),
  severity: z.enum(SEVERITIES),
  title: z.string(),
  body: z.string(),
  /** A console path to open, or null. */
  link: z.string().nullable(),
  /** The facts behind the texts. */
  params: z.record(z.string(), z.unknown()),
  /** member: to me as a member; account: to my account; org: to an organization where I hold an officer role. */
  recipientKind: z.enum(RECIPIENT_KINDS),
  /** The organization of an 'org' notification. */
  orgName: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
  readAt: z.string().nullable(),
});

/** GET /api/notifications/unread-count. */
export const UnreadCountDto = z.object({
  /** Unread notifications, counted up to 999. */
  count: z.number().int(),
  /** True when there are more than 999 (count is then 999). */
  capped: z.boolean(),
});

/** POST /api/notifications/read-all. */
export const ReadAllDto = z.object({ marked: z.number().int() });
