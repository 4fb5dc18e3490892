import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, as, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { seedMember, testIdNumber } from './members.fixture.ts';
import { call, codeOf, dumpMemberData, fieldsOf } from './test-kit.ts';

let t: TestApp;
let f: Fixture;
let sec: Session;
let committee: Session;
let town: Session;
const ID_A = testIdNumber(11, '19750203');
const ID_B = testIdNumber(12, '19820415');
const PHONE_A = '13912345678';
const masked = (id: string) => `${id.slice(0, 4)}**********${id.slice(-4)}`;

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  sec = await login(t, 'branch_secretary', FIXTURE_PASSWORD);
  committee = await login(t, 'branch_committee', FIXTURE_PASSWORD);
  town = await login(t, 'township_admin', FIXTURE_PASSWORD);
});
afterAll(() => t.close());

const create = (s: Session, body: Record<string, unknown>) => call(t, s, 'POST', '/api/members', { orgId: f.b1.id, status: 'full', ...body });
const fileOf = async (s: Session, id: string, qs = '') => (await call(t, s, 'GET', `/api/members/${id}/file${qs}`)).json();
const auditRows = (action: string) =>
  t.services.database.query<{ actor_name: string; reason: string | null; detail: Record<string, unknown>; org_id: string }>('SELECT * FROM audit_log WHERE action = $1 ORDER BY seq', [action]);

let memberA = '';

describe('registering a member', () => {
  it('creates the record (15-digit number upgraded), masked in the answer, with file entries and an audit row', async () => {
    const legacy = ID_A.slice(0, 6) + ID_A.slice(8, 17); // the 15-digit form of the same person
    const res = await create(sec, { name: '张三丰', idNumber: legacy, phone: PHONE_A, joinedOn: '2000-07-01', confirmedOn: '2001-07-01', cardNo: 'CX-0001', education: 'bachelor' });
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    memberA = m.id;
    expect(m).toMatchObject({ name: '张三丰', gender: 'male', idNumber: masked(ID_A), phone: '139****5678', orgId: f.b1.id, status: 'full', standing: 'normal', hasAccount: false });
    expect(m.age).toBeGreaterThan(40);
    expect(m.birthDate).toBeUndefined();
    expect(res.body).not.toContain(ID_A);
    expect(res.body).not.toContain(PHONE_A);
    const file = await fileOf(sec, memberA);
    expect(file.items.map((e: { type: string }) => e.type).sort()).toEqual(['confirmed', 'created', 'joined']);
    const [a] = await auditRows('member.create');
    expect(a).toMatchObject({ actor_name: 'branch_secretary', org_id: f.b1.id, detail: { name: '张三丰', status: 'full' } });
  });

  it('names the reason of an invalid ID number as a field problem', async () => {
    const wrongCheck = ID_B.slice(0, 17) + (ID_B[17] === '1' ? '2' : '1');
    for (const [idNumber, code] of [
      ['3305221982', 'ID_NUMBER_FORMAT'],
      [testIdNumber(1, '19820230'), 'ID_NUMBER_BIRTH_DATE'],
      [testIdNumber(1, '20991231'), 'ID_NUMBER_BIRTH_DATE'],
      [wrongCheck, 'ID_NUMBER_CHECK_DIGIT'],
    ]) {
      const res = await create(sec, { name: '李四', idNumber });
      expect(res.statusCode, idNumber).toBe(400);
      expect(codeOf(res)).toBe('ID_NUMBER_INVALID');
      expect(fieldsOf(res)).toEqual([`body.idNumber:${code}`]);
    }
    const en = await t.app.inject(
      as(sec, { method: 'POST', url: '/api/members', payload: { orgId: f.b1.id, status: 'full', name: '李四', idNumber: wrongCheck }, headers: { 'accept-language': 'en' } }),
    );
    expect(en.json().error.fields[0].message).toContain('check character');
    const young = await create(sec, { name: '李四', idNumber: ID_B, joinedOn: '1999-01-01', phone: '123' });
    expect(codeOf(young)).toBe('VALIDATION_FAILED');
    expect(fieldsOf(young).sort()).toEqual(['body.joinedOn:JOINED_UNDER_18', 'body.phone:PHONE_INVALID']);
  });

  it('refuses a duplicate ID number (any form, any organization of the county) and a used card number with 409', async () => {
    const again = await create(sec, { name: '张三丰', idNumber: ID_A.toLowerCase() });
    expect(again.statusCode).toBe(409);
    expect(codeOf(again)).toBe('MEMBER_ID_DUPLICATE');
    // Registered outside the secretary's scope: still a duplicate (the registry is county-wide).
    await seedMember(t.services, f.b2, { name: '外支部党员', idNumber: ID_B });
    expect(codeOf(await create(sec, { name: '另一个人', idNumber: ID_B }))).toBe('MEMBER_ID_DUPLICATE');
    const card = await create(sec, { name: '王五', idNumber: testIdNumber(13, '19900101'), cardNo: 'CX-0001' });
    expect(card.statusCode).toBe(409);
    expect(codeOf(card)).toBe('MEMBER_CARD_DUPLICATE');
  });

  it('refuses an organization outside the write scope like a missing one, and branch committee members', async () => {
    const out = await call(t, sec, 'POST', '/api/members', { orgId: f.b2.id, name: '王五', idNumber: testIdNumber(14, '19900101'), status: 'full' });
    const missing = await call(t, sec, 'POST', '/api/members', { orgId: randomUUID(), name: '王五', idNumber: testIdNumber(14, '19900101'), status: 'full' });
    expect(out.statusCode).toBe(404);
    expect(out.body).toBe(missing.body);
    expect((await create(committee, { name: '王五', idNumber: testIdNumber(14, '19900101') })).statusCode).toBe(403);
  });
});

