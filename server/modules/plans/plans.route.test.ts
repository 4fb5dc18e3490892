import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../../common/calendar.ts';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import type { OrgRow } from '../orgs/orgs.repo.ts';
import { addOrg, call, codeOf, sessionAt } from '../orgs/orgs.test-kit.ts';
import { seedActivity, seedItem, seedPlan } from './plans.fixture.ts';
import { PLAN_REMINDER_JOB, scanPlanReminders } from './reminders.ts';

let t: TestApp;
let f: Fixture;
let secretary: Session;
let committee: Session;
let rootAdmin: Session;
beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  secretary = await login(t, 'branch_secretary', FIXTURE_PASSWORD);
  committee = await login(t, 'branch_committee', FIXTURE_PASSWORD);
  rootAdmin = await login(t, 'root_admin', FIXTURE_PASSWORD);
});
afterAll(() => t.close());

const thisYear = Number(todayIn().slice(0, 4));
const lastYear = thisYear - 1;
type Item = { id: string; type: string; plannedOn: string; title: string; status: string; activityId: string | null; generated: boolean; orgName: string };
function countByType(items: Item[]) {
  const m: Record<string, number> = {};
  for (const i of items) m[i.type] = (m[i.type] ?? 0) + 1;
  return m;
}
const generate = (orgId: string, year: number, s = secretary) => call(t, s, 'POST', '/api/plans/generate', { orgId, year });
const planOf = (orgId: string, year: number, s = secretary) => call(t, s, 'GET', `/api/plans?orgId=${orgId}&year=${year}`);
let n = 0;
const branch = (category = 'rural', parent: OrgRow = f.t1) => addOrg(t.services, parent, `测试村党支部${++n}`, 'branch', category);

describe('generating the yearly plan', () => {
  it('fills a rural branch’s plan from the rules, on the fixed day, and a second run adds nothing', async () => {
    const b = await branch();
    const r = await generate(b.id, 2026);
    expect(r.statusCode, r.body).toBe(200);
    const plan = r.json();
    expect(plan.added).toBe(34);
    expect(countByType(plan.items)).toEqual({ theme_day: 12, branch_assembly: 4, committee: 12, party_lecture: 4, life_meeting: 1, evaluation: 1 });
    expect(plan.items.filter((i: Item) => i.type === 'theme_day').map((i: Item) => i.plannedOn.slice(8))).toEqual(Array(12).fill('15'));
    expect(plan.items.find((i: Item) => i.type === 'theme_day').title).toBe('1月主题党日（5+X）');
    expect(plan.org).toMatchObject({ kind: 'branch', themeDay: null, effectiveThemeDay: 15, hasGroups: false });
    expect(plan.requirements).toContainEqual({ type: 'theme_day', required: 12, planned: 12 });

    const again = await generate(b.id, 2026);
    expect(again.json().added).toBe(0);
    expect(again.json().items).toHaveLength(34);
    expect((await planOf(b.id, 2026)).json().items).toHaveLength(34);
  });

  it('adds 12 党小组会 where the branch has 党小组, and a 党小组 plans only its meetings', async () => {
    const b = await branch();
    const group = await addOrg(t.services, b, '第一党小组', 'party_group', 'rural');
    const r = await generate(b.id, 2026);
    expect(countByType(r.json().items)).toEqual({ theme_day: 12, branch_assembly: 4, committee: 12, group_meeting: 12, party_lecture: 4, life_meeting: 1, evaluation: 1 });
    expect(countByType((await generate(group.id, 2026)).json().items)).toEqual({ group_meeting: 12 });
  });

  it('brings back a deleted required item but keeps a moved one where it was put', async () => {
    const b = await branch();
    const items: Item[] = (await generate(b.id, 2026)).json().items;
    const may = items.find((i) => i.type === 'theme_day' && i.plannedOn === '2026-05-15')!;
    const moved = await call(t, secretary, 'PATCH', `/api/plans/items/${may.id}`, { plannedOn: '2026-05-20' });
    expect(moved.json()).toMatchObject({ plannedOn: '2026-05-20', generated: false });
    const march = items.find((i) => i.type === 'theme_day' && i.plannedOn === '2026-03-15')!;
    expect((await call(t, secretary, 'DELETE', `/api/plans/items/${march.id}`)).statusCode).toBe(204);
    const again = (await generate(b.id, 2026)).json();
    expect(again.added).toBe(1);
    const themeDays = again.items.filter((i: Item) => i.type === 'theme_day').map((i: Item) => i.plannedOn);
    expect(themeDays).toContain('2026-03-15');
    expect(themeDays).toContain('2026-05-20');
    expect(themeDays).not.toContain('2026-05-15');
  });

  it('links the year’s activities that no item covers instead of planning them again', async () => {
    const b = await branch();
    const held = await seedActivity(t.services, b, { type: 'theme_day', title: '三月主题党日', startsAt: new Date(`${lastYear}-03-20T01:00:00Z`) });
    await seedActivity(t.services, b, { type: 'theme_day', title: '已取消', startsAt: new Date(`${lastYear}-06-15T01:00:00Z`), state: 'cancelled' });
    const plan = (await generate(b.id, lastYear)).json();
    const march = plan.items.filter((i: Item) => i.type === 'theme_day' && i.plannedOn.startsWith(`${lastYear}-03`));
    expect(march).toEqual([expect.objectContaining({ plannedOn: `${lastYear}-03-20`, activityId: held, status: 'held' })]);
    expect(plan.items.find((i: Item) => i.type === 'theme_day' && i.plannedOn === `${lastYear}-06-15`)).toMatchObject({ activityId: null, status: 'overdue' });
  });

  it('refuses levels without plans, organizations outside the write scope, and readers', async () => {
    expect(codeOf(await generate(f.t1.id, 2026))).toBe('PLAN_LEVEL_UNSUPPORTED');
    expect((await generate(f.b2.id, 2026)).statusCode).toBe(404);
    expect((await generate(f.b1.id, 2026, committee)).statusCode).toBe(403);
    expect((await planOf(f.b1.id, 2026, committee)).statusCode).toBe(200);
    expect((await planOf(f.b2.id, 2026, committee)).statusCode).toBe(404);
  });
});

