
import { beforeAll, describe, expect, it } from 'vitest';
import { type ClientCreds, type Session, type TestApp, as, login, } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, } from '../../test/fixture.ts';
import { seedOpenActivity } from '../activities/activities.fixture.ts';
import { call, codeOf, memberSession } from '../members/test-kit.ts';
import { issueMemberQr } from './credentials.ts';
import { checkinSuite } from './checkin.test-kit.ts';

const k = checkinSuite();
const { nonce, kioskCheckin, swipe, phoneCheckin, batch, activityOf, attendanceOf, rowsOf, member, freshBranch } = k;
let t: TestApp;
let f: Fixture;
let secretary: Session;
let kiosk: ClientCreds;
const MIN = 60_000;
beforeAll(() => {
  ({ t, f, secretary, kiosk } = k.state);
});

describe('guests and counters', () => {
  it('counts a member of another branch as a guest (affiliated: false) and keeps the counters equal to the rows', async () => {
    const branch = await freshBranch('甲镇三村党支部');
    const a = await seedOpenActivity(t.services, branch, { title: '三村党小组会' });
    const home = await member(branch, '冯本支部', 'C-5001', { chipUid: '04C0FFEE01' });
    await member(branch, '陈本支部', 'C-5002');
    const guest = await member(f.b2, '褚外来', 'C-5003');
    const remote = await member(branch, '卫远程', null);
    const manual = await member(branch, '蒋补签', null);

    expect((await swipe(a, 'C-5001')).json()).toMatchObject({ affiliated: true });
    expect((await kioskCheckin(kiosk, a, { cardUid: '04c0ffee01' })).json()).toMatchObject({ duplicate: true });
    expect((await swipe(a, 'C-5002')).statusCode).toBe(201);
    const g = await swipe(a, 'C-5003');
    expect(g.statusCode).toBe(201);
    expect(g.json()).toMatchObject({ affiliated: false, member: { name: '褚**', orgName: '乙镇一村党支部' } });
    expect((await swipe(a, 'C-5003')).json()).toMatchObject({ duplicate: true, affiliated: false });
    const phone = await memberSession(t, secretary, remote.id, remote.idNumber);
    expect((await phoneCheckin(phone, a, { remote: true })).statusCode).toBe(201);
    expect((await call(t, secretary, 'POST', `/api/activities/${a}/manual-checkin`, { memberId: manual.id, reason: '签到机故障，会后补签' })).statusCode).toBe(201);
    expect((await swipe(a, 'NO-SUCH-CARD')).statusCode).toBe(404);

    const rows = await rowsOf(a);
    expect(rows).toHaveLength(5);
    const activity = await activityOf(a);
    expect(activity).toMatchObject({
      presentCount: rows.filter((r) => r.affiliated).length,
      guestCount: rows.filter((r) => !r.affiliated).length,
      remoteCount: rows.filter((r) => r.channel === 'remote').length,
      manualCount: rows.filter((r) => r.channel === 'manual').length,
    });
    expect(activity).toMatchObject({ presentCount: 4, guestCount: 1, remoteCount: 1, manualCount: 1 });
    const att = await attendanceOf(a);
    expect(att).toMatchObject({ expected: 4, present: 4, absent: 0, guests: 1, remote: 1, manual: 1, rate: 1 });
    expect(att.rows.find((r: { memberId: string }) => r.memberId === guest.id)).toMatchObject({ status: 'guest', affiliated: false, orgName: '乙镇一村党支部', channel: 'card' });
    expect(att.rows.find((r: { memberId: string }) => r.memberId === home.id)).toMatchObject({ status: 'present', affiliated: true, channel: 'card' });
  });
});