describe('reading and unmasking', () => {
  it('answers 404 for a member outside scope exactly like a missing id', async () => {
    const [outside] = await t.services.database.query<{ id: string }>("SELECT id FROM members WHERE name = '外支部党员'");
    const a = await call(t, sec, 'GET', `/api/members/${outside.id}`);
    const b = await call(t, sec, 'GET', `/api/members/${randomUUID()}`);
    expect(a.statusCode).toBe(404);
    expect(a.body).toBe(b.body);
  });

  it('logs every view of the record and the file', async () => {
    const rec = await call(t, committee, 'GET', `/api/members/${memberA}`);
    expect(rec.statusCode).toBe(200);
    expect(rec.json().can).toEqual({ write: false, unmask: false });
    expect(rec.json().idNumber).toBe(masked(ID_A));
    await fileOf(committee, memberA);
    const views = (await call(t, sec, 'GET', `/api/members/${memberA}/views`)).json();
    const byCommittee = views.items.filter((v: { viewerName: string }) => v.viewerName === '测试branch_committee');
    expect(byCommittee.map((v: { what: string }) => v.what)).toEqual(['file', 'record']);
    expect(byCommittee[0].viewerRoles).toEqual(['branch_committee']);
  });

  it('unmasking needs the permission and a reason; it is audited and logged in the view log', async () => {
    expect((await call(t, committee, 'POST', `/api/members/${memberA}/unmask`, { field: 'idNumber', reason: '核对身份信息' })).statusCode).toBe(403);
    const short = await call(t, sec, 'POST', `/api/members/${memberA}/unmask`, { field: 'idNumber', reason: '核对' });
    expect(short.statusCode).toBe(400);
    expect(fieldsOf(short)).toEqual(['body.reason:too_small']);
    const noReason = await call(t, sec, 'POST', `/api/members/${memberA}/unmask`, { field: 'idNumber' });
    expect(fieldsOf(noReason)).toEqual(['body.reason:required']);

    const id = await call(t, sec, 'POST', `/api/members/${memberA}/unmask`, { field: 'idNumber', reason: `组织关系转接核对身份 ${PHONE_A}` });
    expect(id.statusCode).toBe(200);
    expect(id.json()).toEqual({ field: 'idNumber', value: ID_A });
    const phone = await call(t, town, 'POST', `/api/members/${memberA}/unmask`, { field: 'phone', reason: '通知参加组织生活' });
    expect(phone.json()).toEqual({ field: 'phone', value: PHONE_A });

    const audits = await auditRows('member.unmask');
    expect(audits.map((a) => [a.actor_name, a.detail.field])).toEqual([['branch_secretary', 'idNumber'], ['township_admin', 'phone']]);
    expect(audits[0].reason).toBe('组织关系转接核对身份 139****5678');
    const views = (await call(t, sec, 'GET', `/api/members/${memberA}/views`)).json().items as { what: string; reason: string | null }[];
    expect(views.slice(0, 2)).toMatchObject([{ what: 'phone', reason: '通知参加组织生活' }, { what: 'idNumber', reason: '组织关系转接核对身份 139****5678' }]);
  });
});

