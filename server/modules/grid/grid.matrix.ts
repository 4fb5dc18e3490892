import { DEFAULT_CATEGORIES } from '../../../common/grid-workflow.ts';
import { type MatrixCase, allowed, errorCodes, req, scoped } from '../../test/matrix.ts';

const READ = ['county_admin', 'township_admin', 'grid_worker'] as const;
const MANAGE = ['county_admin', 'township_admin'] as const;
const HOUSEHOLD = ['county_admin', 'township_admin', 'grid_worker'] as const;
const REPORT = ['county_admin', 'township_admin', 'grid_worker', 'member'] as const;
const ASSIGNED = ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee', 'grid_worker'] as const;
const own = ['own'] as const;
const MISSING = '01900000-0000-7000-8000-000000000000';

/**
 * Authorization matrix rows of grid governance. Grids are created for an organization in the
 * caller's grid.manage scope (another → 404) and listed under one in grid.read scope; the matrix
 * county has no grids, households or events, so the routes on one id answer the 404 of a missing one
 * to the roles that hold the permission (the scope of existing grids, households and events — a
 * township cannot see or act on another township's — is proven in grid.route.test.ts). The category
 * tree is edited only by a county administrator granted at the county root (the matrix accounts sit
 * at a township: a 403 with its code). The 三员 hold none of these permissions.
 */
export const gridMatrix: MatrixCase[] = [
  { route: 'GET /api/grid/grids', request: (f, t) => req('GET', `/api/grid/grids?orgId=${f.orgOf[t].id}`), expect: scoped([...READ]) },
  { route: 'POST /api/grid/grids', request: (f, t, n) => req('POST', '/api/grid/grids', { level: 'township', name: `矩阵网格${n}`, orgId: f.orgOf[t].id }), expect: scoped([...MANAGE], 201) },
  { route: 'GET /api/grid/grids/:id', request: () => req('GET', `/api/grid/grids/${MISSING}`), expect: allowed([...READ], 404), targets: [...own] },
  { route: 'PATCH /api/grid/grids/:id', request: () => req('PATCH', `/api/grid/grids/${MISSING}`, { name: '改名' }), expect: allowed([...MANAGE], 404), targets: [...own] },
  { route: 'DELETE /api/grid/grids/:id', request: () => req('DELETE', `/api/grid/grids/${MISSING}`), expect: allowed([...MANAGE], 404), targets: [...own] },
  { route: 'PUT /api/grid/grids/:id/workers', request: () => req('PUT', `/api/grid/grids/${MISSING}/workers`, { accountIds: [] }), expect: allowed([...MANAGE], 404), targets: [...own] },
  { route: 'POST /api/grid/grids/:id/members', request: (f, t) => req('POST', `/api/grid/grids/${MISSING}/members`, { memberIds: [f.targetMember[t]] }), expect: allowed([...MANAGE], 404), targets: [...own] },
  { route: 'DELETE /api/grid/grids/:id/members/:memberId', request: (f, t) => req('DELETE', `/api/grid/grids/${MISSING}/members/${f.targetMember[t]}`), expect: allowed([...MANAGE], 404), targets: [...own] },
  { route: 'GET /api/grid/households', request: () => req('GET', '/api/grid/households'), expect: allowed([...READ]), targets: [...own] },
  { route: 'POST /api/grid/households', request: () => req('POST', '/api/grid/households', { gridId: MISSING, address: '某村1号', headName: '户主' }), expect: allowed([...HOUSEHOLD], 404), targets: [...own] },
  { route: 'GET /api/grid/households/:id', request: () => req('GET', `/api/grid/households/${MISSING}`), expect: allowed([...READ], 404), targets: [...own] },
  { route: 'PATCH /api/grid/households/:id', request: () => req('PATCH', `/api/grid/households/${MISSING}`, { headName: '户主' }), expect: allowed([...HOUSEHOLD], 404), targets: [...own] },
  { route: 'POST /api/grid/links', request: (f, t) => req('POST', '/api/grid/links', { memberId: f.targetMember[t], householdId: MISSING }), expect: allowed([...HOUSEHOLD], 404), targets: [...own] },
  { route: 'DELETE /api/grid/links/:memberId/:householdId', request: (f, t) => req('DELETE', `/api/grid/links/${f.targetMember[t]}/${MISSING}`), expect: allowed([...HOUSEHOLD], 404), targets: [...own] },
  { route: 'GET /api/grid/categories', request: () => req('GET', '/api/grid/categories'), expect: allowed([...REPORT]), targets: [...own] },
  {
    route: 'PUT /api/grid/categories',
    request: () => req('PUT', '/api/grid/categories', { categories: DEFAULT_CATEGORIES.map(({ code, parent, zh, en, sla }) => ({ code, parent, zh, en, sla })) }),
    expect: {},
    targets: [...own],
    check: errorCodes({ county_admin: 'GRID_CATEGORIES_COUNTY_ONLY' }),
  },
  { route: 'POST /api/grid/events', request: () => req('POST', '/api/grid/events', { category: 'zongzhi.dispute', description: '矩阵事件', gridId: MISSING }), expect: allowed([...REPORT], 404), targets: [...own] },
  { route: 'GET /api/grid/events', request: () => req('GET', '/api/grid/events'), expect: allowed([...ASSIGNED]), targets: [...own] },
  { route: 'GET /api/grid/events/export', request: () => req('GET', '/api/grid/events/export'), expect: allowed([...ASSIGNED]), targets: [...own] },
  { route: 'GET /api/grid/events/:id', request: () => req('GET', `/api/grid/events/${MISSING}`), expect: allowed([...ASSIGNED], 404), targets: [...own] },
  { route: 'POST /api/grid/events/:id/transitions', request: () => req('POST', `/api/grid/events/${MISSING}/transitions`, { action: 'accept' }), expect: allowed([...ASSIGNED], 404), targets: [...own] },
];
