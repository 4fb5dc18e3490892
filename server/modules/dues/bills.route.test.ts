import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { testIdNumber } from '../members/members.fixture.ts';
import { call, codeOf, memberSession, sheetRows } from '../members/test-kit.ts';
import { accountAt, seedBase, seedDuesMember } from './bills.fixture.ts';
import { generateBills } from './bills.ts';

// The views of the monthly bills: the scoped list of a month with its totals and export (a secretary
// never sees another branch's bills), and /api/my/dues (a member only their own).

let t: TestApp;
let f: Fixture;
let secB1: Session;
let secB2: Session;
let committeeB1: Session;
let town: Session;
let root: Session;
let meA: Session;
let meB: Session;
const m: Record<string, string> = {};
const MONTH = '2026-03';

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  secB1 = await accountAt(t, 'sec_b1', 'branch_secretary', f.b1);
  secB2 = await accountAt(t, 'sec_b2', 'branch_secretary', f.b2);
  committeeB1 = await accountAt(t, 'com_b1', 'branch_committee', f.b1);
  town = await login(t, 'township_admin', FIXTURE_PASSWORD);
  root = await login(t, 'root_admin', FIXTURE_PASSWORD);
  const s = t.services;
  const county = f.root.countyCode;
  m.a = await seedDuesMember(s, f.b1, { seq: 1, name: '安工资', category: 'employed' });
  m.b = await seedDuesMember(s, f.b1, { seq: 2, name: '白农民', category: 'farmer' });
  m.c = await seedDuesMember(s, f.b1, { seq: 3, name: '陈退休', category: 'retired' });
  m.d = await seedDuesMember(s, f.b2, { seq: 4, name: '邓乙镇', category: 'student' });
  m.x = await seedDuesMember(s, f.xb, { seq: 5, name: '外县党员', category: 'farmer' });
  await seedBase(s, county, m.a, '2025-01', 350_000);
  for (const month of ['2026-02', MONTH]) {
    await generateBills(s, { countyCode: county, month });
    await generateBills(s, { countyCode: '330523', month });
  }
  // February: 安 has paid, 白 paid part (payments are a later task: set by hand here).
  await t.database.query(`UPDATE dues_bills SET state = 'paid', paid_fen = amount_fen WHERE member_id = $1 AND month = '2026-02'`, [m.a]);
  await t.database.query(`UPDATE dues_bills SET state = 'partially_paid', paid_fen = 10 WHERE member_id = $1 AND month = '2026-02'`, [m.b]);
  meA = await memberSession(t, root, m.a, testIdNumber(1, '19800101', county));
  meB = await memberSession(t, root, m.b, testIdNumber(2, '19800101', county));
});
afterAll(() => t.close());

const list = (s: Session, query: string) => call(t, s, 'GET', `/api/dues/bills?${query}`);
const names = (r: { json(): { items: { memberName: string }[] } }) => r.json().items.map((i) => i.memberName);

