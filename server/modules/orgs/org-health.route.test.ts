import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, todayIn } from '../../../common/calendar.ts';
import { uuidv7 } from '../../core/ids.ts';
import { type Session, type TestApp, as, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { activities } from '../activities/activities.tables.ts';
import type { OrgRow } from './orgs.repo.ts';
import { organizations } from './orgs.tables.ts';
import { addMembers, addOrg, call } from './orgs.test-kit.ts';

// Organization health: INACTIVE (no activity held in the last 3 months) and SUB_BRANCH_SIZE (a
// village 下设支部 outside 20–25 members) in the warnings list, the detail and the export.

let t: TestApp;
let f: Fixture;
let township: Session;
const o: Record<string, OrgRow> = {};
const DAY = 86_400_000;

/** An organization registered in the system `daysAgo` days ago. */
async function registered(parent: OrgRow, name: string, level: string, daysAgo: number, category = 'rural') {
  const row = await addOrg(t.services, parent, name, level, category);
  await t.services.db.update(organizations).set({ createdAt: new Date(Date.now() - daysAgo * DAY) }).where(eq(organizations.id, row.id));
  return row;
}

/** An activity of an organization starting `daysAgo` days ago (negative = in the future). */
async function activity(org: OrgRow, daysAgo: number, state: 'planned' | 'cancelled' = 'planned') {
  const start = new Date(Date.now() - daysAgo * DAY);
  const end = new Date(start.getTime() + 2 * 3_600_000);
  await t.services.db.insert(activities).values({
    countyCode: org.countyCode, id: uuidv7(), orgId: org.id, type: 'theme_day', title: '主题党日', startsAt: start, endsAt: end, checkinFrom: start, checkinUntil: end, state,
  });
}

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  township = await login(t, 'township_admin', FIXTURE_PASSWORD);
  const general = await registered(f.t1, '健康村党总支', 'general_branch', 400);
  // Registered a year ago: one with a meeting last month, one whose only recent meetings were
  // cancelled or are still to come, one that never held anything.
  o.active = await registered(general, '健康村活跃下设支部', 'sub_branch', 365);
  o.stale = await registered(general, '健康村沉寂下设支部', 'sub_branch', 365);
  o.never = await registered(f.t1, '健康村从未活动党支部', 'branch', 365);
  // Registered last month: not inactive yet. A 党总支 is not checked.
  o.fresh = await registered(f.t1, '健康村新建党支部', 'branch', 30);
  await activity(o.active, 40);
  await activity(o.stale, 200);
  await activity(o.stale, 20, 'cancelled');
  await activity(o.stale, -10);
  // Sizes: the active village 下设支部 has 22 members (inside 20–25), the stale one 27; a community
  // 下设支部 of 30 is not checked.
  await addMembers(t.services, o.active, 22);
  await addMembers(t.services, o.stale, 27);
  o.community = await registered(f.t1, '健康社区下设支部', 'sub_branch', 10, 'community');
  await addMembers(t.services, o.community, 30);
  // Outside T1's scope: an inactive branch as a canary.
  o.canary = await registered(f.t2, '乙镇沉寂党支部', 'branch', 365);
});
afterAll(() => t.close());

type Item = { org: { id: string; name: string }; warnings: { code: string; params: Record<string, string | number>; message: string }[] };
const list = async (qs: string) => (await call(t, township, 'GET', `/api/orgs/warnings${qs}`)).json() as { items: Item[]; total: number };

describe('organization health warnings', () => {
  it('INACTIVE: branch-level organizations with nothing held (started, not cancelled) in the last 3 months', async () => {
    const res = await list('?code=INACTIVE&pageSize=100');
    const ids = res.items.map((i) => i.org.id);
    expect(ids).toEqual(expect.arrayContaining([o.stale.id, o.never.id]));
    for (const x of [o.active, o.fresh, o.community, o.canary]) expect(ids).not.toContain(x.id);
    // the 党总支 above them is never INACTIVE
    expect(res.items.every((i) => !i.org.name.includes('党总支'))).toBe(true);
    const stale = res.items.find((i) => i.org.id === o.stale.id)!.warnings.find((w) => w.code === 'INACTIVE')!;
    const lastHeld = todayIn(new Date(Date.now() - 200 * DAY));
    expect(stale.params).toEqual({ months: 3, since: lastHeld, lastHeldOn: lastHeld });
    expect(stale.message).toBe(`自 ${lastHeld} 以来未开展组织活动（超过 3 个月）`);
    const never = res.items.find((i) => i.org.id === o.never.id)!.warnings.find((w) => w.code === 'INACTIVE')!;
    expect(never.params.lastHeldOn).toBe('');
    expect(never.params.since).toBe(todayIn(new Date(Date.now() - 365 * DAY)));
    expect(String(never.params.since) < addMonths(todayIn(), -3)).toBe(true);
  });

  it('the organization detail shows the same INACTIVE warning, in English too', async () => {
    const stale = (await call(t, township, 'GET', `/api/orgs/${o.stale.id}`)).json();
    expect(stale.warnings.map((w: { code: string }) => w.code)).toContain('INACTIVE');
    const active = (await call(t, township, 'GET', `/api/orgs/${o.active.id}`)).json();
    expect(active.warnings.map((w: { code: string }) => w.code)).toEqual([]);
    const en = await t.app.inject(as(township, { method: 'GET', url: `/api/orgs/${o.never.id}`, headers: { 'accept-language': 'en' } }));
    expect(en.json().warnings.find((w: { code: string }) => w.code === 'INACTIVE').message).toMatch(/^No activity held since \d{4}-\d{2}-\d{2} \(more than 3 months\)$/);
  });

  it('SUB_BRANCH_SIZE: village 下设支部 outside 20–25 members', async () => {
    const res = await list('?code=SUB_BRANCH_SIZE&pageSize=100');
    expect(res.items.map((i) => i.org.id)).toEqual([o.stale.id]);
    expect(res.items[0].warnings.find((w) => w.code === 'SUB_BRANCH_SIZE')!.message).toBe('下设支部党员 27 名，一般为 20–25 名');
  });

  it('the export carries both warnings', async () => {
    const res = await call(t, township, 'GET', `/api/orgs/warnings/export?orgId=${o.stale.id}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const lastHeld = todayIn(new Date(Date.now() - 200 * DAY));
    expect(rows.slice(2).map((r) => [r[0], r[6], r[7]])).toEqual([
      ['健康村沉寂下设支部', '提醒', `自 ${lastHeld} 以来未开展组织活动（超过 3 个月）`],
      ['健康村沉寂下设支部', '提示', '下设支部党员 27 名，一般为 20–25 名'],
    ]);
  });
});
