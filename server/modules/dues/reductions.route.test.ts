import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, as, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { call, codeOf, fieldsOf, sheetRows } from '../members/test-kit.ts';
import { accountAt, seedBase, seedDuesMember } from './bills.fixture.ts';
import { addMonthsTo, currentMonth } from './bills.rules.ts';
import { generateBills } from './bills.ts';

// Reductions and exemptions (减免): the branch proposes, the organization above approves or rejects;
// approval changes the open bills of its months and bills made later; revocation restores them.

let t: TestApp;
let f: Fixture;
let secB1: Session;
let secB2: Session;
let twpT1: Session;
let twpAtB1: Session;
let root: Session;
const m: Record<string, string> = {};
const NOW = currentMonth();
const at = (n: number) => addMonthsTo(NOW, n);

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  secB1 = await accountAt(t, 'red_sec_b1', 'branch_secretary', f.b1);
  secB2 = await accountAt(t, 'red_sec_b2', 'branch_secretary', f.b2);
  twpT1 = await accountAt(t, 'red_twp_t1', 'township_admin', f.t1);
  // A township administrator granted at the branch itself: the same level as the branch.
  twpAtB1 = await accountAt(t, 'red_twp_b1', 'township_admin', f.b1);
  root = await login(t, 'root_admin', FIXTURE_PASSWORD);
  const s = t.services;
  const county = f.root.countyCode;
  m.a = await seedDuesMember(s, f.b1, { seq: 31, name: '安减交', category: 'employed' });
  m.b = await seedDuesMember(s, f.b1, { seq: 32, name: '白免交', category: 'farmer' });
  m.c = await seedDuesMember(s, f.b1, { seq: 33, name: '陈驳回', category: 'employed' });
  m.d = await seedDuesMember(s, f.b1, { seq: 34, name: '邓自批', category: 'retired' });
  for (const id of [m.a, m.c]) await seedBase(s, county, id, '2020-01', 350_000);
  await seedBase(s, county, m.d, '2020-01', 300_000);
  for (let i = 3; i >= 0; i--) await generateBills(s, { countyCode: county, month: at(-i) });
});
afterAll(() => t.close());

type BillRow = { month: string; amount: number | null; original: number | null; paid: number; state: string; reduction_id: string | null; issue: string | null };
const billsOfMember = (memberId: string) =>
  t.database.query<BillRow>(
    `SELECT month, amount_fen::int AS amount, original_amount_fen::int AS original, paid_fen::int AS paid, state, reduction_id, issue
       FROM dues_bills WHERE member_id = $1 ORDER BY month`,
    [memberId],
  );
const bill = async (memberId: string, month: string) => (await billsOfMember(memberId)).find((b) => b.month === month);
const propose = (s: Session, body: Record<string, unknown>) =>
  call(t, s, 'POST', '/api/dues/reductions', { reason: '生活困难', branchDecision: '支委会 2026-03-05 决定', ...body });
const gen = (month: string) => generateBills(t.services, { countyCode: f.root.countyCode, month });

let aReduction = '';
let bExemption = '';

