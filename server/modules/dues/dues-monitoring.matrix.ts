import { type MatrixCase, req, scoped } from '../../test/matrix.ts';

const READERS = ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee'] as const;
const WRITERS = ['county_admin', 'township_admin', 'branch_secretary'] as const;
const PAYERS = ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee'] as const;

/**
 * Authorization matrix rows of dues monitoring: every view is about an organization in the caller's
 * scope (another organization → 404), exports need dues.export, reminders dues.pay.
 */
export const duesMonitoringMatrix: MatrixCase[] = [
  { route: 'GET /api/dues/overview', request: (f, t) => req('GET', `/api/dues/overview?orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/dues/org-months', request: (f, t) => req('GET', `/api/dues/org-months?orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/dues/org-months/export', request: (f, t) => req('GET', `/api/dues/org-months/export?orgId=${f.orgOf[t].id}`), expect: scoped([...WRITERS]) },
  { route: 'GET /api/dues/warnings', request: (f, t) => req('GET', `/api/dues/warnings?orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/dues/warnings/export', request: (f, t) => req('GET', `/api/dues/warnings/export?list=members&orgId=${f.orgOf[t].id}`), expect: scoped([...WRITERS]) },
  { route: 'GET /api/dues/yearly', request: (f, t) => req('GET', `/api/dues/yearly?year=2026&orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/dues/yearly/export', request: (f, t) => req('GET', `/api/dues/yearly/export?year=2026&orgId=${f.orgOf[t].id}`), expect: scoped([...WRITERS]) },
  { route: 'POST /api/dues/reminders', request: (f, t) => req('POST', '/api/dues/reminders', { month: '2026-01', orgId: f.orgOf[t].id }), expect: scoped([...PAYERS]) },
];
