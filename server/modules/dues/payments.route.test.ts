import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { testIdNumber } from '../members/members.fixture.ts';
import { call, codeOf, memberSession } from '../members/test-kit.ts';
import { accountAt, billsOf, seedBase, seedDuesMember } from './bills.fixture.ts';
import { addMonthsTo, currentMonth } from './bills.rules.ts';
import { generateBills } from './bills.ts';

// Payments entered by a treasurer: scope, 补交 at most 6 months back, paying twice refused, partial
// payments, voluntary payments over 1,000 元 flagged, reversing entries; the file and /api/my/dues.

let t: TestApp;
let f: Fixture;
let secB1: Session;
let comB1: Session;
let secB2: Session;
let meA: Session;
const m: Record<string, string> = {};
const NOW = currentMonth();
const back = (n: number) => addMonthsTo(NOW, -n);

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  secB1 = await accountAt(t, 'pay_sec_b1', 'branch_secretary', f.b1);
  comB1 = await accountAt(t, 'pay_com_b1', 'branch_committee', f.b1);
  secB2 = await accountAt(t, 'pay_sec_b2', 'branch_secretary', f.b2);
  const s = t.services;
  const county = f.root.countyCode;
  m.a = await seedDuesMember(s, f.b1, { seq: 11, name: '安缴费', category: 'employed' });
  m.b = await seedDuesMember(s, f.b1, { seq: 12, name: '白农民', category: 'farmer' });
  await seedBase(s, county, m.a, '2020-01', 350_000);
  for (let i = 7; i >= 0; i--) await generateBills(s, { countyCode: county, month: back(i) });
  const root = await login(t, 'root_admin', FIXTURE_PASSWORD);
  meA = await memberSession(t, root, m.a, testIdNumber(11, '19800101', county));
});
afterAll(() => t.close());

const pay = (s: Session, body: unknown) => call(t, s, 'POST', '/api/dues/payments', body);
const stateOf = async (name: string, month: string) => (await billsOf(t.services, f.root.countyCode, month)).find((b) => b.name === name)?.state;