describe('items', () => {
  it('adds an item by hand (creating the plan), keeps it in its year and redacts numbers in its text', async () => {
    const b = await branch();
    const add = await call(t, secretary, 'POST', '/api/plans/items', { orgId: b.id, type: 'volunteer', plannedOn: '2027-03-05', title: '学雷锋志愿服务', note: '联系人 13812345678' });
    expect(add.statusCode, add.body).toBe(201);
    expect(add.json()).toMatchObject({ type: 'volunteer', plannedOn: '2027-03-05', note: '联系人 138****5678', status: 'planned', generated: false });
    const plan = (await planOf(b.id, 2027)).json();
    expect(plan.plan).not.toBeNull();
    expect(plan.items).toHaveLength(1);
    const outside = await call(t, secretary, 'PATCH', `/api/plans/items/${add.json().id}`, { plannedOn: '2028-01-05' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error).toMatchObject({ code: 'PLAN_ITEM_OUTSIDE_YEAR', fields: [expect.objectContaining({ path: 'body.plannedOn' })] });
    expect(codeOf(await call(t, secretary, 'POST', '/api/plans/items', { orgId: b.id, type: 'meeting', plannedOn: '2027-03-05', title: 'x' }))).toBe('VALIDATION_FAILED');
  });

  it('creates the activity of an item with the default check-in window; the item is then held and cannot be deleted', async () => {
    const b = await branch();
    const add = (await call(t, secretary, 'POST', '/api/plans/items', { orgId: b.id, type: 'party_lecture', plannedOn: `${thisYear}-12-20`, title: '年终党课' })).json();
    const r = await call(t, secretary, 'POST', `/api/plans/items/${add.id}/activity`, { startsAt: `${thisYear}-12-20T09:00:00+08:00`, endsAt: `${thisYear}-12-20T11:00:00+08:00`, place: '村委会' });
    expect(r.statusCode, r.body).toBe(201);
    const { item, activityId } = r.json();
    expect(item).toMatchObject({ activityId, status: 'held', activityState: 'planned' });
    const [a] = await t.database.query<{ type: string; title: string; place: string; checkin_from: Date; starts_at: Date; checkin_until: Date; ends_at: Date }>(
      'SELECT type, title, place, checkin_from, starts_at, checkin_until, ends_at FROM activities WHERE id = $1',
      [activityId],
    );
    expect(a).toMatchObject({ type: 'party_lecture', title: '年终党课', place: '村委会' });
    expect(new Date(a.starts_at).getTime() - new Date(a.checkin_from).getTime()).toBe(30 * 60_000);
    expect(new Date(a.checkin_until).getTime()).toBe(new Date(a.ends_at).getTime());
    expect(codeOf(await call(t, secretary, 'POST', `/api/plans/items/${add.id}/activity`, { startsAt: `${thisYear}-12-20T09:00:00+08:00`, endsAt: `${thisYear}-12-20T11:00:00+08:00` }))).toBe('PLAN_ACTIVITY_EXISTS');
    expect(codeOf(await call(t, secretary, 'DELETE', `/api/plans/items/${add.id}`))).toBe('PLAN_ITEM_HAS_ACTIVITY');
    expect(codeOf(await call(t, secretary, 'PATCH', `/api/plans/items/${add.id}`, { type: 'committee' }))).toBe('PLAN_ITEM_HAS_ACTIVITY');
    // An end before the start is refused by the activities service; nothing is created.
    const other = (await call(t, secretary, 'POST', '/api/plans/items', { orgId: b.id, type: 'other', plannedOn: `${thisYear}-12-21`, title: '其他' })).json();
    const bad = await call(t, secretary, 'POST', `/api/plans/items/${other.id}/activity`, { startsAt: `${thisYear}-12-21T11:00:00+08:00`, endsAt: `${thisYear}-12-21T09:00:00+08:00` });
    expect(bad.statusCode).toBe(400);
    expect((await planOf(b.id, thisYear)).json().items.find((i: Item) => i.id === other.id).activityId).toBeNull();
  });
});

describe('the 主题党日 day', () => {
  it('moves the future items still on the rules’ dates and records the change in the organization’s history', async () => {
    const b = await branch('community');
    const next = thisYear + 1;
    await generate(b.id, next);
    const items: Item[] = (await planOf(b.id, next)).json().items;
    const handMoved = items.find((i) => i.type === 'theme_day' && i.plannedOn === `${next}-02-15`)!;
    await call(t, secretary, 'PATCH', `/api/plans/items/${handMoved.id}`, { plannedOn: `${next}-02-11` });
    const r = await call(t, secretary, 'PUT', '/api/plans/theme-day', { orgId: b.id, themeDay: 8 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().org).toMatchObject({ themeDay: 8, effectiveThemeDay: 8 });
    const after: Item[] = (await planOf(b.id, next)).json().items;
    const themeDays = after.filter((i) => i.type === 'theme_day').map((i) => i.plannedOn);
    expect(themeDays.filter((d) => d.endsWith('-08'))).toHaveLength(11);
    expect(themeDays).toContain(`${next}-02-11`);
    expect(after.filter((i) => i.type === 'committee').every((i) => i.plannedOn.endsWith('-03'))).toBe(true);
    const history = await t.database.query<{ after: { themeDay: number } }>(`SELECT after FROM org_history WHERE org_id = $1 AND action = 'update'`, [b.id]);
    expect(history.map((h) => h.after)).toContainEqual({ themeDay: 8 });
    expect(codeOf(await call(t, secretary, 'PUT', '/api/plans/theme-day', { orgId: b.id, themeDay: 29 }))).toBe('VALIDATION_FAILED');
    expect(codeOf(await call(t, secretary, 'PUT', '/api/plans/theme-day', { orgId: f.t1.id, themeDay: 8 }))).toBe('PLAN_THEME_DAY_BRANCH_ONLY');
    // Back to the county default.
    expect((await call(t, secretary, 'PUT', '/api/plans/theme-day', { orgId: b.id, themeDay: null })).json().org).toMatchObject({ themeDay: null, effectiveThemeDay: 15 });
  });
});

describe('the overview of a township', () => {
  it('counts per organization the items planned, held and overdue, most overdue first, paged, exported', async () => {
    const t3 = await addOrg(t.services, f.root, '丙镇党委', 'township_committee', null);
    const admin = await sessionAt(t, 'admin_t3', 'township_admin', t3);
    const a = await branch('rural', t3);
    const bb = await branch('rural', t3);
    await addOrg(t.services, bb, '丙镇党小组', 'party_group', 'rural');
    await seedActivity(t.services, a, { type: 'theme_day', startsAt: new Date(`${lastYear}-03-20T01:00:00Z`) });
    await seedActivity(t.services, a, { type: 'committee', startsAt: new Date(`${lastYear}-05-08T01:00:00Z`) });
    expect((await generate(a.id, lastYear, admin)).json().added).toBe(34);

    const r = await call(t, admin, 'GET', `/api/plans/overview?orgId=${t3.id}&year=${lastYear}&pageSize=2`);
    expect(r.statusCode, r.body).toBe(200);
    const page = r.json();
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(2);
    expect(page.items[0]).toMatchObject({ orgId: a.id, hasPlan: true, planned: 34, held: 2, overdue: 32, effectiveThemeDay: 15 });
    expect(page.items[1]).toMatchObject({ hasPlan: false, planned: 0, held: 0, overdue: 0 });
    const rest = (await call(t, admin, 'GET', `/api/plans/overview?orgId=${t3.id}&year=${lastYear}&pageSize=2&page=2`)).json();
    expect(rest.items).toHaveLength(1);

    const month = (await call(t, admin, 'GET', `/api/plans/month?orgId=${t3.id}&month=${lastYear}-03`)).json();
    expect(month.items.map((i: Item) => `${i.plannedOn} ${i.type} ${i.status}`)).toEqual([
      `${lastYear}-03-10 committee overdue`,
      `${lastYear}-03-15 branch_assembly overdue`,
      `${lastYear}-03-20 theme_day held`,
    ]);

    const x = await call(t, admin, 'GET', `/api/plans/overview/export?orgId=${t3.id}&year=${lastYear}`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0].getSheetValues().filter(Boolean).map((v) => (v as unknown[]).slice(1));
    expect(rows[1]).toEqual(['组织', '主题党日', '已制定计划', '计划项数', '已开展', '已逾期']);
    expect(rows[2]).toEqual([a.name, 15, '是', 34, 2, 32]);
    expect((await call(t, admin, 'GET', `/api/plans/month/export?orgId=${t3.id}&month=${lastYear}-03`)).statusCode).toBe(200);
    expect((await call(t, admin, 'GET', `/api/plans/export?orgId=${a.id}&year=${lastYear}`)).statusCode).toBe(200);

    // Another township's administrator cannot see it.
    const other = await login(t, 'township_admin', FIXTURE_PASSWORD);
    expect((await call(t, other, 'GET', `/api/plans/overview?orgId=${t3.id}&year=${lastYear}`)).statusCode).toBe(404);
    const own = (await call(t, other, 'GET', `/api/plans/overview?year=${lastYear}&pageSize=100`)).json();
    expect(own.items.map((i: { orgId: string }) => i.orgId)).not.toContain(a.id);
  });
});

describe('reminders', () => {
  it('puts one to-do per item due within the reminder days in the branch’s list, once, and cancels it when the activity is created', async () => {
    const b = await branch();
    await generate(b.id, 2030);
    const todos = async () => (await call(t, secretary, 'GET', `/api/orgs/${b.id}/todos?status=open`)).json().items as { title: string; dueOn: string; kind: string; detail: { planItemId: string } }[];
    // 2030-03-12 + 3 days: the 主题党日 and the 党员大会 of the 15th; the 支委会 of the 10th is past.
    await scanPlanReminders(t.services, '2030-03-12');
    const first = await todos();
    expect(first.map((x) => `${x.kind} ${x.dueOn}`).sort()).toEqual(['plan_reminder 2030-03-15', 'plan_reminder 2030-03-15']);
    expect(first.map((x) => x.title)).toContain('计划事项「3月主题党日（5+X）」（主题党日）将于 2030-03-15 开展，尚未创建活动');
    await scanPlanReminders(t.services, '2030-03-12');
    await scanPlanReminders(t.services, '2030-03-13');
    expect(await todos()).toHaveLength(2);

    const theme = first.find((x) => x.title.includes('主题党日'))!;
    const r = await call(t, secretary, 'POST', `/api/plans/items/${theme.detail.planItemId}/activity`, { startsAt: '2030-03-15T09:00:00+08:00', endsAt: '2030-03-15T11:00:00+08:00' });
    expect(r.statusCode, r.body).toBe(201);
    expect((await todos()).map((x) => x.detail.planItemId)).not.toContain(theme.detail.planItemId);
    await scanPlanReminders(t.services, '2030-03-14');
    expect(await todos()).toHaveLength(1);
  });

  it('follows the county’s reminder days, which only a county administrator at the root may change', async () => {
    expect((await call(t, secretary, 'GET', '/api/plans/settings')).json()).toEqual({ themeDay: 15, lecturesPerYear: 4, reminderDays: 3, editable: false });
    expect(codeOf(await call(t, secretary, 'PUT', '/api/plans/settings', { themeDay: 10, lecturesPerYear: 4, reminderDays: 6 }))).toBe('PLAN_SETTINGS_COUNTY_ONLY');
    const county = await login(t, 'county_admin', FIXTURE_PASSWORD);
    expect(codeOf(await call(t, county, 'PUT', '/api/plans/settings', { themeDay: 10, lecturesPerYear: 4, reminderDays: 6 }))).toBe('PLAN_SETTINGS_COUNTY_ONLY');
    expect(codeOf(await call(t, rootAdmin, 'PUT', '/api/plans/settings', { themeDay: 10, lecturesPerYear: 3, reminderDays: 6 }))).toBe('VALIDATION_FAILED');
    const ok = await call(t, rootAdmin, 'PUT', '/api/plans/settings', { themeDay: 15, lecturesPerYear: 4, reminderDays: 6 });
    expect(ok.json()).toEqual({ themeDay: 15, lecturesPerYear: 4, reminderDays: 6, editable: true });

    const b = await branch();
    await generate(b.id, 2031);
    // 2031-03-04 + 6 days reaches the 支委会 of the 10th.
    await scanPlanReminders(t.services, '2031-03-04');
    const open = (await call(t, secretary, 'GET', `/api/orgs/${b.id}/todos?status=open`)).json().items;
    expect(open.map((x: { dueOn: string }) => x.dueOn)).toEqual(['2031-03-10']);
    await call(t, rootAdmin, 'PUT', '/api/plans/settings', { themeDay: 15, lecturesPerYear: 4, reminderDays: 3 });
  });

  it('runs as a scheduled job', async () => {
    await t.services.jobs.enqueue(PLAN_REMINDER_JOB, {}, { dedupeKey: 'plans-test' });
    await t.services.jobs.runDue();
    const [job] = await t.database.query<{ status: string; last_error: string | null }>(`SELECT status, last_error FROM jobs WHERE dedupe_key = 'plans-test'`);
    expect(job).toEqual({ status: 'done', last_error: null });
    await t.services.jobs.syncSchedules();
    const schedules = await t.database.query<{ cron: string; job_name: string }>(`SELECT cron, job_name FROM job_schedules WHERE name = $1`, [PLAN_REMINDER_JOB]);
    expect(schedules).toEqual([{ cron: '0 7 * * *', job_name: PLAN_REMINDER_JOB }]);
  });
});

describe('canary rows', () => {
  it('the overview and the month list of the whole scope, and their exports, show nothing outside the caller’s subtrees', async () => {
    // Canaries: plans in the sibling township, at the county root and in another county.
    for (const org of [f.b2, f.root, f.xb]) {
      const planId = await seedPlan(t.services, org, 2029);
      await seedItem(t.services, org, planId, { plannedOn: '2029-04-15', title: '金丝雀事项' });
    }
    const mine = await branch();
    await generate(mine.id, 2029);
    const s = await login(t, 'township_admin', FIXTURE_PASSWORD);
    const outside = [f.t2.id, f.b2.id, f.root.id, f.x.id, f.xb.id];

    const overview = (await call(t, s, 'GET', '/api/plans/overview?year=2029&pageSize=100')).json();
    const orgIds: string[] = overview.items.map((r: { orgId: string }) => r.orgId);
    expect(orgIds).toContain(mine.id);
    for (const id of outside) expect(orgIds).not.toContain(id);
    expect(overview.total).toBe(orgIds.length);

    const month = (await call(t, s, 'GET', '/api/plans/month?month=2029-04&pageSize=100')).json();
    expect(month.items.length).toBeGreaterThan(0);
    expect(month.items.every((i: Item) => i.orgName === mine.name)).toBe(true);
    expect(month.total).toBe(month.items.length);

    const { default: ExcelJS } = await import('exceljs');
    for (const url of ['/api/plans/overview/export?year=2029', '/api/plans/month/export?month=2029-04']) {
      const x = await call(t, s, 'GET', url);
      expect(x.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      const text = JSON.stringify(wb.worksheets[0].getSheetValues());
      expect(text).toContain(mine.name);
      for (const leak of ['金丝雀事项', f.b2.name, f.root.name, f.xb.name]) expect(text).not.toContain(leak);
    }
  });
});
