import { MATRIX_ROLES } from '../../test/fixture.ts';
import { type Expectation, type MatrixCase, req } from '../../test/matrix.ts';

const everyone = (status: number, anonymous = 401): Expectation => ({ ...Object.fromEntries(MATRIX_ROLES.map((r) => [r, status])), anonymous });

/** Authorization matrix rows of the auth routes: every account acts on its own record only. */
export const authMatrix: MatrixCase[] = [
  { route: 'POST /api/auth/login', request: () => req('POST', '/api/auth/login', { username: 'no_such_user', password: 'Wrong#Pass1' }), expect: { ...everyone(401, 401), api_client: 401 }, targets: ['own'] },
  { route: 'GET /api/auth/me', request: () => req('GET', '/api/auth/me'), expect: everyone(200), targets: ['own'] },
  { route: 'POST /api/auth/logout', request: () => req('POST', '/api/auth/logout', {}), expect: everyone(204), targets: ['own'], fresh: true },
  // A wrong current password: the route is reachable by every account, and changes nothing.
  { route: 'POST /api/auth/password', request: () => req('POST', '/api/auth/password', { currentPassword: 'Not#The1Password', newPassword: 'Another#Pass2026' }), expect: everyone(400), targets: ['own'] },
  { route: 'POST /api/auth/totp/setup', request: () => req('POST', '/api/auth/totp/setup', {}), expect: everyone(200), targets: ['own'] },
  { route: 'POST /api/auth/totp/enable', request: () => req('POST', '/api/auth/totp/enable', { code: '000000' }), expect: everyone(400), targets: ['own'] },
];