describe('GET /api/dues/bills', () => {
  it('gives a branch secretary the month table of their branch with the totals 应交 / 实交', async () => {
    const r = await list(secB1, `month=${MONTH}&orgId=${f.b1.id}&includeSubtree=false`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.items.map((i: { memberName: string; amountFen: number | null; state: string; issue: string | null; rule: string | null }) => [i.memberName, i.amountFen, i.state, i.issue, i.rule])).toEqual([
      // 3500 元 × 1 %.
      ['安工资', 3500, 'due', null, 'income_le_5000'],
      ['白农民', 20, 'due', null, 'farmer_flat'],
      ['陈退休', null, 'due', 'base_missing', null],
    ]);
    expect(body.items[0]).toMatchObject({ month: MONTH, orgId: f.b1.id, orgName: f.b1.name, category: 'employed', baseFen: 350_000, rateBp: 100, paidFen: 0, reductionId: null });
    expect(body.total).toBe(3);
    expect(body.totals).toEqual({ bills: 3, shouldFen: 3520, paidFen: 0, due: 3, paid: 0, partiallyPaid: 0, waived: 0, issues: 1 });
  });

  it('filters by state and issue, and totals the filtered bills', async () => {
    const feb = (await list(secB1, `month=2026-02`)).json();
    expect(feb.totals).toEqual({ bills: 3, shouldFen: 3520, paidFen: 3510, due: 1, paid: 1, partiallyPaid: 1, waived: 0, issues: 1 });
    expect(names(await list(secB1, 'month=2026-02&state=paid'))).toEqual(['安工资']);
    expect(names(await list(secB1, 'month=2026-02&state=partially_paid'))).toEqual(['白农民']);
    const issues = await list(secB1, 'month=2026-02&issue=base_missing');
    expect([names(issues), issues.json().totals.shouldFen]).toEqual([['陈退休'], 0]);
  });

  it('never shows a secretary another branch’s bills', async () => {
    expect(names(await list(secB1, `month=${MONTH}`))).toEqual(['安工资', '白农民', '陈退休']);
    expect(names(await list(secB2, `month=${MONTH}`))).toEqual(['邓乙镇']);
    expect((await list(secB2, `month=${MONTH}&orgId=${f.b1.id}`)).statusCode).toBe(404);
    expect((await list(secB1, `month=${MONTH}&orgId=${f.x.id}`)).statusCode).toBe(404);
    expect((await list(committeeB1, `month=${MONTH}`)).json().total).toBe(3);
    // The township sees its branch, not the other township's; the county root sees both, never another county.
    expect(names(await list(town, `month=${MONTH}`))).toEqual(['安工资', '白农民', '陈退休']);
    const county = await list(root, `month=${MONTH}&pageSize=100`);
    expect(names(county).sort()).toEqual(['安工资', '白农民', '陈退休', '邓乙镇'].sort());
    expect(county.json().totals.bills).toBe(4);
    // A township's own members only: its bills are all at its branches.
    expect((await list(town, `month=${MONTH}&orgId=${f.t1.id}&includeSubtree=false`)).json().total).toBe(0);
  });

  it('refuses a bad month or filter with a 400, members and other roles with a 403', async () => {
    for (const q of ['month=2026-3', 'month=2026-13', '', `month=${MONTH}&state=late`, `month=${MONTH}&orgId=x`, `month=${MONTH}&extra=1`]) {
      const r = await list(secB1, q);
      expect([q, r.statusCode]).toEqual([q, 400]);
    }
    expect((await list(meA, `month=${MONTH}`)).statusCode).toBe(403);
    const grid = await login(t, 'grid_worker', FIXTURE_PASSWORD);
    expect((await list(grid, `month=${MONTH}`)).statusCode).toBe(403);
  });
});

