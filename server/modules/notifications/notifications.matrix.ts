import { SEPARATED_ROLES } from '../../../common/roles.ts';
import { MATRIX_ROLES } from '../../test/fixture.ts';
import { type MatrixCase, type ReplyCheck, allowed, req } from '../../test/matrix.ts';

const own = ['own'] as const;
const MISSING = '01890000-0000-7000-8000-000000000000';

/** Every matrix role but the 三员 (三员分立: they have no notification centre). */
const NOTIFIED = MATRIX_ROLES.filter((r) => !SEPARATED_ROLES.includes(r));

/** An allowed export answers a workbook. */
const xlsx: ReplyCheck = (res) =>
  res.statusCode !== 200 || String(res.headers['content-type']).includes('spreadsheetml') ? undefined : `content-type ${String(res.headers['content-type'])}`;

/**
 * Authorization matrix rows of the notification centre. Every route is the caller's own (no id of
 * anyone else is taken, a foreign notification id is simply not found): unscoped, target 'own'.
 */
export const notificationsMatrix: MatrixCase[] = [
  { route: 'GET /api/notifications', request: () => req('GET', '/api/notifications?unread=true'), expect: allowed(NOTIFIED), targets: [...own] },
  { route: 'GET /api/notifications/unread-count', request: () => req('GET', '/api/notifications/unread-count'), expect: allowed(NOTIFIED), targets: [...own] },
  { route: 'GET /api/notifications/export', request: () => req('GET', '/api/notifications/export'), expect: allowed(NOTIFIED), targets: [...own], check: xlsx },
  { route: 'POST /api/notifications/read-all', request: () => req('POST', '/api/notifications/read-all', {}), expect: allowed(NOTIFIED), targets: [...own] },
  // No notification has this id: allowed roles get 404 (marking read is tested in notifications.route.test.ts).
  { route: 'POST /api/notifications/:id/read', request: () => req('POST', `/api/notifications/${MISSING}/read`, {}), expect: allowed(NOTIFIED, 404), targets: [...own] },
];