describe('changing a record', () => {
  it('appends one file event per change (sensitive values masked) and one audit row', async () => {
    const res = await call(t, sec, 'PATCH', `/api/members/${memberA}`, { occupation: '村医', phone: '13700001111', standing: 'suspended', note: '支部大会决定' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ occupation: '村医', phone: '137****1111', standing: 'suspended' });
    const file = await fileOf(sec, memberA, '?section=basic&pageSize=3');
    expect(file.items.map((e: { type: string }) => e.type).sort()).toEqual(['field_changed', 'field_changed', 'standing_changed']);
    const phoneEvent = file.items.find((e: { detail: { field: string } }) => e.detail.field === 'phone');
    expect(phoneEvent.detail).toEqual({ field: 'phone', from: '139****5678', to: '137****1111', note: '支部大会决定' });
    expect(file.items.find((e: { type: string }) => e.type === 'standing_changed').title).toBe('党籍状态变更：正常 → 停止党籍');
    const [a] = await auditRows('member.update');
    expect(a.reason).toBe('支部大会决定');
    expect(a.detail.changes).toHaveLength(3);
    // Nothing changed: no event, no audit row.
    await call(t, sec, 'PATCH', `/api/members/${memberA}`, { occupation: '村医' });
    expect(await auditRows('member.update')).toHaveLength(1);
  });

  it('never changes the ID number and refuses unknown fields', async () => {
    const res = await call(t, sec, 'PATCH', `/api/members/${memberA}`, { idNumber: ID_B });
    expect(res.statusCode).toBe(400);
    expect(codeOf(res)).toBe('UNKNOWN_FIELD');
  });

  it('预备 → 正式 needs the 转正 date; 正式 never goes back', async () => {
    const p = await create(sec, { name: '赵六', idNumber: testIdNumber(15, '19950505'), status: 'probationary', joinedOn: '2025-06-01' });
    expect(p.statusCode, p.body).toBe(201);
    const id = p.json().id;
    const no = await call(t, sec, 'PATCH', `/api/members/${id}`, { status: 'full' });
    expect(fieldsOf(no)).toEqual(['body.confirmedOn:CONFIRMED_ON_REQUIRED']);
    const early = await call(t, sec, 'PATCH', `/api/members/${id}`, { status: 'full', confirmedOn: '2025-05-01' });
    expect(fieldsOf(early)).toEqual(['body.confirmedOn:CONFIRMED_BEFORE_JOINED']);
    const ok = await call(t, sec, 'PATCH', `/api/members/${id}`, { status: 'full', confirmedOn: '2026-01-10' });
    expect(ok.statusCode, ok.body).toBe(200);
    const [first] = (await fileOf(sec, id, '?section=development')).items;
    expect(first).toMatchObject({ type: 'status_changed', title: '转为正式党员', occurredOn: '2026-01-10' });
    const back = await call(t, sec, 'PATCH', `/api/members/${id}`, { status: 'probationary', confirmedOn: null });
    expect(codeOf(back)).toBe('STATUS_TRANSITION_INVALID');
  });

  it('moves a member only to an organization in write scope, as a transfer in the file', async () => {
    expect((await call(t, sec, 'PATCH', `/api/members/${memberA}`, { orgId: f.b2.id })).statusCode).toBe(404);
    const res = await call(t, sec, 'PATCH', `/api/members/${memberA}`, { orgId: f.t1.id });
    expect(res.json().orgId).toBe(f.t1.id);
    const [e] = (await fileOf(sec, memberA, '?section=transfer')).items;
    expect(e).toMatchObject({ type: 'org_changed', detail: { from: f.b1.name, to: f.t1.name } });
  });

  it('sets 不计到会率 (reason and approver required) and 失联, each written to the file', async () => {
    const url = `/api/members/${memberA}/flags`;
    const bad = await call(t, sec, 'PUT', url, { excludeAttendance: true, lostContactSince: '2099-01-01' });
    expect(fieldsOf(bad).sort()).toEqual(['body.excludeApprover:required', 'body.excludeReason:required', 'body.lostContactSince:DATE_IN_FUTURE']);
    const on = await call(t, sec, 'PUT', url, { excludeAttendance: true, excludeReason: '年老体弱，行动不便', excludeApprover: '甲镇党委', lostContactSince: '2025-01-15' });
    expect(on.json().flags).toEqual({ excludeAttendance: true, excludeReason: '年老体弱，行动不便', excludeApprover: '甲镇党委', lostContactSince: '2025-01-15' });
    const off = await call(t, sec, 'PUT', url, { excludeAttendance: false, excludeReason: '忽略', lostContactSince: null });
    expect(off.json().flags).toEqual({ excludeAttendance: false, excludeReason: null, excludeApprover: null, lostContactSince: null });
    const types = (await fileOf(sec, memberA, '?pageSize=4')).items.map((e: { type: string }) => e.type);
    expect(types.sort()).toEqual(['attendance_excluded', 'attendance_included', 'contact_restored', 'lost_contact']);
    expect((await auditRows('member.flags')).length).toBe(2);
  });
});

describe('the electronic file', () => {
  it('is newest first, paged and filtered by section, and the database refuses to change it', async () => {
    const all = await fileOf(sec, memberA, '?pageSize=100');
    expect(all.total).toBe(all.items.length);
    const ats = all.items.map((e: { at: string }) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    const page = await fileOf(sec, memberA, '?pageSize=2&page=2');
    expect(page.items.map((e: { id: string }) => e.id)).toEqual(all.items.slice(2, 4).map((e: { id: string }) => e.id));
    expect((await fileOf(sec, memberA, '?section=development')).items.every((e: { section: string }) => e.section === 'development')).toBe(true);
    await expect(t.services.database.query('UPDATE member_events SET title = $1 WHERE member_id = $2', ['篡改', memberA])).rejects.toThrow(/append-only/);
    await expect(t.services.database.query('DELETE FROM member_events WHERE member_id = $1', [memberA])).rejects.toThrow(/append-only/);
  });

  it('keeps no ID number or phone in clear anywhere (members, file, views, corrections, audit)', async () => {
    const all = await dumpMemberData(t);
    for (const s of [ID_A, ID_B, PHONE_A, '13700001111', ID_A.slice(6, 14)]) expect(all).not.toContain(s);
  });
});
