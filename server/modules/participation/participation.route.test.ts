import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../core/ids.ts';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { seedCardMember, seedOpenActivity } from '../activities/activities.fixture.ts';
import { activityLeaves } from '../activities/activities.tables.ts';
import { checkins } from '../checkin/checkin.tables.ts';
import { accountAt } from '../dues/bills.fixture.ts';
import { duesBills } from '../dues/dues.tables.ts';
import { members } from '../members/members.tables.ts';
import { call, memberSession, sheetRows } from '../members/test-kit.ts';

// A hand-built year (2025) with exactly known numbers. Branch b1 (甲镇一村) holds four 主题党日
// (Jan–Apr), the township t1 above it a 党课 in May; b2 (乙镇一村) a 主题党日 in April. Cancelled and
// future activities count for nothing.
// 张按时: present Jan–Mar and at the 党课; in April absent at home but a guest at b2 (异地参加) → 5/5, 1 guest.
// 李少到: present Jan, approved leave Feb, absent Mar, Apr, 党课 → 1/4, leave 1 → low.
// 王不计: 不计到会率 → nothing expected, no rate.
// 赵新党: joined 2025-03-15 → expected Apr and 党课 only, present Apr → 1/2 (too few to be low).

let t: TestApp;
let f: Fixture;
let root: Session;
let secB1: Session;
let secB2: Session;
let townT2: Session;
let meA: Session;
const m: Record<string, string> = {};
let idA = '';
const at = (d: string) => new Date(`${d}T09:00:00+08:00`);

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  const s = t.services;
  const c = f.root.countyCode;
  const a = await seedCardMember(s, f.b1, '张按时', null);
  m.a = a.id;
  idA = a.idNumber;
  m.b = (await seedCardMember(s, f.b1, '李少到', null)).id;
  m.c = (await seedCardMember(s, f.b1, '王不计', null)).id;
  m.e = (await seedCardMember(s, f.b1, '赵新党', null)).id;
  await s.db.update(members).set({ excludeAttendance: true }).where(and(eq(members.countyCode, c), eq(members.id, m.c)));
  await s.db.update(members).set({ joinedOn: '2025-03-15' }).where(and(eq(members.countyCode, c), eq(members.id, m.e)));
  const act = (org: typeof f.b1, day: string, type: string, more: Record<string, unknown> = {}) =>
    seedOpenActivity(s, org, { type, title: `${type}-${day}`, startsAt: at(day), endsAt: new Date(at(day).getTime() + 7_200_000), ...more });
  const jan = await act(f.b1, '2025-01-10', 'theme_day');
  const feb = await act(f.b1, '2025-02-10', 'theme_day');
  const mar = await act(f.b1, '2025-03-10', 'theme_day');
  const apr = await act(f.b1, '2025-04-10', 'theme_day');
  const lecture = await act(f.t1, '2025-05-10', 'party_lecture');
  await act(f.b1, '2025-06-10', 'theme_day', { state: 'cancelled', cancelReason: '测试取消' });
  await act(f.b1, '2030-01-10', 'theme_day');
  const b2Apr = await act(f.b2, '2025-04-05', 'theme_day');
  const checkIn = (activityId: string, memberId: string, hostOrgId: string, affiliated = true) =>
    s.db.insert(checkins).values({ countyCode: c, id: uuidv7(), activityId, memberId, hostOrgId, homeOrgId: f.b1.id, affiliated, channel: 'card', nonce: `p-${uuidv7()}` });
  for (const id of [jan, feb, mar, lecture]) await checkIn(id, m.a, id === lecture ? f.t1.id : f.b1.id);
  await checkIn(b2Apr, m.a, f.b2.id, false);
  await checkIn(jan, m.b, f.b1.id);
  await checkIn(apr, m.e, f.b1.id);
  await s.db.insert(activityLeaves).values({ countyCode: c, id: uuidv7(), activityId: feb, memberId: m.b, reason: '外出务工', state: 'approved', decidedName: 'fixture', decidedAt: new Date() });
  const bill = (month: string, state: 'paid' | 'due', paidAt: string | null) =>
    s.db.insert(duesBills).values({
      countyCode: c, id: uuidv7(), memberId: m.a, month, orgId: f.b1.id, category: 'employed', amountFen: 500, paidFen: state === 'paid' ? 500 : 0, state, paidAt: paidAt ? at(paidAt) : null,
    });
  await bill('2025-01', 'paid', '2025-01-20');
  await bill('2025-02', 'paid', '2025-04-01');
  await bill('2025-03', 'due', null);
  root = await login(t, 'root_admin', FIXTURE_PASSWORD);
  secB1 = await accountAt(t, 'part_sec_b1', 'branch_secretary', f.b1);
  secB2 = await accountAt(t, 'part_sec_b2', 'branch_secretary', f.b2);
  townT2 = await accountAt(t, 'part_town_t2', 'township_admin', f.t2);
  meA = await memberSession(t, root, m.a, idA);
});
afterAll(() => t.close());

const year = 'from=2025-01-01&to=2025-12-31';
const pick = (r: { name: string; obliged: number; attended: number; leave: number; guest: number; rate: number | null; low: boolean }) => [r.name, r.obliged, r.attended, r.leave, r.guest, r.rate, r.low];

