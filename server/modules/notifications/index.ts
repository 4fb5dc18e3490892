import { ROLES, SEPARATED_ROLES } from '../../../common/roles.ts';
import { pageOf } from '../../core/http/pagination.ts';
import { defineModule } from '../../core/module.ts';
import { EmptyBody } from '../auth/auth.schemas.ts';
import { NotificationDto, NotificationFilter, NotificationListQuery, NotificationParams, ReadAllDto, UnreadCountDto } from './notifications.schemas.ts';
import { SELF_NOTIFICATIONS, exportNotifications, listNotifications, markAllRead, markRead, unreadCount } from './notifications.service.ts';

const tags = ['notifications'];

/**
 * Every role that logs in, but not API clients (not people) nor the 三员 (system, security and audit
 * administrators: 三员分立 — the audit administrator answers 403 on every write route, and marking read
 * is one; nothing notifies them).
 */
const NOTIFIED = ROLES.filter((r) => r !== 'api_client' && !SEPARATED_ROLES.includes(r));

/**
 * 通知中心: the in-app notification centre (docs/NOTIFICATIONS.md). Modules write notifications with
 * notify() (notify.ts); an account reads its own — to its account, to its member record, to the
 * organizations where it holds an officer role — and marks them read. SMS: only the 'log' provider
 * (sms.ts); nothing sends SMS.
 */
export const notificationsModule = defineModule({
  name: 'notifications',
  permissions: {
    [SELF_NOTIFICATIONS]: { description: 'Read one’s own notifications (通知中心), mark them read, export them', roles: NOTIFIED },
  },
  async routes(app) {
    app.get(
      '/api/notifications',
      { config: { access: SELF_NOTIFICATIONS }, schema: { tags, summary: 'My notifications, newest first (unread=true: only the unread ones), each with its read flag', querystring: NotificationListQuery, response: { 200: pageOf(NotificationDto) } } },
      (req) => listNotifications(req.ctx, req.query),
    );
    app.get(
      '/api/notifications/unread-count',
      { config: { access: SELF_NOTIFICATIONS }, schema: { tags, summary: 'How many of my notifications are unread (counted up to 999)', response: { 200: UnreadCountDto } } },
      (req) => unreadCount(req.ctx),
    );
    app.get(
      '/api/notifications/export',
      { config: { access: SELF_NOTIFICATIONS }, schema: { tags, summary: 'Export my notifications to Excel', querystring: NotificationFilter } },
      (req, reply) => exportNotifications(req.ctx, reply, req.query),
    );
    app.post(
      '/api/notifications/read-all',
      { config: { access: SELF_NOTIFICATIONS }, schema: { tags, summary: 'Mark all my notifications read', body: EmptyBody, response: { 200: ReadAllDto } } },
      (req) => markAllRead(req.ctx),
    );
    app.post(
      '/api/notifications/:id/read',
      { config: { access: SELF_NOTIFICATIONS }, schema: { tags, summary: 'Mark one of my notifications read (someone else’s: 404)', params: NotificationParams, body: EmptyBody, response: { 200: NotificationDto } } },
      (req) => markRead(req.ctx, req.params.id),
    );
  },
});
