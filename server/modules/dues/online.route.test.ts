import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { testIdNumber } from '../members/members.fixture.ts';
import { call, codeOf, memberSession } from '../members/test-kit.ts';
import { accountAt, seedBase, seedDuesMember } from './bills.fixture.ts';
import { addMonthsTo, currentMonth } from './bills.rules.ts';
import { generateBills } from './bills.ts';
import { simulatorProvider } from './online.provider.ts';

// Online payment through the simulator: the member's order, the cashier's confirm (a signed callback to
// the real callback route), the bills paid under one receipt with a file entry; forged, unsigned and stale
// callbacks, replays counted once, a wrong amount, an expired or cancelled order, bills paid meanwhile,
// other people's bills, bills not payable, and the proxy payer.

const SECRET = 'test-pay-sim-secret';
const sim = simulatorProvider(SECRET);
const forger = simulatorProvider('not-the-secret');

let t: TestApp;
let f: Fixture;
let secB1: Session;
let meA: Session;
let meC: Session;
const m: Record<string, string> = {};
const NOW = currentMonth();
const back = (n: number) => addMonthsTo(NOW, -n);

beforeAll(async () => {
  ({ t, f } = await fixtureApp({ HONGYUN_PAY_SIM_SECRET: SECRET }));
  secB1 = await accountAt(t, 'online_sec_b1', 'branch_secretary', f.b1);
  const s = t.services;
  const county = f.root.countyCode;
  m.a = await seedDuesMember(s, f.b1, { seq: 21, name: '安在线', category: 'employed' });
  m.b = await seedDuesMember(s, f.b1, { seq: 22, name: '白代缴', category: 'farmer' });
  m.c = await seedDuesMember(s, f.b1, { seq: 23, name: '陈代缴人', category: 'student' });
  m.d = await seedDuesMember(s, f.b2, { seq: 24, name: '丁他人', category: 'farmer' });
  await seedBase(s, county, m.a, '2020-01', 350_000);
  await t.database.query(`INSERT INTO dues_profiles (county_code, member_id, proxy_payer_id, proxy_consent) VALUES ($1, $2, $3, '支委会同意代缴')`, [county, m.b, m.c]);
  for (let i = 8; i >= 0; i--) await generateBills(s, { countyCode: county, month: back(i) });
  const root = await login(t, 'root_admin', FIXTURE_PASSWORD);
  meA = await memberSession(t, root, m.a, testIdNumber(21, '19800101', county));
  meC = await memberSession(t, root, m.c, testIdNumber(23, '19800101', county));
});
afterAll(() => t.close());

const billId = async (member: string, month: string) =>
  (await t.database.query<{ id: string }>(`SELECT id FROM dues_bills WHERE member_id = $1 AND month = $2`, [member, month]))[0].id;
const bill = async (member: string, month: string) =>
  (await t.database.query<{ state: string; paid: number }>(`SELECT state, paid_fen::int AS paid FROM dues_bills WHERE member_id = $1 AND month = $2`, [member, month]))[0];
