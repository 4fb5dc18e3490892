import { SEPARATED_ROLES } from '../../../common/roles.ts';
import { MATRIX_ROLES } from '../../test/fixture.ts';
import { multipartFile } from '../activity-records/test-files.ts';
import { type MatrixCase, type ReplyCheck, allowed, errorCodes, req, scoped } from '../../test/matrix.ts';

const own = ['own'] as const;
const READERS = ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee'] as const;
const WRITERS = ['county_admin', 'township_admin', 'branch_secretary'] as const;
const PAYERS = ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee'] as const;
/** A bank file whose one line names a card no member holds (reconciled as unknown_card). */
const BANK_CSV = Buffer.from('卡号,姓名,月份,金额(元),交易流水号,状态\nMATRIX-0000,无此人,2026-01,0.20,MX-1,成功\n', 'utf8');
const MISSING = '01890000-0000-7000-8000-000000000000';

/** Every matrix role but the 三员 (system, security and audit administrators: 三员分立). */
const DEALS_WITH_DUES = MATRIX_ROLES.filter((r) => !SEPARATED_ROLES.includes(r));

/** A successful quote carries the engine's answer: 4000 元 of wage → 40 元 at 1 %. */
const quoted: ReplyCheck = (res) => {
  if (res.statusCode !== 200) return undefined;
  const body = JSON.parse(res.body);
  return body.amountFen === 4000 && body.rateBp === 100 && body.rule === 'income_le_5000' ? undefined : `quote ${res.body}`;
};

/**
 * Authorization matrix rows of dues. The quote and the settings name no member and no organization:
 * those routes are unscoped. Profiles, bases, the reassessment list and the bills are scoped through
 * the member's (the bill's) organization; /api/my/dues is the member's own.
 */
export const duesMatrix: MatrixCase[] = [
  // Any logged-in account previews dues; API clients are not people.
  { route: 'POST /api/dues/quote', request: () => req('POST', '/api/dues/quote', { category: 'employed', baseFen: 400_000 }), expect: allowed(DEALS_WITH_DUES), targets: [...own], check: quoted },
  { route: 'GET /api/dues/settings', request: () => req('GET', '/api/dues/settings'), expect: allowed(DEALS_WITH_DUES), targets: [...own] },
  // Only a county administrator granted at the county root may change them; the matrix accounts sit at a township.
  {
    route: 'PUT /api/dues/settings',
    request: () => req('PUT', '/api/dues/settings', { farmerFlatFen: 20 }),
    expect: {},
    targets: [...own],
    check: errorCodes({ county_admin: 'DUES_SETTINGS_COUNTY_ONLY' }),
  },
  { route: 'GET /api/dues/profiles/:memberId', request: (f, t) => req('GET', `/api/dues/profiles/${f.targetMember[t]}`), expect: scoped([...READERS]) },
  // The fixture members have no category and no proxy: this PUT changes nothing.
  {
    route: 'PUT /api/dues/profiles/:memberId',
    request: (f, t) => req('PUT', `/api/dues/profiles/${f.targetMember[t]}`, { category: null, proxyPayerId: null }),
    expect: scoped([...WRITERS]),
  },
  { route: 'GET /api/dues/profiles/:memberId/bases', request: (f, t) => req('GET', `/api/dues/profiles/${f.targetMember[t]}/bases`), expect: scoped([...READERS]) },
  {
    route: 'POST /api/dues/profiles/:memberId/bases',
    request: (f, t) => req('POST', `/api/dues/profiles/${f.targetMember[t]}/bases`, { baseFen: 400_000, effectiveMonth: '2026-01', reason: '矩阵测试基数' }),
    expect: scoped([...WRITERS], 201),
  },
  { route: 'GET /api/dues/reassessment', request: (f, t) => req('GET', `/api/dues/reassessment?orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/dues/reassessment/export', request: (f, t) => req('GET', `/api/dues/reassessment/export?orgId=${f.orgOf[t].id}`), expect: scoped([...WRITERS]) },
  { route: 'GET /api/dues/bills', request: (f, t) => req('GET', `/api/dues/bills?month=2026-01&orgId=${f.orgOf[t].id}`), expect: scoped([...READERS]) },
  { route: 'GET /api/dues/bills/export', request: (f, t) => req('GET', `/api/dues/bills/export?month=2026-01&orgId=${f.orgOf[t].id}`), expect: scoped([...WRITERS]) },
  // A voluntary payment needs no bill: in scope it is entered (201).
  {
    route: 'POST /api/dues/payments',
    request: (f, t) => req('POST', '/api/dues/payments', { memberId: f.targetMember[t], channel: 'cash', voluntaryFen: 100 }),
    expect: scoped([...PAYERS], 201),
  },
  { route: 'GET /api/dues/payments', request: (f, t) => req('GET', `/api/dues/payments?memberId=${f.targetMember[t]}`), expect: scoped([...PAYERS]) },
  // No payment has this id: allowed roles get 404 (the reversal itself is tested in payments.route.test.ts).
  { route: 'POST /api/dues/payments/:id/reversal', request: () => req('POST', `/api/dues/payments/${MISSING}/reversal`, { reason: '矩阵' }), expect: allowed([...PAYERS], 404), targets: [...own] },
  { route: 'POST /api/dues/bank-files', request: () => ({ method: 'POST', url: '/api/dues/bank-files', ...multipartFile(BANK_CSV, 'bank.csv', 'text/csv') }), expect: allowed([...WRITERS], 201), targets: [...own] },
  { route: 'GET /api/dues/bank-files', request: () => req('GET', '/api/dues/bank-files'), expect: allowed([...WRITERS]), targets: [...own] },
  { route: 'GET /api/dues/bank-files/:id', request: () => req('GET', `/api/dues/bank-files/${MISSING}`), expect: allowed([...WRITERS], 404), targets: [...own] },
  { route: 'GET /api/dues/bank-files/:id/export', request: () => req('GET', `/api/dues/bank-files/${MISSING}/export`), expect: allowed([...WRITERS], 404), targets: [...own] },
  { route: 'GET /api/my/dues', request: () => req('GET', '/api/my/dues'), expect: allowed(['member']), targets: [...own] },
];
