import { type MatrixCase, type MatrixFixture, req, scoped } from '../../test/matrix.ts';
import { type PipelineMatrixData, idNumberForN } from './pipeline.fixture.ts';

const READERS = ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee'] as const;
const WRITERS = ['county_admin', 'township_admin', 'branch_secretary'] as const;

const d = (f: MatrixFixture) => f as MatrixFixture & PipelineMatrixData;

/** Authorization matrix rows of the development pipeline. */
export const pipelineMatrix: MatrixCase[] = [
  { route: 'GET /api/pipeline', request: (f, t) => req('GET', `/api/pipeline?orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/pipeline/export', request: (f, t) => req('GET', `/api/pipeline/export?orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/pipeline/overdue', request: (f, t) => req('GET', `/api/pipeline/overdue?orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/pipeline/overdue/export', request: (f, t) => req('GET', `/api/pipeline/overdue/export?orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/pipeline/:id', request: (f, t) => req('GET', `/api/pipeline/${d(f).targetApplicant[t]}`), expect: scoped([...READERS]) },
  {
    route: 'POST /api/pipeline',
    // A fresh ID number per call; an organization outside the write scope is refused like a missing one.
    request: (f, t, n) => req('POST', '/api/pipeline', { orgId: f.orgOf[t].id, name: `矩阵申请人${n}`, idNumber: idNumberForN(n), appliedOn: '2026-01-05' }),
    expect: scoped([...WRITERS], 201),
  },
  // Recording the same talk date again changes nothing.
  { route: 'POST /api/pipeline/:id/record', request: (f, t) => req('POST', `/api/pipeline/${d(f).targetApplicant[t]}/record`, { talkedOn: '2025-01-20' }), expect: scoped([...WRITERS]) },
  // Steps the rules refuse: 409 in scope, 404 outside; nothing changes.
  { route: 'POST /api/pipeline/:id/advance', request: (f, t) => req('POST', `/api/pipeline/${d(f).targetApplicant[t]}/advance`, { to: 'full', date: '2025-06-01' }), expect: scoped([...WRITERS], 409) },
  { route: 'POST /api/pipeline/:id/extend', request: (f, t) => req('POST', `/api/pipeline/${d(f).targetApplicant[t]}/extend`, { to: '2027-06-01' }), expect: scoped([...WRITERS], 409) },
  { route: 'POST /api/pipeline/:id/close', request: (f, t) => req('POST', `/api/pipeline/${d(f).targetClosedApplicant[t]}/close`, { reason: '矩阵测试' }), expect: scoped([...WRITERS], 409) },
];
