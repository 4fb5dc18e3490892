import { type MatrixCase, allowed, req } from '../../test/matrix.ts';

/** Authorization matrix rows of the audit trail: the audit administrator only, read-only. */
export const auditMatrix: MatrixCase[] = [
  { route: 'GET /api/audit/logs', request: () => req('GET', '/api/audit/logs?kind=operation'), expect: allowed(['audit_admin']), targets: ['own'] },
  { route: 'GET /api/audit/logs/export', request: () => req('GET', '/api/audit/logs/export?kind=login'), expect: allowed(['audit_admin']), targets: ['own'] },
  { route: 'POST /api/audit/verify', request: () => req('POST', '/api/audit/verify', {}), expect: allowed(['audit_admin']), targets: ['own'] },
];
