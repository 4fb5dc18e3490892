import { type MatrixCase, req, scoped } from '../../test/matrix.ts';

/** Who sees the big screen: county and township administrators, of the organizations in their scope (another organization → 404). */
const VIEWERS = ['county_admin', 'township_admin'] as const;
const screen = (path: string): MatrixCase => ({ route: `GET /api/screen/${path}`, request: (f, t) => req('GET', `/api/screen/${path}?orgId=${f.orgOf[t].id}`), expect: scoped([...VIEWERS]) });

/** Authorization matrix rows of the big screen (大屏). */
export const screenMatrix: MatrixCase[] = [screen('overview'), screen('live'), screen('activity'), screen('dues'), screen('compliance')];
