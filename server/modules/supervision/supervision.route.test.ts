import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../common/calendar.ts';
import { type ClientCreds, type Session, type TestApp, login, signed } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { seedCardMember, seedKiosk, seedOpenActivity } from '../activities/activities.fixture.ts';
import { call } from '../members/test-kit.ts';
import type { OrgRow } from '../orgs/orgs.repo.ts';
import { addOrg } from '../orgs/orgs.test-kit.ts';
import { FOLLOW_UP_MS, ROLLUP_JOB, rebuildRollup, rollupJobRun, runRollup } from './rollup.ts';

let t: TestApp;
let f: Fixture;
let admin: Session;
let township: Session;
let kiosk: ClientCreds;
let branch: OrgRow;
let seq = 0;
const MIN = 60_000;

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  admin = await login(t, 'root_admin', FIXTURE_PASSWORD);
  township = await login(t, 'township_admin', FIXTURE_PASSWORD);
  kiosk = await seedKiosk(t.services, f.t1, { name: '甲镇签到机' });
  branch = await addOrg(t.services, f.t1, '甲镇二村党支部', 'branch');
}, 60_000);
afterAll(() => t.close());

const swipe = async (activityId: string, cardNo: string) => {
  const r = await t.app.inject(signed(kiosk, { method: 'POST', url: '/api/checkins', payload: { activityId, credential: { cardNo }, nonce: `sv-${Date.now()}-${++seq}` } }));
  expect(r.statusCode, r.body).toBe(201);
};
/** The rollup of the county, in a stable order. */
type Snap = { org_id: string; day: string; activity_type: string; held: number; obliged: number; attended: number; leave: number; guests: number };
const snapshot = async () =>
  (
    (await t.services.db.execute(sql`
      SELECT org_id, day::text AS day, activity_type, held, obliged, attended, leave, guests FROM org_activity_days
       WHERE county_code = ${f.root.countyCode} ORDER BY org_id, day, activity_type`)) as unknown as { rows: Snap[] }
  ).rows;
/** The per-activity keys (with the type and figures the rule engine reads), in a stable order. */
const keySnapshot = async () =>
  (
    (await t.services.db.execute(sql`
      SELECT activity_id, org_id, day::text AS day, activity_type, obliged, attended FROM org_activity_day_keys
       WHERE county_code = ${f.root.countyCode} ORDER BY activity_id`)) as unknown as { rows: unknown[] }
  ).rows;
/** The month rows (sums of the day rows), in a stable order. */
const monthSnapshot = async () =>
  (
    (await t.services.db.execute(sql`
      SELECT org_id, month, activity_type, held, obliged, attended, leave, guests FROM org_activity_months
       WHERE county_code = ${f.root.countyCode} ORDER BY org_id, month, activity_type`)) as unknown as { rows: unknown[] }
  ).rows;
const summary = (s: Session, query: string) => call(t, s, 'GET', `/api/supervision/activity-summary?${query}`);
const range = () => `from=${addDays(todayIn(), -1)}&to=${todayIn()}`;