describe('POST /api/dues/payments', () => {
  it('pays several months under one receipt and moves the bills to paid in the same transaction', async () => {
    const r = await pay(comB1, { memberId: m.a, channel: 'cash', bills: [{ month: NOW }, { month: back(1) }] });
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    expect(body.receiptNo).toMatch(new RegExp(`^${f.root.countyCode}-\\d{4}-\\d{6}$`));
    expect(body.payments.map((p: { amountFen: number; kind: string; receiptNo: string }) => [p.kind, p.amountFen, p.receiptNo])).toEqual([
      ['bill', 3500, body.receiptNo],
      ['bill', 3500, body.receiptNo],
    ]);
    expect(body.bills.map((b: { state: string; paidFen: number }) => [b.state, b.paidFen])).toEqual([
      ['paid', 3500],
      ['paid', 3500],
    ]);
    expect(await stateOf('安缴费', NOW)).toBe('paid');
    const again = await pay(secB1, { memberId: m.a, channel: 'cash', bills: [{ month: NOW }] });
    expect(again.statusCode).toBe(409);
    expect(codeOf(again)).toBe('DUES_BILL_ALREADY_PAID');
    // A second receipt number follows the first.
    const next = await pay(secB1, { memberId: m.a, channel: 'transfer', bills: [{ month: back(2), amountFen: 1000 }] });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json().receiptNo).not.toBe(body.receiptNo);
    expect(next.json().bills[0]).toMatchObject({ state: 'partially_paid', paidFen: 1000 });
    const over = await pay(secB1, { memberId: m.a, channel: 'cash', bills: [{ month: back(2), amountFen: 2501 }] });
    expect(codeOf(over)).toBe('DUES_PAYMENT_OVER_AMOUNT');
  });

  it('accepts 补交 6 months back and refuses 7 with a clear code, writing nothing', async () => {
    const old = await pay(secB1, { memberId: m.b, channel: 'cash', bills: [{ month: back(6) }, { month: back(7) }] });
    expect(old.statusCode).toBe(400);
    expect(codeOf(old)).toBe('DUES_BACKPAY_TOO_OLD');
    expect(old.json().error.message).toContain('6 个月');
    expect(await stateOf('白农民', back(6))).toBe('due');
    const ok = await pay(secB1, { memberId: m.b, channel: 'cash', bills: [{ month: back(6) }] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await stateOf('白农民', back(6))).toBe('paid');
    const ahead = await pay(secB1, { memberId: m.b, channel: 'cash', bills: [{ month: addMonthsTo(NOW, 1) }] });
    expect(codeOf(ahead)).toBe('DUES_MONTH_NOT_STARTED');
    expect(codeOf(await pay(secB1, { memberId: m.b, channel: 'cash', bills: [] }))).toBe('DUES_PAYMENT_EMPTY');
  });

  it('keeps a secretary to their branch’s members (404 like a missing member)', async () => {
    const r = await pay(secB2, { memberId: m.a, channel: 'cash', voluntaryFen: 100 });
    expect(r.statusCode).toBe(404);
    expect((await call(t, secB2, 'GET', `/api/dues/payments?memberId=${m.a}`)).statusCode).toBe(404);
  });

  it('flags a single voluntary payment over 1,000 元 for remittance to the centre, not one of 1,000 元', async () => {
    const big = await pay(secB1, { memberId: m.b, channel: 'transfer', voluntaryFen: 100_001 });
    expect(big.statusCode, big.body).toBe(201);
    expect(big.json().payments[0]).toMatchObject({ kind: 'voluntary', amountFen: 100_001, remitToCentre: true, billId: null });
    const small = await pay(secB1, { memberId: m.b, channel: 'cash', voluntaryFen: 100_000 });
    expect(small.json().payments[0].remitToCentre).toBe(false);
  });

  it('corrects a mistake by a reversing entry with a reason: the bill is due again, the original stays', async () => {
    const r = await pay(secB1, { memberId: m.b, channel: 'cash', bills: [{ month: back(3) }] });
    const paymentId = r.json().payments[0].id;
    const rev = await call(t, secB1, 'POST', `/api/dues/payments/${paymentId}/reversal`, { reason: '误录月份' });
    expect(rev.statusCode, rev.body).toBe(201);
    expect(rev.json().payments[0]).toMatchObject({ kind: 'reversal', amountFen: -20, reversesId: paymentId, reason: '误录月份' });
    expect(rev.json().bills[0]).toMatchObject({ state: 'due', paidFen: 0 });
    const twice = await call(t, secB1, 'POST', `/api/dues/payments/${paymentId}/reversal`, { reason: '再次' });
    expect(codeOf(twice)).toBe('DUES_PAYMENT_REVERSED');
    expect(codeOf(await call(t, secB1, 'POST', `/api/dues/payments/${rev.json().payments[0].id}/reversal`, { reason: 'x' }))).toBe('DUES_PAYMENT_IS_REVERSAL');
    expect((await call(t, secB2, 'POST', `/api/dues/payments/${paymentId}/reversal`, { reason: 'x' })).statusCode).toBe(404);
    const list = (await call(t, secB1, 'GET', `/api/dues/payments?memberId=${m.b}`)).json();
    expect(list.items.find((p: { id: string }) => p.id === paymentId).reversedBy).toBe(rev.json().payments[0].id);
    // Append-only: the database refuses to change a payment.
    await expect(t.database.query(`UPDATE dues_payments SET amount_fen = 1 WHERE id = $1`, [paymentId])).rejects.toThrow(/append-only/);
  });

  it('writes the electronic file and the audit, and shows the payments in /api/my/dues', async () => {
    const file = await t.database.query<{ title: string }>(`SELECT title FROM member_events WHERE member_id = $1 AND type = 'payment' ORDER BY id`, [m.a]);
    expect(file[0].title).toContain(`缴纳党费 ${back(1)}、${NOW} 共 70.00 元（现金，收据`);
    const audits = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'dues.payment' AND object_id = $1`, [m.a]);
    expect(audits[0].n).toBe(2);
    const mine = await call(t, meA, 'GET', '/api/my/dues');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().payments).toHaveLength(3);
    expect(mine.json().items.find((b: { month: string }) => b.month === NOW).state).toBe('paid');
  });
});
