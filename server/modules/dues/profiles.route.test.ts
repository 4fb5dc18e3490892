import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { call, codeOf, fieldsOf, sheetRows } from '../members/test-kit.ts';
import { accountAt, billsOf, seedBase, seedDuesMember } from './bills.fixture.ts';
import { addMonthsTo, currentMonth } from './bills.rules.ts';
import { generateBills } from './bills.ts';

// Dues profiles: the category is the member record's, the base history with its effective month, the
// proxy payer with the branch's consent, the reassessment list; writers are the secretaries of the
// member's branch and the administrators above it.

let t: TestApp;
let f: Fixture;
let secB1: Session;
let secB2: Session;
let committeeB1: Session;
let town: Session;
let root: Session;
const m: Record<string, string> = {};
const month = currentMonth();

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  secB1 = await accountAt(t, 'sec_b1', 'branch_secretary', f.b1);
  secB2 = await accountAt(t, 'sec_b2', 'branch_secretary', f.b2);
  committeeB1 = await accountAt(t, 'com_b1', 'branch_committee', f.b1);
  town = await login(t, 'township_admin', FIXTURE_PASSWORD);
  root = await login(t, 'root_admin', FIXTURE_PASSWORD);
  const s = t.services;
  m.wage = await seedDuesMember(s, f.b1, { seq: 1, name: '赵工资', category: 'employed' });
  m.payer = await seedDuesMember(s, f.b1, { seq: 2, name: '钱代缴' , category: 'farmer' });
  m.dead = await seedDuesMember(s, f.b1, { seq: 3, name: '孙已故', category: 'farmer', standing: 'deceased' });
  m.stale = await seedDuesMember(s, f.b1, { seq: 4, name: '李久未复核', category: 'retired' });
  m.fresh = await seedDuesMember(s, f.b1, { seq: 5, name: '周新基数', category: 'annual_salary' });
  m.flat = await seedDuesMember(s, f.b1, { seq: 6, name: '吴学生', category: 'student' });
  m.b2 = await seedDuesMember(s, f.b2, { seq: 7, name: '郑乙镇', category: 'employed' });
  m.none = await seedDuesMember(s, f.b1, { seq: 8, name: '王无类别', category: null });
  await seedBase(s, f.root.countyCode, m.stale, addMonthsTo(month, -12), 400_000);
  await seedBase(s, f.root.countyCode, m.fresh, addMonthsTo(month, -11), 800_000);
});
afterAll(() => t.close());

const profile = (s: Session, id: string) => call(t, s, 'GET', `/api/dues/profiles/${id}`);
const put = (s: Session, id: string, body: unknown) => call(t, s, 'PUT', `/api/dues/profiles/${id}`, body);
const addBase = (s: Session, id: string, body: unknown) => call(t, s, 'POST', `/api/dues/profiles/${id}/bases`, body);
const fileOf = async (id: string) => (await call(t, root, 'GET', `/api/members/${id}/file?section=dues`)).json().items as { type: string; title: string }[];

