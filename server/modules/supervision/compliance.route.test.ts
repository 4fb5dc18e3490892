import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { call } from '../members/test-kit.ts';
import { rootCtx } from '../../../bench/lib/in-process.ts';
import { type ComplianceCounty, seedComplianceCounty } from './compliance.fixture.ts';
import { complianceCounts } from './compliance.service.ts';
import { refreshSnapshot } from './compliance.snapshot.ts';

let t: TestApp;
let f: Fixture;
let admin: Session;
let township: Session;
let c: ComplianceCounty;
let byTypeCount = 0;

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  admin = await login(t, 'root_admin', FIXTURE_PASSWORD);
  township = await login(t, 'township_admin', FIXTURE_PASSWORD);
  c = await seedComplianceCounty(t.services, f);
}, 60_000);
afterAll(() => t.close());

const Q3 = 'period=2025-Q3&asOf=2025-10-20';
type Row = { orgId: string; color: string | null; orgs: Record<string, number>; checks: Record<string, number> };
type Chk = { activityType: string; period: string; status: string; reason: string; text: string };
const get = async (s: Session, url: string) => {
  const r = await call(t, s, 'GET', url);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

describe('the rule engine on a hand-built county (known answers)', () => {
  it('colours every organization a rule binds and counts them per township', async () => {
    const v = await get(admin, `/api/supervision/compliance?orgId=${f.root.id}&${Q3}`);
    expect(v.orgs).toEqual({ total: 5, green: 3, amber: 0, red: 2 });
    const t1 = v.children.find((r: Row) => r.orgId === f.t1.id);
    const t2 = v.children.find((r: Row) => r.orgId === f.t2.id);
    expect(t1.orgs).toEqual({ total: 2, green: 1, amber: 0, red: 1 });
    expect(t2.orgs).toEqual({ total: 3, green: 2, amber: 0, red: 1 });
    expect(t1.hasChildren).toBe(true);
    // The county root holds no activities: no row of its own.
    expect(v.own).toBeNull();
    // 三会一课 decided: 9 met of 12 (the weak branch's 党员大会 and 党课, the 总支's August 支委会 missed).
    expect(v.threeMeetingsRate).toBe(0.75);
    const byType = Object.fromEntries(v.byType.map((x: { activityType: string }) => [x.activityType, x]));
    byTypeCount = v.byType.length;
    expect(byType.branch_assembly).toMatchObject({ checks: 3, green: 2, red: 1 });
    expect(byType.committee).toMatchObject({ checks: 6, green: 5, red: 1 });
    expect(byType.theme_day).toMatchObject({ checks: 12, green: 11, red: 1 });
    // The year's 组织生活会 and 民主评议 are not due yet: pending, no colour.
    expect(byType.life_meeting).toMatchObject({ checks: 3, pending: 3, red: 0, amber: 0 });
  });

  it('names the reasons of the red list the way the 通报 prints them', async () => {
    const v = await get(admin, `/api/supervision/compliance?orgId=${f.root.id}&${Q3}`);
    expect(v.red.total).toBe(2);
    const weak = v.red.items.find((x: { orgId: string }) => x.orgId === c.weak.id);
    expect(weak.parentName).toBe('甲镇党委');
    expect(weak.checks.map((x: Chk) => x.text).sort()).toEqual(['2025年9月 无主题党日', '2025年第三季度 支部党员大会到会率均未超过50%', '2025年第三季度 无党课'].sort());
    const total = v.red.items.find((x: { orgId: string }) => x.orgId === c.total.id);
    expect(total.checks).toEqual([expect.objectContaining({ activityType: 'committee', period: '2025-08', reason: 'none_held', text: '2025年8月 无支委会' })]);
  });

  it('drills down: township → branch → the activities counted, with the one that did not count', async () => {
    const t1 = await get(admin, `/api/supervision/compliance?orgId=${f.t1.id}&${Q3}`);
    expect(t1.trail.map((x: { id: string }) => x.id)).toEqual([f.root.id, f.t1.id]);
    expect(t1.children.find((r: Row) => r.orgId === c.weak.id)).toMatchObject({ color: 'red', orgs: { total: 1, red: 1 } });
    expect(t1.children.find((r: Row) => r.orgId === c.model.id)).toMatchObject({ color: 'green' });

    const weak = await get(admin, `/api/supervision/compliance/orgs/${c.weak.id}?${Q3}`);
    expect(weak.color).toBe('red');
    expect(weak.unitMembers).toBe(6);
    // Only a secretary: no 支委会 rule binds it.
    expect(weak.checks.map((x: Chk) => x.activityType)).not.toContain('committee');
    const assembly = weak.checks.find((x: Chk) => x.activityType === 'branch_assembly');
    expect(assembly).toMatchObject({ status: 'red', reason: 'below_threshold', held: 1, qualifying: 0, thresholdPct: 50 });
    expect(assembly.activities).toEqual([{ id: c.activity.weakAssembly, title: '后进村三季度党员大会', day: '2025-09-25', obliged: 6, attended: 3, rate: 0.5, qualifies: false }]);

    const model = await get(admin, `/api/supervision/compliance/orgs/${c.model.id}?${Q3}`);
    expect(model.color).toBe('green');
    expect(model.checks.filter((x: Chk) => x.status === 'green')).toHaveLength(8);
    expect(model.checks.find((x: Chk) => x.activityType === 'branch_assembly').activities[0]).toMatchObject({ id: c.activity.modelAssembly, qualifies: true, rate: 0.8 });
  });

  it('binds the 支部 meetings to a 党总支 for its 下设支部 and the 主题党日 to each 下设支部', async () => {
    const v = await get(admin, `/api/supervision/compliance?orgId=${c.total.id}&${Q3}`);
    expect(v.own.color).toBe('red');
    expect(v.own.checks.map((x: Chk) => x.activityType)).not.toContain('theme_day');
    expect(v.children.map((r: Row & { own: boolean }) => [r.orgId, r.own, r.color])).toEqual([
      [c.total.id, true, 'red'],
      [c.sub1.id, false, 'green'],
      [c.sub2.id, false, 'green'],
    ]);
  });

  it('turns amber, not red, in the last week of the quarter and in the grace days', async () => {
    const v = await get(admin, `/api/supervision/compliance?orgId=${c.weak.id}&period=2025-09&asOf=2025-09-26`);
    expect(v.own.color).toBe('amber');
    expect(v.own.checks.find((x: Chk) => x.activityType === 'party_lecture')).toMatchObject({ status: 'amber', reason: 'due_soon' });
    const grace = await get(admin, `/api/supervision/compliance?orgId=${c.weak.id}&period=2025-Q3&asOf=2025-10-03`);
    expect(grace.own.checks.find((x: Chk) => x.activityType === 'party_lecture')).toMatchObject({ status: 'amber', reason: 'in_grace', deadline: '2025-10-05' });
  });

  it('follows the county’s rules: a rule switched off or a lower threshold changes the colours; DELETE restores the defaults', async () => {
    const rules = (await get(admin, '/api/supervision/rules')).rules;
    expect(rules).toHaveLength(7);
    const edited = rules.map((r: { code: string; thresholdPct: number | null; enabled: boolean }) =>
      r.code === 'branch_assembly' ? { ...r, thresholdPct: 40 } : r.code === 'party_lecture' || r.code === 'theme_day' ? { ...r, enabled: false } : r,
    );
    const put = await call(t, admin, 'PUT', '/api/supervision/rules', { rules: edited });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ custom: true, editable: true });
    const v = await get(admin, `/api/supervision/compliance?orgId=${f.root.id}&${Q3}`);
    // The weak branch is now green (its 党员大会 counts at 50 % > 40 %); the 总支 is still red (August 支委会).
    expect(v.orgs).toEqual({ total: 3, green: 2, amber: 0, red: 1 });
    const reset = await call(t, admin, 'DELETE', '/api/supervision/rules');
    expect(reset.json()).toMatchObject({ custom: false });
    expect((await get(admin, `/api/supervision/compliance?orgId=${f.root.id}&${Q3}`)).orgs).toEqual({ total: 5, green: 3, amber: 0, red: 2 });
  });

  it('judges no rule period that began before the county’s supervision started (incomplete records)', async () => {
    expect((await call(t, admin, 'PUT', '/api/supervision/settings', { startOn: '2025-08-01' })).statusCode).toBe(200);
    const v = await get(admin, `/api/supervision/compliance?orgId=${f.root.id}&${Q3}`);
    const byType = Object.fromEntries(v.byType.map((x: { activityType: string }) => [x.activityType, x]));
    // Q3 began on 1 July: no 党员大会 or 党课 check; 主题党日 and 支委会 of August and September only.
    expect(byType.branch_assembly).toBeUndefined();
    expect(byType.party_lecture).toBeUndefined();
    expect(byType.theme_day).toMatchObject({ checks: 8, green: 7, red: 1 });
    expect(byType.committee).toMatchObject({ checks: 4, green: 3, red: 1 });
    expect(v.orgs).toEqual({ total: 5, green: 3, amber: 0, red: 2 });
    expect((await call(t, admin, 'PUT', '/api/supervision/settings', { startOn: null })).statusCode).toBe(200);
    expect((await get(admin, `/api/supervision/compliance?orgId=${f.root.id}&${Q3}`)).byType).toHaveLength(byTypeCount);
  });

  it('refuses bad rules and periods with the field named, and rule changes below the county', async () => {
    const rules = (await get(admin, '/api/supervision/rules')).rules;
    const dup = await call(t, admin, 'PUT', '/api/supervision/rules', { rules: [rules[0], rules[0]] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error).toMatchObject({ code: 'SUPERVISION_RULE_DUPLICATE', fields: [{ path: 'body.rules.1.code' }] });
    const bad = await call(t, admin, 'PUT', '/api/supervision/rules', { rules: [{ ...rules[0], period: 'week', thresholdPct: 120 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((x: { path: string }) => x.path).sort()).toEqual(['body.rules.0.period', 'body.rules.0.thresholdPct']);
    expect((await call(t, township, 'PUT', '/api/supervision/rules', { rules })).statusCode).toBe(403);
    expect((await call(t, admin, 'GET', `/api/supervision/compliance?period=2025-13`)).statusCode).toBe(400);
    const later = await call(t, admin, 'GET', `/api/supervision/compliance?period=2031-01&asOf=2030-12-31`);
    expect(later.statusCode).toBe(400);
    expect(later.json().error.code).toBe('SUPERVISION_PERIOD_AFTER_AS_OF');
  });

  it('keeps this month’s judgement as a snapshot for the big screen that answers what evaluating does', async () => {
    const ctx = rootCtx(t.services, f.root.countyCode, f.root, ['screen.view']);
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 7);
    const evaluated = await complianceCounts(ctx, f.root.id, month);
    expect(evaluated.orgs.total).toBe(5);
    expect(await refreshSnapshot(t.services.db, f.root.countyCode)).toBe(5);
    const snap = await complianceCounts(ctx, f.root.id, month);
    expect(snap).toEqual(evaluated);
    // A rule switched off refreshes the snapshot at once: no 主题党日 checks any more.
    const rules = (await get(admin, '/api/supervision/rules')).rules.map((r: { code: string; enabled: boolean }) => (r.code === 'theme_day' ? { ...r, enabled: false } : r));
    expect((await call(t, admin, 'PUT', '/api/supervision/rules', { rules })).statusCode).toBe(200);
    expect((await complianceCounts(ctx, f.root.id, month)).byType.theme_day).toBeUndefined();
    expect((await call(t, admin, 'DELETE', '/api/supervision/rules')).statusCode).toBe(200);
    expect(await complianceCounts(ctx, f.root.id, month)).toEqual(evaluated);
  });

  it('keeps a township administrator to their township in the view, the drill-down and the export', async () => {
    const own = await get(township, `/api/supervision/compliance?${Q3}`);
    expect(own.org.id).toBe(f.t1.id);
    expect(own.trail.map((x: { id: string }) => x.id)).toEqual([f.t1.id]);
    expect(own.red.items.map((x: { orgId: string }) => x.orgId)).toEqual([c.weak.id]);
    expect((await call(t, township, 'GET', `/api/supervision/compliance?orgId=${f.t2.id}&${Q3}`)).statusCode).toBe(404);
    expect((await call(t, township, 'GET', `/api/supervision/compliance/orgs/${c.total.id}?${Q3}`)).statusCode).toBe(404);
    const x = await call(t, township, 'GET', `/api/supervision/compliance/export?${Q3}`);
    expect(x.statusCode, x.body).toBe(200);
    expect(x.headers['content-type']).toMatch(/spreadsheetml/);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(wb.worksheets[0].getSheetValues());
    expect(text).toContain('甲镇后进村党支部');
    expect(text).toContain('2025年第三季度 无党课');
    expect(text).not.toContain('中心村');
  });
});
