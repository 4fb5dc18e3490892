import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../../common/calendar.ts';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { testIdNumber } from '../members/members.fixture.ts';
import { call, codeOf, memberSession, sheetRows } from '../members/test-kit.ts';
import { accountAt, seedBase, seedDuesMember } from './bills.fixture.ts';
import { addMonthsTo, currentMonth } from './bills.rules.ts';
import { generateBills } from './bills.ts';
import { rebuildDuesRollup } from './rollup.ts';
import { runWarnings } from './warnings.ts';

// Dues monitoring: the rollup kept by triggers (= a rebuild), the overview with 月月清 and the trend,
// the per-organization month list, the early warning (3 months → warnings, 6 in a row → a 自行脱党
// review to-do, cancelled when paid, carried out only by a person), the reminders, the yearly summary.

let t: TestApp;
let f: Fixture;
let root: Session;
let secB1: Session;
let secB2: Session;
let comB1: Session;
let meA: Session;
const m: Record<string, string> = {};
const NOW = currentMonth();
const back = (n: number) => addMonthsTo(NOW, -n);
const county = () => f.root.countyCode;

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  secB1 = await accountAt(t, 'mon_sec_b1', 'branch_secretary', f.b1);
  comB1 = await accountAt(t, 'mon_com_b1', 'branch_committee', f.b1);
  secB2 = await accountAt(t, 'mon_sec_b2', 'branch_secretary', f.b2);
  const s = t.services;
  m.a = await seedDuesMember(s, f.b1, { seq: 21, name: '安按时', category: 'employed' });
  m.b = await seedDuesMember(s, f.b1, { seq: 22, name: '白农民', category: 'farmer' });
  m.c = await seedDuesMember(s, f.b1, { seq: 23, name: '陈无基数', category: 'employed' });
  m.l1 = await seedDuesMember(s, f.b1, { seq: 24, name: '刘长欠', category: 'student' });
  m.l2 = await seedDuesMember(s, f.b1, { seq: 25, name: '林长欠', category: 'student' });
  m.d = await seedDuesMember(s, f.b2, { seq: 26, name: '丁乙镇', category: 'retired' });
  await seedBase(s, county(), m.a, '2020-01', 350_000);
  await seedBase(s, county(), m.d, '2020-01', 400_000);
  for (let i = 7; i >= 0; i--) await generateBills(s, { countyCode: county(), month: back(i) });
  root = await login(t, 'root_admin', FIXTURE_PASSWORD);
  meA = await memberSession(t, root, m.a, testIdNumber(21, '19800101', county()));
  // 安按时 paid last month only (six older months open: a warning, no run); 白农民 paid the six months
  // 补交 still allows; 丁乙镇 paid them now (after they ended: 补清) and this month (月月清).
  const six = [1, 2, 3, 4, 5, 6].map(back);
  expect((await pay(comB1, m.a, [back(1)])).statusCode).toBe(201);
  expect((await pay(secB1, m.b, six)).statusCode).toBe(201);
  expect((await pay(secB2, m.d, [...six, NOW])).statusCode).toBe(201);
});
afterAll(() => t.close());

function pay(s: Session, memberId: string, months: string[], voluntaryFen?: number) {
  return call(t, s, 'POST', '/api/dues/payments', { memberId, channel: 'cash', bills: months.map((month) => ({ month })), ...(voluntaryFen ? { voluntaryFen } : {}) });
}
const rollup = async () =>
  ((await t.services.db.execute(sql`SELECT org_id, month, bills, due, paid, on_time, unpaid, issues, waived, should_fen::text, paid_fen::text FROM dues_org_months
      WHERE county_code = ${county()} AND bills > 0 ORDER BY org_id, month`)) as unknown as { rows: unknown[] }).rows;

describe('the rollup dues_org_months', () => {
  it('is kept by the triggers exactly as a rebuild from the bills computes it, through payments and a reversal', async () => {
    const r = await pay(secB1, m.b, [NOW]);
    expect(r.statusCode, r.body).toBe(201);
    const reversal = await call(t, secB1, 'POST', `/api/dues/payments/${r.json().payments[0].id}/reversal`, { reason: '录入错误' });
    expect(reversal.statusCode, reversal.body).toBe(201);
    const incremental = await rollup();
    expect(incremental.length).toBe(16); // b1 and b2, 8 months each
    expect(await rebuildDuesRollup(t.services.db, county())).toBe(16);
    expect(await rollup()).toEqual(incremental);
  });
});