describe('propose → approve', () => {
  it('applies a reduction to the open bills of its months, never to paid ones, and to bills made later', async () => {
    // One month is paid before the decision: it never changes.
    const paid = await call(t, secB1, 'POST', '/api/dues/payments', { memberId: m.a, channel: 'cash', bills: [{ month: at(-1) }] });
    expect(paid.statusCode, paid.body).toBe(201);

    const r = await propose(secB1, { memberId: m.a, kind: 'reduction', amountFen: 1000, fromMonth: at(-2), toMonth: at(2) });
    expect(r.statusCode, r.body).toBe(201);
    const red = r.json().reduction;
    aReduction = red.id;
    expect(red).toMatchObject({ state: 'proposed', kind: 'reduction', amountFen: 1000, memberName: '安减交', orgId: f.b1.id, decidable: false });
    // Proposed only: the bills are as they were.
    expect((await bill(m.a, at(-2)))?.amount).toBe(3500);

    // The branch cannot approve its own decision; nor can an administrator granted at the branch itself.
    expect((await call(t, secB1, 'POST', `/api/dues/reductions/${aReduction}/approve`, {})).statusCode).toBe(403);
    const same = await call(t, twpAtB1, 'POST', `/api/dues/reductions/${aReduction}/approve`, {});
    expect(same.statusCode).toBe(403);
    expect(codeOf(same)).toBe('DUES_REDUCTION_SAME_LEVEL');
    expect(same.json().error.message).toContain('上一级');

    // The township above sees it as decidable and approves it.
    const list = await call(t, twpT1, 'GET', `/api/dues/reductions?state=proposed&memberId=${m.a}`);
    expect(list.json().items.map((x: { id: string; decidable: boolean }) => [x.id, x.decidable])).toEqual([[aReduction, true]]);
    const ok = await call(t, twpT1, 'POST', `/api/dues/reductions/${aReduction}/approve`, { note: '同意' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ bills: 2, reduction: { state: 'approved', decidedByName: '测试red_twp_t1', decisionNote: '同意', revocable: true } });

    const bills = await billsOfMember(m.a);
    expect(bills.map((b) => [b.month, b.amount, b.original, b.state, b.reduction_id !== null])).toEqual([
      [at(-3), 3500, null, 'due', false],
      [at(-2), 1000, 3500, 'due', true],
      [at(-1), 3500, null, 'paid', false],
      [NOW, 1000, 3500, 'due', true],
    ]);
    // Bills made later: inside the range they carry the reduction, after it the normal amount.
    await gen(at(1));
    await gen(at(3));
    expect(await bill(m.a, at(1))).toMatchObject({ amount: 1000, original: 3500, state: 'due', reduction_id: aReduction });
    expect(await bill(m.a, at(3))).toMatchObject({ amount: 3500, original: null, reduction_id: null });
    // Running the month again changes nothing.
    expect((await gen(at(1))).created).toBe(0);
    // The reduced bill is paid in full with the reduced amount.
    const pay = await call(t, secB1, 'POST', '/api/dues/payments', { memberId: m.a, channel: 'cash', bills: [{ month: at(-2) }] });
    expect(pay.json().bills[0]).toMatchObject({ state: 'paid', paidFen: 1000 });
  });

  it('waives the open bills of an exemption (and those made later); a waived bill cannot be paid', async () => {
    const r = await propose(secB1, { memberId: m.b, kind: 'exemption', fromMonth: NOW, toMonth: at(1) });
    expect(r.statusCode, r.body).toBe(201);
    bExemption = r.json().reduction.id;
    expect(r.json().reduction.amountFen).toBeNull();
    const ok = await call(t, root, 'POST', `/api/dues/reductions/${bExemption}/approve`, {});
    expect(ok.statusCode, ok.body).toBe(200);
    // NOW and at(1) (made in the test above, still open); at(3) is outside the months.
    expect(ok.json().bills).toBe(2);
    expect(await bill(m.b, NOW)).toMatchObject({ state: 'waived', amount: 20, reduction_id: bExemption });
    expect(await bill(m.b, at(-1))).toMatchObject({ state: 'due', reduction_id: null });
    expect(await bill(m.b, at(1))).toMatchObject({ state: 'waived', reduction_id: bExemption });
    expect(await bill(m.b, at(3))).toMatchObject({ state: 'due', reduction_id: null });
    const pay = await call(t, secB1, 'POST', '/api/dues/payments', { memberId: m.b, channel: 'cash', bills: [{ month: NOW }] });
    expect(codeOf(pay)).toBe('DUES_BILL_WAIVED');
    // The month's totals do not count a waived bill as due.
    const totals = (await call(t, secB1, 'GET', `/api/dues/bills?month=${NOW}&orgId=${f.b1.id}`)).json().totals;
    expect(totals.waived).toBe(1);
    expect(totals.shouldFen).toBe(1000 + 3500 + 1500);
  });

  it('writes the member’s file (党费) and audits every step', async () => {
    const file = await t.database.query<{ type: string; title: string }>(`SELECT type, title FROM member_events WHERE member_id = $1 AND section = 'dues' AND type LIKE 'reduction_%' ORDER BY id`, [m.a]);
    expect(file.map((e) => e.type)).toEqual(['reduction_proposed', 'reduction_approved']);
    expect(file[0].title).toContain('减交党费（每月 10.00 元）');
    expect(file[1].title).toContain(`${at(-2)} 至 ${at(2)}`);
    const audits = await t.database.query<{ action: string }>(`SELECT action FROM audit_log WHERE object_id = $1 ORDER BY seq`, [aReduction]);
    expect(audits.map((a) => a.action)).toEqual(['dues.reduction_propose', 'dues.reduction_approve']);
  });
});

