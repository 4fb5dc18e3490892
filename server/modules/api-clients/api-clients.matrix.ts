import { type MatrixCase, allowed, req, scoped } from '../../test/matrix.ts';

/** Authorization matrix rows of API-client credentials (managed like grants by 安全管理员). */
export const apiClientsMatrix: MatrixCase[] = [
  { route: 'GET /api/api-clients', request: () => req('GET', '/api/api-clients'), expect: allowed(['security_admin', 'system_admin']), targets: ['own'] },
  { route: 'GET /api/api-clients/export', request: () => req('GET', '/api/api-clients/export'), expect: allowed(['system_admin', 'security_admin']), targets: ['own'] },
  {
    route: 'POST /api/api-clients',
    request: (f, t, n) => req('POST', '/api/api-clients', { name: `签到机${n}`, orgId: f.orgOf[t].id, routes: ['GET /api/orgs/tree'] }),
    expect: scoped(['security_admin'], 201),
  },
  { route: 'POST /api/api-clients/:id/status', request: (f, t) => req('POST', `/api/api-clients/${f.targetClient[t]}/status`, { status: 'active' }), expect: scoped(['security_admin']) },
  { route: 'POST /api/api-clients/:id/rotate', request: (f, t) => req('POST', `/api/api-clients/${f.targetClient[t]}/rotate`, {}), expect: scoped(['security_admin']) },
];
