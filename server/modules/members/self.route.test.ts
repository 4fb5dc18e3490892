import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { seedMember, testIdNumber } from './members.fixture.ts';
import { call, changePassword, codeOf, dumpMemberData, fieldsOf, memberSession } from './test-kit.ts';

// SECURITY.md 14 (PIPL 45-46): members log in with their ID number, see their own data and who
// viewed it, and ask for corrections that the branch decides.

let t: TestApp;
let f: Fixture;
let sec: Session;
let town: Session;
let me: Session;
let other: Session;
const ID_ME = testIdNumber(31, '19880808');
const ID_OTHER = testIdNumber(32, '19770707');
let mine = '';
let theirs = '';

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  sec = await login(t, 'branch_secretary', FIXTURE_PASSWORD);
  town = await login(t, 'township_admin', FIXTURE_PASSWORD);
  const res = await call(t, sec, 'POST', '/api/members', { orgId: f.b1.id, name: '陈红', idNumber: ID_ME, phone: '13512345678', status: 'full', joinedOn: '2010-07-01', occupation: '教师' });
  mine = res.json().id;
  theirs = await seedMember(t.services, f.b1, { name: '周强', idNumber: ID_OTHER });
});
afterAll(() => t.close());

describe('member login', () => {
  it('enables a login once; the member logs in with the 18-digit ID number and must change the one-time password', async () => {
    const res = await call(t, sec, 'POST', `/api/members/${mine}/account`, {});
    expect(res.statusCode, res.body).toBe(201);
    const { oneTimePassword, username } = res.json();
    expect(username).toBe(`3305**********${ID_ME.slice(-4)}`);
    expect(res.body).not.toContain(ID_ME);
    const again = await call(t, sec, 'POST', `/api/members/${mine}/account`, {});
    expect(again.statusCode).toBe(409);
    expect(codeOf(again)).toBe('MEMBER_ACCOUNT_EXISTS');
    expect((await call(t, sec, 'GET', `/api/members/${mine}`)).json().hasAccount).toBe(true);
    const [audit] = await t.services.database.query<{ detail: { memberId: string } }>("SELECT detail FROM audit_log WHERE action = 'member.account_create'");
    expect(audit.detail.memberId).toBe(mine);

    const first = await login(t, ID_ME, oneTimePassword);
    expect(first.status).toBe(200);
    expect((first.body as { account: { mustChangePassword: boolean } }).account.mustChangePassword).toBe(true);
    const blocked = await call(t, first, 'GET', '/api/my/record');
    expect(blocked.statusCode).toBe(403);
    expect(codeOf(blocked)).toBe('PASSWORD_CHANGE_REQUIRED');
    me = await changePassword(t, first, oneTimePassword, 'Member#Pass2026');
    expect((await login(t, ID_ME, 'Member#Pass2026')).status).toBe(200);
    other = await memberSession(t, sec, theirs, ID_OTHER);
  });

  it('gives no login to a member whose 党籍 state ended membership', async () => {
    const gone = await seedMember(t.services, f.b1, { name: '已故党员', idNumber: testIdNumber(34, '19300101'), standing: 'deceased' });
    const res = await call(t, sec, 'POST', `/api/members/${gone}/account`, {});
    expect(res.statusCode).toBe(409);
    expect(codeOf(res)).toBe('MEMBER_NOT_ACTIVE');
  });

  it('shows the member their own record in full, and nothing of anyone else', async () => {
    const res = await call(t, me, 'GET', '/api/my/record');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: mine, name: '陈红', idNumber: ID_ME, phone: '13512345678', birthDate: '1988-08-08', hasAccount: true });
    expect((await call(t, other, 'GET', '/api/my/record')).json().id).toBe(theirs);
    for (const url of [`/api/members/${theirs}`, `/api/members/${mine}`, '/api/members', `/api/members/${theirs}/file`, '/api/corrections']) {
      const r = await call(t, me, 'GET', url);
      expect(r.statusCode, url).toBe(403);
    }
    // An account with the member role but no member record behind it has no "self".
    const noRecord = await login(t, 'member', FIXTURE_PASSWORD);
    expect((await call(t, noRecord, 'GET', '/api/my/record')).statusCode).toBe(404);
    expect((await call(t, noRecord, 'GET', '/api/my/file')).statusCode).toBe(404);
  });

  it('shows the member their file and who viewed it', async () => {
    await call(t, town, 'GET', `/api/members/${mine}`);
    await call(t, sec, 'POST', `/api/members/${mine}/unmask`, { field: 'phone', reason: '通知参加主题党日' });
    const views = (await call(t, me, 'GET', '/api/my/views')).json();
    expect(views.items.slice(0, 2)).toMatchObject([
      { viewerName: '测试branch_secretary', viewerRoles: ['branch_secretary'], what: 'phone', reason: '通知参加主题党日' },
      { viewerName: '测试township_admin', viewerRoles: ['township_admin'], what: 'record', reason: null },
    ]);
    expect((await call(t, other, 'GET', '/api/my/views')).json().items.some((v: { viewerName: string }) => v.viewerName === '测试township_admin')).toBe(false);
    const file = (await call(t, me, 'GET', '/api/my/file')).json();
    expect(file.items.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['created', 'joined', 'account_enabled']));
    // The owner looking at their own data is not a "view" by someone else.
    expect((await call(t, me, 'GET', '/api/my/views')).json().total).toBe(views.total);
  });
});