describe('offline batch upload', () => {
  it('stores each scan once however often it is uploaded, judges late items at the device’s time', async () => {
    const now = Date.now();
    // Ended ten minutes ago; the kiosk was offline during the meeting.
    const a = await seedOpenActivity(t.services, f.t1, { startsAt: new Date(now - 130 * MIN), endsAt: new Date(now - 10 * MIN) });
    const ms = [await member(f.t1, '沈离线', 'C-6001'), await member(f.t1, '韩离线', 'C-6002'), await member(f.t1, '杨离线', 'C-6003')];
    const qrMember = await member(f.t1, '朱离线', 'C-6004');
    // A member QR shown 40 minutes ago (valid 5 minutes then, expired now).
    const shown = await issueMemberQr(t.services, { c: f.t1.countyCode, m: qrMember.id, k: 'C-6004', n: '朱**' }, now - 40 * MIN);
    const inside = new Date(now - 39 * MIN).toISOString();
    const items = [
      ...['C-6001', 'C-6002', 'C-6003'].map((cardNo, i) => ({ activityId: a, credential: { cardNo }, nonce: `offline-6000-${i}`, deviceTime: inside, deviceId: 'kiosk-1' })),
      { activityId: a, credential: { qr: shown.qr }, nonce: 'offline-6000-qr', deviceTime: inside },
      { activityId: a, credential: { cardNo: 'C-6001' }, nonce: 'offline-6000-late', deviceTime: new Date(now - 5 * MIN).toISOString() },
      { activityId: a, credential: { cardNo: 'NO-SUCH-CARD' }, nonce: 'offline-6000-unknown', deviceTime: inside },
    ];
    const first = await batch(kiosk, items);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'CHECKIN_OUTSIDE_WINDOW', 'CHECKIN_UNKNOWN_CARD']);
    expect(first.json().results[4].message).toMatch(/^不在活动签到时间内/);
    const second = await batch(kiosk, items);
    expect(second.json().results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual([
      'duplicate', 'duplicate', 'duplicate', 'duplicate', 'CHECKIN_OUTSIDE_WINDOW', 'CHECKIN_UNKNOWN_CARD',
    ]);
    const rows = await rowsOf(a);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.offline && r.device_time !== null)).toBe(true);
    expect(new Set(rows.map((r) => r.member_id))).toEqual(new Set([...ms.map((m) => m.id), qrMember.id]));
    expect(await activityOf(a)).toMatchObject({ presentCount: 4 });
    // Online, the same late scan is judged now: the window is closed.
    expect(codeOf(await kioskCheckin(kiosk, a, { cardNo: 'C-6001' }, nonce(), { deviceTime: inside }))).toBe('CHECKIN_OUTSIDE_WINDOW');
  });

  it('stores a queue uploaded twice at the same time once', async () => {
    const a = await seedOpenActivity(t.services, f.t1);
    const cards = ['C-6101', 'C-6102', 'C-6103', 'C-6104'];
    for (const [i, c] of cards.entries()) await member(f.t1, `并发${i}号`, c);
    const items = cards.map((cardNo, i) => ({ activityId: a, credential: { cardNo }, nonce: `concurrent-6100-${i}`, deviceTime: new Date().toISOString() }));
    const [x, y] = await Promise.all([batch(kiosk, items), batch(kiosk, items)]);
    const statuses = [...x.json().results, ...y.json().results].map((r: { status: string }) => r.status);
    expect(statuses.filter((s) => s === 'ok')).toHaveLength(4);
    expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(4);
    expect(await rowsOf(a)).toHaveLength(4);
    expect(await activityOf(a)).toMatchObject({ presentCount: 4 });
  });
});

describe('a queue uploaded after the record was submitted', () => {
  it('puts the meeting into the late attendee’s electronic file too, once', async () => {
    const now = Date.now();
    const a = await seedOpenActivity(t.services, f.b1, { type: 'theme_day', title: '迟传主题党日', startsAt: new Date(now - 130 * MIN), endsAt: new Date(now - 10 * MIN) });
    const early = await member(f.b1, '秦早传', 'C-7201');
    const late = await member(f.b1, '尤迟传', 'C-7202');
    const inside = new Date(now - 60 * MIN).toISOString();
    const scan = (cardNo: string, n: string) => ({ activityId: a, credential: { cardNo }, nonce: n, deviceTime: inside, deviceId: 'kiosk-late' });
    expect((await batch(kiosk, [scan('C-7201', 'late-7201')])).json().results[0].status).toBe('ok');
    expect((await call(t, secretary, 'PUT', `/api/activities/${a}/record`, { minutesHtml: '<p>学习党章，交纳党费。</p>', decisions: [] })).statusCode).toBe(200);
    const submitted = await call(t, secretary, 'POST', `/api/activities/${a}/record/submit`, {});
    expect(submitted.statusCode, submitted.body).toBe(200);
    // The second kiosk comes back online after the secretary submitted the record.
    expect((await batch(kiosk, [scan('C-7202', 'late-7202'), scan('C-7201', 'late-7201')])).json().results.map((r: { status: string }) => r.status)).toEqual(['ok', 'duplicate']);
    const entries = (memberId: string) =>
      t.database.query<{ title: string }>("SELECT title FROM member_events WHERE member_id = $1 AND type = 'activity_attended' AND detail->>'activityId' = $2", [memberId, a]);
    let lateEntries: { title: string }[] = [];
    for (let i = 0; i < 40 && lateEntries.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      lateEntries = await entries(late.id);
    }
    expect(lateEntries.map((e) => e.title)).toEqual(['参加主题党日：迟传主题党日']);
    expect(await entries(early.id)).toHaveLength(1);
    // Uploading the same queue again adds nothing.
    expect((await batch(kiosk, [scan('C-7202', 'late-7202')])).json().results[0].status).toBe('duplicate');
    await new Promise((r) => setTimeout(r, 200));
    expect(await entries(late.id)).toHaveLength(1);
  });
});

