import { MATRIX_ROLES } from '../../test/fixture.ts';
import { type CodeExpectation, type Expectation, type MatrixCase, type MatrixFixture, allowed, errorCodes, req, scoped } from '../../test/matrix.ts';
import { MATRIX_ITEM_TITLE, type PlansMatrixData } from './plans.fixture.ts';

const READERS = ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee'] as const;
const WRITERS = ['county_admin', 'township_admin', 'branch_secretary'] as const;

const d = (f: MatrixFixture) => f as MatrixFixture & PlansMatrixData;

/** Writers on a township (own: no plan at that level → 409) and on its branch (child → ok); 404 outside. */
const branchOnly = (ok: number): Expectation =>
  Object.fromEntries(WRITERS.map((r) => [r, { own: 409, child: ok, sibling: 404, ancestor: 404, otherCounty: 404 }]));

/** The code of the writers' refusals: on every in-scope target, or on the township only. */
const codes = (code: string, only?: 'own'): CodeExpectation => Object.fromEntries(WRITERS.map((r) => [r, only ? { [only]: code } : { own: code, child: code }]));

const own = ['own'] as const;
const everyone = (status: number): Expectation => ({ ...Object.fromEntries(MATRIX_ROLES.map((r) => [r, status])), api_client: status, anonymous: status });

/** Authorization matrix rows of plans. */
export const plansMatrix: MatrixCase[] = [
  { route: 'GET /api/plans/settings', request: () => req('GET', '/api/plans/settings'), expect: allowed([...READERS]), targets: [...own] },
  // Only a county administrator granted at the county root may change them; the matrix accounts sit at a township.
  {
    route: 'PUT /api/plans/settings',
    request: () => req('PUT', '/api/plans/settings', { themeDay: 15, lecturesPerYear: 4, reminderDays: 3 }),
    expect: {},
    targets: [...own],
    check: errorCodes(Object.fromEntries(WRITERS.map((r) => [r, 'PLAN_SETTINGS_COUNTY_ONLY']))),
  },
  { route: 'GET /api/plans', request: (f, t) => req('GET', `/api/plans?orgId=${f.orgOf[t].id}&year=2026`), expect: scoped([...READERS]) },
  { route: 'GET /api/plans/export', request: (f, t) => req('GET', `/api/plans/export?orgId=${f.orgOf[t].id}&year=2026`), expect: scoped([...READERS]) },
  // Idempotent: the first writer fills the branch's plan, the others add nothing.
  { route: 'POST /api/plans/generate', request: (f, t) => req('POST', '/api/plans/generate', { orgId: f.orgOf[t].id, year: 2026 }), expect: branchOnly(200), check: errorCodes(codes('PLAN_LEVEL_UNSUPPORTED', 'own')) },
  {
    route: 'PUT /api/plans/theme-day',
    request: (f, t) => req('PUT', '/api/plans/theme-day', { orgId: f.orgOf[t].id, themeDay: 15, moveItems: false }),
    expect: branchOnly(200),
    check: errorCodes(codes('PLAN_THEME_DAY_BRANCH_ONLY', 'own')),
  },
  {
    route: 'POST /api/plans/items',
    request: (f, t, n) => req('POST', '/api/plans/items', { orgId: f.orgOf[t].id, type: 'other', plannedOn: '2026-06-01', title: `矩阵事项${n}` }),
    expect: branchOnly(201),
    check: errorCodes(codes('PLAN_LEVEL_UNSUPPORTED', 'own')),
  },
  { route: 'PATCH /api/plans/items/:id', request: (f, t) => req('PATCH', `/api/plans/items/${d(f).targetPlanItem[t]}`, { title: MATRIX_ITEM_TITLE }), expect: scoped([...WRITERS]) },
  // An item with an activity: deleting it or creating another activity is refused (409 in scope, 404 outside).
  { route: 'DELETE /api/plans/items/:id', request: (f, t) => req('DELETE', `/api/plans/items/${d(f).targetLinkedItem[t]}`), expect: scoped([...WRITERS], 409), check: errorCodes(codes('PLAN_ITEM_HAS_ACTIVITY')) },
  {
    route: 'POST /api/plans/items/:id/activity',
    request: (f, t) => req('POST', `/api/plans/items/${d(f).targetLinkedItem[t]}/activity`, { startsAt: '2026-03-15T09:00:00+08:00', endsAt: '2026-03-15T11:00:00+08:00' }),
    expect: scoped([...WRITERS], 409),
    check: errorCodes(codes('PLAN_ACTIVITY_EXISTS')),
  },
  { route: 'GET /api/plans/overview', request: (f, t) => req('GET', `/api/plans/overview?orgId=${f.orgOf[t].id}&year=2026`), expect: scoped([...READERS]) },
  { route: 'GET /api/plans/overview/export', request: (f, t) => req('GET', `/api/plans/overview/export?orgId=${f.orgOf[t].id}&year=2026`), expect: scoped([...READERS]) },
  { route: 'GET /api/plans/month', request: (f, t) => req('GET', `/api/plans/month?orgId=${f.orgOf[t].id}&month=2026-03`), expect: scoped([...READERS]) },
  { route: 'GET /api/plans/month/export', request: (f, t) => req('GET', `/api/plans/month/export?orgId=${f.orgOf[t].id}&month=2026-03`), expect: scoped([...READERS]) },
  { route: 'GET /api/plans/feed', request: (f, t) => req('GET', `/api/plans/feed?orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'POST /api/plans/feed', request: (f, t) => req('POST', '/api/plans/feed', { orgId: f.orgOf[t].id }), expect: scoped([...WRITERS], 201) },
  { route: 'DELETE /api/plans/feed/:id', request: (f, t) => req('DELETE', `/api/plans/feed/${d(f).targetRevokedFeed[t]}`), expect: scoped([...WRITERS], 204) },
  // The token is the credential: anyone holding it gets the calendar.
  {
    route: 'GET /api/ical/:file',
    request: (f) => req('GET', `/api/ical/${d(f).publicFeedToken}.ics`),
    expect: everyone(200),
    targets: [...own],
    check: (res) => (String(res.headers['content-type']).startsWith('text/calendar') && res.body.startsWith('BEGIN:VCALENDAR') ? undefined : 'not a calendar'),
  },
];