describe('GET /api/dues/overview', () => {
  it('shows the county by township with 应交 / 实交, 月月清 and a 12-month trend', async () => {
    const r = await call(t, root, 'GET', `/api/dues/overview?month=${back(1)}`);
    expect(r.statusCode, r.body).toBe(200);
    const o = r.json();
    expect(o.org.id).toBe(f.root.id);
    const row = (id: string) => o.children.find((c: { orgId: string }) => c.orgId === id);
    // 甲镇: 5 bills, 陈无基数 has no amount (an issue: not 月月清), 安按时 and 白农民 paid, two students open.
    expect(row(f.t1.id)).toMatchObject({ bills: 5, due: 4, paid: 2, unpaid: 2, issues: 1, shouldFen: 3500 + 20 + 20 + 20, paidFen: 3520, paidShareBp: 5000, status: 'not_clear', orgs: 1, clearOrgs: 0 });
    // 乙镇: paid after the month ended: 补清.
    expect(row(f.t2.id)).toMatchObject({ due: 1, paid: 1, onTime: 0, status: 'cleared_late', lateOrgs: 1 });
    expect(o.totals).toMatchObject({ due: 5, paid: 3, orgs: 2, clearOrgs: 0, lateOrgs: 1, openOrgs: 1 });
    expect(o.trend.map((x: { month: string }) => x.month)).toEqual(Array.from({ length: 12 }, (_, i) => addMonthsTo(back(1), i - 11)));
    expect(o.trend.at(-1)).toMatchObject({ due: 5, paid: 3 });
    expect(o.trend[0]).toMatchObject({ bills: 0, status: 'no_bills' });
    // This month 乙镇 paid on time: 月月清.
    const now = (await call(t, root, 'GET', `/api/dues/overview?orgId=${f.t2.id}`)).json();
    expect(now.month).toBe(NOW);
    expect(now.children).toEqual([expect.objectContaining({ orgId: f.b2.id, status: 'clear', clearOrgs: 1 })]);
  });

  it('is scoped: a branch secretary sees their branch only, a member nothing', async () => {
    expect((await call(t, secB2, 'GET', `/api/dues/overview?orgId=${f.b1.id}`)).statusCode).toBe(404);
    const own = await call(t, secB2, 'GET', '/api/dues/overview');
    expect(own.json().org.id).toBe(f.b2.id);
    expect(codeOf(await call(t, meA, 'GET', '/api/dues/overview'))).toBe('FORBIDDEN');
    expect((await call(t, root, 'GET', '/api/dues/overview?month=2026-13')).statusCode).toBe(400);
  });
});

describe('GET /api/dues/org-months', () => {
  it('lists organizations with their 月月清 status, filtered, and exports them', async () => {
    const all = (await call(t, root, 'GET', `/api/dues/org-months?month=${back(1)}`)).json();
    expect(all.items.map((x: { name: string; status: string }) => [x.name, x.status])).toEqual([
      ['甲镇一村党支部', 'not_clear'],
      ['乙镇一村党支部', 'cleared_late'],
    ]);
    const late = (await call(t, root, 'GET', `/api/dues/org-months?month=${back(1)}&status=cleared_late`)).json();
    expect(late.items.map((x: { orgId: string }) => x.orgId)).toEqual([f.b2.id]);
    expect((await call(t, root, 'GET', `/api/dues/org-months?month=${back(1)}&status=pending`)).json().total).toBe(0);
    const x = await call(t, root, 'GET', `/api/dues/org-months/export?month=${back(1)}`);
    expect(x.statusCode).toBe(200);
    const rows = await sheetRows(x.rawPayload);
    expect(rows[1][0]).toBe('党组织');
    expect(rows.slice(2).map((r) => [r[0], r.at(-1)])).toEqual([
      ['甲镇一村党支部', '未清'],
      ['乙镇一村党支部', '逾期补清'],
    ]);
  });
});