describe('refusals', () => {
  it('refuses overlapping decisions of the same member, but not adjacent ones', async () => {
    const r = await propose(secB1, { memberId: m.a, kind: 'exemption', fromMonth: at(2), toMonth: at(4) });
    expect(r.statusCode).toBe(409);
    expect(codeOf(r)).toBe('DUES_REDUCTION_OVERLAP');
    expect(r.json().error.message).toContain(`${at(-2)} 至 ${at(2)}`);
    const next = await propose(secB1, { memberId: m.a, kind: 'exemption', fromMonth: at(3), toMonth: at(4) });
    expect(next.statusCode, next.body).toBe(201);
    // A proposal blocks too.
    expect(codeOf(await propose(secB1, { memberId: m.a, kind: 'exemption', fromMonth: at(4), toMonth: at(5) }))).toBe('DUES_REDUCTION_OVERLAP');
  });

  it('names the field of every invalid proposal', async () => {
    const bad = async (body: Record<string, unknown>) => {
      const r = await propose(secB1, { memberId: m.c, kind: 'reduction', amountFen: 1000, fromMonth: NOW, toMonth: NOW, ...body });
      expect(r.statusCode, r.body).toBe(400);
      return { code: codeOf(r), fields: fieldsOf(r), message: r.json().error.message as string };
    };
    expect(await bad({ fromMonth: at(2), toMonth: at(1) })).toMatchObject({ code: 'DUES_REDUCTION_MONTHS_ORDER', fields: ['body.toMonth:DUES_REDUCTION_MONTHS_ORDER'] });
    const long = await bad({ toMonth: at(12) });
    expect(long).toMatchObject({ code: 'DUES_REDUCTION_TOO_LONG', fields: ['body.toMonth:DUES_REDUCTION_TOO_LONG'] });
    expect(long.message).toContain('12 个月');
    // Twelve months (NOW … NOW+11) are accepted as far as the span goes: the amount is what fails here.
    expect((await bad({ toMonth: at(11), amountFen: 3500 })).code).toBe('DUES_REDUCTION_NOT_LOWER');
    const notLower = await bad({ amountFen: 3500 });
    expect(notLower).toMatchObject({ code: 'DUES_REDUCTION_NOT_LOWER', fields: ['body.amountFen:DUES_REDUCTION_NOT_LOWER'] });
    expect(notLower.message).toContain('35.00 元');
    expect((await bad({ amountFen: undefined })).fields).toEqual(['body.amountFen:DUES_REDUCTION_AMOUNT_REQUIRED']);
    expect((await bad({ amountFen: 10.5 })).fields).toEqual(['body.amountFen:DUES_REDUCTION_AMOUNT_INVALID']);
    expect((await bad({ amountFen: 0 })).fields).toEqual(['body.amountFen:DUES_REDUCTION_AMOUNT_INVALID']);
    expect((await bad({ kind: 'exemption' })).fields).toEqual(['body.amountFen:DUES_REDUCTION_AMOUNT_FOR_EXEMPTION']);
    expect((await bad({ fromMonth: at(13), toMonth: at(13) })).fields).toEqual(['body.fromMonth:DUES_REDUCTION_TOO_FAR_AHEAD']);
    expect((await bad({ fromMonth: '2026-13' })).code).toBe('VALIDATION_FAILED');
    expect((await bad({ reason: '' })).code).toBe('VALIDATION_FAILED');
    // In English too.
    const opts = as(secB1, { method: 'POST', url: '/api/dues/reductions', payload: { memberId: m.c, kind: 'reduction', amountFen: 1000, fromMonth: at(1), toMonth: NOW, reason: 'x', branchDecision: 'y' } });
    const enRes = await t.app.inject({ ...opts, headers: { ...opts.headers, cookie: `${secB1.cookie}; hy_lang=en` } });
    expect(enRes.statusCode).toBe(400);
    expect(enRes.json().error.message).toContain('toMonth');
    expect(enRes.json().error.message).toContain('before the first month');
  });

  it('refuses a decider who proposed it, and another branch’s member is not found', async () => {
    const own = await propose(twpT1, { memberId: m.d, kind: 'exemption', fromMonth: NOW, toMonth: NOW });
    expect(own.statusCode, own.body).toBe(201);
    const id = own.json().reduction.id;
    expect(own.json().reduction.decidable).toBe(false);
    expect(codeOf(await call(t, twpT1, 'POST', `/api/dues/reductions/${id}/approve`, {}))).toBe('DUES_REDUCTION_OWN_PROPOSAL');
    expect((await call(t, root, 'POST', `/api/dues/reductions/${id}/approve`, {})).statusCode).toBe(200);
    expect(await bill(m.d, NOW)).toMatchObject({ state: 'waived' });

    // A secretary of another branch: the member, the list of B1 and B1's decisions are out of scope.
    expect((await propose(secB2, { memberId: m.a, kind: 'exemption', fromMonth: at(6), toMonth: at(6) })).statusCode).toBe(404);
    expect((await call(t, secB2, 'GET', `/api/dues/reductions?orgId=${f.b1.id}`)).statusCode).toBe(404);
    expect((await call(t, secB2, 'GET', '/api/dues/reductions')).json()).toEqual({ items: [], total: 0 });
    // The 三员 write nothing (三员分立).
    const auditor = await login(t, 'audit_admin', FIXTURE_PASSWORD);
    expect((await propose(auditor, { memberId: m.a, kind: 'exemption', fromMonth: at(6), toMonth: at(6) })).statusCode).toBe(403);
    expect((await call(t, auditor, 'POST', `/api/dues/reductions/${id}/revoke`, { fromMonth: NOW, reason: 'x' })).statusCode).toBe(403);
  });
});

