import { type MatrixCase, allowed, req } from '../../test/matrix.ts';

/** Authorization matrix rows of the job list. */
export const jobsMatrix: MatrixCase[] = [
  { route: 'GET /api/system/jobs', request: () => req('GET', '/api/system/jobs'), expect: allowed(['system_admin']), targets: ['own'] },
  { route: 'GET /api/system/jobs/export', request: () => req('GET', '/api/system/jobs/export'), expect: allowed(['system_admin']), targets: ['own'] },
];