describe('early warning', () => {
  it('lists members with 3+ closed months unpaid, and 6 in a row as a 自行脱党 review', async () => {
    const w = (await call(t, secB1, 'GET', '/api/dues/warnings')).json();
    const level = Object.fromEntries(w.members.items.map((x: { name: string; level: string; months: number; run: number }) => [x.name, [x.level, x.months, x.run]]));
    expect(level).toEqual({ 安按时: ['warning', 6, 0], 刘长欠: ['lapse_review', 7, 7], 林长欠: ['lapse_review', 7, 7] });
    expect([w.members.warning, w.members.lapseReview]).toEqual([1, 2]);
  });

  it('warns members and the branch once, opens one review to-do per member, and a rerun writes nothing', async () => {
    const today = todayIn();
    const first = await runWarnings(t.services, county(), today);
    expect(first).toMatchObject({ membersWarned: 3, branchesWarned: 1, casesOpened: 2, casesCancelled: 0 });
    expect(await runWarnings(t.services, county(), today)).toMatchObject({ membersWarned: 0, branchesWarned: 0, casesOpened: 0, casesCancelled: 0 });
    const mine = (await call(t, meA, 'GET', '/api/notifications')).json();
    expect(mine.items.map((n: { kind: string }) => n.kind)).toContain('dues.arrears');
    const todos = (await call(t, secB1, 'GET', `/api/orgs/${f.b1.id}/todos?status=open`)).json();
    expect(todos.items.map((x: { kind: string; memberName: string }) => [x.kind, x.memberName]).sort()).toEqual([
      ['lapse_review', '刘长欠'],
      ['lapse_review', '林长欠'],
    ]);
    // The case is in the member's electronic file.
    const file = (await call(t, secB1, 'GET', `/api/members/${m.l1}/file?section=dues`)).json().items as { type: string; title: string }[];
    expect(file.filter((e) => e.type === 'lapse_review_opened').map((e) => e.title)).toEqual([
      `连续 7 个月未交纳党费（自 ${back(7)} 起，欠缴 1.40 元），列入支部自行脱党审查`,
    ]);
  });

  it('never lapses anyone automatically: accepting the review does it, and a member who paid cannot be lapsed', async () => {
    const todos = (await call(t, secB1, 'GET', `/api/orgs/${f.b1.id}/todos?status=open`)).json().items as { id: string; memberName: string }[];
    const l1 = todos.find((x) => x.memberName === '刘长欠')!;
    const l2 = todos.find((x) => x.memberName === '林长欠')!;
    // 林长欠 pays last month: the run is broken, the case is stale.
    expect((await pay(secB1, m.l2, [back(1)])).statusCode).toBe(201);
    const stale = await call(t, secB1, 'POST', `/api/todos/${l2.id}/decide`, { decision: 'accept' });
    expect(codeOf(stale)).toBe('DUES_LAPSE_STALE');
    const ok = await call(t, secB1, 'POST', `/api/todos/${l1.id}/decide`, { decision: 'accept', note: '支部大会审查决定' });
    expect(ok.statusCode, ok.body).toBe(200);
    const member = (await call(t, secB1, 'GET', `/api/members/${m.l1}`)).json();
    expect(member.standing).toBe('lapsed');
    // The next run cancels the stale case; the lapsed member is no longer in arrears lists.
    expect(await runWarnings(t.services, county(), todayIn())).toMatchObject({ casesOpened: 0, casesCancelled: 1 });
    const w = (await call(t, secB1, 'GET', '/api/dues/warnings')).json();
    expect(w.members.items.map((x: { name: string; level: string }) => [x.name, x.level])).toEqual([
      ['安按时', 'warning'],
      ['林长欠', 'warning'],
    ]);
  });

  it('lists organizations below the paid share from the warning day on', async () => {
    const set = await call(t, root, 'PUT', '/api/dues/settings', { warnDay: 1, warnShareBp: 9000 });
    expect(set.json()).toMatchObject({ warnDay: 1, warnShareBp: 9000, farmerFlatFen: 20 });
    const w = (await call(t, root, 'GET', '/api/dues/warnings')).json();
    expect(w.orgWarningActive).toBe(true);
    expect(w.orgs.items.map((x: { orgId: string }) => x.orgId)).toEqual([f.b1.id]);
    const bad = await call(t, root, 'PUT', '/api/dues/settings', { warnDay: 31 });
    expect([bad.statusCode, bad.json().error.fields[0].path]).toEqual([400, 'body.warnDay']);
    const x = await call(t, root, 'GET', '/api/dues/warnings/export?list=members');
    expect((await sheetRows(x.rawPayload)).slice(2).map((r) => r[0])).toEqual(['安按时', '林长欠']);
  });
});

describe('POST /api/dues/reminders', () => {
  it('reminds the unpaid members of a month once a day, in the treasurer’s scope only', async () => {
    const r = await call(t, comB1, 'POST', '/api/dues/reminders', { month: NOW, orgId: f.b1.id });
    expect(r.statusCode, r.body).toBe(200);
    // This month: 安按时, 白农民 (reversed), 林长欠 open; 陈无基数 has no amount; 刘长欠 has left (自行脱党).
    expect(r.json()).toEqual({ unpaid: 3, reminded: 3, alreadyToday: 0 });
    expect((await call(t, comB1, 'POST', '/api/dues/reminders', { month: NOW, orgId: f.b1.id })).json()).toEqual({ unpaid: 3, reminded: 0, alreadyToday: 3 });
    const mine = (await call(t, meA, 'GET', '/api/notifications')).json();
    expect(mine.items.find((n: { kind: string }) => n.kind === 'dues.reminder')?.link).toBe('/my?tab=dues');
    expect((await call(t, secB2, 'POST', '/api/dues/reminders', { month: NOW, orgId: f.b1.id })).statusCode).toBe(404);
  });
});

describe('GET /api/dues/yearly', () => {
  it('sums the year with voluntary payments and the 5 % upward remittance', async () => {
    expect((await pay(secB2, m.d, [], 120_000)).statusCode).toBe(201);
    const year = NOW.slice(0, 4);
    const y = (await call(t, root, 'GET', `/api/dues/yearly?year=${year}`)).json();
    const t2 = y.rows.find((r: { orgId: string }) => r.orgId === f.t2.id);
    expect(t2).toMatchObject({ voluntaryFen: 120_000, centreFen: 120_000 });
    expect(y.remitShareBp).toBe(500);
    expect(y.totals.remitFen).toBe(Math.round((y.totals.paidFen * 5) / 100));
    expect(y.totals.retainedFen).toBe(y.totals.paidFen + y.totals.voluntaryFen - y.totals.centreFen - y.totals.remitFen);
    const x = await call(t, root, 'GET', `/api/dues/yearly/export?year=${year}`);
    expect((await sheetRows(x.rawPayload)).at(-1)?.[0]).toBe('合计');
  });
});
