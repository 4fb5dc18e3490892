import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addYears, todayIn } from '../../../common/calendar.ts';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { addMember, addMembers, addOrg, call, codeOf } from './orgs.test-kit.ts';

let t: TestApp;
let f: Fixture;
let township: Session;
beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  township = await login(t, 'township_admin', FIXTURE_PASSWORD);
});
afterAll(() => t.close());

const patch = (id: string, body: unknown) => call(t, township, 'PATCH', `/api/orgs/${id}`, body);
const get = (id: string) => call(t, township, 'GET', `/api/orgs/${id}`);

describe('organization details', () => {
  it('records address, location, contact, founding date and term start, with history and audit of what changed', async () => {
    const branch = await addOrg(t.services, f.t1, '甲镇详情村党支部', 'branch', 'rural');
    const res = await patch(branch.id, {
      address: '长兴县雉城街道北门路 1 号', longitude: 119.91, latitude: 31.01, contactName: '王书记', contactPhone: '0572-6021234', establishedOn: '1998-07-01', termStart: '2024-03-15',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ address: '长兴县雉城街道北门路 1 号', longitude: 119.91, latitude: 31.01, contactPhone: '0572-6021234', termYears: 5, termDueOn: '2029-03-15' });

    // Only the changed field is written to the history.
    await patch(branch.id, { contactName: '李书记', address: '长兴县雉城街道北门路 1 号' });
    const history = (await call(t, township, 'GET', `/api/orgs/${branch.id}/history`)).json().items;
    expect(history).toHaveLength(2);
    expect(history[1]).toMatchObject({ action: 'update', before: { contactName: '王书记' }, after: { contactName: '李书记' }, actorName: 'township_admin' });
    expect(Object.keys(history[1].after)).toEqual(['contactName']);
    // Nothing changed: no history, no audit.
    await patch(branch.id, { contactName: '李书记' });
    expect((await call(t, township, 'GET', `/api/orgs/${branch.id}/history`)).json().items).toHaveLength(2);
    const audit = await t.database.query<{ detail: { before: unknown; after: unknown } }>("SELECT detail FROM audit_log WHERE action = 'org.update' AND object_id = $1 ORDER BY seq", [branch.id]);
    expect(audit).toHaveLength(2);
    expect(audit[1].detail).toEqual({ before: { contactName: '王书记' }, after: { contactName: '李书记' } });
  });

  it('validates the details with clear codes', async () => {
    const id = f.b1.id;
    expect(codeOf(await patch(id, { longitude: 119.9 }))).toBe('ORG_COORDINATES_PAIR');
    expect((await patch(id, { latitude: 95, longitude: 119 })).statusCode).toBe(400);
    expect((await patch(id, { contactPhone: '12345' })).statusCode).toBe(400);
    expect((await patch(id, { establishedOn: '2023-02-29' })).statusCode).toBe(400);
    const future = await patch(id, { termStart: addYears(todayIn(), 1) });
    expect(future.json().error).toMatchObject({ code: 'DATE_IN_FUTURE', fields: [{ path: 'body.termStart', code: 'DATE_IN_FUTURE' }] });
    // A personal mobile number is not an office phone (phones are stored encrypted in the registry only).
    expect((await patch(id, { contactPhone: '13800138000' })).statusCode).toBe(400);
    expect((await patch(id, { contactPhone: '0572-6021234-801' })).statusCode).toBe(200);
    const redacted = await patch(id, { contactName: '张三 13812345678' });
    expect(redacted.json().contactName).toBe('张三 138****5678');
    expect((await patch(id, { longitude: null, latitude: null })).statusCode).toBe(200);
  });

  it('counts direct members with an active standing by status', async () => {
    const branch = await addOrg(t.services, f.t1, '甲镇计数村党支部', 'branch', 'rural');
    const group = await addOrg(t.services, branch, '甲镇计数村党小组', 'party_group');
    await addMembers(t.services, branch, 3);
    await addMember(t.services, branch, { status: 'probationary' });
    await addMember(t.services, branch, { standing: 'retained' });
    await addMember(t.services, branch, { standing: 'suspended' });
    await addMember(t.services, branch, { standing: 'deceased' });
    await addMember(t.services, group);
    const o = (await get(branch.id)).json();
    expect(o.memberCounts).toEqual({ full: 4, probationary: 1, total: 5 });
    expect(o.subtreeMemberCount).toBe(6);
  });
});

describe('warnings on the organization', () => {
  it('a branch over 50 members, and one with fewer than 3 正式党员', async () => {
    const big = await addOrg(t.services, f.t1, '甲镇大村党支部', 'branch', 'rural');
    await addMembers(t.services, big, 51);
    const codes = (await get(big.id)).json().warnings.map((w: { code: string }) => w.code);
    expect(codes).toEqual(expect.arrayContaining(['BRANCH_OVER_50', 'FULL_GE_7_NO_COMMITTEE', 'NO_SECRETARY']));
    const small = await addOrg(t.services, f.t1, '甲镇小村党支部', 'branch', 'rural');
    await addMembers(t.services, small, 2);
    await addMember(t.services, small, { status: 'probationary' });
    const w = (await get(small.id)).json().warnings.find((x: { code: string }) => x.code === 'LESS_THAN_3_FULL');
    expect(w).toEqual({ code: 'LESS_THAN_3_FULL', severity: 'warning', params: { full: 2, min: 3 }, message: '正式党员仅 2 名（少于 3 名），宜成立联合支部' });
    const en = await t.app.inject({ method: 'GET', url: `/api/orgs/${small.id}`, headers: { cookie: township.cookie, 'accept-language': 'en' } });
    expect(en.json().warnings.find((x: { code: string }) => x.code === 'LESS_THAN_3_FULL').message).toBe('Only 2 full members (fewer than 3); form a joint branch');
  });

  it('换届 overdue follows the term of the level and category', async () => {
    const gov = await addOrg(t.services, f.t1, '甲镇机关党支部', 'branch', 'government');
    const start = addYears(todayIn(), -4);
    await patch(gov.id, { termStart: start });
    const o = (await get(gov.id)).json();
    expect(o.termDueOn).toBe(addYears(start, 3));
    expect(o.warnings[0]).toMatchObject({ code: 'TERM_OVERDUE', severity: 'error', params: { dueOn: addYears(start, 3), years: 3 } });
    // The same start for a village branch (5 years) is due within a year: no warning yet.
    const village = await addOrg(t.services, f.t1, '甲镇换届村党支部', 'branch', 'rural');
    await patch(village.id, { termStart: start });
    expect((await get(village.id)).json().warnings.map((w: { code: string }) => w.code)).not.toContain('TERM_OVERDUE');
  });
});
