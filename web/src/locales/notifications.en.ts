// English messages of the notification centre (merged into en.ts).
import type { notificationsZhCN } from './notifications.zh-CN';

/** Notifications. */
export const notificationsEn: Record<keyof typeof notificationsZhCN, string> = {
  'notifications.bell': 'Notifications',
  'notifications.bellUnread': 'Notifications, {count} unread',
  'notifications.latest': 'Latest notifications',
  'notifications.none': 'No notifications',
  'notifications.viewAll': 'View all',
  'notifications.title': 'My notifications',
  'notifications.onlyUnread': 'Unread only',
  'notifications.readAll': 'Mark all read',
  'notifications.readAllDone': '{count} notifications marked read',
  'notifications.markRead': 'Mark read',
  'notifications.open': 'Open',
  'notifications.read': 'Read',
  'notifications.unread': 'Unread',
  'notifications.time': 'Time',
  'notifications.subject': 'Notification',
  'notifications.state': 'State',
  'notifications.toOrg': 'To: {org}',
  'notifications.empty': 'No notifications',
  'notifications.emptyUnread': 'No unread notifications',
  'notifications.severity.info': 'Information',
  'notifications.severity.warning': 'Reminder',
  'notifications.severity.danger': 'Warning',
};