describe('corrections', () => {
  let phoneRequest = '';

  it('a member asks for a correction; the value is checked and one request per field may be pending', async () => {
    const bad = await call(t, me, 'POST', '/api/my/corrections', { field: 'phone', requestedValue: '12345', reason: '换了新手机号码' });
    expect(fieldsOf(bad)).toEqual(['body.requestedValue:PHONE_INVALID']);
    const badEdu = await call(t, me, 'POST', '/api/my/corrections', { field: 'education', requestedValue: '博士', reason: '学历登记有误' });
    expect(fieldsOf(badEdu)).toEqual(['body.requestedValue:invalid_value']);
    const res = await call(t, me, 'POST', '/api/my/corrections', { field: 'phone', requestedValue: '13898765432', reason: '换了新手机号码' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ field: 'phone', requestedValue: '13898765432', currentValue: '13512345678', status: 'pending' });
    phoneRequest = res.json().id;
    const twice = await call(t, me, 'POST', '/api/my/corrections', { field: 'phone', requestedValue: '13898765431', reason: '换了新手机号码' });
    expect(codeOf(twice)).toBe('CORRECTION_PENDING');
  });

  it('the secretary sees it masked in the queue; others in scope only with the permission', async () => {
    const queue = await call(t, sec, 'GET', '/api/corrections');
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items).toMatchObject([{ id: phoneRequest, memberName: '陈红', requestedValue: '138****5432', currentValue: '135****5678', orgId: f.b1.id }]);
    expect(queue.body).not.toContain('13898765432');
    const committee = await login(t, 'branch_committee', FIXTURE_PASSWORD);
    expect((await call(t, committee, 'GET', '/api/corrections')).statusCode).toBe(403);
  });

  it('approval changes the record, writes the file and the audit trail; a decided request stays decided', async () => {
    const res = await call(t, sec, 'POST', `/api/corrections/${phoneRequest}/decide`, { decision: 'approve', note: '已电话核实' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', decidedByName: '测试branch_secretary', decisionNote: '已电话核实' });
    expect((await call(t, me, 'GET', '/api/my/record')).json().phone).toBe('13898765432');
    const types = (await call(t, me, 'GET', '/api/my/file?pageSize=3')).json().items.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['correction_approved', 'field_changed']));
    const mineNow = (await call(t, me, 'GET', '/api/my/corrections')).json().items;
    expect(mineNow[0]).toMatchObject({ id: phoneRequest, status: 'approved', requestedValue: '13898765432' });
    const [a] = await t.services.database.query<{ reason: string; detail: { decision: string; changes: unknown[] } }>("SELECT reason, detail FROM audit_log WHERE action = 'member.correction.decide'");
    expect(a.reason).toBe('已电话核实');
    expect(a.detail.changes).toEqual([{ field: 'phone', from: '135****5678', to: '138****5432' }]);
    const again = await call(t, sec, 'POST', `/api/corrections/${phoneRequest}/decide`, { decision: 'reject', note: '重复' });
    expect(codeOf(again)).toBe('CORRECTION_DECIDED');
  });

  it('rejection needs a note and keeps the record', async () => {
    const req = await call(t, me, 'POST', '/api/my/corrections', { field: 'occupation', requestedValue: '校长', reason: '职务已变更为校长' });
    const id = req.json().id;
    const noNote = await call(t, sec, 'POST', `/api/corrections/${id}/decide`, { decision: 'reject' });
    expect(fieldsOf(noNote)).toEqual(['body.note:required']);
    const res = await call(t, town, 'POST', `/api/corrections/${id}/decide`, { decision: 'reject', note: '请提供任职文件' });
    expect(res.json().status).toBe('rejected');
    expect((await call(t, me, 'GET', '/api/my/record')).json().occupation).toBe('教师');
    expect((await call(t, me, 'GET', '/api/my/file?pageSize=1')).json().items[0]).toMatchObject({ type: 'correction_rejected', detail: { note: '请提供任职文件' } });
  });

  it('the decided queue exports to Excel with Chinese statuses, masked phones and the exporter watermark', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/corrections/export?status=approved', headers: { cookie: sec.cookie } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0][0]).toContain('测试branch_secretary');
    const phoneRow = rows.find((r) => r[0] === '陈红' && r[2] === 'phone');
    expect(phoneRow?.[6]).toBe('已通过');
    expect(phoneRow?.[3]).toBe('138****5432');
    expect(rows.flat().join(' ')).not.toContain('13898765432');
  });

  it('a request outside the decider scope is 404 like a missing one', async () => {
    const outside = await seedMember(t.services, f.b2, { name: '外支部党员', idNumber: testIdNumber(33, '19900101') });
    const [{ id }] = await t.services.database.query<{ id: string }>(
      "INSERT INTO correction_requests (county_code, id, member_id, org_id, field, requested_value, reason) VALUES ($1, gen_random_uuid(), $2, $3, 'other', '测试', '测试更正申请') RETURNING id",
      [f.b2.countyCode, outside, f.b2.id],
    );
    const res = await call(t, sec, 'POST', `/api/corrections/${id}/decide`, { decision: 'approve' });
    expect(res.statusCode).toBe(404);
    expect((await call(t, sec, 'GET', '/api/corrections')).json().items.map((c: { id: string }) => c.id)).not.toContain(id);
    expect((await call(t, sec, 'GET', `/api/corrections?orgId=${f.b2.id}`)).statusCode).toBe(404);
  });

  it('keeps requested phones encrypted at rest', async () => {
    const all = await dumpMemberData(t);
    for (const s of ['13898765432', '13512345678', ID_ME, ID_OTHER]) expect(all).not.toContain(s);
  });
});