describe('reject and revoke', () => {
  it('rejects a proposal with a note; a decided proposal is not decided again', async () => {
    const r = await propose(secB1, { memberId: m.c, kind: 'reduction', amountFen: 500, fromMonth: NOW, toMonth: at(1) });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().reduction.id;
    expect((await call(t, twpT1, 'POST', `/api/dues/reductions/${id}/reject`, {})).statusCode).toBe(400);
    const no = await call(t, twpT1, 'POST', `/api/dues/reductions/${id}/reject`, { note: '收入已恢复，不符合减免条件' });
    expect(no.statusCode, no.body).toBe(200);
    expect(no.json().reduction).toMatchObject({ state: 'rejected', decisionNote: '收入已恢复，不符合减免条件' });
    expect(await bill(m.c, NOW)).toMatchObject({ amount: 3500, reduction_id: null });
    expect(codeOf(await call(t, twpT1, 'POST', `/api/dues/reductions/${id}/approve`, {}))).toBe('DUES_REDUCTION_NOT_PROPOSED');
    expect(codeOf(await call(t, twpT1, 'POST', `/api/dues/reductions/${id}/revoke`, { fromMonth: NOW, reason: 'x' }))).toBe('DUES_REDUCTION_NOT_APPROVED');
    const [e] = await t.database.query<{ title: string }>(`SELECT title FROM member_events WHERE member_id = $1 AND type = 'reduction_rejected'`, [m.c]);
    expect(e.title).toContain('未获批准');
    // A rejected proposal does not block a new one for the same months.
    expect((await propose(secB1, { memberId: m.c, kind: 'exemption', fromMonth: NOW, toMonth: at(1) })).statusCode).toBe(201);
  });

  it('revokes from a month on: the open bills from then are quoted normally again, the months before keep it', async () => {
    const outside = await call(t, twpT1, 'POST', `/api/dues/reductions/${aReduction}/revoke`, { fromMonth: at(3), reason: '收入恢复' });
    expect(outside.statusCode).toBe(400);
    expect(fieldsOf(outside)).toEqual(['body.fromMonth:DUES_REDUCTION_REVOKE_MONTH']);
    expect((await call(t, twpAtB1, 'POST', `/api/dues/reductions/${aReduction}/revoke`, { fromMonth: NOW, reason: '收入恢复' })).statusCode).toBe(403);
    const r = await call(t, twpT1, 'POST', `/api/dues/reductions/${aReduction}/revoke`, { fromMonth: NOW, reason: '收入恢复' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ bills: 2, reduction: { state: 'revoked', revokedFromMonth: NOW, revokeReason: '收入恢复' } });
    const bills = await billsOfMember(m.a);
    expect(bills.map((b) => [b.month, b.amount, b.original, b.state, b.paid])).toEqual([
      [at(-3), 3500, null, 'due', 0],
      [at(-2), 1000, 3500, 'paid', 1000],
      [at(-1), 3500, null, 'paid', 3500],
      [NOW, 3500, null, 'due', 0],
      [at(1), 3500, null, 'due', 0],
      [at(3), 3500, null, 'due', 0],
    ]);
    // A month of the old range made after the revocation is billed normally.
    await gen(at(2));
    expect(await bill(m.a, at(2))).toMatchObject({ amount: 3500, reduction_id: null });
    // Revoking an exemption from its first month: every waived bill is due again.
    const ex = await call(t, root, 'POST', `/api/dues/reductions/${bExemption}/revoke`, { fromMonth: NOW, reason: '情况变化' });
    expect(ex.json().bills).toBe(2);
    expect((await billsOfMember(m.b)).filter((b) => b.state === 'waived')).toEqual([]);
    // The revoked months are free again for a new decision.
    expect((await propose(secB1, { memberId: m.a, kind: 'reduction', amountFen: 800, fromMonth: NOW, toMonth: at(2) })).statusCode).toBe(201);
    const types = await t.database.query<{ type: string }>(`SELECT type FROM member_events WHERE member_id = $1 AND type = 'reduction_revoked'`, [m.a]);
    expect(types).toHaveLength(1);
  });

  it('lists in scope with filters and exports to Excel', async () => {
    const all = (await call(t, twpT1, 'GET', `/api/dues/reductions?orgId=${f.b1.id}&pageSize=100`)).json();
    expect(all.total).toBe(all.items.length);
    // Proposals first.
    const states = all.items.map((x: { state: string }) => x.state);
    expect(states.slice(0, states.filter((s: string) => s === 'proposed').length).every((s: string) => s === 'proposed')).toBe(true);
    expect((await call(t, secB1, 'GET', `/api/dues/reductions?state=revoked`)).json().total).toBe(2);
    const x = await call(t, secB1, 'GET', `/api/dues/reductions/export?state=revoked`);
    expect(x.statusCode).toBe(200);
    const rows = await sheetRows(x.rawPayload);
    expect(rows[1]).toContain('撤销原因');
    expect(rows.slice(2).map((r) => r[1]).sort()).toEqual(['安减交', '白免交']);
  });
});
