import type { Target } from '../../test/fixture.ts';
import { type MatrixCase, type MatrixFixture, req, scoped } from '../../test/matrix.ts';
import type { OrgsMatrixData } from './orgs.fixture.ts';

const READERS = ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee', 'system_admin', 'security_admin'] as const;
const WRITERS = ['county_admin', 'township_admin'] as const;
/** member.read / member.export: the split suggestion lists members by name. */
const MEMBER_READERS = ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee'] as const;
const MEMBER_EXPORTERS = ['county_admin', 'township_admin', 'branch_secretary'] as const;
/** member.write: deciding a to-do changes a member's standing. */
const DECIDERS = ['county_admin', 'township_admin', 'branch_secretary'] as const;

const d = (f: MatrixFixture) => f as MatrixFixture & OrgsMatrixData;
/** In scope the rules refuse with `status`; outside scope 404. */
const refusedInScope = (roles: readonly (typeof WRITERS)[number][], status: number) => scoped([...roles], status);
/** The parent of each target (the ancestor and the other county's root have none: themselves). */
const parentOf = (f: MatrixFixture, t: Target) => f.orgOf[t].parentId ?? f.orgOf[t].id;

/** Authorization matrix rows of the organization routes. */
export const orgsMatrix: MatrixCase[] = [
  // The test API client is named on the tree route only: it reads in scope there and gets 403 on :id.
  { route: 'GET /api/orgs/tree', request: (f, t) => req('GET', `/api/orgs/tree?parentId=${f.orgOf[t].id}`), expect: scoped([...READERS, 'api_client']) },
  { route: 'GET /api/orgs/:id', request: (f, t) => req('GET', `/api/orgs/${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/orgs/:id/history', request: (f, t) => req('GET', `/api/orgs/${f.orgOf[t].id}/history`), expect: scoped([...READERS]) },
  { route: 'GET /api/orgs/warnings', request: (f, t) => req('GET', `/api/orgs/warnings?orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/orgs/warnings/export', request: (f, t) => req('GET', `/api/orgs/warnings/export?orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/orgs/:id/split-suggestion', request: (f, t) => req('GET', `/api/orgs/${f.orgOf[t].id}/split-suggestion?min=20&max=25`), expect: scoped([...MEMBER_READERS]) },
  { route: 'GET /api/orgs/:id/split-suggestion/export', request: (f, t) => req('GET', `/api/orgs/${f.orgOf[t].id}/split-suggestion/export`), expect: scoped([...MEMBER_EXPORTERS]) },
  {
    route: 'POST /api/orgs',
    // Creating under a parent outside the write scope is refused like a missing parent (mass assignment).
    request: (f, t, n) => req('POST', '/api/orgs', { parentId: f.orgOf[t].id, name: `矩阵测试支部${n}`, level: 'branch', category: 'rural' }),
    expect: { ...scoped([...WRITERS], 201), county_admin: { own: 201, child: 400, sibling: 404, ancestor: 404, otherCounty: 404 }, township_admin: { own: 201, child: 400, sibling: 404, ancestor: 404, otherCounty: 404 } },
  },
  { route: 'PATCH /api/orgs/:id', request: (f, t, n) => req('PATCH', `/api/orgs/${f.orgOf[t].id}`, { shortName: `简称${n}` }), expect: scoped([...WRITERS]) },
  {
    route: 'POST /api/orgs/:id/move',
    // Each target goes under its current parent: the branch stays where it is (200); T1's parent is
    // the county root, outside a T1 grant's write scope, so moving there is refused like a missing id.
    request: (f, t) => req('POST', `/api/orgs/${f.orgOf[t].id}/move`, { parentId: parentOf(f, t) }),
    expect: Object.fromEntries(WRITERS.map((r) => [r, { own: 404, child: 200, sibling: 404, ancestor: 404, otherCounty: 404 }])),
  },
  // Merging into itself passes the scope checks and is refused by the rules; nothing changes.
  { route: 'POST /api/orgs/:id/merge', request: (f, t) => req('POST', `/api/orgs/${f.orgOf[t].id}/merge`, { intoId: f.orgOf[t].id }), expect: refusedInScope(WRITERS, 409) },
  // T1 has a child and B1 has a member: in scope the answer is 409, and nothing is dissolved.
  { route: 'POST /api/orgs/:id/dissolve', request: (f, t) => req('POST', `/api/orgs/${f.orgOf[t].id}/dissolve`, { reason: '矩阵测试' }), expect: refusedInScope(WRITERS, 409) },
  { route: 'GET /api/orgs/:id/committee', request: (f, t) => req('GET', `/api/orgs/${f.orgOf[t].id}/committee`), expect: scoped([...READERS]) },
  {
    route: 'POST /api/orgs/:id/committee',
    request: (f, t) => req('POST', `/api/orgs/${f.orgOf[t].id}/committee`, { memberId: f.targetMember[t], position: 'member', termStart: '2024-01-01' }),
    expect: scoped([...WRITERS]),
  },
  {
    route: 'DELETE /api/orgs/:id/committee/:entryId',
    request: (f, t) => req('DELETE', `/api/orgs/${f.orgOf[t].id}/committee/${d(f).targetCommitteeEntry[t]}`),
    expect: scoped([...WRITERS], 204),
  },
  { route: 'GET /api/orgs/:id/todos', request: (f, t) => req('GET', `/api/orgs/${f.orgOf[t].id}/todos?status=open`), expect: scoped([...READERS]) },
  { route: 'POST /api/todos/:id/decide', request: (f, t) => req('POST', `/api/todos/${d(f).targetTodo[t]}/decide`, { decision: 'dismiss', note: '矩阵测试' }), expect: scoped([...DECIDERS]) },
];
