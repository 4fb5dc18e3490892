import { MATRIX_ROLES } from '../../test/fixture.ts';
import { type Expectation, type MatrixCase, type ReplyCheck, allowed, req } from '../../test/matrix.ts';

const own = ['own'] as const;
const MISSING = '01890000-0000-7000-8000-000000000000';

/** The provider's callback is public: every caller, with or without a session, gets 401 without a signature. */
const everyone = (status: number): Expectation => ({ ...Object.fromEntries(MATRIX_ROLES.map((r) => [r, status])), api_client: status, anonymous: status });
const unsigned: ReplyCheck = (res) => (JSON.parse(res.body)?.error?.code === 'DUES_ONLINE_SIGNATURE_MISSING' ? undefined : `code of ${res.body}`);

/**
 * Authorization matrix rows of online dues payment (docs/DUES.md "Online payment"). Orders are the
 * member's own business: only members reach them (self scope, no id of a person taken; an order or a bill
 * of someone else is 404 like a missing one). Treasurers, secretaries and administrators do not make or
 * pay members' orders (they enter cash and transfers with /api/dues/payments), and the 三员 get 403 on
 * every write. The callback is public and answers only to a valid signature.
 */
export const duesOnlineMatrix: MatrixCase[] = [
  { route: 'GET /api/my/dues/online', request: () => req('GET', '/api/my/dues/online'), expect: allowed(['member']), targets: [...own] },
  // No bill has this id: the member gets 404 (the order itself is tested in online.route.test.ts).
  { route: 'POST /api/my/dues/online-orders', request: () => req('POST', '/api/my/dues/online-orders', { billIds: [MISSING] }), expect: allowed(['member'], 404), targets: [...own] },
  { route: 'GET /api/my/dues/online-orders/:id', request: () => req('GET', `/api/my/dues/online-orders/${MISSING}`), expect: allowed(['member'], 404), targets: [...own] },
  { route: 'POST /api/dues/pay-sim/:orderId/confirm', request: () => req('POST', `/api/dues/pay-sim/${MISSING}/confirm`), expect: allowed(['member'], 404), targets: [...own] },
  { route: 'POST /api/dues/pay-sim/:orderId/cancel', request: () => req('POST', `/api/dues/pay-sim/${MISSING}/cancel`), expect: allowed(['member'], 404), targets: [...own] },
  {
    route: 'POST /api/dues/online/callback',
    request: () => req('POST', '/api/dues/online/callback', { orderId: MISSING, txnNo: 'MATRIX-1', amountFen: 20, status: 'success' }),
    expect: everyone(401),
    targets: [...own],
    check: unsigned,
  },
];
