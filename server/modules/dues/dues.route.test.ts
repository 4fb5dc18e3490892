import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCreateAccount } from '../../bootstrap/accounts.ts';
import { type Session, type TestApp, as, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { call, codeOf } from '../orgs/orgs.test-kit.ts';

let t: TestApp;
let f: Fixture;
let member: Session;
let secretary: Session;
let rootAdmin: Session;
beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  member = await login(t, 'member', FIXTURE_PASSWORD);
  secretary = await login(t, 'branch_secretary', FIXTURE_PASSWORD);
  rootAdmin = await login(t, 'root_admin', FIXTURE_PASSWORD);
});
afterAll(() => t.close());

const quote = (s: Session | null, body: unknown) => call(t, s, 'POST', '/api/dues/quote', body);
/** A quote in a language (the hy_lang cookie picks it). */
function quoteIn(lang: 'zh-CN' | 'en', body: object) {
  const opts = as(member, { method: 'POST', url: '/api/dues/quote', payload: body });
  return t.app.inject({ ...opts, headers: { ...opts.headers, cookie: `${member.cookie}; hy_lang=${lang}` } });
}

describe('POST /api/dues/quote', () => {
  it('previews the monthly dues of every kind of category for a member and a secretary', async () => {
    for (const s of [member, secretary]) {
      expect((await quote(s, { category: 'employed', baseFen: 300_000 })).json()).toEqual({ amountFen: 1500, rateBp: 50, rule: 'income_le_3000' });
      expect((await quote(s, { category: 'annual_salary', baseFen: 300_001 })).json()).toEqual({ amountFen: 3000, rateBp: 100, rule: 'income_le_5000' });
      expect((await quote(s, { category: 'self_employed', baseFen: 1_000_001 })).json()).toEqual({ amountFen: 20000, rateBp: 200, rule: 'income_gt_10000' });
      expect((await quote(s, { category: 'retired', baseFen: 500_000 })).json()).toEqual({ amountFen: 2500, rateBp: 50, rule: 'pension_le_5000' });
      expect((await quote(s, { category: 'retired', baseFen: 500_001 })).json()).toEqual({ amountFen: 5000, rateBp: 100, rule: 'pension_gt_5000' });
      expect((await quote(s, { category: 'student', baseFen: 900_000 })).json()).toEqual({ amountFen: 20, rateBp: null, rule: 'flat_minimum' });
    }
  });

  it('lets the flat categories leave the base out, and ignores it when given', async () => {
    for (const category of ['farmer', 'student', 'unemployed', 'relief', 'subsistence']) {
      const without = await quote(member, { category });
      expect(without.statusCode, without.body).toBe(200);
      expect((await quote(member, { category, baseFen: 12_345_678 })).json()).toEqual(without.json());
    }
  });

  it('answers a base of 0 and a huge base exactly', async () => {
    expect((await quote(member, { category: 'employed', baseFen: 0 })).json()).toEqual({ amountFen: 0, rateBp: 50, rule: 'income_le_3000' });
    expect((await quote(member, { category: 'employed', baseFen: Number.MAX_SAFE_INTEGER })).json()).toEqual({ amountFen: 180_143_985_094_820, rateBp: 200, rule: 'income_gt_10000' });
  });

  it('refuses bad values with a 400 and a code naming the field, in Chinese and in English', async () => {
    const cases: [unknown, string, string][] = [
      [{ category: 'employed', baseFen: -1 }, 'DUES_BASE_NEGATIVE', 'body.baseFen'],
      [{ category: 'student', baseFen: -100 }, 'DUES_BASE_NEGATIVE', 'body.baseFen'],
      [{ category: 'employed', baseFen: 3000.5 }, 'DUES_BASE_NOT_INTEGER', 'body.baseFen'],
      [{ category: 'employed', baseFen: 2 ** 60 }, 'DUES_BASE_TOO_LARGE', 'body.baseFen'],
      [{ category: 'employed' }, 'DUES_BASE_REQUIRED', 'body.baseFen'],
      [{ category: 'rich', baseFen: 100 }, 'DUES_CATEGORY_UNKNOWN', 'body.category'],
      [{ category: '', baseFen: 100 }, 'DUES_CATEGORY_UNKNOWN', 'body.category'],
    ];
    for (const [body, code, path] of cases) {
      const r = await quote(member, body);
      expect({ body, status: r.statusCode, code: codeOf(r), paths: r.json().error.fields.map((x: { path: string }) => x.path) }).toEqual({ body, status: 400, code, paths: [path] });
    }
    const zh = (await quoteIn('zh-CN', { category: 'employed', baseFen: -1 })).json().error;
    expect(zh.message).toBe('党费基数（baseFen）不能为负数');
    expect(zh.fields[0].message).toBe('党费基数（baseFen）不能为负数');
    expect((await quoteIn('en', { category: 'employed', baseFen: 1.5 })).json().error.message).toBe('The dues base (baseFen) must be a whole number of fen');
    const unknown = (await quoteIn('zh-CN', { category: 'rich', baseFen: 1 })).json().error.message;
    expect(unknown).toBe('党费类别（category）不正确，可选：employed, annual_salary, self_employed, retired, farmer, student, unemployed, relief, subsistence');
    expect((await quoteIn('en', { category: 'rich', baseFen: 1 })).json().error.message).toMatch(/^Unknown dues category \(category\); one of: employed, /);
  });

  it('refuses wrong types, missing and unknown fields like every route', async () => {
    const wrong = await quote(member, { category: 'employed', baseFen: '3000' });
    expect([wrong.statusCode, codeOf(wrong), wrong.json().error.fields[0].path]).toEqual([400, 'VALIDATION_FAILED', 'body.baseFen']);
    const missing = await quote(member, { baseFen: 1 });
    expect([missing.statusCode, codeOf(missing), missing.json().error.fields[0]]).toMatchObject([400, 'VALIDATION_FAILED', { path: 'body.category', code: 'required' }]);
    // JSON's 1e309 parses as Infinity: not a number the schema takes.
    const infinite = await t.app.inject(as(member, { method: 'POST', url: '/api/dues/quote', payload: '{"category":"employed","baseFen":1e309}', headers: { 'content-type': 'application/json' } }));
    expect([infinite.statusCode, codeOf(infinite)]).toEqual([400, 'VALIDATION_FAILED']);
    const extra = await quote(member, { category: 'employed', baseFen: 1, memberId: 'x' });
    expect([extra.statusCode, codeOf(extra)]).toEqual([400, 'UNKNOWN_FIELD']);
    expect((await quote(null, { category: 'employed', baseFen: 1 })).statusCode).toBe(401);
  });
});

