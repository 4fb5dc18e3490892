import { type MatrixCase, req, scoped } from '../../test/matrix.ts';

const READERS = ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee', 'system_admin', 'security_admin'] as const;
const WRITERS = ['county_admin', 'township_admin'] as const;

/** Authorization matrix rows of the organization routes. */
export const orgsMatrix: MatrixCase[] = [
  // The test API client is named on the tree route only: it reads in scope there and gets 403 on :id.
  { route: 'GET /api/orgs/tree', request: (f, t) => req('GET', `/api/orgs/tree?parentId=${f.orgOf[t].id}`), expect: scoped([...READERS, 'api_client']) },
  { route: 'GET /api/orgs/:id', request: (f, t) => req('GET', `/api/orgs/${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  {
    route: 'POST /api/orgs',
    // Creating under a parent outside the write scope is refused like a missing parent (mass assignment).
    request: (f, t, n) => req('POST', '/api/orgs', { parentId: f.orgOf[t].id, name: `矩阵测试支部${n}`, level: 'branch', category: 'rural' }),
    expect: { ...scoped([...WRITERS], 201), county_admin: { own: 201, child: 400, sibling: 404, ancestor: 404, otherCounty: 404 }, township_admin: { own: 201, child: 400, sibling: 404, ancestor: 404, otherCounty: 404 } },
  },
  { route: 'PATCH /api/orgs/:id', request: (f, t, n) => req('PATCH', `/api/orgs/${f.orgOf[t].id}`, { shortName: `简称${n}` }), expect: scoped([...WRITERS]) },
];