describe('the rollup', () => {
  let a1: string;
  let a2: string;

  it('is the same incrementally (the job) as rebuilt from the activities, before and after more check-ins and a cancellation', async () => {
    const county = f.root.countyCode;
    // A first pass sets the watermark (nothing to count yet).
    expect(await runRollup(t.services, county)).toMatchObject({ full: true });
    expect(await snapshot()).toEqual([]);

    await seedCardMember(t.services, branch, '冯汇总', 'SV-1');
    await seedCardMember(t.services, branch, '陈汇总', 'SV-2');
    await seedCardMember(t.services, branch, '褚汇总', 'SV-3');
    await seedCardMember(t.services, f.b2, '卫来宾', 'SV-4');
    a1 = await seedOpenActivity(t.services, branch, { title: '二村党小组会' });
    a2 = await seedOpenActivity(t.services, branch, { type: 'theme_day', title: '二村主题党日', startsAt: new Date(Date.now() - 20 * MIN) });
    // Not started: not held yet.
    await seedOpenActivity(t.services, branch, { type: 'party_lecture', title: '二村党课', startsAt: new Date(Date.now() + 3 * 60 * MIN) });
    await swipe(a1, 'SV-1');
    await swipe(a1, 'SV-2');
    await swipe(a1, 'SV-4');

    const first = await runRollup(t.services, county);
    expect(first.full).toBe(false);
    expect(first.pairs).toBeGreaterThan(0);
    const incremental = await snapshot();
    expect(incremental).toHaveLength(2);
    expect(incremental.find((r) => r.activity_type === 'group_meeting')).toMatchObject({ org_id: branch.id, held: 1, obliged: 3, attended: 2, leave: 0, guests: 1 });
    expect(incremental.find((r) => r.activity_type === 'theme_day')).toMatchObject({ org_id: branch.id, held: 1, obliged: 3, attended: 0, guests: 0 });
    const keys = await keySnapshot();
    const months = await monthSnapshot();
    expect(months).toContainEqual(expect.objectContaining({ org_id: branch.id, activity_type: 'group_meeting', held: 1, obliged: 3, attended: 2, guests: 1 }));
    expect(keys).toContainEqual({ activity_id: a1, org_id: branch.id, day: todayIn(new Date(Date.now() - 10 * MIN)), activity_type: 'group_meeting', obliged: 3, attended: 2 });
    await rebuildRollup(t.services, county, {});
    expect(await snapshot()).toEqual(incremental);
    expect(await keySnapshot()).toEqual(keys);
    expect(await monthSnapshot()).toEqual(months);

    // More check-ins and a cancellation through the routes; the job again, then a rebuild again.
    await swipe(a1, 'SV-3');
    await swipe(a2, 'SV-1');
    const cancelled = await call(t, admin, 'POST', `/api/activities/${a2}/cancel`, { reason: '台风停会' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await runRollup(t.services, county);
    const again = await snapshot();
    expect(again).toEqual([expect.objectContaining({ activity_type: 'group_meeting', held: 1, obliged: 3, attended: 3, guests: 1 })]);
    const keysAgain = await keySnapshot();
    expect(keysAgain).toEqual([expect.objectContaining({ activity_id: a1, obliged: 3, attended: 3 })]);
    await rebuildRollup(t.services, county, {});
    expect(await snapshot()).toEqual(again);
    expect(await keySnapshot()).toEqual(keysAgain);
    expect(await monthSnapshot()).toEqual([expect.objectContaining({ activity_type: 'group_meeting', held: 1, attended: 3 })]);
  });

  it('touches nothing on a second run with nothing new (the watermark), and a rerun over the same changes writes the same rows', async () => {
    const county = f.root.countyCode;
    const before = await snapshot();
    // The lookback looks again at the last two minutes: the same days recomputed to the same rows.
    await runRollup(t.services, county);
    expect(await snapshot()).toEqual(before);
    const r = await runRollup(t.services, county, { lookbackMs: 0 });
    expect(r).toMatchObject({ pairs: 0, rows: 0 });
    expect(await snapshot()).toEqual(before);
    // A partial rebuild (the days from today on) gives the same rows and keeps the earlier ones.
    const months = await monthSnapshot();
    await rebuildRollup(t.services, county, { from: todayIn() });
    expect(await snapshot()).toEqual(before);
    expect(await monthSnapshot()).toEqual(months);
  });

  it('looks again 15 s later while check-ins come (a follow-up run, once per slot), not when nothing changed', async () => {
    const followUps = async () =>
      (
        (await t.services.db.execute(sql`SELECT run_at FROM jobs WHERE name = ${ROLLUP_JOB} AND dedupe_key LIKE ${`${ROLLUP_JOB}@follow-%`} ORDER BY run_at`)) as unknown as {
          rows: { run_at: string }[];
        }
      ).rows;
    const before = (await followUps()).length;
    // An edit of the activity (its updated_at) touches its day again.
    await t.services.db.execute(sql`UPDATE activities SET updated_at = clock_timestamp() WHERE county_code = ${f.root.countyCode} AND id = ${a1}`);
    const t0 = Date.now();
    const at = await rollupJobRun(t.services);
    expect(at).not.toBeNull();
    expect((at as Date).getTime() - t0).toBeGreaterThanOrEqual(FOLLOW_UP_MS - 1000);
    expect((at as Date).getTime() - t0).toBeLessThanOrEqual(2 * FOLLOW_UP_MS);
    // Run again within the same slot: the same follow-up (deduplicated).
    const again = await rollupJobRun(t.services);
    expect(again).not.toBeNull();
    expect((await followUps()).length).toBe(before + (again?.getTime() === at?.getTime() ? 1 : 2));
    // Nothing changed since the watermark (no lookback): no follow-up.
    expect(await rollupJobRun(t.services, { lookbackMs: 0 })).toBeNull();
  });

  it('answers the known numbers by day and, with dues from the dues rollup, by month', async () => {
    await t.services.db.execute(sql`
      INSERT INTO dues_org_months (county_code, org_id, month, bills, due, paid, should_fen, paid_fen)
      VALUES (${f.root.countyCode}, ${branch.id}, ${todayIn().slice(0, 7)}, 3, 3, 2, 3000, 2000)`);
    const byDay = await summary(admin, `orgId=${f.root.id}&groupBy=day&${range()}`);
    expect(byDay.statusCode, byDay.body).toBe(200);
    const d = byDay.json();
    expect(d.totals).toMatchObject({ held: 1, heldByType: { group_meeting: 1 }, obliged: 3, attended: 3, rate: 1, guests: 1, shouldFen: null });
    expect(d.children.find((c: { orgId: string }) => c.orgId === f.t1.id)).toMatchObject({ held: 1, obliged: 3, attended: 3, guests: 1, hasChildren: true });
    expect(d.children.find((c: { orgId: string }) => c.orgId === f.t2.id)).toMatchObject({ held: 0, rate: null });
    expect(d.periods).toHaveLength(2);
    expect(d.periods.find((p: { period: string }) => p.period === todayIn(new Date(Date.now() - 10 * MIN)))).toMatchObject({ held: 1, attended: 3 });

    const byMonth = (await summary(township, `groupBy=month&from=${todayIn().slice(0, 8)}01&to=${todayIn()}`)).json();
    expect(byMonth.org.id).toBe(f.t1.id);
    expect(byMonth.totals).toMatchObject({ held: 1, obliged: 3, attended: 3, shouldFen: 3000, paidFen: 2000 });
    expect(byMonth.children.find((c: { orgId: string }) => c.orgId === branch.id)).toMatchObject({ held: 1, shouldFen: 3000, paidFen: 2000 });
    expect(byMonth.periods).toEqual([expect.objectContaining({ period: todayIn().slice(0, 7), held: 1, shouldFen: 3000 })]);

    const x = await call(t, township, 'GET', `/api/supervision/activity-summary/export?groupBy=month&orgId=${branch.id}`);
    expect(x.statusCode, x.body).toBe(200);
    expect(x.headers['content-type']).toMatch(/spreadsheetml/);
  });

  it('keeps a township administrator to their township (another township’s organization → 404) and checks the range', async () => {
    expect((await summary(township, `orgId=${f.t2.id}`)).statusCode).toBe(404);
    expect((await summary(township, `orgId=${f.b2.id}`)).statusCode).toBe(404);
    expect((await summary(township, `orgId=${f.root.id}`)).statusCode).toBe(404);
    const own = (await summary(township, `groupBy=day&${range()}`)).json();
    expect(own.org.id).toBe(f.t1.id);
    expect(own.children.map((c: { orgId: string }) => c.orgId)).not.toContain(f.t2.id);
    const bad = await summary(admin, 'from=2026-05-02&to=2026-05-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('SUPERVISION_RANGE');
    const long = await summary(admin, 'groupBy=day&from=2024-01-01&to=2026-01-01');
    expect(long.statusCode).toBe(400);
    expect(long.json().error.code).toBe('SUPERVISION_RANGE_TOO_LONG');
    expect((await summary(admin, 'from=2026-02-30')).statusCode).toBe(400);
  });
});
