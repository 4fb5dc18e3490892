import { type MatrixCase, allowed, errorCodes, req, scoped } from '../../test/matrix.ts';

const READERS = ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee'] as const;
const own = ['own'] as const;
const MISSING = '01900000-0000-7000-8000-000000000000';
/** A rule the PUT carries (the defaults' 主题党日). */
const RULE = { code: 'theme_day', activityType: 'theme_day', period: 'month', minCount: 1, levels: ['branch'], categories: [], requires: 'members', thresholdPct: null, graceDays: 5, enabled: true };

/**
 * Authorization matrix rows of supervision: the summary and the rule engine's views are about an
 * organization in the caller's activity.read scope (another organization → 404); the rules name no
 * organization (read by every reader; changed only by a county administrator granted at the county
 * root — the matrix accounts sit at a township, so theirs is a 403 with its code).
 */
export const supervisionMatrix: MatrixCase[] = [
  { route: 'GET /api/supervision/activity-summary', request: (f, t) => req('GET', `/api/supervision/activity-summary?orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/supervision/activity-summary/export', request: (f, t) => req('GET', `/api/supervision/activity-summary/export?orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/supervision/compliance', request: (f, t) => req('GET', `/api/supervision/compliance?orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/supervision/compliance/export', request: (f, t) => req('GET', `/api/supervision/compliance/export?orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/supervision/compliance/orgs/:id', request: (f, t) => req('GET', `/api/supervision/compliance/orgs/${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/supervision/rules', request: () => req('GET', '/api/supervision/rules'), expect: allowed([...READERS]), targets: [...own] },
  {
    route: 'PUT /api/supervision/rules',
    request: () => req('PUT', '/api/supervision/rules', { rules: [RULE] }),
    expect: {},
    targets: [...own],
    check: errorCodes({ county_admin: 'SUPERVISION_RULES_COUNTY_ONLY' }),
  },
  { route: 'GET /api/supervision/settings', request: () => req('GET', '/api/supervision/settings'), expect: allowed([...READERS]), targets: [...own] },
  { route: 'PUT /api/supervision/settings', request: () => req('PUT', '/api/supervision/settings', { minRankedMembers: 6 }), expect: {}, targets: [...own], check: errorCodes({ county_admin: 'SUPERVISION_RULES_COUNTY_ONLY' }) },
  { route: 'GET /api/supervision/bulletins', request: () => req('GET', '/api/supervision/bulletins'), expect: allowed([...READERS]), targets: [...own] },
  { route: 'POST /api/supervision/bulletins', request: () => req('POST', '/api/supervision/bulletins', { month: '2025-09' }), expect: {}, targets: [...own], check: errorCodes({ county_admin: 'SUPERVISION_RULES_COUNTY_ONLY' }) },
  // The matrix county has no 通报: readers get the 404 of a missing one (the scope within a 通报 is bulletin.route.test.ts's).
  { route: 'GET /api/supervision/bulletins/:id', request: () => req('GET', `/api/supervision/bulletins/${MISSING}`), expect: allowed([...READERS], 404), targets: [...own] },
  { route: 'GET /api/supervision/bulletins/:id/export', request: () => req('GET', `/api/supervision/bulletins/${MISSING}/export?format=pdf`), expect: allowed([...READERS], 404), targets: [...own] },
  { route: 'GET /api/supervision/assessment', request: (f, t) => req('GET', `/api/supervision/assessment?orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/supervision/assessment/export', request: (f, t) => req('GET', `/api/supervision/assessment/export?orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/supervision/assessment/orgs/:id', request: (f, t) => req('GET', `/api/supervision/assessment/orgs/${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'DELETE /api/supervision/rules', request: () => req('DELETE', '/api/supervision/rules'), expect: {}, targets: [...own], check: errorCodes({ county_admin: 'SUPERVISION_RULES_COUNTY_ONLY' }) },
];
