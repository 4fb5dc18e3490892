import { MATRIX_ROLES } from '../../test/fixture.ts';
import { type CodeExpectation, type MatrixCase, type MatrixFixture, allowed, errorCodes, req, scoped } from '../../test/matrix.ts';
import type { ActivitiesMatrixData } from './activities.fixture.ts';

const READERS = ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee'] as const;
const WRITERS = ['county_admin', 'township_admin', 'branch_secretary'] as const;

const d = (f: MatrixFixture) => f as MatrixFixture & ActivitiesMatrixData;

/** For the given roles: `code` in scope (own, child), NOT_FOUND outside it, exactly like a missing id. */
export const codeInScope = (roles: readonly string[], code: string): CodeExpectation =>
  Object.fromEntries(roles.map((r) => [r, { own: code, child: code, sibling: 'NOT_FOUND', ancestor: 'NOT_FOUND', otherCounty: 'NOT_FOUND' }]));

/** A future activity (planning far ahead changes nothing any other row sees). */
const planned = (n: number) => ({ type: 'group_meeting', title: `矩阵活动${n}`, startsAt: '2030-03-01T09:00:00+08:00', endsAt: '2030-03-01T11:00:00+08:00' });

/** Authorization matrix rows of activities, attendance and leave. */
export const activitiesMatrix: MatrixCase[] = [
  // Reference data for every logged-in person; API clients reach only routes gated by a permission.
  { route: 'GET /api/activity-types', request: () => req('GET', '/api/activity-types'), expect: allowed([...MATRIX_ROLES]), targets: ['own'] },
  { route: 'GET /api/activities', request: (f, t) => req('GET', `/api/activities?orgId=${f.orgOf[t].id}&pageSize=5`), expect: scoped([...READERS]) },
  { route: 'GET /api/activities/export', request: (f, t) => req('GET', `/api/activities/export?orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  // An organization outside the write scope is refused like a missing one (mass assignment of orgId).
  { route: 'POST /api/activities', request: (f, t, n) => req('POST', '/api/activities', { orgId: f.orgOf[t].id, ...planned(n) }), expect: scoped([...WRITERS], 201) },
  { route: 'GET /api/activities/:id', request: (f, t) => req('GET', `/api/activities/${d(f).openActivity[t]}`), expect: scoped([...READERS]) },
  { route: 'PATCH /api/activities/:id', request: (f, t, n) => req('PATCH', `/api/activities/${d(f).openActivity[t]}`, { place: `矩阵地点${n}` }), expect: scoped([...WRITERS]) },
  // Already cancelled: in scope the call reaches the check (409); outside it, 404.
  {
    route: 'POST /api/activities/:id/cancel',
    request: (f, t) => req('POST', `/api/activities/${d(f).cancelledActivity[t]}/cancel`, { reason: '矩阵测试取消' }),
    expect: scoped([...WRITERS], 409),
    check: errorCodes(codeInScope(WRITERS, 'ACTIVITY_CANCELLED')),
  },
  { route: 'GET /api/activities/:id/attendance', request: (f, t) => req('GET', `/api/activities/${d(f).openActivity[t]}/attendance`), expect: scoped([...READERS]) },
  { route: 'GET /api/activities/:id/attendance/export', request: (f, t) => req('GET', `/api/activities/${d(f).openActivity[t]}/attendance/export`), expect: scoped([...READERS]) },
  { route: 'GET /api/activities/:id/leaves', request: (f, t) => req('GET', `/api/activities/${d(f).openActivity[t]}/leaves`), expect: scoped([...READERS]) },
  // The target member already has (approved) leave: 409 in scope.
  {
    route: 'POST /api/activities/:id/leaves',
    request: (f, t) => req('POST', `/api/activities/${d(f).openActivity[t]}/leaves`, { memberId: f.targetMember[t], reason: '矩阵测试请假' }),
    expect: scoped([...WRITERS], 409),
    check: errorCodes(codeInScope(WRITERS, 'LEAVE_EXISTS')),
  },
  // Already decided: 409 in scope; a leave of an activity outside the write scope is not found.
  {
    route: 'POST /api/leaves/:id/decide',
    request: (f, t) => req('POST', `/api/leaves/${d(f).decidedLeave[t]}/decide`, { approve: false, note: '矩阵测试' }),
    expect: scoped([...WRITERS], 409),
    check: errorCodes(codeInScope(WRITERS, 'LEAVE_DECIDED')),
  },
  // The member (at T1) asks for leave: from their own organization's activity they already have it,
  // at a branch below or beside they are not expected, the county's activity expects them (201),
  // another county's activity does not exist for them.
  {
    route: 'POST /api/me/activities/:id/leave',
    request: (f, t) => req('POST', `/api/me/activities/${d(f).openActivity[t]}/leave`, { reason: '矩阵测试请假' }),
    expect: { member: { own: 409, child: 409, sibling: 409, ancestor: 201, otherCounty: 404 } },
    check: errorCodes({ member: { own: 'LEAVE_EXISTS', child: 'LEAVE_NOT_ATTENDEE', sibling: 'LEAVE_NOT_ATTENDEE', otherCounty: 'NOT_FOUND' } }),
  },
];
