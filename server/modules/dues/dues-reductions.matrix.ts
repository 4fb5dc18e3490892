import { type MatrixCase, allowed, req, scoped } from '../../test/matrix.ts';
import { addMonthsTo } from './bills.rules.ts';

const READERS = ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee'] as const;
const WRITERS = ['county_admin', 'township_admin', 'branch_secretary'] as const;
const APPROVERS = ['county_admin', 'township_admin'] as const;
const MISSING = '01890000-0000-7000-8000-000000000000';

/**
 * Authorization matrix rows of dues reductions (减免). Proposals are scoped through the member's
 * organization; each call proposes a one-month exemption of a month of its own (from the request
 * number), so the successful calls never overlap. Approve, reject and revoke name no existing decision:
 * approvers get 404, everyone else 403 (the 三员 included); the workflow itself, with the same-level
 * refusal, is tested in reductions.route.test.ts.
 */
export const duesReductionsMatrix: MatrixCase[] = [
  {
    route: 'POST /api/dues/reductions',
    request: (f, t, n) => {
      const month = addMonthsTo('2025-12', -(n % 300));
      return req('POST', '/api/dues/reductions', { memberId: f.targetMember[t], kind: 'exemption', fromMonth: month, toMonth: month, reason: '矩阵测试', branchDecision: '支委会决定' });
    },
    expect: scoped([...WRITERS], 201),
  },
  { route: 'GET /api/dues/reductions', request: (f, t) => req('GET', `/api/dues/reductions?orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/dues/reductions/export', request: (f, t) => req('GET', `/api/dues/reductions/export?orgId=${f.orgOf[t].id}`), expect: scoped([...WRITERS]) },
  { route: 'POST /api/dues/reductions/:id/approve', request: () => req('POST', `/api/dues/reductions/${MISSING}/approve`, {}), expect: allowed([...APPROVERS], 404), targets: ['own'] },
  { route: 'POST /api/dues/reductions/:id/reject', request: () => req('POST', `/api/dues/reductions/${MISSING}/reject`, { note: '矩阵' }), expect: allowed([...APPROVERS], 404), targets: ['own'] },
  {
    route: 'POST /api/dues/reductions/:id/revoke',
    request: () => req('POST', `/api/dues/reductions/${MISSING}/revoke`, { fromMonth: '2026-01', reason: '矩阵' }),
    expect: allowed([...APPROVERS], 404),
    targets: ['own'],
  },
];
