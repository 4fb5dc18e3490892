import { type Expectation, type MatrixCase, allowed, inScope, req, scoped } from '../../test/matrix.ts';
import { testIdNumber } from './members.fixture.ts';

const READERS = ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee'] as const;
const WRITERS = ['county_admin', 'township_admin', 'branch_secretary'] as const;
const DECIDERS = ['branch_secretary', 'township_admin', 'county_admin'] as const;

/** In scope the call reaches the logic and meets a state conflict (409); outside it, 404 like a missing id. */
const conflictInScope = (roles: readonly (typeof WRITERS)[number][]): Expectation => Object.fromEntries(roles.map((r) => [r, inScope(409)]));

/** A distinct valid ID number per request (birth dates from 1950 on). */
const idFor = (n: number) => {
  const d = new Date(Date.UTC(1950, 0, 1) + n * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  return testIdNumber(n, d);
};

/** Authorization matrix rows of the member registry, the file, corrections and the member's own data. */
export const membersMatrix: MatrixCase[] = [
  { route: 'GET /api/members', request: (f, t) => req('GET', `/api/members?orgId=${f.orgOf[t].id}&pageSize=5`), expect: scoped([...READERS]) },
  { route: 'GET /api/members/export', request: (f, t) => req('GET', `/api/members/export?orgId=${f.orgOf[t].id}`), expect: scoped([...WRITERS]) },
  { route: 'GET /api/members/:id', request: (f, t) => req('GET', `/api/members/${f.targetMember[t]}`), expect: scoped([...READERS]) },
  {
    route: 'POST /api/members',
    // An organization outside the write scope is refused like a missing one (mass assignment of orgId).
    request: (f, t, n) => req('POST', '/api/members', { orgId: f.orgOf[t].id, name: `矩阵党员${n}`, idNumber: idFor(n), status: 'full' }),
    expect: scoped([...WRITERS], 201),
  },
  { route: 'PATCH /api/members/:id', request: (f, t, n) => req('PATCH', `/api/members/${f.targetMember[t]}`, { occupation: `职业${n}` }), expect: scoped([...WRITERS]) },
  {
    route: 'PUT /api/members/:id/flags',
    request: (f, t) => req('PUT', `/api/members/${f.targetMember[t]}/flags`, { excludeAttendance: false, lostContactSince: null }),
    expect: scoped([...WRITERS]),
  },
  {
    route: 'POST /api/members/:id/unmask',
    request: (f, t) => req('POST', `/api/members/${f.targetMember[t]}/unmask`, { field: 'phone', reason: '矩阵测试核对号码' }),
    expect: scoped([...WRITERS]),
  },
  { route: 'GET /api/members/:id/file', request: (f, t) => req('GET', `/api/members/${f.targetMember[t]}/file`), expect: scoped([...READERS]) },
  { route: 'GET /api/members/:id/views', request: (f, t) => req('GET', `/api/members/${f.targetMember[t]}/views`), expect: scoped([...READERS]) },
  // Every target member can already log in: in scope the call reaches the check (409).
  { route: 'POST /api/members/:id/account', request: (f, t) => req('POST', `/api/members/${f.targetMember[t]}/account`, {}), expect: conflictInScope(WRITERS) },
  { route: 'GET /api/corrections/export', request: (f, t) => req('GET', `/api/corrections/export?orgId=${f.orgOf[t].id}&status=rejected`), expect: scoped([...WRITERS]) },
  { route: 'GET /api/corrections', request: (f, t) => req('GET', `/api/corrections?orgId=${f.orgOf[t].id}&status=rejected`), expect: scoped([...DECIDERS]) },
  // Every target correction is already decided: in scope the call reaches the check (409).
  {
    route: 'POST /api/corrections/:id/decide',
    request: (f, t) => req('POST', `/api/corrections/${f.targetCorrection[t]}/decide`, { decision: 'approve' }),
    expect: conflictInScope(DECIDERS),
  },
  // Self routes: bound to the caller's own member record (the fixture member account sits at `own`).
  { route: 'GET /api/my/record', request: () => req('GET', '/api/my/record'), expect: allowed(['member']), targets: ['own'] },
  { route: 'GET /api/my/file', request: () => req('GET', '/api/my/file'), expect: allowed(['member']), targets: ['own'] },
  { route: 'GET /api/my/views', request: () => req('GET', '/api/my/views'), expect: allowed(['member']), targets: ['own'] },
  { route: 'GET /api/my/corrections', request: () => req('GET', '/api/my/corrections'), expect: allowed(['member']), targets: ['own'] },
  {
    route: 'POST /api/my/corrections',
    request: () => req('POST', '/api/my/corrections', { field: 'occupation', requestedValue: '退休教师', reason: '职业登记有误，已退休' }),
    expect: allowed(['member'], 201),
    targets: ['own'],
  },
];