const order = (s: Session, billIds: string[]) => call(t, s, 'POST', '/api/my/dues/online-orders', { billIds });
const callback = (cb: { body: string; headers: Record<string, string> }) => t.app.inject({ method: 'POST', url: '/api/dues/online/callback', payload: cb.body, headers: cb.headers });
const paymentsOfBill = async (id: string) =>
  (await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM dues_payments WHERE bill_id = $1`, [id]))[0].n;

describe('online payment through the simulator', () => {
  it('shows what can be paid online: own open bills within the 补交 window', async () => {
    const r = await call(t, meA, 'GET', '/api/my/dues/online');
    expect(r.statusCode, r.body).toBe(200);
    const own = r.json().payable.find((p: { self: boolean }) => p.self);
    expect(own.bills.map((b: { month: string }) => b.month)).toEqual([6, 5, 4, 3, 2, 1, 0].map(back));
    expect(own.bills[0]).toMatchObject({ amountFen: 3500, remainingFen: 3500, pendingOrderId: null });
    expect(r.json()).toMatchObject({ provider: 'simulator', expiresMinutes: 15, earliestMonth: back(6) });
  });

  it('pays an order end to end: bills paid under one receipt, channel online, file entry, audit', async () => {
    const ids = [await billId(m.a, NOW), await billId(m.a, back(1))];
    const r = await order(meA, ids);
    expect(r.statusCode, r.body).toBe(201);
    const { orderId, amountFen, payUrl, expiresAt } = r.json();
    expect(amountFen).toBe(7000);
    expect(payUrl).toBe(`/pay-sim/${orderId}`);
    const minutes = (Date.parse(expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    expect((await call(t, meA, 'GET', `/api/my/dues/online-orders/${orderId}`)).json()).toMatchObject({ state: 'pending', payable: true, amountFen: 7000 });

    const paid = await call(t, meA, 'POST', `/api/dues/pay-sim/${orderId}/confirm`);
    expect(paid.statusCode, paid.body).toBe(200);
    const o = paid.json();
    expect(o).toMatchObject({ state: 'paid', outcome: 'paid', payable: false });
    expect(o.receiptNo).toMatch(new RegExp(`^${f.root.countyCode}-\\d{4}-\\d{6}$`));
    expect(await bill(m.a, NOW)).toEqual({ state: 'paid', paid: 3500 });
    expect(await bill(m.a, back(1))).toEqual({ state: 'paid', paid: 3500 });
    const rows = await t.database.query<{ channel: string; receipt_no: string; online_order_id: string; amount: number }>(
      `SELECT channel, receipt_no, online_order_id, amount_fen::int AS amount FROM dues_payments WHERE member_id = $1 ORDER BY month`,
      [m.a],
    );
    expect(rows).toEqual([
      { channel: 'online', receipt_no: o.receiptNo, online_order_id: orderId, amount: 3500 },
      { channel: 'online', receipt_no: o.receiptNo, online_order_id: orderId, amount: 3500 },
    ]);
    const file = await t.database.query<{ title: string }>(`SELECT title FROM member_events WHERE member_id = $1 AND type = 'payment'`, [m.a]);
    expect(file).toHaveLength(1);
    expect(file[0].title).toContain(`缴纳党费 ${back(1)}、${NOW} 共 70.00 元（在线支付`);
    expect(file[0].title).toContain(`收据 ${o.receiptNo}`);
    const audits = await t.database.query<{ action: string }>(`SELECT action FROM audit_log WHERE object_id IN ($1, $2) ORDER BY seq`, [orderId, m.a]);
    expect(audits.map((a) => a.action)).toEqual(['dues.online_order', 'dues.payment', 'dues.online_notification']);
    // 我的党费 shows the bills paid and the online payments with the receipt.
    const mine = (await call(t, meA, 'GET', '/api/my/dues')).json();
    expect(mine.items.find((b: { month: string }) => b.month === NOW).state).toBe('paid');
    expect(mine.payments.filter((p: { channel: string; receiptNo: string }) => p.channel === 'online' && p.receiptNo === o.receiptNo)).toHaveLength(2);
    // Paying the order again is refused: the cashier closed, the bills paid.
    expect(codeOf(await call(t, meA, 'POST', `/api/dues/pay-sim/${orderId}/confirm`))).toBe('DUES_ONLINE_ORDER_CLOSED');
    const twice = await order(meA, [ids[0]]);
    expect(twice.statusCode).toBe(409);
    expect(codeOf(twice)).toBe('DUES_BILL_ALREADY_PAID');
  });

  it('lets a treasurer reverse an online payment like any other (the reversal keeps the order)', async () => {
    const [p] = await t.database.query<{ id: string; online_order_id: string }>(`SELECT id, online_order_id FROM dues_payments WHERE member_id = $1 AND month = $2`, [m.a, back(1)]);
    const rev = await call(t, secB1, 'POST', `/api/dues/payments/${p.id}/reversal`, { reason: '测试冲正在线支付' });
    expect(rev.statusCode, rev.body).toBe(201);
    expect(rev.json().payments[0]).toMatchObject({ kind: 'reversal', channel: 'online', amountFen: -3500 });
    const [r] = await t.database.query<{ online_order_id: string }>(`SELECT online_order_id FROM dues_payments WHERE reverses_id = $1`, [p.id]);
    expect(r.online_order_id).toBe(p.online_order_id);
    expect(await bill(m.a, back(1))).toEqual({ state: 'due', paid: 0 });
    // The database keeps online rows tied to an order.
    await expect(
      t.database.query(
        `INSERT INTO dues_payments (county_code, id, member_id, org_id, kind, channel, amount_fen, created_by_name) VALUES ($1, gen_random_uuid(), $2, $3, 'voluntary', 'online', 100, 'x')`,
        [f.root.countyCode, m.a, f.b1.id],
      ),
    ).rejects.toThrow(/dues_payments_online_order_check/);
  });

  it('refuses forged, unsigned and stale callbacks with 401 and a code, paying nothing', async () => {
    const id = await billId(m.a, back(2));
    const { orderId, amountFen } = (await order(meA, [id])).json();
    const forged = await callback(forger.buildCallback({ orderId, amountFen, status: 'success' }));
    expect(forged.statusCode).toBe(401);
    expect(codeOf(forged)).toBe('DUES_ONLINE_SIGNATURE_INVALID');
    const good = sim.buildCallback({ orderId, amountFen, status: 'success' });
    const tampered = await callback({ body: good.body.replace(`"amountFen":${amountFen}`, `"amountFen":1`), headers: good.headers });
    expect(codeOf(tampered)).toBe('DUES_ONLINE_SIGNATURE_INVALID');
    const unsigned = await t.app.inject({ method: 'POST', url: '/api/dues/online/callback', payload: good.body, headers: { 'content-type': 'application/json' } });
    expect(unsigned.statusCode).toBe(401);
    expect(codeOf(unsigned)).toBe('DUES_ONLINE_SIGNATURE_MISSING');
    const stale = await callback(sim.buildCallback({ orderId, amountFen, status: 'success' }, Math.floor(Date.now() / 1000) - 301));
    expect(stale.statusCode).toBe(401);
    expect(codeOf(stale)).toBe('DUES_ONLINE_SIGNATURE_STALE');
    expect(stale.json().error.message).toContain('300 秒');
    const unknown = await callback(sim.buildCallback({ orderId: '01890000-0000-7000-8000-000000000001', amountFen, status: 'success' }));
    expect(unknown.statusCode).toBe(404);
    expect(codeOf(unknown)).toBe('DUES_ONLINE_ORDER_NOT_FOUND');
    const garbage = await t.app.inject({ method: 'POST', url: '/api/dues/online/callback', payload: 'a=1&b=2', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-sim-timestamp': '1', 'x-sim-signature': 'zz' } });
    expect(garbage.statusCode).toBe(401);
    expect(await bill(m.a, back(2))).toEqual({ state: 'due', paid: 0 });
    expect((await call(t, meA, 'GET', `/api/my/dues/online-orders/${orderId}`)).json().state).toBe('pending');
    // The same order is then paid by a good callback, replayed: counted once.
    const first = await callback(good);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ code: 'SUCCESS', outcome: 'paid', orderState: 'paid', duplicate: false });
    const again = await callback(good);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ code: 'SUCCESS', outcome: 'paid', orderState: 'paid', duplicate: true });
    expect(await paymentsOfBill(id)).toBe(1);
    expect(await bill(m.a, back(2))).toEqual({ state: 'paid', paid: 3500 });
    // A second, different transaction for the paid order is money to give back, not a second payment.
    const second = await callback(sim.buildCallback({ orderId, amountFen, status: 'success' }));
    expect(second.json()).toMatchObject({ outcome: 'refund_required', orderState: 'paid' });
    expect(await paymentsOfBill(id)).toBe(1);
  });

  it('refuses an amount other than the order’s and records it for a refund', async () => {
    const id = await billId(m.a, back(3));
    const { orderId, amountFen } = (await order(meA, [id])).json();
    const r = await callback(sim.buildCallback({ orderId, amountFen: amountFen - 1, status: 'success' }));
    expect(r.statusCode).toBe(409);
    expect(codeOf(r)).toBe('DUES_ONLINE_AMOUNT_MISMATCH');
    expect(await bill(m.a, back(3))).toEqual({ state: 'due', paid: 0 });
    const o = (await call(t, meA, 'GET', `/api/my/dues/online-orders/${orderId}`)).json();
    expect(o).toMatchObject({ state: 'refund_required', outcome: 'amount_mismatch' });
    expect(o.reason).toContain('不符');
    const n = await t.database.query<{ outcome: string }>(`SELECT outcome FROM dues_online_notifications WHERE order_id = $1`, [orderId]);
    expect(n).toEqual([{ outcome: 'amount_mismatch' }]);
  });

  it('expires an order after 15 minutes (on read); a late payment is recorded as needing a refund', async () => {
    const id = await billId(m.a, back(4));
    const { orderId, amountFen } = (await order(meA, [id])).json();
    await t.database.query(`UPDATE dues_online_orders SET expires_at = now() - interval '1 second' WHERE id = $1`, [orderId]);
    expect((await call(t, meA, 'GET', `/api/my/dues/online-orders/${orderId}`)).json()).toMatchObject({ state: 'expired', payable: false });
    expect(codeOf(await call(t, meA, 'POST', `/api/dues/pay-sim/${orderId}/confirm`))).toBe('DUES_ONLINE_ORDER_EXPIRED');
    const late = await callback(sim.buildCallback({ orderId, amountFen, status: 'success' }));
    expect(late.statusCode).toBe(200);
    expect(late.json()).toMatchObject({ outcome: 'refund_required', orderState: 'refund_required' });
    expect(await bill(m.a, back(4))).toEqual({ state: 'due', paid: 0 });
    expect((await call(t, meA, 'GET', `/api/my/dues/online-orders/${orderId}`)).json()).toMatchObject({ state: 'refund_required', outcome: 'expired' });
    // The bill is free again for a new order.
    expect((await order(meA, [id])).statusCode).toBe(201);
  });

  it('records a payment for bills paid meanwhile as needing a refund, counting nothing twice', async () => {
    const id = await billId(m.a, back(5));
    const { orderId } = (await order(meA, [id])).json();
    const cash = await call(t, secB1, 'POST', '/api/dues/payments', { memberId: m.a, channel: 'cash', bills: [{ month: back(5) }] });
    expect(cash.statusCode, cash.body).toBe(201);
    const r = await call(t, meA, 'POST', `/api/dues/pay-sim/${orderId}/confirm`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'refund_required', outcome: 'bills_settled', receiptNo: null });
    expect(r.json().reason).toContain(back(5));
    expect(await paymentsOfBill(id)).toBe(1);
    expect(await bill(m.a, back(5))).toEqual({ state: 'paid', paid: 3500 });
  });

  it('cancels a pending order; a later payment for it needs a refund', async () => {
    const id = await billId(m.a, back(6));
    const { orderId, amountFen } = (await order(meA, [id])).json();
    const pending = await order(meA, [id]);
    expect(pending.statusCode).toBe(409);
    expect(codeOf(pending)).toBe('DUES_ONLINE_BILL_PENDING');
    const c = await call(t, meA, 'POST', `/api/dues/pay-sim/${orderId}/cancel`);
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json().state).toBe('cancelled');
    expect(codeOf(await call(t, meA, 'POST', `/api/dues/pay-sim/${orderId}/confirm`))).toBe('DUES_ONLINE_ORDER_CLOSED');
    const late = await callback(sim.buildCallback({ orderId, amountFen, status: 'success' }));
    expect(late.json()).toMatchObject({ outcome: 'refund_required', orderState: 'refund_required' });
    expect(await bill(m.a, back(6))).toEqual({ state: 'due', paid: 0 });
  });

  it('keeps a member to their own bills and orders (404) and refuses bills not payable', async () => {
    expect((await order(meA, [await billId(m.b, NOW)])).statusCode).toBe(404);
    expect((await order(meA, [await billId(m.d, NOW)])).statusCode).toBe(404);
    expect((await order(meA, ['01890000-0000-7000-8000-000000000002'])).statusCode).toBe(404);
    const old = await order(meA, [await billId(m.a, back(7))]);
    expect(old.statusCode).toBe(400);
    expect(codeOf(old)).toBe('DUES_BACKPAY_TOO_OLD');
    expect(old.json().error.fields[0].path).toBe('body.billIds.0');
    const { orderId } = (await order(meC, [await billId(m.c, NOW)])).json();
    expect((await call(t, meA, 'GET', `/api/my/dues/online-orders/${orderId}`)).statusCode).toBe(404);
    expect((await call(t, meA, 'POST', `/api/dues/pay-sim/${orderId}/confirm`)).statusCode).toBe(404);
    expect((await call(t, meA, 'POST', `/api/dues/pay-sim/${orderId}/cancel`)).statusCode).toBe(404);
    // Treasurers do not make members' orders: the route is the member's own.
    expect((await call(t, secB1, 'POST', '/api/my/dues/online-orders', { billIds: [await billId(m.a, back(3))] })).statusCode).toBe(403);
    await call(t, meC, 'POST', `/api/dues/pay-sim/${orderId}/cancel`);
  });

  it('lets the proxy payer pay the member’s bills (one member per order), written to the member’s file', async () => {
    const online = (await call(t, meC, 'GET', '/api/my/dues/online')).json();
    expect(online.payable.map((p: { memberName: string; self: boolean }) => [p.memberName, p.self])).toEqual([
      ['陈代缴人', true],
      ['白代缴', false],
    ]);
    const mixed = await order(meC, [await billId(m.c, NOW), await billId(m.b, NOW)]);
    expect(codeOf(mixed)).toBe('DUES_ONLINE_MIXED_MEMBERS');
    const r = await order(meC, [await billId(m.b, NOW), await billId(m.b, back(1))]);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().amountFen).toBe(40);
    const paid = await call(t, meC, 'POST', `/api/dues/pay-sim/${r.json().orderId}/confirm`);
    expect(paid.json()).toMatchObject({ state: 'paid', memberName: '白代缴', payerName: '陈代缴人' });
    expect(await bill(m.b, NOW)).toEqual({ state: 'paid', paid: 20 });
    const file = await t.database.query<{ title: string }>(`SELECT title FROM member_events WHERE member_id = $1 AND type = 'payment'`, [m.b]);
    expect(file[0].title).toContain('代缴人 陈代缴人');
  });
});