/** The settings of a county that changed nothing: 0.2 元 for 农民, warnings from the 20th below 80 %, 5 % remitted. */
const DEFAULTS = { farmerFlatFen: 20, warnDay: 20, warnShareBp: 8000, remitShareBp: 500 };

describe('the county’s 农民 amount', () => {
  it('is 0.2 元 by default, changed only by a county administrator at the root, audited, and used by the quote', async () => {
    expect((await call(t, member, 'GET', '/api/dues/settings')).json()).toEqual({ ...DEFAULTS, editable: false });
    expect((await call(t, rootAdmin, 'GET', '/api/dues/settings')).json()).toEqual({ ...DEFAULTS, editable: true });
    expect(codeOf(await call(t, secretary, 'PUT', '/api/dues/settings', { farmerFlatFen: 50 }))).toBe('FORBIDDEN');
    const township = await login(t, 'county_admin', FIXTURE_PASSWORD);
    expect(codeOf(await call(t, township, 'PUT', '/api/dues/settings', { farmerFlatFen: 50 }))).toBe('DUES_SETTINGS_COUNTY_ONLY');
    for (const bad of [19, 101, 50.5, '50', null]) {
      const r = await call(t, rootAdmin, 'PUT', '/api/dues/settings', { farmerFlatFen: bad });
      expect([bad, r.statusCode, codeOf(r), r.json().error.fields[0].path]).toEqual([bad, 400, 'VALIDATION_FAILED', 'body.farmerFlatFen']);
    }
    const ok = await call(t, rootAdmin, 'PUT', '/api/dues/settings', { farmerFlatFen: 100 });
    expect(ok.json()).toEqual({ ...DEFAULTS, farmerFlatFen: 100, editable: true });
    expect((await quote(member, { category: 'farmer', baseFen: 0 })).json()).toEqual({ amountFen: 100, rateBp: null, rule: 'farmer_flat' });
    // The minimum categories keep their 0.2 元.
    expect((await quote(member, { category: 'subsistence' })).json().amountFen).toBe(20);
    const rows = await t.database.query<{ action: string; detail: unknown }>(`SELECT action, detail FROM audit_log WHERE action = 'dues.settings'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].detail).toEqual({ before: { ...DEFAULTS }, after: { farmerFlatFen: 100 } });

    // Another county keeps its own default.
    await t.services.db.transaction((tx) =>
      systemCreateAccount(t.services, tx, {
        countyCode: f.x.countyCode, username: 'anji_admin', displayName: '安吉县管理员', orgId: f.x.id, password: FIXTURE_PASSWORD, roles: ['county_admin'], mustChangePassword: false,
      }),
    );
    const anji = await login(t, 'anji_admin', FIXTURE_PASSWORD);
    expect((await call(t, anji, 'GET', '/api/dues/settings')).json()).toEqual({ ...DEFAULTS, editable: true });
    expect((await quote(anji, { category: 'farmer' })).json().amountFen).toBe(20);

    await call(t, rootAdmin, 'PUT', '/api/dues/settings', { farmerFlatFen: 20 });
    expect((await quote(member, { category: 'farmer' })).json().amountFen).toBe(20);
  });
});
