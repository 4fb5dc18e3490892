// The check-in contract end to end, part 1: signed kiosk requests (cards, chips, member QR codes)
// and the member's phone (activity QR, remote). Part 2: checkin-counters.route.test.ts.
import { createPublicKey, verify } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { shanghaiTime } from '../../core/excel.ts';
import { seedApiClient } from '../../test/api-client-fixture.ts';
import { type ClientCreds, type Session, type TestApp, login, signed } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, } from '../../test/fixture.ts';
import { seedOpenActivity } from '../activities/activities.fixture.ts';
import { testIdNumber } from '../members/members.fixture.ts';
import { call, codeOf, memberSession } from '../members/test-kit.ts';
import { addOrg } from '../orgs/orgs.test-kit.ts';
import { activityQr, issueMemberQr } from './credentials.ts';
import { KIOSK_ROUTES } from './devices.ts';
import { checkinSuite } from './checkin.test-kit.ts';

const k = checkinSuite();
const { kioskCheckin, swipe, phoneCheckin, activityOf, attendanceOf, rowsOf, member } = k;
let t: TestApp;
let f: Fixture;
let secretary: Session;
let admin: Session;
let kiosk: ClientCreds;
const MIN = 60_000;
beforeAll(() => {
  ({ t, f, secretary, admin, kiosk } = k.state);
});