describe('participation per member', () => {
  it('counts 应到 / 实到 / 请假 / guest check-ins per member, lowest rate first', async () => {
    const res = await call(t, secB1, 'GET', `/api/participation?orgId=${f.b1.id}&${year}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items.map(pick)).toEqual([
      ['李少到', 4, 1, 1, 0, 0.25, true],
      ['赵新党', 2, 1, 0, 0, 0.5, false],
      ['张按时', 5, 5, 0, 1, 1, false],
      ['王不计', 0, 0, 0, 0, null, false],
    ]);
    expect(body.total).toBe(4);
    expect([body.lowRate, body.minObliged]).toEqual([0.6, 3]);
  });

  it('keeps only the low-participation members with ?low=true; a shorter period counts less', async () => {
    const low = await call(t, secB1, 'GET', `/api/participation?orgId=${f.b1.id}&${year}&low=true`);
    expect(low.json().items.map((r: { name: string }) => r.name)).toEqual(['李少到']);
    const q1 = await call(t, secB1, 'GET', `/api/participation?orgId=${f.b1.id}&from=2025-01-01&to=2025-03-31`);
    expect(q1.json().items.find((r: { name: string }) => r.name === '李少到')).toMatchObject({ obliged: 2, attended: 1, leave: 1 });
  });

  it('lists the subtree from the township with includeSubtree, only direct members without it', async () => {
    const direct = await call(t, root, 'GET', `/api/participation?orgId=${f.t1.id}&${year}`);
    expect(direct.json().items.map((r: { name: string }) => r.name)).not.toContain('张按时');
    const sub = await call(t, root, 'GET', `/api/participation?orgId=${f.t1.id}&${year}&includeSubtree=true`);
    expect(sub.json().items.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['张按时', '李少到', '赵新党', '王不计']));
  });

  it('refuses an organization outside the caller’s scope (404) and a period that ends before it starts (400)', async () => {
    expect((await call(t, townT2, 'GET', `/api/participation?orgId=${f.b1.id}&${year}`)).statusCode).toBe(404);
    expect((await call(t, secB2, 'GET', `/api/participation/export?orgId=${f.b1.id}&${year}`)).statusCode).toBe(404);
    const bad = await call(t, secB1, 'GET', `/api/participation?orgId=${f.b1.id}&from=2025-05-01&to=2025-01-01`);
    expect(bad.statusCode).toBe(400);
  });

  it('exports the list to Excel in the same order', async () => {
    const res = await call(t, secB1, 'GET', `/api/participation/export?orgId=${f.b1.id}&${year}`);
    expect(res.statusCode).toBe(200);
    const rows = await sheetRows(res.rawPayload);
    expect(rows[1]).toEqual(['党员', '所在组织', '应到', '实到', '请假', '非隶属签到', '参与率', '参与偏低']);
    expect(rows[2]).toEqual(['李少到', '甲镇一村党支部', '4', '1', '1', '0', '25%', '是']);
    expect(rows.length).toBe(6);
  });
});

describe('evidence pack for 民主评议', () => {
  it('shows a member’s year across every organization, dues, and the sections not yet available', async () => {
    const before = (await t.services.db.execute(sql`SELECT count(*)::int AS n FROM member_views WHERE member_id = ${m.a} AND what = 'file'`)) as unknown as { rows: { n: number }[] };
    const res = await call(t, secB1, 'GET', `/api/members/${m.a}/evidence?year=2025`);
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json();
    expect(e.attendance.total).toEqual({ obliged: 5, attended: 5, leave: 0, guest: 1 });
    const orgs = e.attendance.organizations.map((o: { orgName: string; own: boolean; obliged: number; attended: number; guest: number }) => [o.orgName, o.own, o.obliged, o.attended, o.guest]);
    expect(orgs).toEqual([
      ['甲镇一村党支部', true, 4, 4, 0],
      ['甲镇党委', true, 1, 1, 0],
      ['乙镇一村党支部', false, 0, 0, 1],
    ]);
    const b1 = e.attendance.organizations[0];
    expect(b1.months.map((x: { month: string }) => x.month)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
    expect(b1.types).toEqual([{ type: 'theme_day', obliged: 4, attended: 4, leave: 0, guest: 0 }]);
    expect(e.attendance.activities.map((a: { status: string }) => a.status)).toEqual(['present', 'present', 'present', 'guest', 'elsewhere', 'present']);
    expect(e.dues).toMatchObject({ billed: 3, paidOnTime: 1, paidLate: 1, unpaid: 1, waived: 0, amountFen: 1500, paidFen: 1000 });
    expect(e.sections).toEqual([
      { key: 'volunteering', available: false },
      { key: 'study', available: false },
      { key: 'grid', available: false },
      { key: 'points', available: false },
    ]);
    const after = (await t.services.db.execute(sql`SELECT count(*)::int AS n FROM member_views WHERE member_id = ${m.a} AND what = 'file'`)) as unknown as { rows: { n: number }[] };
    expect(after.rows[0].n).toBe(before.rows[0].n + 1);
  });

  it('is not found outside the caller’s scope, like the member record', async () => {
    expect((await call(t, secB2, 'GET', `/api/members/${m.a}/evidence?year=2025`)).statusCode).toBe(404);
    expect((await call(t, secB2, 'GET', `/api/members/${m.a}/evidence/export?year=2025`)).statusCode).toBe(404);
    expect((await call(t, secB1, 'GET', `/api/members/${m.a}/evidence?year=twenty`)).statusCode).toBe(400);
  });

  it('gives the member their own pack and its export, marking what is not yet available', async () => {
    const mine = await call(t, meA, 'GET', '/api/my/evidence?year=2025');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().attendance.total).toEqual({ obliged: 5, attended: 5, leave: 0, guest: 1 });
    const x = await call(t, meA, 'GET', '/api/my/evidence/export?year=2025');
    expect(x.statusCode).toBe(200);
    const rows = (await sheetRows(x.rawPayload)).map((r) => r.join('|'));
    expect(rows).toContain('党费||应缴月数|3');
    expect(rows).toContain('志愿服务|||尚未接入');
    expect(rows).toContain('学习培训|||尚未接入');
  });
});
