import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../common/calendar.ts';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { addMember, addMembers, addOrg, call, codeOf } from './orgs.test-kit.ts';

let t: TestApp;
let f: Fixture;
let township: Session;
let secretary: Session;
beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  township = await login(t, 'township_admin', FIXTURE_PASSWORD);
  secretary = await login(t, 'branch_secretary', FIXTURE_PASSWORD);
});
afterAll(() => t.close());

const warningCodes = async (id: string) => ((await call(t, township, 'GET', `/api/orgs/${id}`)).json().warnings as { code: string }[]).map((w) => w.code);
const appoint = (orgId: string, memberId: string, position: string, termStart = '2024-05-01') => call(t, township, 'POST', `/api/orgs/${orgId}/committee`, { memberId, position, termStart });

describe('committee', () => {
  it('a branch with ≥ 7 正式党员 is warned until it has a committee of 3–7, and the file shows each position', async () => {
    const branch = await addOrg(t.services, f.t1, '甲镇委员村党支部', 'branch', 'rural');
    const [a, b, c, ...rest] = await addMembers(t.services, branch, 9);
    expect(await warningCodes(branch.id)).toEqual(expect.arrayContaining(['FULL_GE_7_NO_COMMITTEE', 'NO_SECRETARY']));

    const first = await appoint(branch.id, a, 'secretary');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().items).toEqual([expect.objectContaining({ memberId: a, position: 'secretary', termStart: '2024-05-01', termEnd: null, active: true })]);
    expect(await warningCodes(branch.id)).toEqual(['FULL_GE_7_NO_COMMITTEE']);
    await appoint(branch.id, b, 'organization');
    expect(await warningCodes(branch.id)).toEqual(['COMMITTEE_SIZE']);
    const third = await appoint(branch.id, c, 'propaganda');
    expect(third.json().items.map((i: { position: string }) => i.position)).toEqual(['secretary', 'organization', 'propaganda']);
    expect(await warningCodes(branch.id)).toEqual([]);

    // Appointing the same member to the same position again changes nothing.
    expect((await appoint(branch.id, c, 'propaganda')).json().items).toHaveLength(3);
    expect(codeOf(await appoint(branch.id, c, 'discipline'))).toBe('COMMITTEE_MEMBER_HOLDS_POSITION');
    const second = await appoint(branch.id, rest[0], 'secretary');
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('COMMITTEE_SECRETARY_EXISTS');

    // Ending the secretary's term keeps the entry with today's end date; the warnings come back.
    const entry = third.json().items.find((i: { position: string }) => i.position === 'secretary');
    expect((await call(t, township, 'DELETE', `/api/orgs/${branch.id}/committee/${entry.id}`)).statusCode).toBe(204);
    expect((await call(t, township, 'DELETE', `/api/orgs/${branch.id}/committee/${entry.id}`)).statusCode).toBe(204);
    const after = (await call(t, secretary, 'GET', `/api/orgs/${branch.id}/committee`)).json();
    expect(after.items.at(-1)).toMatchObject({ id: entry.id, termEnd: todayIn(), active: false });
    expect(await warningCodes(branch.id)).toEqual(expect.arrayContaining(['COMMITTEE_SIZE', 'NO_SECRETARY']));
    // A new secretary may now be appointed.
    expect((await appoint(branch.id, rest[0], 'secretary')).statusCode).toBe(200);

    const file = await t.database.query<{ section: string; type: string; title: string; occurred_on: string }>(
      "SELECT section, type, title, occurred_on::text FROM member_events WHERE member_id = $1 ORDER BY at, id", [a],
    );
    expect(file).toEqual([
      { section: 'position', type: 'position_start', title: '任甲镇委员村党支部书记', occurred_on: '2024-05-01' },
      { section: 'position', type: 'position_end', title: '免去甲镇委员村党支部书记职务', occurred_on: todayIn() },
    ]);
    const audit = await t.database.query<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'org.committee.%' AND org_id = $1 ORDER BY seq", [branch.id]);
    expect(audit.map((r) => r.action)).toEqual(['org.committee.add', 'org.committee.add', 'org.committee.add', 'org.committee.end', 'org.committee.add']);
  });

  it('only members of the organization with an active standing can be appointed', async () => {
    const branch = await addOrg(t.services, f.t1, '甲镇任职村党支部', 'branch', 'rural');
    const elsewhere = await addMember(t.services, f.b1);
    const suspended = await addMember(t.services, branch, { standing: 'suspended' });
    for (const m of [elsewhere, suspended]) {
      const r = await appoint(branch.id, m, 'secretary');
      expect(r.statusCode).toBe(400);
      expect(r.json().error.fields).toEqual([expect.objectContaining({ path: 'body.memberId', code: 'COMMITTEE_NOT_ORG_MEMBER' })]);
    }
    const ok = await addMember(t.services, branch);
    expect(codeOf(await appoint(branch.id, ok, 'secretary', addDays(todayIn(), 1)))).toBe('DATE_IN_FUTURE');
    // The branch secretary may read the committee but appointments belong to the 党委.
    expect((await call(t, secretary, 'POST', `/api/orgs/${branch.id}/committee`, { memberId: ok, position: 'member', termStart: '2024-01-01' })).statusCode).toBe(403);
    expect((await call(t, township, 'GET', `/api/orgs/${f.b2.id}/committee`)).statusCode).toBe(404);
  });

  it('more than 7 positions is outside the committee size', async () => {
    const branch = await addOrg(t.services, f.t1, '甲镇大支委村党支部', 'branch', 'rural');
    const ids = await addMembers(t.services, branch, 10);
    const positions = ['secretary', 'deputy_secretary', 'organization', 'propaganda', 'discipline', 'member', 'member', 'member'];
    for (const [i, p] of positions.entries()) expect((await appoint(branch.id, ids[i], p)).statusCode).toBe(200);
    const w = (await call(t, township, 'GET', `/api/orgs/${branch.id}`)).json().warnings;
    expect(w).toEqual([expect.objectContaining({ code: 'COMMITTEE_SIZE', params: { size: 8, min: 3, max: 7 }, message: '支委会现有 8 人，应为 3–7 人' })]);
  });
});
