import { type MatrixCase, allowed, req, scoped } from '../../test/matrix.ts';

const READERS = ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee'] as const;
const EXPORTERS = ['county_admin', 'township_admin', 'branch_secretary'] as const;
const period = 'from=2026-01-01&to=2026-12-31';

/**
 * Authorization matrix rows of participation. All reads: the list is scoped through the
 * organization (activity.read), the evidence pack like the member record (member.read; its export
 * member.export); /api/my/evidence is the member's own. The 三员 hold none of these permissions.
 */
export const participationMatrix: MatrixCase[] = [
  { route: 'GET /api/participation', request: (f, t) => req('GET', `/api/participation?orgId=${f.orgOf[t].id}&${period}&includeSubtree=true`), expect: scoped([...READERS]) },
  { route: 'GET /api/participation/export', request: (f, t) => req('GET', `/api/participation/export?orgId=${f.orgOf[t].id}&${period}&low=true`), expect: scoped([...READERS]) },
  { route: 'GET /api/members/:id/evidence', request: (f, t) => req('GET', `/api/members/${f.targetMember[t]}/evidence?year=2026`), expect: scoped([...READERS]) },
  { route: 'GET /api/members/:id/evidence/export', request: (f, t) => req('GET', `/api/members/${f.targetMember[t]}/evidence/export?year=2026`), expect: scoped([...EXPORTERS]) },
  { route: 'GET /api/my/evidence', request: () => req('GET', '/api/my/evidence?year=2026'), expect: allowed(['member']), targets: ['own'] },
  { route: 'GET /api/my/evidence/export', request: () => req('GET', '/api/my/evidence/export?year=2026'), expect: allowed(['member']), targets: ['own'] },
];