describe('GET /api/dues/bills/export', () => {
  it('exports the month in scope with amounts in 元, the exporter as watermark, audited', async () => {
    const r = await call(t, secB1, 'GET', `/api/dues/bills/export?month=2026-02`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toMatch(/dues-bills-/);
    const rows = await sheetRows(r.rawPayload);
    expect(rows[0][0]).toContain('测试sec_b1');
    expect(rows[1]).toEqual(['月份', '所在组织', '姓名', '党费类别', '计算基数（元）', '比例', '应交（元）', '已交（元）', '状态', '待处理']);
    expect(rows.slice(2)).toEqual([
      ['2026-02', f.b1.name, '安工资', '在职', '3500.00', '1%', '35.00', '35.00', '已缴', ''],
      ['2026-02', f.b1.name, '白农民', '农民', '', '定额', '0.20', '0.10', '部分缴纳', ''],
      ['2026-02', f.b1.name, '陈退休', '离退休', '', '', '', '0.00', '待缴', '缺少计算基数'],
    ]);
    const [a] = await t.database.query<{ object_type: string; detail: { rows: number } }>(`SELECT object_type, detail FROM audit_log WHERE action = 'export' ORDER BY seq DESC LIMIT 1`);
    expect(a).toMatchObject({ object_type: 'dues-bills', detail: { rows: 3 } });
  });

  it('exports nothing of another branch and is refused to committee members', async () => {
    expect((await call(t, secB2, 'GET', `/api/dues/bills/export?month=2026-02&orgId=${f.b1.id}`)).statusCode).toBe(404);
    const own = await sheetRows((await call(t, secB2, 'GET', '/api/dues/bills/export?month=2026-02')).rawPayload);
    expect(own.slice(2).map((row) => row[2])).toEqual(['邓乙镇']);
    expect((await call(t, committeeB1, 'GET', '/api/dues/bills/export?month=2026-02')).statusCode).toBe(403);
  });
});

describe('GET /api/my/dues', () => {
  it('shows a member their own amount, what is still due and their bills, newest first', async () => {
    const r = await call(t, meB, 'GET', '/api/my/dues');
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({
      memberName: '白农民', orgName: f.b1.name, category: 'farmer', owes: true, base: null, monthly: { amountFen: 20, rule: 'farmer_flat' }, issue: null, proxyPayerName: null,
      // February: 0.20 元 with 0.10 paid; March: 0.20 元.
      outstanding: { bills: 2, amountFen: 30, months: ['2026-02', MONTH], unquoted: 0 },
      total: 2,
    });
    expect(body.items.map((b: { month: string; amountFen: number; paidFen: number; state: string }) => [b.month, b.amountFen, b.paidFen, b.state])).toEqual([
      [MONTH, 20, 0, 'due'],
      ['2026-02', 20, 10, 'partially_paid'],
    ]);
    expect(body.items.every((b: { memberId: string }) => b.memberId === m.b)).toBe(true);
  });

  it('shows only the caller’s own bills, and the proxy payer when one is set', async () => {
    const set = await call(t, secB1, 'PUT', `/api/dues/profiles/${m.a}`, { category: 'employed', proxyPayerId: m.b, proxyConsent: '支委会同意' });
    expect(set.statusCode, set.body).toBe(200);
    const a = (await call(t, meA, 'GET', '/api/my/dues?pageSize=1')).json();
    expect(a).toMatchObject({ memberName: '安工资', base: { effectiveMonth: '2025-01', baseFen: 350_000 }, monthly: { amountFen: 3500 }, proxyPayerName: '白农民', total: 2 });
    expect(a.outstanding).toEqual({ bills: 1, amountFen: 3500, months: [MONTH], unquoted: 0 });
    expect(a.items.map((b: { memberId: string; month: string }) => [b.memberId, b.month])).toEqual([[m.a, MONTH]]);
    // The route takes no id: a member cannot name anyone else.
    expect((await call(t, meA, 'GET', `/api/my/dues?memberId=${m.b}`)).statusCode).toBe(400);
    expect((await call(t, meA, 'GET', `/api/dues/profiles/${m.b}`)).statusCode).toBe(403);
    expect((await call(t, secB1, 'GET', '/api/my/dues')).statusCode).toBe(403);
    expect((await call(t, null, 'GET', '/api/my/dues')).statusCode).toBe(401);
  });

  it('answers a member without bills with an empty history', async () => {
    const other = await seedDuesMember(t.services, f.b1, { seq: 6, name: '冯新党员', status: 'probationary', joinedOn: '2026-11-01', category: null });
    const me = await memberSession(t, root, other, testIdNumber(6, '19800101', f.root.countyCode));
    const r = (await call(t, me, 'GET', '/api/my/dues')).json();
    expect(r).toMatchObject({ memberName: '冯新党员', category: null, owes: true, billedFrom: '2026-11', monthly: null, issue: 'category_missing', outstanding: { bills: 0, amountFen: 0, months: [], unquoted: 0 }, items: [], total: 0 });
    // A bill still without its amount is not counted as 0 元 due, but apart.
    await generateBills(t.services, { countyCode: f.root.countyCode, month: '2026-11' });
    const after = (await call(t, me, 'GET', '/api/my/dues')).json();
    expect(after.outstanding).toEqual({ bills: 0, amountFen: 0, months: [], unquoted: 1 });
    expect(after.items.map((b: { month: string; amountFen: null; issue: string }) => [b.month, b.amountFen, b.issue])).toEqual([['2026-11', null, 'category_missing']]);
    const chen = (await call(t, meB, 'GET', '/api/my/dues')).json();
    expect(chen.outstanding).toMatchObject({ bills: 3, amountFen: 50, unquoted: 0 });
    expect(codeOf(await call(t, me, 'GET', '/api/my/dues?page=0'))).toBe('VALIDATION_FAILED');
  });
});
