import { MATRIX_ROLES } from '../../test/fixture.ts';
import { type MatrixCase, req } from '../../test/matrix.ts';

/** GET /api/demo/accounts is public (the matrix runs in demo mode; production answers 404, see demo.route.test.ts). */
export const demoMatrix: MatrixCase[] = [
  {
    route: 'GET /api/demo/accounts',
    request: () => req('GET', '/api/demo/accounts'),
    expect: { ...Object.fromEntries(MATRIX_ROLES.map((r) => [r, 200])), api_client: 200, anonymous: 200 },
    targets: ['own'],
  },
];
