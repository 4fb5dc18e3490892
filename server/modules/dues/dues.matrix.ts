import { MATRIX_ROLES } from '../../test/fixture.ts';
import { type MatrixCase, type ReplyCheck, allowed, errorCodes, req } from '../../test/matrix.ts';

const own = ['own'] as const;

/** A successful quote carries the engine's answer: 4000 元 of wage → 40 元 at 1 %. */
const quoted: ReplyCheck = (res) => {
  if (res.statusCode !== 200) return undefined;
  const body = JSON.parse(res.body);
  return body.amountFen === 4000 && body.rateBp === 100 && body.rule === 'income_le_5000' ? undefined : `quote ${res.body}`;
};

/** Authorization matrix rows of dues. The quote names no member and no organization: the routes are unscoped. */
export const duesMatrix: MatrixCase[] = [
  // Any logged-in account previews dues; API clients are not people.
  { route: 'POST /api/dues/quote', request: () => req('POST', '/api/dues/quote', { category: 'employed', baseFen: 400_000 }), expect: allowed([...MATRIX_ROLES]), targets: [...own], check: quoted },
  { route: 'GET /api/dues/settings', request: () => req('GET', '/api/dues/settings'), expect: allowed([...MATRIX_ROLES]), targets: [...own] },
  // Only a county administrator granted at the county root may change them; the matrix accounts sit at a township.
  {
    route: 'PUT /api/dues/settings',
    request: () => req('PUT', '/api/dues/settings', { farmerFlatFen: 20 }),
    expect: {},
    targets: [...own],
    check: errorCodes({ county_admin: 'DUES_SETTINGS_COUNTY_ONLY' }),
  },
];
