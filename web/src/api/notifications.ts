// 通知中心 endpoints (server/modules/notifications, docs/NOTIFICATIONS.md): my notifications, the unread
// count of the header bell, marking read, the Excel export.
import { api, toQueryString } from './client';
import type { Page } from './types';

/** Reading one's own notifications (every role that logs in but the 三员). */
export const NOTIFICATIONS_PERMISSION = 'self.notifications';

export type NotificationSeverity = 'info' | 'warning' | 'danger';

/** One notification, its texts in the console's language. */
export type AppNotification = {
  id: string;
  kind: string;
  severity: NotificationSeverity;
  title: string;
  body: string;
  /** A console path to open, or null. */
  link: string | null;
  params: Record<string, unknown>;
  recipientKind: 'member' | 'account' | 'org';
  orgName: string | null;
  createdAt: string;
  read: boolean;
  readAt: string | null;
};

/** GET /api/notifications: mine, newest first. */
export const listNotifications = (unread: boolean, page: number, pageSize: number) =>
  api.get<Page<AppNotification>>('/api/notifications', { unread: unread ? 'true' : undefined, page, pageSize });

/** GET /api/notifications/unread-count (counted up to 999). */
export const getUnreadCount = () => api.get<{ count: number; capped: boolean }>('/api/notifications/unread-count');

/** POST /api/notifications/:id/read. */
export const markNotificationRead = (id: string) => api.post<AppNotification>(`/api/notifications/${id}/read`);

/** POST /api/notifications/read-all. */
export const markAllNotificationsRead = () => api.post<{ marked: number }>('/api/notifications/read-all');

/** The Excel export of my notifications. */
export const notificationsExportUrl = (unread: boolean) => `/api/notifications/export${toQueryString({ unread: unread ? 'true' : undefined })}`;

/** Only paths of the console are followed (never another site). */
export const isConsolePath = (link: string | null): link is string => !!link && /^\/([^/\\]|$)/.test(link);

const CHANGED = 'hy:notifications-changed';

/** Tells the header bell that read states changed (the page marked something read). */
export const announceNotificationsChanged = () => window.dispatchEvent(new Event(CHANGED));

/** Calls `listener` when read states changed; returns the unsubscribe function. */
export function onNotificationsChanged(listener: () => void): () => void {
  window.addEventListener(CHANGED, listener);
  return () => window.removeEventListener(CHANGED, listener);
}
