import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, todayIn } from '../../../common/calendar.ts';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { addMember, call, codeOf } from '../orgs/orgs.test-kit.ts';
import { pipelineIdNumber } from './pipeline.fixture.ts';

let t: TestApp;
let f: Fixture;
let secretary: Session;
beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  secretary = await login(t, 'branch_secretary', FIXTURE_PASSWORD);
});
afterAll(() => t.close());

const today = todayIn();
const ymd = (d: string) => d.replaceAll('-', '');
/** The Monday on or before a date. */
const mondayOf = (d: string) => addDays(d, -((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7));
let seq = 0;
const apply = (name: string, appliedOn: string, birth = '19950101', orgId = f.b1.id, s = secretary) =>
  call(t, s, 'POST', '/api/pipeline', { orgId, name, idNumber: pipelineIdNumber(++seq, birth), appliedOn });
const step = (id: string, body: Record<string, unknown>) => call(t, secretary, 'POST', `/api/pipeline/${id}/advance`, body);

describe('application', () => {
  it('refuses a 17-year-old and accepts on the 18th birthday', async () => {
    const birth = addYears(today, -18);
    const young = await call(t, secretary, 'POST', '/api/pipeline', { orgId: f.b1.id, name: '未满十八', idNumber: pipelineIdNumber(500, ymd(addDays(birth, 1))), appliedOn: today });
    expect(young.statusCode).toBe(409);
    expect(young.json().error).toMatchObject({ code: 'PIPELINE_UNDERAGE', message: '申请入党须年满 18 周岁（申请时 17 周岁）' });
    const adult = await call(t, secretary, 'POST', '/api/pipeline', { orgId: f.b1.id, name: '刚满十八', idNumber: pipelineIdNumber(501, ymd(birth)), appliedOn: today });
    expect(adult.statusCode, adult.body).toBe(201);
    expect(adult.json()).toMatchObject({ stage: 'applicant', age: 18, idNumber: `3305**********${pipelineIdNumber(501, ymd(birth)).slice(-4)}` });
  });

  it('checks the ID number, refuses duplicates and existing members, and stores the number encrypted', async () => {
    const good = pipelineIdNumber(510, '19900909');
    const bad = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const r = await call(t, secretary, 'POST', '/api/pipeline', { orgId: f.b1.id, name: '校验位错', idNumber: bad, appliedOn: '2025-01-01' });
    expect(r.json().error).toMatchObject({ code: 'ID_NUMBER_CHECK_DIGIT', fields: [expect.objectContaining({ path: 'body.idNumber' })] });
    const ok = await call(t, secretary, 'POST', '/api/pipeline', { orgId: f.b1.id, name: '正常申请', idNumber: good.toLowerCase(), appliedOn: '2025-01-01' });
    expect(ok.statusCode).toBe(201);
    expect(codeOf(await call(t, secretary, 'POST', '/api/pipeline', { orgId: f.b1.id, name: '重复申请', idNumber: good, appliedOn: '2025-02-01' }))).toBe('PIPELINE_DUPLICATE');
    const rows = await t.database.query<{ j: string }>('SELECT row_to_json(a)::text AS j FROM applicants a');
    expect(rows.map((x) => x.j).join('\n')).not.toContain(good.slice(0, 14));
    const memberId = await addMember(t.services, f.b1, { name: '已是党员' });
    const [m] = await t.database.query<{ id_number_enc: string }>('SELECT id_number_enc FROM members WHERE id = $1', [memberId]);
    const { decryptField } = await import('../../core/crypto/field-crypto.ts');
    const memberNumber = decryptField(t.services.keys, m.id_number_enc);
    expect(codeOf(await call(t, secretary, 'POST', '/api/pipeline', { orgId: f.b1.id, name: '已是党员', idNumber: memberNumber, appliedOn: '2025-02-01' }))).toBe('PIPELINE_ALREADY_MEMBER');
    // Outside the write scope the organization does not exist; a committee member only reads.
    expect((await apply('外镇申请', '2025-01-01', '19900101', f.b2.id)).statusCode).toBe(404);
    const committee = await login(t, 'branch_committee', FIXTURE_PASSWORD);
    expect((await apply('支委录入', '2025-01-01', '19900101', f.b1.id, committee)).statusCode).toBe(403);
    expect((await call(t, committee, 'GET', `/api/pipeline?orgId=${f.b1.id}`)).statusCode).toBe(200);
  });
});

describe('the development procedure', () => {
  it('enforces each step; becoming probationary creates a member whose file shows the development history', async () => {
    const appliedOn = addYears(today, -3);
    const created = await apply('发展张', appliedOn);
    const id = created.json().id as string;

    // The talk came late: recorded with a remark, not refused.
    const talkedOn = addDays(addMonths(appliedOn, 1), 10);
    const activistOn = addDays(talkedOn, 5);
    const a = await step(id, { to: 'activist', date: activistOn, talkedOn });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json().notes).toEqual([expect.objectContaining({ code: 'TALK_LATE' })]);
    expect(a.json().applicant.remarks[0].code).toBe('TALK_LATE');
    expect(a.json().applicant.timers.map((x: { code: string }) => x.code)).toEqual(['ACTIVIST_REVIEW', 'CANDIDATE_ELIGIBLE']);

    // Too early for 发展对象: less than a year as activist.
    const eligible = addYears(activistOn, 1);
    const early = await step(id, { to: 'candidate', date: addDays(eligible, -1) });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'PIPELINE_TOO_EARLY', message: `入党积极分子须培养教育满 1 年，最早 ${eligible} 可确定为发展对象` });
    const candidateOn = addDays(eligible, 30);
    const mon = mondayOf(addDays(candidateOn, -14));
    const dates = { trainingDoneOn: addDays(candidateOn, -10), politicalReviewOn: addDays(candidateOn, -7), publicityStart: mon, publicityEnd: addDays(mon, 3) };
    expect(codeOf(await step(id, { to: 'candidate', date: candidateOn }))).toBe('PIPELINE_TRAINING_MISSING');
    expect(codeOf(await step(id, { to: 'candidate', date: candidateOn, ...dates }))).toBe('PIPELINE_PUBLICITY_SHORT');
    const c = await step(id, { to: 'candidate', date: candidateOn, ...dates, publicityEnd: addDays(mon, 4) });
    expect(c.statusCode, c.body).toBe(200);

    // The 支部大会, then 党委 approval: after 6 months the procedure would have to restart.
    const admittedOn = addDays(candidateOn, 20);
    const late = await step(id, { to: 'probationary', date: admittedOn, approvedOn: addDays(addMonths(admittedOn, 6), 1) });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('PIPELINE_APPROVAL_EXPIRED');
    const p = await step(id, { to: 'probationary', date: admittedOn, approvedOn: addMonths(admittedOn, 2) });
    expect(p.statusCode, p.body).toBe(200);
    const memberId = p.json().applicant.memberId as string;
    expect(p.json().applicant.timers).toEqual([expect.objectContaining({ code: 'CONFIRMATION_DUE', dueOn: addYears(admittedOn, 1) })]);

    const member = await call(t, secretary, 'GET', `/api/members/${memberId}`);
    expect(member.json()).toMatchObject({ name: '发展张', status: 'probationary', joinedOn: admittedOn, orgId: f.b1.id });
    const file = (await call(t, secretary, 'GET', `/api/members/${memberId}/file?section=development&pageSize=50`)).json().items as { type: string; title: string; occurredOn: string }[];
    const byDate = [...file].sort((x, y) => x.occurredOn.localeCompare(y.occurredOn));
    expect(byDate.map((e) => [e.type, e.occurredOn])).toEqual([
      ['applied', appliedOn], ['talked', talkedOn], ['activist', activistOn], ['candidate', candidateOn], ['admitted', admittedOn], ['approved', addMonths(admittedOn, 2)],
    ]);
    expect(byDate.map((e) => e.title)).toContain('支部大会讨论通过，接收为预备党员');

    // 转正 after the 预备期.
    expect(codeOf(await step(id, { to: 'full', date: addDays(addYears(admittedOn, 1), -1) }))).toBe('PIPELINE_PROBATION_NOT_OVER');
    const full = await step(id, { to: 'full', date: addYears(admittedOn, 1) });
    expect(full.statusCode, full.body).toBe(200);
    expect((await call(t, secretary, 'GET', `/api/members/${memberId}`)).json()).toMatchObject({ status: 'full', confirmedOn: addYears(admittedOn, 1) });
    expect(codeOf(await step(id, { to: 'full', date: today }))).toBe('PIPELINE_STAGE_ORDER');
    expect(codeOf(await call(t, secretary, 'POST', `/api/pipeline/${id}/close`, { reason: '测试' }))).toBe('PIPELINE_NOT_CLOSABLE');
    const audit = await t.database.query<{ action: string }>("SELECT action FROM audit_log WHERE object_id IN ($1, $2) ORDER BY seq", [id, memberId]);
    expect(audit.map((x) => x.action)).toEqual(['pipeline.create', 'pipeline.advance', 'pipeline.advance', 'member.create', 'pipeline.advance', 'pipeline.advance']);
  });

  it('extends the 预备期 once by at most a year', async () => {
    const appliedOn = addYears(today, -3);
    const id = (await apply('延长李', appliedOn)).json().id as string;
    const activistOn = addDays(appliedOn, 20);
    await step(id, { to: 'activist', date: activistOn, talkedOn: addDays(appliedOn, 10) });
    const candidateOn = addDays(addYears(activistOn, 1), 10);
    const mon = mondayOf(addDays(candidateOn, -9));
    await step(id, { to: 'candidate', date: candidateOn, trainingDoneOn: addDays(candidateOn, -3), politicalReviewOn: addDays(candidateOn, -3), publicityStart: mon, publicityEnd: addDays(mon, 4) });
    const admittedOn = addDays(candidateOn, 10);
    const p = await step(id, { to: 'probationary', date: admittedOn, approvedOn: addDays(admittedOn, 20) });
    expect(p.statusCode, p.body).toBe(200);
    const normalEnd = addYears(admittedOn, 1);
    const tooLong = await call(t, secretary, 'POST', `/api/pipeline/${id}/extend`, { to: addDays(addYears(normalEnd, 1), 1) });
    expect(tooLong.json().error).toMatchObject({ code: 'PIPELINE_EXTENSION_INVALID' });
    const ext = await call(t, secretary, 'POST', `/api/pipeline/${id}/extend`, { to: addMonths(normalEnd, 6) });
    expect(ext.statusCode, ext.body).toBe(200);
    expect(ext.json().applicant).toMatchObject({ probationExtendedTo: addMonths(normalEnd, 6), timers: [{ code: 'CONFIRMATION_DUE', dueOn: addMonths(normalEnd, 6) }] });
    expect(codeOf(await call(t, secretary, 'POST', `/api/pipeline/${id}/extend`, { to: addMonths(normalEnd, 8) }))).toBe('PIPELINE_EXTENDED_ALREADY');
    expect(codeOf(await step(id, { to: 'full', date: normalEnd }))).toBe('PIPELINE_PROBATION_NOT_OVER');
    const events = await t.database.query<{ type: string }>("SELECT type FROM member_events WHERE member_id = $1 AND type = 'probation_extended'", [p.json().applicant.memberId]);
    expect(events).toHaveLength(1);
  });
});