describe('GET /api/dues/profiles/:memberId', () => {
  it('shows the member record’s category, the missing base and who may edit, within scope only', async () => {
    const r = await profile(secB1, m.wage);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      memberId: m.wage, memberName: '赵工资', orgId: f.b1.id, category: 'employed', owes: true, billedFrom: '2005-07', base: null, upcomingBase: null,
      monthly: null, issue: 'base_missing', reassessmentDue: true, proxy: null, editable: true,
    });
    expect((await profile(committeeB1, m.wage)).json().editable).toBe(false);
    expect((await profile(town, m.wage)).json().editable).toBe(true);
    // Another branch's secretary: the member does not exist for them.
    expect([(await profile(secB2, m.wage)).statusCode, codeOf(await profile(secB2, m.wage))]).toEqual([404, 'NOT_FOUND']);
    expect((await profile(secB1, m.b2)).statusCode).toBe(404);
    expect((await profile(secB1, '01900000-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });

  it('quotes a flat category without a base', async () => {
    expect((await profile(secB1, m.flat)).json()).toMatchObject({ category: 'student', monthly: { amountFen: 20, rateBp: null, rule: 'flat_minimum' }, issue: null, reassessmentDue: false });
    expect((await profile(secB1, m.none)).json()).toMatchObject({ category: null, monthly: null, issue: 'category_missing' });
  });
});

describe('the category: one source of truth, the member record', () => {
  it('PUT writes the member’s dues_category (with its file entry), and a registry edit shows in the profile', async () => {
    const r = await put(secB1, m.none, { category: 'relief', proxyPayerId: null });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ category: 'relief', monthly: { amountFen: 20 } });
    expect((await call(t, root, 'GET', `/api/members/${m.none}`)).json().duesCategory).toBe('relief');
    const file = (await call(t, root, 'GET', `/api/members/${m.none}/file`)).json().items as { type: string; title: string }[];
    expect(file.some((e) => e.type === 'field_changed' && e.title.includes('党费类别'))).toBe(true);
    const patched = await call(t, root, 'PATCH', `/api/members/${m.none}`, { duesCategory: 'subsistence' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await profile(secB1, m.none)).json().category).toBe('subsistence');
    const [a] = await t.database.query<{ detail: { category: unknown } }>(`SELECT detail FROM audit_log WHERE action = 'dues.profile' AND object_id = $1`, [m.none]);
    expect(a.detail.category).toEqual({ from: null, to: 'relief' });
  });

  it('is refused to committee members, other branches and unknown codes', async () => {
    expect((await put(committeeB1, m.none, { category: 'farmer', proxyPayerId: null })).statusCode).toBe(403);
    expect((await put(secB2, m.none, { category: 'farmer', proxyPayerId: null })).statusCode).toBe(404);
    const bad = await put(secB1, m.none, { category: 'rich', proxyPayerId: null });
    expect([bad.statusCode, fieldsOf(bad)]).toEqual([400, ['body.category:invalid_value']]);
    const missing = await put(secB1, m.none, { category: 'farmer' });
    expect([missing.statusCode, codeOf(missing)]).toEqual([400, 'VALIDATION_FAILED']);
  });
});

describe('the proxy payer (代缴)', () => {
  it('needs another member in scope, in good standing, and the branch’s consent', async () => {
    const self = await put(secB1, m.wage, { category: 'employed', proxyPayerId: m.wage, proxyConsent: '支委会同意' });
    expect([self.statusCode, codeOf(self), fieldsOf(self)]).toEqual([400, 'DUES_PROXY_SELF', ['body.proxyPayerId:DUES_PROXY_SELF']]);
    const noConsent = await put(secB1, m.wage, { category: 'employed', proxyPayerId: m.payer });
    expect([noConsent.statusCode, codeOf(noConsent), fieldsOf(noConsent)]).toEqual([400, 'DUES_PROXY_CONSENT_REQUIRED', ['body.proxyConsent:DUES_PROXY_CONSENT_REQUIRED']]);
    const dead = await put(secB1, m.wage, { category: 'employed', proxyPayerId: m.dead, proxyConsent: '支委会同意' });
    expect([dead.statusCode, codeOf(dead)]).toEqual([400, 'DUES_PROXY_INACTIVE']);
    // A payer outside the caller's scope is not found, like any foreign id in a write.
    expect((await put(secB1, m.wage, { category: 'employed', proxyPayerId: m.b2, proxyConsent: '支委会同意' })).statusCode).toBe(404);
    expect((await profile(secB1, m.wage)).json().proxy).toBeNull();
  });

  it('records the payer with the consent, who recorded it and when; clearing it is recorded too', async () => {
    const r = await put(secB1, m.wage, { category: 'employed', proxyPayerId: m.payer, proxyConsent: '2026年3月5日支委会同意由其配偶代缴' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().proxy).toMatchObject({ payerId: m.payer, payerName: '钱代缴', consent: '2026年3月5日支委会同意由其配偶代缴', consentedByName: '测试sec_b1' });
    expect(r.json().proxy.consentedAt).toMatch(/^\d{4}-/);
    // Saving the same payer again keeps the recorded consent.
    const same = await put(secB1, m.wage, { category: 'employed', proxyPayerId: m.payer });
    expect(same.json().proxy.consent).toBe('2026年3月5日支委会同意由其配偶代缴');
    const cleared = await put(town, m.wage, { category: 'employed', proxyPayerId: null });
    expect(cleared.json().proxy).toBeNull();
    expect((await fileOf(m.wage)).map((e) => e.type)).toEqual(['proxy_cleared', 'proxy_set']);
    const audits = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'dues.profile' AND object_id = $1`, [m.wage]);
    expect(audits[0].n).toBe(2);
  });
});

describe('the base history', () => {
  it('refuses bad bases and months with a code naming the field', async () => {
    const cases: [unknown, number, string, string][] = [
      [{ baseFen: -1, effectiveMonth: month, reason: '调资' }, 400, 'DUES_BASE_NEGATIVE', 'body.baseFen:DUES_BASE_NEGATIVE'],
      [{ baseFen: 3000.5, effectiveMonth: month, reason: '调资' }, 400, 'DUES_BASE_NOT_INTEGER', 'body.baseFen:DUES_BASE_NOT_INTEGER'],
      [{ baseFen: 99, effectiveMonth: month, reason: '调资' }, 400, 'DUES_BASE_TOO_SMALL', 'body.baseFen:DUES_BASE_TOO_SMALL'],
      [{ baseFen: 2 ** 60, effectiveMonth: month, reason: '调资' }, 400, 'DUES_BASE_TOO_LARGE', 'body.baseFen:DUES_BASE_TOO_LARGE'],
      [{ baseFen: 300_000, effectiveMonth: addMonthsTo(month, 13), reason: '调资' }, 400, 'DUES_MONTH_TOO_LATE', 'body.effectiveMonth:DUES_MONTH_TOO_LATE'],
      [{ baseFen: 300_000, effectiveMonth: '2026-13', reason: '调资' }, 400, 'VALIDATION_FAILED', 'body.effectiveMonth:invalid_format'],
      [{ baseFen: 300_000, effectiveMonth: month }, 400, 'VALIDATION_FAILED', 'body.reason:required'],
    ];
    for (const [body, status, code, field] of cases) {
      const r = await addBase(secB1, m.wage, body);
      expect({ body, status: r.statusCode, code: codeOf(r), fields: fieldsOf(r) }).toEqual({ body, status, code, fields: [field] });
    }
    const en = await t.app.inject({ method: 'POST', url: `/api/dues/profiles/${m.wage}/bases`, payload: { baseFen: 50, effectiveMonth: month, reason: '调资' }, headers: { cookie: `${secB1.cookie}; hy_lang=en`, 'x-csrf-token': secB1.csrf } });
    expect(en.json().error.message).toBe('The dues base (baseFen) must be at least 100 fen (1 yuan)');
    expect((await call(t, root, 'GET', `/api/dues/profiles/${m.wage}/bases`)).json().total).toBe(0);
  });

  it('applies a new base from its effective month, keeps every row, and re-quotes the open bills from then on', async () => {
    const county = f.root.countyCode;
    const last = addMonthsTo(month, -1);
    // Bills of last month and this month exist before any base: the wage earner's are missing their base.
    await generateBills(t.services, { countyCode: county, month: last });
    await generateBills(t.services, { countyCode: county, month });
    expect((await billsOf(t.services, county, month)).find((b) => b.name === '赵工资')).toMatchObject({ amount: null, issue: 'base_missing' });
    // Last month's bill is settled by hand (payments come later): it must not change.
    await t.database.query(`UPDATE dues_bills SET state = 'paid', paid_fen = 1 WHERE member_id = $1 AND month = $2`, [m.wage, last]);

    const first = await addBase(secB1, m.wage, { baseFen: 400_000, effectiveMonth: last, reason: '2025 年工资核定' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ base: { effectiveMonth: last, baseFen: 400_000, reason: '2025 年工资核定', createdByName: '测试sec_b1' }, requotedBills: 1 });
    // 4000 元 × 1 % = 40 元 this month; last month's paid bill kept as it was.
    expect((await billsOf(t.services, county, month)).find((b) => b.name === '赵工资')).toMatchObject({ amount: 4000, issue: null, base: 400_000 });
    expect((await billsOf(t.services, county, last)).find((b) => b.name === '赵工资')).toMatchObject({ amount: null, issue: 'base_missing', state: 'paid' });

    // A raise from this month: this month's open bill follows it.
    const raise = await addBase(town, m.wage, { baseFen: 1_000_001, effectiveMonth: month, reason: '调资' });
    expect(raise.json().requotedBills).toBe(1);
    expect((await billsOf(t.services, county, month)).find((b) => b.name === '赵工资')).toMatchObject({ amount: 20000, base: 1_000_001 });
    // A base recorded for next month is upcoming; the current one stays.
    const next = addMonthsTo(month, 1);
    expect((await addBase(secB1, m.wage, { baseFen: 500_000, effectiveMonth: next, reason: '明年调资' })).json().requotedBills).toBe(0);

    const p = (await profile(secB1, m.wage)).json();
    expect(p).toMatchObject({ base: { effectiveMonth: month, baseFen: 1_000_001 }, upcomingBase: { effectiveMonth: next, baseFen: 500_000 }, monthly: { amountFen: 20000, rateBp: 200, rule: 'income_gt_10000' }, issue: null, reassessmentDue: false });
    const history = (await call(t, committeeB1, 'GET', `/api/dues/profiles/${m.wage}/bases`)).json();
    expect(history.total).toBe(3);
    expect(history.items.map((b: { effectiveMonth: string; current: boolean }) => [b.effectiveMonth, b.current])).toEqual([[next, false], [month, true], [last, false]]);
    expect((await fileOf(m.wage)).filter((e) => e.type === 'base_set').map((e) => e.title)).toEqual([
      `党费计算基数：自 ${next} 起每月 5000.00 元`, `党费计算基数：自 ${month} 起每月 10000.01 元`, `党费计算基数：自 ${last} 起每月 4000.00 元`,
    ]);
    const [a] = await t.database.query<{ reason: string; detail: unknown }>(`SELECT reason, detail FROM audit_log WHERE action = 'dues.base' ORDER BY seq LIMIT 1`);
    expect(a).toEqual({ reason: '2025 年工资核定', detail: { effectiveMonth: last, baseFen: 400_000, requotedBills: 1 } });
  });

  it('is written only by the secretaries of the branch and administrators above, and read in scope', async () => {
    expect((await addBase(committeeB1, m.wage, { baseFen: 300_000, effectiveMonth: month, reason: '调资' })).statusCode).toBe(403);
    expect((await addBase(secB2, m.wage, { baseFen: 300_000, effectiveMonth: month, reason: '调资' })).statusCode).toBe(404);
    expect((await call(t, secB2, 'GET', `/api/dues/profiles/${m.wage}/bases`)).statusCode).toBe(404);
  });
});

describe('the reassessment list', () => {
  it('lists the rated categories whose base is missing or 12 months old, by branch, with an export', async () => {
    const r = await call(t, secB1, 'GET', '/api/dues/reassessment');
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as { memberName: string; lastEffectiveMonth: string | null; monthsSince: number | null; orgName: string }[];
    // Missing bases first, then the oldest; 11 months is not yet due; flat categories and the deceased never.
    expect(items.map((i) => [i.memberName, i.lastEffectiveMonth, i.monthsSince])).toEqual([['李久未复核', addMonthsTo(month, -12), 12]]);
    expect(r.json().total).toBe(1);
    const x = await call(t, secB1, 'GET', `/api/dues/reassessment/export?orgId=${f.b1.id}`);
    expect(x.statusCode).toBe(200);
    const rows = await sheetRows(x.rawPayload);
    expect(rows[0][0]).toContain('测试sec_b1');
    expect(rows[1]).toEqual(['所在组织', '姓名', '党费类别', '现基数生效月份', '现基数（元）', '已满月数']);
    expect(rows.slice(2)).toEqual([[f.b1.name, '李久未复核', '离退休', addMonthsTo(month, -12), '4000.00', '12']]);
  });

  it('shows another branch nothing of this one, and refuses an organization outside scope', async () => {
    const other = await call(t, secB2, 'GET', '/api/dues/reassessment');
    expect(other.json().items.map((i: { memberName: string }) => i.memberName)).toEqual(['郑乙镇']);
    expect((await call(t, secB2, 'GET', `/api/dues/reassessment?orgId=${f.b1.id}`)).statusCode).toBe(404);
    expect((await call(t, committeeB1, 'GET', '/api/dues/reassessment/export')).statusCode).toBe(403);
    const county = (await call(t, root, 'GET', '/api/dues/reassessment?pageSize=100')).json();
    expect(county.items.map((i: { memberName: string }) => i.memberName).sort()).toEqual(['李久未复核', '郑乙镇'].sort());
  });
});