describe('补签', () => {
  it('records attendance after the fact with a reason, audited; only writers in scope', async () => {
    const a = await seedOpenActivity(t.services, f.b1, { startsAt: new Date(Date.now() - 300 * MIN), endsAt: new Date(Date.now() - 200 * MIN) });
    const m = await member(f.b1, '秦补签', null);
    const reason = '会议当天签到机断电，经支委会确认到会';
    const r = await call(t, secretary, 'POST', `/api/activities/${a}/manual-checkin`, { memberId: m.id, reason });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ status: 'ok', duplicate: false, affiliated: true, member: { name: '秦**' } });
    expect((await rowsOf(a))[0]).toMatchObject({ member_id: m.id, channel: 'manual', recorded_name: '测试branch_secretary', reason });
    const audit = await t.database.query<{ reason: string; detail: { memberId: string }; actor_name: string }>(
      "SELECT reason, detail, actor_name FROM audit_log WHERE action = 'checkin.manual' AND object_id = $1",
      [a],
    );
    expect(audit).toEqual([expect.objectContaining({ reason, actor_name: 'branch_secretary', detail: expect.objectContaining({ memberId: m.id }) })]);
    const again = await call(t, secretary, 'POST', `/api/activities/${a}/manual-checkin`, { memberId: m.id, reason });
    expect(again.statusCode).toBe(200);
    expect(again.json().duplicate).toBe(true);
    expect(await activityOf(a)).toMatchObject({ presentCount: 1, manualCount: 1 });
    expect((await call(t, secretary, 'POST', `/api/activities/${a}/manual-checkin`, { memberId: m.id, reason: '补' })).statusCode).toBe(400);
    const committee = await login(t, 'branch_committee', FIXTURE_PASSWORD);
    expect((await call(t, committee, 'POST', `/api/activities/${a}/manual-checkin`, { memberId: m.id, reason })).statusCode).toBe(403);
    const sibling = await seedOpenActivity(t.services, f.b2);
    expect((await call(t, secretary, 'POST', `/api/activities/${sibling}/manual-checkin`, { memberId: m.id, reason })).statusCode).toBe(404);
  });
});

describe('live attendance', () => {
  /** Opens the event stream of an activity and collects its `attendance` events. */
  async function openLive(s: Session, id: string) {
    const hangUp = new AbortController();
    const res = await t.app.inject({ ...as(s, { method: 'GET', url: `/api/activities/${id}/live` }), payloadAsStream: true, signal: hangUp.signal });
    const events: { data: Record<string, unknown>; at: number }[] = [];
    let buf = '';
    let wake = () => {};
    const stream = res.stream();
    stream.on('error', () => {});
    stream.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const data = /^event: attendance\ndata: (.*)$/m.exec(block)?.[1];
        if (data) events.push({ data: JSON.parse(data), at: Date.now() });
      }
      wake();
    });
    /** Waits until `n` events have arrived (or `ms` passed). */
    const until = (n: number, ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          if (events.length >= n) {
            clearTimeout(timer);
            resolve();
          }
        };
        wake();
      });
    return { res, events, until, close: () => hangUp.abort() };
  }

  it('sends the new counts within 2 s of a check-in', async () => {
    const branch = await freshBranch('甲镇直播村党支部');
    const a = await seedOpenActivity(t.services, branch);
    await member(branch, '尤直播', 'C-7001');
    await member(branch, '许直播', 'C-7002');
    const live = await openLive(secretary, a);
    try {
      expect(live.res.statusCode).toBe(200);
      expect(live.res.headers['content-type']).toMatch(/^text\/event-stream/);
      await live.until(1, 2000);
      expect(live.events[0].data).toMatchObject({ present: 0, expected: 2, absent: 2, last: null });
      const at = Date.now();
      expect((await swipe(a, 'C-7001')).statusCode).toBe(201);
      await live.until(2, 2000);
      expect(live.events).toHaveLength(2);
      expect(live.events[1].at - at).toBeLessThan(2000);
      expect(live.events[1].data).toMatchObject({ present: 1, expected: 2, absent: 1, rate: 0.5, last: { name: '尤**', affiliated: true, channel: 'card' } });
    } finally {
      live.close();
    }
    // Outside the caller's scope the stream does not exist.
    const sibling = await seedOpenActivity(t.services, f.b2);
    const other = await openLive(secretary, sibling);
    other.close();
    expect(other.res.statusCode).toBe(404);
  });
});
