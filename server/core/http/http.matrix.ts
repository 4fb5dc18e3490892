import { MATRIX_ROLES } from '../../test/fixture.ts';
import { type Expectation, type MatrixCase, req } from '../../test/matrix.ts';

const open = (status = 200): Expectation => ({ ...Object.fromEntries(MATRIX_ROLES.map((r) => [r, status])), api_client: status, anonymous: status });
const own = ['own'] as const;

/** Public routes: health, the contract, the API docs and the web console's static files. */
export const publicMatrix: MatrixCase[] = [
  { route: 'GET /api/health', request: () => req('GET', '/api/health'), expect: open(), targets: [...own] },
  { route: 'GET /api/openapi.json', request: () => req('GET', '/api/openapi.json'), expect: open(), targets: [...own] },
  { route: 'GET /api/docs', request: () => req('GET', '/api/docs'), expect: open(), targets: [...own] },
  { route: 'GET /api/docs/static/index.html', request: () => req('GET', '/api/docs/static/index.html'), expect: open(302), targets: [...own] },
  { route: 'GET /api/docs/static/swagger-initializer.js', request: () => req('GET', '/api/docs/static/swagger-initializer.js'), expect: open(), targets: [...own] },
  { route: 'GET /api/docs/json', request: () => req('GET', '/api/docs/json'), expect: open(), targets: [...own] },
  { route: 'GET /api/docs/yaml', request: () => req('GET', '/api/docs/yaml'), expect: open(), targets: [...own] },
  { route: 'GET /api/docs/static/*', request: () => req('GET', '/api/docs/static/swagger-ui.css'), expect: open(), targets: [...own] },
  {
    route: 'GET (web static files)',
    match: (r) => r.startsWith('GET /') && !r.startsWith('GET /api'),
    request: () => req('GET', '/index.html'),
    expect: open(),
    targets: [...own],
  },
];
