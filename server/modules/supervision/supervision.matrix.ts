import { type MatrixCase, req, scoped } from '../../test/matrix.ts';

const READERS = ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee'] as const;

/** Authorization matrix rows of supervision: the summary is about an organization in the caller's activity.read scope (another organization → 404). */
export const supervisionMatrix: MatrixCase[] = [
  { route: 'GET /api/supervision/activity-summary', request: (f, t) => req('GET', `/api/supervision/activity-summary?orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/supervision/activity-summary/export', request: (f, t) => req('GET', `/api/supervision/activity-summary/export?orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
];