describe('board and overdue list', () => {
  it('shows each branch’s people by stage with timers, and a township’s overdue steps across its branches', async () => {
    const noTalk = (await apply('未谈话王', addMonths(today, -2))).json().id as string;
    const fresh = (await apply('新申请赵', addDays(today, -3))).json().id as string;
    const county = await login(t, 'root_admin', FIXTURE_PASSWORD);
    const elsewhere = (await apply('外镇逾期', addMonths(today, -3), '19950101', f.b2.id, county)).json().id as string;

    const board = (await call(t, secretary, 'GET', `/api/pipeline?orgId=${f.b1.id}`)).json();
    expect(board.stages.map((s: { stage: string }) => s.stage)).toEqual(['applicant', 'activist', 'candidate', 'probationary']);
    const applicants = board.stages[0].items as { id: string; timers: { code: string; overdue: boolean; message: string }[] }[];
    expect(applicants.find((a) => a.id === noTalk)?.timers).toEqual([expect.objectContaining({ code: 'TALK_DUE', overdue: true, message: '入党谈话（申请后 1 个月内）' })]);
    expect(applicants.find((a) => a.id === fresh)?.timers).toEqual([expect.objectContaining({ code: 'TALK_DUE', overdue: false })]);

    const township = await login(t, 'township_admin', FIXTURE_PASSWORD);
    const overdue = (await call(t, township, 'GET', `/api/pipeline/overdue?orgId=${f.t1.id}`)).json();
    expect(overdue.items.map((a: { id: string }) => a.id)).toContain(noTalk);
    expect(overdue.items.map((a: { id: string }) => a.id)).not.toContain(fresh);
    expect(overdue.items.map((a: { id: string }) => a.id)).not.toContain(elsewhere);
    expect((await call(t, township, 'GET', `/api/pipeline/overdue?orgId=${f.t2.id}`)).statusCode).toBe(404);
    const all = (await call(t, county, 'GET', '/api/pipeline/overdue?pageSize=100')).json();
    expect(all.items.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([noTalk, elsewhere]));

    // A 支部大会 recorded four months ago still waiting for approval is overdue too.
    const waiting = (await apply('待审批钱', addYears(today, -2))).json().id as string;
    await t.database.query("UPDATE applicants SET stage = 'candidate', talked_on = applied_on, activist_on = applied_on, candidate_on = $2 WHERE id = $1", [waiting, addMonths(today, -5)]);
    const rec = await call(t, secretary, 'POST', `/api/pipeline/${waiting}/record`, { admittedOn: addMonths(today, -4) });
    expect(rec.statusCode, rec.body).toBe(200);
    expect(rec.json().applicant.timers.map((x: { code: string; overdue: boolean }) => [x.code, x.overdue])).toEqual([['APPROVAL_DUE', true], ['APPROVAL_EXPIRED', false]]);
    expect((await call(t, township, 'GET', `/api/pipeline/overdue?orgId=${f.t1.id}`)).json().items.map((a: { id: string }) => a.id)).toContain(waiting);

    const xlsx = await call(t, township, 'GET', `/api/pipeline/overdue/export?orgId=${f.t1.id}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const boardXlsx = await call(t, secretary, 'GET', `/api/pipeline/export?orgId=${f.b1.id}`);
    expect(boardXlsx.statusCode).toBe(200);

    // Closing takes a record off the board; it stays visible under its stage.
    const closed = await call(t, secretary, 'POST', `/api/pipeline/${fresh}/close`, { reason: '本人撤回申请，电话13812345678' });
    // Free text never keeps a phone or ID number in clear.
    expect(closed.json().applicant).toMatchObject({ stage: 'closed', closedReason: '本人撤回申请，电话138****5678' });
    const after = (await call(t, secretary, 'GET', `/api/pipeline?orgId=${f.b1.id}`)).json();
    expect(after.stages[0].items.map((a: { id: string }) => a.id)).not.toContain(fresh);
    expect((await call(t, secretary, 'GET', `/api/pipeline?orgId=${f.b1.id}&stage=closed`)).json().stages[0].items.map((a: { id: string }) => a.id)).toEqual([fresh]);
    expect(codeOf(await call(t, secretary, 'POST', `/api/pipeline/${fresh}/close`, { reason: '再次终止' }))).toBe('PIPELINE_CLOSED');
    expect(codeOf(await step(fresh, { to: 'activist', date: today, talkedOn: today }))).toBe('PIPELINE_CLOSED');
  });
});
