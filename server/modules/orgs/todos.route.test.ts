import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, todayIn } from '../../../common/calendar.ts';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { addMember, addOrg, call, codeOf, sessionAt } from './orgs.test-kit.ts';
import { LOST_CONTACT_CRON, LOST_CONTACT_JOB, scanLostContact } from './todos.ts';

let t: TestApp;
let f: Fixture;
let secretary: Session;
beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  secretary = await login(t, 'branch_secretary', FIXTURE_PASSWORD);
});
afterAll(() => t.close());

const today = todayIn();
const sixMonthsAgo = addMonths(today, -6);
const todosOf = async (s: Session, orgId: string, status = '') =>
  (await call(t, s, 'GET', `/api/orgs/${orgId}/todos${status ? `?status=${status}` : ''}`)).json().items as { id: string; memberId: string; status: string; kind: string; title: string }[];
const memberRow = async (id: string) => (await t.database.query<{ standing: string }>('SELECT standing FROM members WHERE id = $1', [id]))[0];

describe('the daily 失联 scan', () => {
  it('proposes 停止党籍 exactly once for a member lost for ≥ 6 months, and changes nothing by itself', async () => {
    const branch = await addOrg(t.services, f.t1, '甲镇失联村党支部', 'branch');
    const lost = await addMember(t.services, branch, { name: '失联甲', lostContactSince: sixMonthsAgo });
    await addMember(t.services, branch, { name: '失联乙', lostContactSince: addDays(sixMonthsAgo, 1) });
    await addMember(t.services, branch, { name: '已停止', lostContactSince: '2020-01-01', standing: 'suspended' });
    await addMember(t.services, branch, { name: '正常党员' });

    expect(await scanLostContact(t.services)).toBe(1);
    expect(await scanLostContact(t.services)).toBe(0);
    // Through the job queue as the schedule would run it: still one.
    await t.services.jobs.enqueue(LOST_CONTACT_JOB, {});
    await t.services.jobs.runDue();
    const todos = await todosOf(secretary, branch.id);
    expect(todos).toEqual([expect.objectContaining({ memberId: lost, kind: 'suspend_proposal', status: 'open', title: '失联甲失联已满 6 个月，提议停止党籍' })]);
    expect((await memberRow(lost)).standing).toBe('normal');
    // The day after, the second member's 6 months are reached.
    expect(await scanLostContact(t.services, addDays(today, 1))).toBe(1);
    expect(await todosOf(secretary, branch.id)).toHaveLength(2);
  });

  it('runs daily at 01:30 Asia/Shanghai', async () => {
    await t.services.jobs.syncSchedules();
    const [s] = await t.database.query<{ cron: string; job_name: string }>('SELECT cron, job_name FROM job_schedules WHERE name = $1', [LOST_CONTACT_JOB]);
    expect(s).toEqual({ cron: LOST_CONTACT_CRON, job_name: LOST_CONTACT_JOB });
    expect(LOST_CONTACT_CRON).toBe('30 1 * * *');
  });
});

describe('deciding a to-do', () => {
  it('accepting suspends the member with a file event and audit; a second, different decision is refused', async () => {
    const branch = await addOrg(t.services, f.t1, '甲镇决定村党支部', 'branch');
    const m = await addMember(t.services, branch, { name: '失联丙', lostContactSince: '2024-01-01' });
    await scanLostContact(t.services);
    const [todo] = await todosOf(secretary, branch.id, 'open');
    expect(todo.memberId).toBe(m);

    const committee = await login(t, 'branch_committee', FIXTURE_PASSWORD);
    expect((await call(t, committee, 'POST', `/api/todos/${todo.id}/decide`, { decision: 'accept' })).statusCode).toBe(403);
    const otherTownship = await sessionAt(t, 'admin_t2_todos', 'township_admin', f.t2);
    expect((await call(t, otherTownship, 'POST', `/api/todos/${todo.id}/decide`, { decision: 'accept' })).statusCode).toBe(404);

    const res = await call(t, secretary, 'POST', `/api/todos/${todo.id}/decide`, { decision: 'accept', note: '支委会研究同意' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'accepted', decision: 'accept', detail: { decisionNote: '支委会研究同意' } });
    expect((await memberRow(m)).standing).toBe('suspended');
    const file = await t.database.query<{ section: string; type: string; title: string }>('SELECT section, type, title FROM member_events WHERE member_id = $1', [m]);
    expect(file).toEqual([{ section: 'basic', type: 'standing_changed', title: '停止党籍（失联满 6 个月）' }]);
    const audit = await t.database.query<{ action: string }>("SELECT action FROM audit_log WHERE object_id IN ($1, $2) AND action IN ('member.standing', 'todo.decide') ORDER BY seq", [m, todo.id]);
    expect(audit.map((a) => a.action)).toEqual(['member.standing', 'todo.decide']);

    // Same decision again: nothing changes; the other decision: refused.
    expect((await call(t, secretary, 'POST', `/api/todos/${todo.id}/decide`, { decision: 'accept' })).statusCode).toBe(200);
    expect(codeOf(await call(t, secretary, 'POST', `/api/todos/${todo.id}/decide`, { decision: 'dismiss' }))).toBe('TODO_DECIDED');
    expect(await todosOf(secretary, branch.id, 'open')).toEqual([]);
    // A suspended member is not proposed again.
    expect(await scanLostContact(t.services)).toBe(0);
  });

  it('a proposal whose member was found again cannot be accepted, only dismissed', async () => {
    const branch = await addOrg(t.services, f.t1, '甲镇找到村党支部', 'branch');
    const m = await addMember(t.services, branch, { name: '失联丁', lostContactSince: '2024-01-01' });
    await scanLostContact(t.services);
    const [todo] = await todosOf(secretary, branch.id, 'open');
    await t.database.query('UPDATE members SET lost_contact_since = NULL WHERE id = $1', [m]);
    expect(codeOf(await call(t, secretary, 'POST', `/api/todos/${todo.id}/decide`, { decision: 'accept' }))).toBe('TODO_STALE');
    expect((await memberRow(m)).standing).toBe('normal');
    const dismissed = await call(t, secretary, 'POST', `/api/todos/${todo.id}/decide`, { decision: 'dismiss', note: '已取得联系' });
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', decision: 'dismiss' });
    expect((await todosOf(secretary, branch.id, 'dismissed')).map((x) => x.id)).toEqual([todo.id]);
  });
});
