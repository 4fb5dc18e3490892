import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientCreds, type Session, type TestApp, login, signed } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { call, codeOf, memberSession, sheetRows } from '../members/test-kit.ts';
import type { OrgRow } from '../orgs/orgs.repo.ts';
import { addOrg } from '../orgs/orgs.test-kit.ts';
import { orgCommittee } from '../orgs/orgs.tables.ts';
import { uuidv7 } from '../../core/ids.ts';
import { seedMember, testIdNumber } from '../members/members.fixture.ts';
import { seedCardMember, seedKiosk, seedOpenActivity } from './activities.fixture.ts';

// Activities through the API: planning and its validation, lists and exports, the attendance
// rules of DOMAIN §3 (应到, 不计到会率, leave, guests, obligations met elsewhere) and leave requests.

let t: TestApp;
let f: Fixture;
let secretary: Session;
let committee: Session;
let admin: Session;
const MIN = 60_000;

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  secretary = await login(t, 'branch_secretary', FIXTURE_PASSWORD);
  committee = await login(t, 'branch_committee', FIXTURE_PASSWORD);
  admin = await login(t, 'root_admin', FIXTURE_PASSWORD);
}, 60_000);
afterAll(() => t.close());

type Res = Awaited<ReturnType<typeof call>>;
const fields = (r: Res) => (r.json().error?.fields ?? []) as { path: string; code: string }[];
/** A field problem naming `name` (the path may carry the location, `body.`). */
const naming = (name: string, code: string) => expect.objectContaining({ path: expect.stringMatching(new RegExp(`(^|\\.)${name}$`)), code });
const iso = (ms: number) => new Date(ms).toISOString();
/** A new branch (under T1 unless said), so who is expected depends on this test alone. */
const branch = (name: string, parent: OrgRow = f.t1) => addOrg(t.services, parent, name, 'branch');
const member = (org: OrgRow, name: string, cardNo: string | null = null) => seedCardMember(t.services, org, name, cardNo);
const create = (s: Session, body: Record<string, unknown>) => call(t, s, 'POST', '/api/activities', body);
const attendance = async (s: Session, id: string) => {
  const r = await call(t, s, 'GET', `/api/activities/${id}/attendance`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
type AttRow = { memberId: string; status: string; affiliated: boolean; channel: string | null; leaveId: string | null };
const statusOf = (att: { rows: AttRow[] }, memberId: string) => att.rows.find((r) => r.memberId === memberId)?.status;
const audits = (action: string, objectId: string) =>
  t.database.query<{ actor_name: string; reason: string | null; detail: Record<string, unknown> }>('SELECT actor_name, reason, detail FROM audit_log WHERE action = $1 AND object_id = $2 ORDER BY seq', [
    action,
    objectId,
  ]);

describe('planning an activity', () => {
  const start = Date.parse('2030-05-10T01:00:00Z');
  const base = { type: 'theme_day', title: '五月主题党日', startsAt: iso(start), endsAt: iso(start + 120 * MIN) };

  it('creates it with the default check-in window; refuses an end before the start (naming endsAt), a week-long one and a window closing before it opens', async () => {
    const ok = await create(secretary, { orgId: f.b1.id, ...base, place: '村党群服务中心', hostName: '张书记' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      orgId: f.b1.id, orgName: '甲镇一村党支部', type: 'theme_day', title: '五月主题党日', state: 'planned', locked: false, place: '村党群服务中心', hostName: '张书记',
      startsAt: iso(start), endsAt: iso(start + 120 * MIN), checkinFrom: iso(start - 30 * MIN), checkinUntil: iso(start + 120 * MIN),
      remoteAllowed: true, presentCount: 0, guestCount: 0, invites: [], canEdit: true, cancelReason: null,
    });
    expect(await audits('activity.create', ok.json().id)).toEqual([expect.objectContaining({ actor_name: 'branch_secretary', detail: expect.objectContaining({ title: '五月主题党日' }) })]);

    const backwards = await create(secretary, { orgId: f.b1.id, ...base, endsAt: iso(start - 60 * MIN) });
    expect(backwards.statusCode).toBe(400);
    expect(codeOf(backwards)).toBe('ACTIVITY_TIME_ORDER');
    expect(fields(backwards)).toEqual([naming('endsAt', 'ACTIVITY_TIME_ORDER')]);
    expect(codeOf(await create(secretary, { orgId: f.b1.id, ...base, endsAt: base.startsAt }))).toBe('ACTIVITY_TIME_ORDER');
    const long = await create(secretary, { orgId: f.b1.id, ...base, endsAt: iso(start + 8 * 24 * 60 * MIN) });
    expect(fields(long)).toEqual([naming('endsAt', 'ACTIVITY_TOO_LONG')]);
    const window = await create(secretary, { orgId: f.b1.id, ...base, checkinFrom: iso(start), checkinUntil: iso(start - 10 * MIN) });
    expect(window.statusCode).toBe(400);
    expect(fields(window)).toEqual([naming('checkinUntil', 'ACTIVITY_WINDOW_ORDER')]);
    // Counters and state are not the caller's to set; nor is an unknown type.
    const extra = await create(secretary, { orgId: f.b1.id, ...base, presentCount: 30 });
    expect(extra.statusCode).toBe(400);
    expect(codeOf(extra)).toBe('UNKNOWN_FIELD');
    expect((await create(secretary, { orgId: f.b1.id, ...base, type: 'picnic' })).statusCode).toBe(400);
    // Another township's branch does not exist for this secretary; a committee member only reads.
    expect((await create(secretary, { orgId: f.b2.id, ...base })).statusCode).toBe(404);
    expect((await create(committee, { orgId: f.b1.id, ...base })).statusCode).toBe(403);
    const read = await call(t, committee, 'GET', `/api/activities/${ok.json().id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().canEdit).toBe(false);
  });

  it('takes place at a 红色驿站 and nowhere else named as one', async () => {
    const station = await addOrg(t.services, f.t1, '甲镇红色驿站', 'red_station');
    const foreignStation = await addOrg(t.services, f.x, '安吉红色驿站', 'red_station');
    for (const stationOrgId of [f.t1.id, f.b1.id, foreignStation.id, '01900000-0000-7000-8000-000000000000']) {
      const r = await create(secretary, { orgId: f.b1.id, ...base, stationOrgId });
      expect(r.statusCode, stationOrgId).toBe(400);
      expect(fields(r)).toEqual([naming('stationOrgId', 'ACTIVITY_STATION_INVALID')]);
    }
    const ok = await create(secretary, { orgId: f.b1.id, ...base, stationOrgId: station.id });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ stationOrgId: station.id, stationName: '甲镇红色驿站' });
    const moved = await call(t, secretary, 'PATCH', `/api/activities/${ok.json().id}`, { stationOrgId: f.t1.id });
    expect(codeOf(moved)).toBe('ACTIVITY_STATION_INVALID');
    expect((await call(t, secretary, 'PATCH', `/api/activities/${ok.json().id}`, { stationOrgId: null })).json().stationName).toBeNull();
  });

  it('adds invited members and organizations to 应到; refuses invitees that do not exist in the county', async () => {
    const host = await branch('甲镇邀请村党支部');
    const invitedOrg = await branch('乙镇受邀村党支部', f.t2);
    const h = [await member(host, '甲一'), await member(host, '甲二')];
    const o = [await member(invitedOrg, '乙一'), await member(invitedOrg, '乙二')];
    const guest = await member(f.b2, '丙特邀');
    const foreign = await member(f.xb, '安吉党员');
    const unknown = await create(secretary, { orgId: host.id, ...base, inviteMemberIds: ['01900000-0000-7000-8000-000000000001'] });
    expect(unknown.statusCode).toBe(400);
    expect(fields(unknown)).toEqual([naming('inviteMemberIds', 'ACTIVITY_INVITE_INVALID')]);
    expect(fields(await create(secretary, { orgId: host.id, ...base, inviteMemberIds: [foreign.id] }))).toEqual([naming('inviteMemberIds', 'ACTIVITY_INVITE_INVALID')]);
    expect(fields(await create(secretary, { orgId: host.id, ...base, inviteOrgIds: [f.xb.id] }))).toEqual([naming('inviteOrgIds', 'ACTIVITY_INVITE_INVALID')]);

    const ok = await create(secretary, { orgId: host.id, ...base, inviteMemberIds: [guest.id, guest.id], inviteOrgIds: [invitedOrg.id] });
    expect(ok.statusCode, ok.body).toBe(201);
    const id = ok.json().id as string;
    expect(ok.json().invites).toEqual(
      expect.arrayContaining([
        { kind: 'member', id: guest.id, name: '丙特邀' },
        { kind: 'org', id: invitedOrg.id, name: '乙镇受邀村党支部' },
      ]),
    );
    expect(ok.json().invites).toHaveLength(2);
    let att = await attendance(secretary, id);
    expect(att).toMatchObject({ expected: 5, present: 0, absent: 5 });
    expect(new Set(att.rows.map((r: AttRow) => r.memberId))).toEqual(new Set([...h, ...o, guest].map((m) => m.id)));
    // Dropping the organization keeps the invited member.
    const patched = await call(t, secretary, 'PATCH', `/api/activities/${id}`, { inviteOrgIds: [] });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().invites).toEqual([{ kind: 'member', id: guest.id, name: '丙特邀' }]);
    att = await attendance(secretary, id);
    expect(att.expected).toBe(3);
  });

  it('expects only members who had joined by the day, and at a 支委会 only the committee in office', async () => {
    const org = await addOrg(t.services, f.b1, '应到规则测试支部', 'branch');
    const a = await seedCardMember(t.services, org, '早入党', null);
    const b = await seedCardMember(t.services, org, '委员乙', null);
    const late = await seedMember(t.services, org, { name: '后入党', idNumber: testIdNumber(977, '19900101'), joinedOn: '2021-03-01' });
    await t.services.db.insert(orgCommittee).values([
      { countyCode: org.countyCode, id: uuidv7(), orgId: org.id, memberId: b.id, position: 'secretary', termStart: '2019-01-01' },
      { countyCode: org.countyCode, id: uuidv7(), orgId: org.id, memberId: a.id, position: 'member', termStart: '2015-01-01', termEnd: '2019-12-31' },
    ]);
    const past = Date.parse('2020-05-10T01:00:00Z');
    const when = { startsAt: iso(past), endsAt: iso(past + 90 * MIN) };
    const theme = (await create(secretary, { orgId: org.id, type: 'theme_day', title: '2020年5月主题党日', ...when })).json().id as string;
    const rows = (await attendance(secretary, theme)).rows as AttRow[];
    expect(rows.map((r) => r.memberId).sort()).toEqual([a.id, b.id].sort());
    expect(rows.some((r) => r.memberId === late)).toBe(false);
    const committee = (await create(secretary, { orgId: org.id, type: 'committee', title: '2020年5月支委会', ...when })).json().id as string;
    const att = await attendance(secretary, committee);
    expect(att.rows.map((r: AttRow) => r.memberId)).toEqual([b.id]);
    expect(att.expected).toBe(1);
  });

  it('exports the attendance of an activity whose title has characters a sheet name cannot hold', async () => {
    const created = await create(secretary, { orgId: f.b1.id, ...base, title: '党课: 学习/讨论 [第1讲]?' });
    expect(created.statusCode, created.body).toBe(201);
    const exp = await call(t, secretary, 'GET', `/api/activities/${created.json().id}/attendance/export`);
    expect(exp.statusCode, exp.body).toBe(200);
    expect(exp.headers['content-type']).toContain('spreadsheetml');
  });

  it('changes an activity until it is cancelled; a default window moves with the start; the organization never changes', async () => {
    const created = await create(secretary, { orgId: f.b1.id, ...base });
    const id = created.json().id as string;
    const day = 24 * 60 * MIN;
    const moved = await call(t, secretary, 'PATCH', `/api/activities/${id}`, { startsAt: iso(start + day), endsAt: iso(start + day + 90 * MIN), title: '改期的主题党日' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ title: '改期的主题党日', checkinFrom: iso(start + day - 30 * MIN), checkinUntil: iso(start + day + 90 * MIN) });
    expect(((await audits('activity.update', id))[0].detail.fields as string[]).sort()).toEqual(['endsAt', 'startsAt', 'title']);
    // A window set by hand stays where it was put.
    await call(t, secretary, 'PATCH', `/api/activities/${id}`, { checkinFrom: iso(start + day - 60 * MIN) });
    const again = await call(t, secretary, 'PATCH', `/api/activities/${id}`, { startsAt: iso(start + day + 10 * MIN) });
    expect(again.json().checkinFrom).toBe(iso(start + day - 60 * MIN));
    const backwards = await call(t, secretary, 'PATCH', `/api/activities/${id}`, { endsAt: iso(start) });
    expect(fields(backwards)).toEqual([naming('endsAt', 'ACTIVITY_TIME_ORDER')]);
    const orgChange = await call(t, secretary, 'PATCH', `/api/activities/${id}`, { orgId: f.b2.id });
    expect(codeOf(orgChange)).toBe('UNKNOWN_FIELD');
    expect((await call(t, committee, 'PATCH', `/api/activities/${id}`, { title: '支委改标题' })).statusCode).toBe(403);
    const sibling = await seedOpenActivity(t.services, f.b2);
    expect((await call(t, secretary, 'PATCH', `/api/activities/${sibling}`, { title: '越权修改' })).statusCode).toBe(404);
    expect((await call(t, secretary, 'GET', `/api/activities/${sibling}`)).statusCode).toBe(404);
    const ancestor = await seedOpenActivity(t.services, f.root);
    expect((await call(t, secretary, 'GET', `/api/activities/${ancestor}`)).statusCode).toBe(404);

    expect((await call(t, secretary, 'POST', `/api/activities/${id}/cancel`, {})).statusCode).toBe(400);
    const cancelled = await call(t, secretary, 'POST', `/api/activities/${id}/cancel`, { reason: '与县委集中学习冲突' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ state: 'cancelled', cancelReason: '与县委集中学习冲突', canEdit: false });
    expect((await audits('activity.cancel', id))[0]).toMatchObject({ reason: '与县委集中学习冲突' });
    expect(codeOf(await call(t, secretary, 'PATCH', `/api/activities/${id}`, { title: '取消后修改' }))).toBe('ACTIVITY_CANCELLED');
    expect(codeOf(await call(t, secretary, 'POST', `/api/activities/${id}/cancel`, { reason: '再次取消' }))).toBe('ACTIVITY_CANCELLED');
  });
});

describe('lists and exports', () => {
  it('filters by organization (with or without its subtree), type, Shanghai calendar dates and state, newest first and paged', async () => {
    const br = await branch('甲镇列表村党支部');
    const group = await addOrg(t.services, br, '列表村第一党小组', 'party_group');
    // 23:30 in Shanghai on 10 March is still 10 March there (15:30 UTC).
    const a = await seedOpenActivity(t.services, br, { type: 'theme_day', title: '三月主题党日', startsAt: new Date('2026-03-10T23:30:00+08:00') });
    const b = await seedOpenActivity(t.services, br, { title: '三月党小组会', startsAt: new Date('2026-03-20T09:00:00+08:00'), state: 'cancelled', cancelReason: '改期' });
    const c = await seedOpenActivity(t.services, group, { title: '四月党小组会', startsAt: new Date('2026-04-05T09:00:00+08:00') });
    const canary = await seedOpenActivity(t.services, f.b2, { title: '乙镇的活动', startsAt: new Date('2026-03-15T09:00:00+08:00') });
    const list = async (q: string, s = secretary) => {
      const r = await call(t, s, 'GET', `/api/activities?${q}`);
      expect(r.statusCode, r.body).toBe(200);
      return { ids: (r.json().items as { id: string }[]).map((x) => x.id), total: r.json().total as number };
    };
    expect(await list(`orgId=${br.id}`)).toEqual({ ids: [c, b, a], total: 3 });
    expect(await list(`orgId=${br.id}&includeSubtree=false`)).toEqual({ ids: [b, a], total: 2 });
    expect(await list(`orgId=${br.id}&type=group_meeting`)).toEqual({ ids: [c, b], total: 2 });
    expect(await list(`orgId=${br.id}&to=2026-03-10`)).toEqual({ ids: [a], total: 1 });
    expect(await list(`orgId=${br.id}&from=2026-03-11&to=2026-03-31`)).toEqual({ ids: [b], total: 1 });
    expect(await list(`orgId=${br.id}&state=planned`)).toEqual({ ids: [c, a], total: 2 });
    expect(await list(`orgId=${br.id}&pageSize=1&page=2`)).toEqual({ ids: [b], total: 3 });
    expect(await list(`orgId=${br.id}`, committee)).toEqual({ ids: [c, b, a], total: 3 });
    // Without an organization: everything in scope, nothing outside it.
    const all = await list('from=2026-03-01&to=2026-04-30&pageSize=100');
    expect(all.ids).toEqual(expect.arrayContaining([a, b, c]));
    expect(all.ids).not.toContain(canary);
    expect((await call(t, secretary, 'GET', `/api/activities?orgId=${f.b2.id}`)).statusCode).toBe(404);
    expect((await call(t, secretary, 'GET', `/api/activities?orgId=${br.id}&from=2026-02-30`)).statusCode).toBe(400);

    const exp = await call(t, secretary, 'GET', `/api/activities/export?orgId=${br.id}`);
    expect(exp.statusCode).toBe(200);
    expect(exp.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const rows = await sheetRows(exp.rawPayload);
    expect(rows[0][0]).toContain('导出人 Exported by: 测试branch_secretary（branch_secretary）');
    expect(rows[1]).toEqual(['组织', '类型', '活动名称', '开始时间', '结束时间', '地点', '状态', '本组织签到', '非隶属签到', '线上签到', '补签']);
    expect(rows.slice(2).map((r) => [r[0], r[1], r[2], r[3], r[6]])).toEqual([
      ['列表村第一党小组', '党小组会', '四月党小组会', '2026/4/5 09:00:00', '正常'],
      ['甲镇列表村党支部', '党小组会', '三月党小组会', '2026/3/20 09:00:00', '已取消'],
      ['甲镇列表村党支部', '主题党日', '三月主题党日', '2026/3/10 23:30:00', '正常'],
    ]);
    const [audit] = await t.database.query<{ detail: { rows: number } }>("SELECT detail FROM audit_log WHERE action = 'export' AND object_type = 'activities' ORDER BY seq DESC LIMIT 1");
    expect(audit.detail.rows).toBe(3);
    expect((await call(t, secretary, 'GET', `/api/activities/export?orgId=${f.b2.id}`)).statusCode).toBe(404);
  });
});

describe('attendance (DOMAIN §3)', () => {
  it('counts 应到 without 不计到会率 members and approved leave; someone excluded who came is present', async () => {
    const br = await branch('甲镇出勤村党支部');
    const [came, absent1, absent2, onLeave, excluded] = [
      await member(br, '到会甲'), await member(br, '缺席乙'), await member(br, '缺席丙'), await member(br, '请假丁'), await member(br, '免计戊'),
    ];
    await member(br, '停止党籍', null).then((m) =>
      t.database.query("UPDATE members SET standing = 'suspended' WHERE id = $1", [m.id]),
    );
    const flags = await call(t, secretary, 'PUT', `/api/members/${excluded.id}/flags`, { excludeAttendance: true, excludeReason: '长期卧病在床', excludeApprover: '支委会', lostContactSince: null });
    expect(flags.statusCode, flags.body).toBe(200);
    const a = await seedOpenActivity(t.services, br);
    const leave = await call(t, secretary, 'POST', `/api/activities/${a}/leaves`, { memberId: onLeave.id, reason: '外出务工' });
    expect(leave.statusCode, leave.body).toBe(201);
    expect(leave.json()).toMatchObject({ memberId: onLeave.id, name: '请假丁', state: 'approved', decidedName: '测试branch_secretary' });
    expect((await call(t, secretary, 'POST', `/api/activities/${a}/manual-checkin`, { memberId: came.id, reason: '现场签到表登记' })).statusCode).toBe(201);

    let att = await attendance(secretary, a);
    expect(att).toMatchObject({ expected: 3, present: 1, elsewhere: 0, absent: 2, leave: 1, excluded: 1, guests: 0, manual: 1 });
    expect(att.rate).toBeCloseTo(1 / 3);
    expect(att.rows).toHaveLength(5);
    expect(Object.fromEntries(att.rows.map((r: AttRow) => [r.memberId, r.status]))).toEqual({
      [came.id]: 'present', [absent1.id]: 'absent', [absent2.id]: 'absent', [onLeave.id]: 'leave', [excluded.id]: 'excluded',
    });
    expect(att.rows.find((r: AttRow) => r.memberId === onLeave.id).leaveId).toBe(leave.json().id);

    // The excluded member and the one on leave come after all: both present and back in 应到.
    await call(t, secretary, 'POST', `/api/activities/${a}/manual-checkin`, { memberId: excluded.id, reason: '本人到会' });
    await call(t, secretary, 'POST', `/api/activities/${a}/manual-checkin`, { memberId: onLeave.id, reason: '提前返回到会' });
    att = await attendance(secretary, a);
    expect(att).toMatchObject({ expected: 5, present: 3, absent: 2, leave: 0, excluded: 0, rate: 0.6 });

    const exp = await call(t, committee, 'GET', `/api/activities/${a}/attendance/export`);
    expect(exp.statusCode).toBe(200);
    const rows = (await sheetRows(exp.rawPayload)).slice(2);
    expect(rows.map((r) => [r[0], r[2], r[3]])).toEqual(
      expect.arrayContaining([
        ['到会甲', '出席', '补签'],
        ['缺席乙', '缺席', ''],
        ['免计戊', '出席', '补签'],
      ]),
    );
    expect(rows).toHaveLength(5);
  });

  it('a guest check-in at another branch’s 主题党日 in the same month makes the member present elsewhere at home', async () => {
    const home = await branch('甲镇主题党日村党支部');
    const host = await branch('乙镇主题党日村党支部', f.t2);
    const traveller = await member(home, '外出者', 'C-8001');
    const stayer = await member(home, '留守者');
    await member(host, '东道主');
    const now = Date.now();
    const homeDay = await seedOpenActivity(t.services, home, { type: 'theme_day', title: '本支部主题党日', startsAt: new Date(now - 5 * MIN) });
    const homeMeeting = await seedOpenActivity(t.services, home, { type: 'group_meeting', title: '本支部党小组会', startsAt: new Date(now - 5 * MIN) });
    const hostDay = await seedOpenActivity(t.services, host, { type: 'theme_day', title: '乙镇主题党日', startsAt: new Date(now - 5 * MIN) });
    // The member swipes the card at a kiosk of the other township.
    const kiosk: ClientCreds = await seedKiosk(t.services, f.t2, { name: '乙镇签到机' });
    const swipe = await t.app.inject(signed(kiosk, { method: 'POST', url: '/api/checkins', payload: { activityId: hostDay, credential: { cardNo: 'C-8001' }, nonce: `guest-${now}` } }));
    expect(swipe.statusCode, swipe.body).toBe(201);
    expect(swipe.json()).toMatchObject({ affiliated: false });

    // At the host: a guest, outside 应到 and the rate.
    const atHost = await attendance(admin, hostDay);
    expect(atHost).toMatchObject({ expected: 1, present: 0, absent: 1, guests: 1, rate: 0 });
    expect(atHost.rows.find((r: AttRow) => r.memberId === traveller.id)).toMatchObject({ status: 'guest', affiliated: false, channel: 'card' });
    // At home: present for the obligation of this month's 主题党日, shown as elsewhere.
    const atHome = await attendance(secretary, homeDay);
    expect(atHome).toMatchObject({ expected: 2, present: 1, elsewhere: 1, absent: 1, guests: 0, rate: 0.5 });
    expect(statusOf(atHome, traveller.id)).toBe('elsewhere');
    expect(statusOf(atHome, stayer.id)).toBe('absent');
    // Not for another kind of meeting, nor for next month's 主题党日.
    expect(statusOf(await attendance(secretary, homeMeeting), traveller.id)).toBe('absent');
    const nextMonth = new Date(now + 40 * 24 * 60 * MIN);
    const later = await seedOpenActivity(t.services, home, { type: 'theme_day', title: '下月主题党日', startsAt: nextMonth });
    expect(statusOf(await attendance(secretary, later), traveller.id)).toBe('absent');
    // The host activity lies outside this secretary's scope.
    expect((await call(t, secretary, 'GET', `/api/activities/${hostDay}/attendance`)).statusCode).toBe(404);
  });
});

describe('leave', () => {
  it('a member asks for leave; the secretary approves or rejects it, once', async () => {
    const br = await branch('甲镇请假村党支部');
    const asker = await member(br, '请假人');
    const other = await member(br, '被驳回');
    const a = await seedOpenActivity(t.services, br, { startsAt: new Date(Date.now() + 24 * 60 * MIN) });
    const phone = await memberSession(t, secretary, asker.id, asker.idNumber);
    const otherPhone = await memberSession(t, secretary, other.id, other.idNumber);

    const asked = await call(t, phone, 'POST', `/api/me/activities/${a}/leave`, { reason: '家中老人住院' });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ activityId: a, memberId: asker.id, name: '请假人', reason: '家中老人住院', state: 'pending', decidedName: null });
    const leaveId = asked.json().id as string;
    expect(codeOf(await call(t, phone, 'POST', `/api/me/activities/${a}/leave`, { reason: '再请一次' }))).toBe('LEAVE_EXISTS');
    // Pending leave is not leave yet.
    let att = await attendance(secretary, a);
    expect(statusOf(att, asker.id)).toBe('absent');
    expect(att.rows.find((r: AttRow) => r.memberId === asker.id).leaveId).toBe(leaveId);
    const listed = await call(t, committee, 'GET', `/api/activities/${a}/leaves`);
    expect(listed.json().items).toEqual([expect.objectContaining({ id: leaveId, state: 'pending' })]);
    expect((await call(t, committee, 'POST', `/api/leaves/${leaveId}/decide`, { approve: true })).statusCode).toBe(403);

    const approved = await call(t, secretary, 'POST', `/api/leaves/${leaveId}/decide`, { approve: true, note: '同意，会后补学' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'approved', decidedName: '测试branch_secretary', decisionNote: '同意，会后补学' });
    expect(approved.json().decidedAt).not.toBeNull();
    expect((await audits('activity.leave.decide', leaveId))[0]).toMatchObject({ actor_name: 'branch_secretary', detail: { state: 'approved' } });
    expect(codeOf(await call(t, secretary, 'POST', `/api/leaves/${leaveId}/decide`, { approve: false }))).toBe('LEAVE_DECIDED');

    const rejectedId = (await call(t, otherPhone, 'POST', `/api/me/activities/${a}/leave`, { reason: '不想参加' })).json().id as string;
    const rejected = await call(t, secretary, 'POST', `/api/leaves/${rejectedId}/decide`, { approve: false, note: '理由不充分' });
    expect(rejected.json()).toMatchObject({ state: 'rejected' });
    att = await attendance(secretary, a);
    expect(att).toMatchObject({ expected: 1, leave: 1, absent: 1 });
    expect(statusOf(att, asker.id)).toBe('leave');
    expect(statusOf(att, other.id)).toBe('absent');
    const mine = (await call(t, phone, 'GET', '/api/me/activities')).json().items as { id: string; leave: string | null }[];
    expect(mine.find((x) => x.id === a)?.leave).toBe('approved');

    // Not expected elsewhere; nothing to ask for at a cancelled activity; other scopes see nothing.
    const elsewhere = await seedOpenActivity(t.services, f.b2);
    expect(codeOf(await call(t, phone, 'POST', `/api/me/activities/${elsewhere}/leave`, { reason: '请假' }))).toBe('LEAVE_NOT_ATTENDEE');
    const cancelled = await seedOpenActivity(t.services, br, { state: 'cancelled', cancelReason: '改期' });
    expect(codeOf(await call(t, phone, 'POST', `/api/me/activities/${cancelled}/leave`, { reason: '请假' }))).toBe('ACTIVITY_CANCELLED');
    const foreign = await seedOpenActivity(t.services, f.xb);
    expect((await call(t, phone, 'POST', `/api/me/activities/${foreign}/leave`, { reason: '请假' })).statusCode).toBe(404);
    const siblingMember = await member(f.b2, '乙镇党员');
    const siblingLeave = await call(t, admin, 'POST', `/api/activities/${elsewhere}/leaves`, { memberId: siblingMember.id, reason: '出差' });
    expect(siblingLeave.statusCode, siblingLeave.body).toBe(201);
    expect((await call(t, secretary, 'POST', `/api/leaves/${siblingLeave.json().id}/decide`, { approve: false })).statusCode).toBe(404);
    expect((await call(t, secretary, 'GET', `/api/activities/${elsewhere}/leaves`)).statusCode).toBe(404);
    // The secretary records leave only for someone expected.
    expect(codeOf(await call(t, secretary, 'POST', `/api/activities/${a}/leaves`, { memberId: siblingMember.id, reason: '出差' }))).toBe('LEAVE_NOT_ATTENDEE');
  });
});
