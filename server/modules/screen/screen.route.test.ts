import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { todayIn } from '../../../common/calendar.ts';
import { type Actor, makeCtx, permissionsFromGrants } from '../../core/access/context.ts';
import { type ClientCreds, type Session, type TestApp, login, signed } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { seedCardMember, seedKiosk, seedOpenActivity } from '../activities/activities.fixture.ts';
import { addMonthsTo } from '../dues/bills.rules.ts';
import { call } from '../members/test-kit.ts';
import { complianceCounts } from '../supervision/compliance.service.ts';
import { clearScreenCache } from './screen.service.ts';

let t: TestApp;
let f: Fixture;
let admin: Session;
let township: Session;
let kiosk: ClientCreds;
let seq = 0;
const MIN = 60_000;
const NAMES = ['冯大屏', '陈大屏', '褚大屏', '卫大屏'];
const idNumbers: string[] = [];
let swipeHour = 0;

const hourIn = (d: Date) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hour12: false }).format(d)) % 24;
const swipe = async (activityId: string, cardNo: string) => {
  const r = await t.app.inject(signed(kiosk, { method: 'POST', url: '/api/checkins', payload: { activityId, credential: { cardNo }, nonce: `scr-${Date.now()}-${++seq}` } }));
  expect(r.statusCode, r.body).toBe(201);
};
const get = async (s: Session, path: string) => {
  const r = await call(t, s, 'GET', `/api/screen/${path}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

const month = () => todayIn().slice(0, 7);
/** The county administrator at the root, as a service context (to ask the rule engine directly). */
const rootAdminCtx = () => {
  const grants = [{ id: 'g', role: 'county_admin' as const, orgId: f.root.id, orgPath: f.root.path, orgName: f.root.name }];
  const actor: Actor = {
    accountId: f.accounts.root_admin as string, countyCode: f.root.countyCode, username: 'root_admin', displayName: 'root', kind: 'admin', orgId: f.root.id, memberId: null,
    grants, roles: ['county_admin'], permissions: permissionsFromGrants(grants), restricted: null, sessionId: 's', csrfToken: 'c',
    flags: { mustChangePassword: false, totpEnabled: false, isDemo: false },
  };
  return makeCtx(t.services, actor, '127.0.0.1', 'zh-CN');
};

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  admin = await login(t, 'root_admin', FIXTURE_PASSWORD);
  township = await login(t, 'township_admin', FIXTURE_PASSWORD);
  kiosk = await seedKiosk(t.services, f.t1, { name: '甲镇大屏签到机' });
  const c = f.root.countyCode;
  // Members: three in B1 (甲镇), one in B2 (乙镇), with cards.
  for (const [i, name] of NAMES.entries()) idNumbers.push((await seedCardMember(t.services, i < 3 ? f.b1 : f.b2, name, `SCR-${i}`)).idNumber);
  // Today: a 党小组会 under way at B1 (three check-ins: two members and a guest from 乙镇), a cancelled one, one tomorrow.
  const now = Date.now();
  const a1 = await seedOpenActivity(t.services, f.b1, { title: '甲镇一村党小组会' });
  await seedOpenActivity(t.services, f.b1, { title: '取消的会', state: 'cancelled' });
  await seedOpenActivity(t.services, f.b2, { title: '明天的会', startsAt: new Date(now + 26 * 60 * MIN) });
  swipeHour = hourIn(new Date());
  await swipe(a1, 'SCR-0');
  await swipe(a1, 'SCR-1');
  await swipe(a1, 'SCR-3');
  // The rollups, as their jobs and triggers would have left them: this month and the month before.
  const m = month();
  const prev = addMonthsTo(m, -1);
  await t.services.db.execute(sql`
    INSERT INTO org_activity_days (county_code, org_id, day, activity_type, held, obliged, attended, leave, guests) VALUES
      (${c}, ${f.b1.id}, ${`${m}-01`}::date, 'group_meeting', 2, 10, 8, 1, 0),
      (${c}, ${f.b1.id}, ${`${m}-01`}::date, 'volunteer', 1, 0, 0, 0, 5),
      (${c}, ${f.b1.id}, ${`${m}-01`}::date, 'theme_day', 1, 5, 5, 0, 0),
      (${c}, ${f.b2.id}, ${`${m}-01`}::date, 'branch_assembly', 1, 4, 2, 0, 1),
      (${c}, ${f.b1.id}, ${`${prev}-15`}::date, 'committee', 1, 3, 3, 0, 0),
      (${c}, ${f.b2.id}, ${`${prev}-15`}::date, 'volunteer', 2, 0, 0, 0, 7)`);
  // …and their month level (org_activity_months), as the rollup keeps it with the days.
  await t.services.db.execute(sql`
    INSERT INTO org_activity_months (county_code, org_id, month, activity_type, held, obliged, attended, leave, guests)
    SELECT county_code, org_id, to_char(day, 'YYYY-MM'), activity_type, sum(held), sum(obliged), sum(attended), sum(leave), sum(guests)
      FROM org_activity_days WHERE county_code = ${c} GROUP BY 1, 2, 3, 4`);
  await t.services.db.execute(sql`
    INSERT INTO dues_org_months (county_code, org_id, month, bills, due, paid, on_time, unpaid, issues, waived, should_fen, paid_fen) VALUES
      (${c}, ${f.b1.id}, ${m}, 3, 3, 3, 3, 0, 0, 0, 3000, 3000),
      (${c}, ${f.b2.id}, ${m}, 1, 1, 0, 0, 1, 0, 0, 1000, 0),
      (${c}, ${f.b1.id}, ${prev}, 3, 3, 3, 2, 0, 0, 0, 3000, 3000),
      (${c}, ${f.b2.id}, ${prev}, 1, 1, 1, 1, 0, 0, 0, 1000, 1000)`);
}, 60_000);
afterAll(() => t.close());
beforeEach(() => clearScreenCache());

describe('the big screen', () => {
  it('shows the county: one block per township with its organizations, members, this month’s attendance and dues 月月清', async () => {
    const o = await get(admin, 'overview');
    expect(o.org).toMatchObject({ id: f.root.id, level: 'county_committee' });
    expect(o.month).toBe(month());
    expect(o.blocks.map((b: { orgId: string }) => b.orgId).sort()).toEqual([f.t1.id, f.t2.id].sort());
    const block = (id: string) => o.blocks.find((b: { orgId: string }) => b.orgId === id);
    const [t1, t2] = [block(f.t1.id), block(f.t2.id)];
    expect(t1).toMatchObject({ name: '甲镇党委', organizations: 2, branches: 1, members: 3, held: 4, obliged: 15, attended: 13, rate: 0.8667 });
    expect(t1).toMatchObject({ duesOrgs: 1, duesClearOrgs: 1, duesClearShareBp: 10_000, duesPaidShareBp: 10_000 });
    expect(t2).toMatchObject({ organizations: 2, branches: 1, members: 1, held: 1, obliged: 4, attended: 2, rate: 0.5, duesOrgs: 1, duesClearOrgs: 0, duesClearShareBp: 0, duesPaidShareBp: 0 });
    // The root counts itself; members come from the month's bills.
    expect(o.totals).toMatchObject({ organizations: 5, branches: 2, members: 4, held: 5, obliged: 19, attended: 15, duesOrgs: 2, duesClearOrgs: 1, duesClearShareBp: 5000, duesPaidShareBp: 7500 });
  });

  it('counts today’s check-ins by hour and township, and the activities of today under way', async () => {
    const l = await get(admin, 'live');
    expect(l.today).toBe(todayIn());
    expect(l).toMatchObject({ checkins: 3, activities: 1, started: 1, underWay: 1 });
    expect(l.byHour).toHaveLength(24);
    expect(l.byHour.reduce((a: number, b: number) => a + b, 0)).toBe(3);
    // The hour of the swipes (the next one if the clock turned meanwhile).
    expect(l.byHour[swipeHour] + l.byHour[(swipeHour + 1) % 24]).toBe(3);
    expect(l.children).toEqual([{ orgId: f.t1.id, checkins: 3, underWay: 1 }]);
  });

  it('shows 12 months of attendance, this month by type, 三会一课 and volunteer service', async () => {
    const a = await get(admin, 'activity');
    expect(a.trend).toHaveLength(12);
    expect(a.trend.at(-1)).toMatchObject({ month: month(), held: 5, obliged: 19, attended: 15, rate: 0.7895 });
    expect(a.trend.at(-2)).toMatchObject({ month: addMonthsTo(month(), -1), held: 3, obliged: 3, attended: 3, rate: 1 });
    expect(a.trend[0]).toMatchObject({ held: 0, rate: null });
    expect(a.thisMonth).toEqual({
      branch_assembly: { held: 1, obliged: 4, attended: 2, rate: 0.5 },
      group_meeting: { held: 2, obliged: 10, attended: 8, rate: 0.8 },
      theme_day: { held: 1, obliged: 5, attended: 5, rate: 1 },
      volunteer: { held: 1, obliged: 0, attended: 0, rate: null },
    });
    expect(a.threeMeetings).toEqual({ month: { held: 3, obliged: 14, attended: 10, rate: 0.7143 }, year: { held: 4, obliged: 17, attended: 13, rate: 0.7647 } });
    expect(a.volunteer).toMatchObject({ held: 1, people: 5 });
    expect(a.volunteer.trend.at(-2)).toEqual({ month: addMonthsTo(month(), -1), held: 2, people: 7 });
  });

  it('shows dues 月月清 this month and over 12 months', async () => {
    const d = await get(admin, 'dues');
    expect(d.current).toEqual({ month: month(), orgs: 2, clearOrgs: 1, lateOrgs: 0, openOrgs: 1, clearShareBp: 5000, due: 4, paid: 3, paidShareBp: 7500 });
    expect(d.trend).toHaveLength(12);
    expect(d.trend.at(-2)).toMatchObject({ orgs: 2, clearOrgs: 1, lateOrgs: 1, openOrgs: 0, paidShareBp: 10_000 });
    expect(d.trend[0]).toMatchObject({ orgs: 0, clearShareBp: null, paidShareBp: null });
  });

  it('shows this month’s compliance as the rule engine counts it, per township (known colours: screen-compliance.route.test.ts)', async () => {
    const c = await get(admin, 'compliance');
    expect(c).toMatchObject({ org: { id: f.root.id }, month: month() });
    // The same figures as the engine's own counts for the county and the month.
    const engine = await complianceCounts(rootAdminCtx(), f.root.id, month());
    expect({ orgs: c.orgs, byType: c.byType, children: c.children }).toEqual(JSON.parse(JSON.stringify(engine)));
    expect(c.orgs.green + c.orgs.amber + c.orgs.red).toBeLessThanOrEqual(c.orgs.total);
    expect(c.children.map((x: { orgId: string }) => x.orgId).sort()).toEqual([f.t1.id, f.t2.id].sort());
    // A township administrator: their township's branches only.
    const own = await get(township, 'compliance');
    expect(own.org.id).toBe(f.t1.id);
    expect(own.children.map((x: { orgId: string }) => x.orgId)).toEqual([f.b1.id]);
    expect(own.orgs.total).toBe(c.children.find((x: { orgId: string }) => x.orgId === f.t1.id).total);
  });

  it('keeps a township administrator to their township', async () => {
    const o = await get(township, 'overview');
    expect(o.org.id).toBe(f.t1.id);
    expect(o.blocks).toEqual([expect.objectContaining({ orgId: f.b1.id, members: 3, held: 4, obliged: 15, attended: 13 })]);
    expect(o.totals).toMatchObject({ organizations: 2, members: 3, duesOrgs: 1, duesClearOrgs: 1 });
    expect(await get(township, 'live')).toMatchObject({ checkins: 3, underWay: 1, children: [{ orgId: f.b1.id, checkins: 3, underWay: 1 }] });
    const a = await get(township, 'activity');
    expect(a.thisMonth).not.toHaveProperty('branch_assembly');
    expect(a.volunteer.trend.at(-2)).toMatchObject({ held: 0, people: 0 });
    expect((await get(township, 'dues')).current).toMatchObject({ orgs: 1, clearOrgs: 1, openOrgs: 0 });
    for (const path of ['overview', 'live', 'activity', 'dues', 'compliance']) {
      for (const other of [f.t2.id, f.b2.id, f.root.id, f.x.id]) expect((await call(t, township, 'GET', `/api/screen/${path}?orgId=${other}`)).statusCode, `${path} ${other}`).toBe(404);
    }
    // A branch secretary has no big screen.
    const secretary = await login(t, 'branch_secretary', FIXTURE_PASSWORD);
    expect((await call(t, secretary, 'GET', '/api/screen/overview')).statusCode).toBe(403);
    expect((await call(t, admin, 'GET', '/api/screen/overview?orgId=nope')).statusCode).toBe(400);
    expect((await call(t, admin, 'GET', '/api/screen/overview?x=1')).statusCode).toBe(400);
  });

  it('answers aggregates only: no member’s name, ID number or card in any answer', async () => {
    const bodies: string[] = [];
    for (const s of [admin, township])
      for (const path of ['overview', 'live', 'activity', 'dues', 'compliance']) bodies.push((await call(t, s, 'GET', `/api/screen/${path}`)).body);
    const all = bodies.join('\n');
    expect(all).toContain('甲镇党委');
    for (const secret of [...NAMES, ...idNumbers, 'SCR-0', 'SCR-1', 'SCR-3']) expect(all).not.toContain(secret);
  });

  it('keeps an answer a few seconds for the wall display, then shows the new check-ins', async () => {
    expect((await get(admin, 'live')).checkins).toBe(3);
    const a2 = await seedOpenActivity(t.services, f.b1, { title: '甲镇一村党课', type: 'party_lecture' });
    await swipe(a2, 'SCR-2');
    // Within the cache period: the same answer.
    expect((await get(admin, 'live')).checkins).toBe(3);
    clearScreenCache();
    expect(await get(admin, 'live')).toMatchObject({ checkins: 4, activities: 2, underWay: 2 });
  });
});
