import { type MatrixCase, allowed, req, scoped } from '../../test/matrix.ts';

/** Authorization matrix rows of accounts and grants (三员分立: accounts by 系统管理员, grants by 安全管理员). */
export const accountsMatrix: MatrixCase[] = [
  { route: 'GET /api/accounts', request: () => req('GET', '/api/accounts?page=1&pageSize=5'), expect: allowed(['system_admin', 'security_admin']), targets: ['own'] },
  { route: 'GET /api/accounts/export', request: () => req('GET', '/api/accounts/export'), expect: allowed(['system_admin', 'security_admin']), targets: ['own'] },
  {
    route: 'POST /api/accounts',
    request: (f, t, n) => req('POST', '/api/accounts', { username: `matrix_user_${n}`, displayName: `矩阵用户${n}`, orgId: f.orgOf[t].id }),
    expect: scoped(['system_admin'], 201),
  },
  { route: 'POST /api/accounts/:id/reset-password', request: (f, t) => req('POST', `/api/accounts/${f.targetAccount[t]}/reset-password`, {}), expect: scoped(['system_admin']) },
  { route: 'POST /api/accounts/:id/status', request: (f, t) => req('POST', `/api/accounts/${f.targetAccount[t]}/status`, { status: 'active' }), expect: scoped(['system_admin']) },
  { route: 'GET /api/accounts/:id/grants', request: (f, t) => req('GET', `/api/accounts/${f.targetAccount[t]}/grants`), expect: scoped(['security_admin', 'system_admin']) },
  {
    route: 'POST /api/grants',
    request: (f, t) => req('POST', '/api/grants', { accountId: f.targetAccount[t], role: 'branch_committee', orgId: f.orgOf[t].id }),
    expect: scoped(['security_admin'], 201),
  },
  { route: 'DELETE /api/grants/:id', request: (f, t) => req('DELETE', `/api/grants/${f.targetGrant[t]}`), expect: scoped(['security_admin'], 204) },
];