describe('a kiosk check-in', () => {
  it('answers 201 the first time, 200 duplicate for the same nonce or the same member, and refuses a nonce reused for someone else', async () => {
    const a = await seedOpenActivity(t.services, f.t1, { title: '七月党小组会' });
    await member(f.t1, '王小一', 'C-1001');
    await member(f.t1, '王小二', 'C-1002');
    const first = await swipe(a, 'C-1001', 'kiosk-nonce-0001');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({ status: 'ok', duplicate: false, affiliated: true, member: { name: '王**', orgName: '甲镇党委' } });
    // The kiosk retries the same scan (its answer was lost): the same outcome, nothing new stored.
    const retry = await swipe(a, 'C-1001', 'kiosk-nonce-0001');
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ status: 'ok', duplicate: true, affiliated: true });
    // The member swipes again (a new scan): still one check-in.
    const again = await swipe(a, 'C-1001');
    expect(again.statusCode).toBe(200);
    expect(again.json().duplicate).toBe(true);
    // A nonce that already belongs to another member's check-in is refused.
    const reused = await swipe(a, 'C-1002', 'kiosk-nonce-0001');
    expect(reused.statusCode).toBe(409);
    expect(codeOf(reused)).toBe('CHECKIN_NONCE_REUSED');
    expect(await rowsOf(a)).toHaveLength(1);
    expect((await rowsOf(a))[0]).toMatchObject({ channel: 'card', affiliated: true, offline: false });
    expect(await activityOf(a)).toMatchObject({ presentCount: 1, guestCount: 0 });
  });

  it('refuses unknown cards, check-ins outside the window and at a cancelled activity', async () => {
    const a = await seedOpenActivity(t.services, f.t1);
    await member(f.t1, '李窗口', 'C-1101');
    const unknown = await swipe(a, 'NO-SUCH-CARD');
    expect(unknown.statusCode).toBe(404);
    expect(codeOf(unknown)).toBe('CHECKIN_UNKNOWN_CARD');

    const past = await seedOpenActivity(t.services, f.t1, { startsAt: new Date(Date.now() - 300 * MIN), endsAt: new Date(Date.now() - 180 * MIN) });
    const late = await swipe(past, 'C-1101');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('CHECKIN_OUTSIDE_WINDOW');
    const window = await activityOf(past);
    expect(late.json().error.message).toBe(`不在活动签到时间内（${shanghaiTime(new Date(window.checkinFrom))} 至 ${shanghaiTime(new Date(window.checkinUntil))}）`);
    const future = await seedOpenActivity(t.services, f.t1, { startsAt: new Date(Date.now() + 24 * 60 * MIN) });
    expect(codeOf(await swipe(future, 'C-1101'))).toBe('CHECKIN_OUTSIDE_WINDOW');

    // Planned and cancelled through the API; a check-in just before the cancellation warms every cache.
    const created = await call(t, secretary, 'POST', '/api/activities', {
      orgId: f.t1.id, type: 'party_lecture', title: '专题党课', startsAt: new Date(Date.now() - 5 * MIN).toISOString(), endsAt: new Date(Date.now() + 60 * MIN).toISOString(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect((await swipe(id, 'C-1101')).statusCode).toBe(201);
    expect((await call(t, secretary, 'POST', `/api/activities/${id}/cancel`, { reason: '上级临时调整' })).statusCode).toBe(200);
    await member(f.t1, '李取消', 'C-1102');
    const cancelled = await swipe(id, 'C-1102');
    expect(cancelled.statusCode).toBe(409);
    expect(codeOf(cancelled)).toBe('CHECKIN_ACTIVITY_CANCELLED');
    expect(await rowsOf(id)).toHaveLength(1);
  });

  it('refuses a revoked card everywhere: its number, its chip, the member QR, and the kiosks’ list', async () => {
    const a = await seedOpenActivity(t.services, f.t1);
    const m = await member(f.t1, '赵挂失', 'C-2001', { chipUid: '04A1B2C3D4' });
    const phone = await memberSession(t, secretary, m.id, m.idNumber);
    const qr = (await call(t, phone, 'GET', '/api/me/card-qr')).json().qr as string;

    const revoked = await call(t, secretary, 'POST', `/api/members/${m.id}/card/revoke`, { reason: '党员证遗失，已登报' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ cardNo: '**2001', memberId: m.id, memberName: '赵挂失', reason: '党员证遗失，已登报' });
    const [audit] = await t.database.query<{ reason: string; actor_name: string }>("SELECT reason, actor_name FROM audit_log WHERE action = 'member.card.revoke' AND object_id = $1", [m.id]);
    expect(audit).toEqual({ reason: '党员证遗失，已登报', actor_name: 'branch_secretary' });

    for (const credential of [{ cardNo: 'C-2001' }, { cardUid: '04a1b2c3d4' }, { qr }]) {
      const r = await kioskCheckin(kiosk, a, credential);
      expect(r.statusCode, JSON.stringify(credential)).toBe(403);
      expect(codeOf(r)).toBe('CHECKIN_CARD_REVOKED');
    }
    expect(codeOf(await call(t, phone, 'GET', '/api/me/card-qr'))).toBe('CHECKIN_CARD_REVOKED');
    const list = await t.app.inject(signed(kiosk, { method: 'GET', url: '/api/kiosk/revocations' }));
    expect(list.json().cards).toContain('C-2001');
    expect((await call(t, secretary, 'GET', '/api/card-revocations')).json().items).toContainEqual(expect.objectContaining({ cardNo: '**2001', memberName: '赵挂失' }));
    expect(codeOf(await call(t, secretary, 'POST', `/api/members/${m.id}/card/revoke`, { reason: '再次挂失' }))).toBe('CARD_ALREADY_REVOKED');
    // The member can still attend: from their phone, or by 补签.
    expect((await phoneCheckin(phone, a, { remote: true })).statusCode).toBe(201);
  });

  it('reads a chip UID sent in lower case', async () => {
    const a = await seedOpenActivity(t.services, f.t1);
    await member(f.t1, '孙芯片', 'C-2101', { chipUid: '04E5F6A7B8' });
    const r = await kioskCheckin(kiosk, a, { cardUid: '04e5f6a7b8' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().member.name).toBe('孙**');
    expect((await rowsOf(a))[0].channel).toBe('chip');
  });

  it('matches a chip UID registered with separators, in whatever form the reader prints it; one chip, one member', async () => {
    const a = await seedOpenActivity(t.services, f.t1);
    const created = await call(t, secretary, 'POST', '/api/members', { orgId: f.b1.id, name: '周芯片', idNumber: testIdNumber(901, '19800101'), status: 'full', chipUid: '04:a1:b2:c9' });
    expect(created.statusCode, created.body).toBe(201);
    expect((await kioskCheckin(kiosk, a, { cardUid: '04A1B2C9' })).statusCode).toBe(201);
    expect((await kioskCheckin(kiosk, a, { cardUid: '04-a1-b2-c9' })).json().duplicate).toBe(true);
    const again = await call(t, secretary, 'POST', '/api/members', { orgId: f.b1.id, name: '吴芯片', idNumber: testIdNumber(902, '19800102'), status: 'full', chipUid: '04A1B2C9' });
    expect(codeOf(again)).toBe('MEMBER_CHIP_DUPLICATE');
  });

  it('takes check-ins for its organization’s subtree and its 红色驿站 only; an unregistered client takes none', async () => {
    const station = await addOrg(t.services, f.t2, '乙镇红色驿站', 'red_station');
    // The county administrator registers a kiosk of T1 standing at the station (the secret is shown once).
    const reg = await call(t, admin, 'POST', '/api/checkin-devices', { name: '驿站签到机', orgId: f.t1.id, place: '乙镇红色驿站大厅', stationOrgId: station.id });
    expect(reg.statusCode, reg.body).toBe(201);
    expect(reg.json().device).toMatchObject({ name: '驿站签到机', orgName: '甲镇党委', stationName: '乙镇红色驿站', status: 'active' });
    const atStation: ClientCreds = { keyId: reg.json().keyId, secret: reg.json().secret };
    const stationActivity = await call(t, admin, 'POST', '/api/activities', {
      orgId: f.b2.id, type: 'theme_day', title: '驿站主题党日', startsAt: new Date(Date.now() - 5 * MIN).toISOString(), endsAt: new Date(Date.now() + 90 * MIN).toISOString(), stationOrgId: station.id,
    });
    expect(stationActivity.statusCode, stationActivity.body).toBe(201);
    const sid = stationActivity.json().id as string;
    const t2Activity = await seedOpenActivity(t.services, f.t2);
    const b1Activity = await seedOpenActivity(t.services, f.b1);
    await member(f.t1, '周驿站', 'C-3001');

    const elsewhere = await swipe(sid, 'C-3001');
    expect(elsewhere.statusCode).toBe(403);
    expect(codeOf(elsewhere)).toBe('CHECKIN_DEVICE_PLACE');
    const there = await kioskCheckin(atStation, sid, { cardNo: 'C-3001' });
    expect(there.statusCode, there.body).toBe(201);
    expect(there.json()).toMatchObject({ affiliated: false, member: { orgName: '甲镇党委' } });
    expect(codeOf(await kioskCheckin(atStation, t2Activity, { cardNo: 'C-3001' }))).toBe('CHECKIN_DEVICE_PLACE');
    expect((await kioskCheckin(atStation, b1Activity, { cardNo: 'C-3001' })).statusCode).toBe(201);
    // Its activities today: those of its subtree and of its station.
    const me = await t.app.inject(signed(atStation, { method: 'GET', url: '/api/kiosk/me' }));
    expect(me.json().device).toMatchObject({ name: '驿站签到机', stationName: '乙镇红色驿站' });
    const ids = (me.json().activities as { id: string }[]).map((x) => x.id);
    expect(ids).toEqual(expect.arrayContaining([sid, b1Activity]));
    expect(ids).not.toContain(t2Activity);

    const unregistered = await seedApiClient(t.services, f.t1, KIOSK_ROUTES, '其他系统');
    const r = await kioskCheckin(unregistered, b1Activity, { cardNo: 'C-3001' });
    expect(r.statusCode).toBe(403);
    expect(codeOf(r)).toBe('CHECKIN_DEVICE_UNREGISTERED');
  });
});

describe('member QR codes at a kiosk', () => {
  it('accepts the QR from GET /api/me/card-qr, verifiable offline with the public keys; refuses a tampered or expired one', async () => {
    const a = await seedOpenActivity(t.services, f.t1);
    const m = await member(f.b1, '钱扫码', 'C-4001');
    const phone = await memberSession(t, secretary, m.id, m.idNumber);
    const res = await call(t, phone, 'GET', '/api/me/card-qr');
    expect(res.statusCode, res.body).toBe(200);
    const { qr, expiresAt } = res.json() as { qr: string; expiresAt: string };
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(4 * MIN);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(5 * MIN);

    // A kiosk offline checks the signature with a public key anyone may fetch.
    const keys = (await t.app.inject({ method: 'GET', url: '/api/checkin/keys' })).json().keys as { kid: string; publicKey: string }[];
    const [, payload, sig] = qr.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ m: m.id, k: 'C-4001', n: '钱**' });
    const key = keys.find((k) => k.kid === claims.i);
    expect(key).toBeDefined();
    const pub = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key?.publicKey }, format: 'jwk' });
    expect(verify(null, Buffer.from(payload, 'base64url'), pub, Buffer.from(sig, 'base64url'))).toBe(true);

    const ok = await kioskCheckin(kiosk, a, { qr });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ duplicate: false, affiliated: true, member: { name: '钱**', orgName: '甲镇一村党支部' } });
    expect((await rowsOf(a))[0]).toMatchObject({ member_id: m.id, channel: 'member_qr' });

    // Someone else's id under the member's signature, a broken code, an expired one.
    const other = await member(f.t1, '冒名者', 'C-4002');
    const forged = `HY1.${Buffer.from(JSON.stringify({ ...claims, m: other.id })).toString('base64url')}.${sig}`;
    const b = await seedOpenActivity(t.services, f.t1);
    const badSig = `HY1.${payload}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    for (const bad of [forged, 'HY1.bm90LWpzb24.c2ln', badSig]) {
      const r = await kioskCheckin(kiosk, b, { qr: bad });
      expect(r.statusCode, bad).toBe(422);
      expect(codeOf(r)).toBe('CHECKIN_QR_INVALID');
    }
    const old = await issueMemberQr(t.services, { c: f.t1.countyCode, m: m.id, k: 'C-4001', n: '钱**' }, Date.now() - 10 * MIN);
    const expired = await kioskCheckin(kiosk, b, { qr: old.qr });
    expect(expired.statusCode).toBe(422);
    expect(codeOf(expired)).toBe('CHECKIN_QR_EXPIRED');
    expect(await rowsOf(b)).toHaveLength(0);
    // The member's own session cannot present a kiosk credential.
    const own = await phoneCheckin(phone, b, { qr });
    expect(own.statusCode).toBe(400);
    expect(codeOf(own)).toBe('CHECKIN_CREDENTIAL_CHANNEL');
    expect(codeOf(await phoneCheckin(phone, b, { cardNo: 'C-4001' }))).toBe('CHECKIN_CREDENTIAL_CHANNEL');
  });
});

describe('check-in from the member’s phone', () => {
  it('scans the host’s rotating activity QR; a tampered, foreign or stale code is refused', async () => {
    const a = await seedOpenActivity(t.services, f.b1);
    const other = await seedOpenActivity(t.services, f.b1);
    const m = await member(f.b1, '吴扫码', null);
    const phone = await memberSession(t, secretary, m.id, m.idNumber);
    const qr = await call(t, secretary, 'GET', `/api/activities/${a}/qr`);
    expect(qr.statusCode, qr.body).toBe(200);
    const { code, refreshInSeconds } = qr.json() as { code: string; refreshInSeconds: number };
    expect(refreshInSeconds).toBeGreaterThanOrEqual(1);
    expect(refreshInSeconds).toBeLessThanOrEqual(30);
    expect((await call(t, await login(t, 'branch_committee', FIXTURE_PASSWORD), 'GET', `/api/activities/${a}/qr`)).statusCode).toBe(403);

    const tampered = `${code.slice(0, -2)}${code.endsWith('AA') ? 'BB' : 'AA'}`;
    const foreign = (await call(t, secretary, 'GET', `/api/activities/${other}/qr`)).json().code as string;
    for (const bad of [tampered, foreign]) {
      const r = await phoneCheckin(phone, a, { activityQr: bad });
      expect(r.statusCode, bad).toBe(422);
      expect(codeOf(r)).toBe('CHECKIN_QR_INVALID');
    }
    const stale = activityQr(t.services.keys, f.b1.countyCode, a, Date.now() - 90_000).code;
    expect(codeOf(await phoneCheckin(phone, a, { activityQr: stale }))).toBe('CHECKIN_QR_EXPIRED');
    // A kiosk cannot present the activity's code (it is the member's phone that proves presence).
    expect(codeOf(await kioskCheckin(kiosk, a, { activityQr: code }))).toBe('CHECKIN_CREDENTIAL_CHANNEL');

    const ok = await phoneCheckin(phone, a, { activityQr: code });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ duplicate: false, affiliated: true, member: { name: '吴**' } });
    expect((await rowsOf(a))[0]).toMatchObject({ member_id: m.id, channel: 'activity_qr' });
  });

  it('checks in remotely where the activity allows it', async () => {
    const a = await seedOpenActivity(t.services, f.t1);
    const closed = await seedOpenActivity(t.services, f.t1, { remoteAllowed: false });
    const m = await member(f.t1, '郑远程', null);
    const phone = await memberSession(t, secretary, m.id, m.idNumber);
    const r = await phoneCheckin(phone, a, { remote: true });
    expect(r.statusCode, r.body).toBe(201);
    expect(await activityOf(a)).toMatchObject({ presentCount: 1, remoteCount: 1 });
    const row = (await attendanceOf(a)).rows.find((x: { memberId: string }) => x.memberId === m.id);
    expect(row).toMatchObject({ status: 'present', channel: 'remote', affiliated: true });
    const refused = await phoneCheckin(phone, closed, { remote: true });
    expect(refused.statusCode).toBe(409);
    expect(codeOf(refused)).toBe('CHECKIN_REMOTE_NOT_ALLOWED');
    // My activities show it.
    const mine = (await call(t, phone, 'GET', '/api/me/activities')).json().items as { id: string; checkedIn: boolean; channel: string | null; checkinOpen: boolean }[];
    expect(mine.find((x) => x.id === a)).toMatchObject({ checkedIn: true, channel: 'remote', checkinOpen: true });
    expect(mine.find((x) => x.id === closed)).toMatchObject({ checkedIn: false });
  });
});

