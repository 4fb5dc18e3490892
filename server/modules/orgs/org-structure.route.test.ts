import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { addMember, addOrg, call, codeOf, sessionAt } from './orgs.test-kit.ts';

let t: TestApp;
let f: Fixture;
let county: Session;
let township: Session;
beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  county = await login(t, 'root_admin', FIXTURE_PASSWORD);
  township = await login(t, 'township_admin', FIXTURE_PASSWORD);
});
afterAll(() => t.close());

const get = (s: Session, url: string) => call(t, s, 'GET', url);
const ids = async (s: Session, url: string) => ((await get(s, url)).json().items as { id: string }[]).map((o) => o.id);
const orgRow = async (id: string) => (await t.database.query<{ path: string; depth: number; parent_id: string; status: string; merged_into: string | null }>('SELECT path, depth, parent_id, status, merged_into FROM organizations WHERE id = $1', [id]))[0];

describe('move', () => {
  it('rewrites the paths of the whole subtree, so a township administrator’s scope follows', async () => {
    // 乙镇 (T2) has a branch with a party group; the county moves the branch to 甲镇 (T1).
    const branch = await addOrg(t.services, f.t2, '乙镇二村党支部', 'branch');
    const group = await addOrg(t.services, branch, '乙镇二村第一党小组', 'party_group');
    await addMember(t.services, group, { name: '小组党员' });
    const t2Admin = await sessionAt(t, 'admin_t2_move', 'township_admin', f.t2);
    const secretary = await sessionAt(t, 'secretary_moved_branch', 'branch_secretary', branch);
    expect((await get(township, `/api/orgs/${branch.id}`)).statusCode).toBe(404);
    expect((await get(secretary, `/api/orgs/${group.id}`)).statusCode).toBe(200);

    const res = await call(t, county, 'POST', `/api/orgs/${branch.id}/move`, { parentId: f.t1.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ parentId: f.t1.id, depth: 2 });
    expect(await orgRow(branch.id)).toMatchObject({ path: `${f.t1.path}${branch.id}/`, depth: 2, parent_id: f.t1.id });
    expect(await orgRow(group.id)).toMatchObject({ path: `${f.t1.path}${branch.id}/${group.id}/`, depth: 3 });

    // T1's administrator now sees the branch and its group (with the member counted); T2's no longer does.
    expect(await ids(township, `/api/orgs/tree?parentId=${f.t1.id}`)).toContain(branch.id);
    const node = (await get(township, `/api/orgs/tree?parentId=${f.t1.id}`)).json().items.find((o: { id: string }) => o.id === branch.id);
    expect(node).toMatchObject({ hasChildren: true, memberCount: 1 });
    expect((await get(township, `/api/orgs/${group.id}`)).statusCode).toBe(200);
    expect((await get(t2Admin, `/api/orgs/${branch.id}`)).statusCode).toBe(404);
    expect(await ids(t2Admin, `/api/orgs/tree?parentId=${f.t2.id}`)).not.toContain(branch.id);
    // The secretary granted at the moved branch keeps the branch and the group.
    expect((await get(secretary, `/api/orgs/${group.id}`)).statusCode).toBe(200);

    const history = (await get(county, `/api/orgs/${branch.id}/history`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toContain('move');
    expect(history.find((h: { action: string }) => h.action === 'move')).toMatchObject({ before: { parentId: f.t2.id }, after: { parentId: f.t1.id, parentName: '甲镇党委' }, actorName: 'root_admin' });
    const audit = await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'org.move' AND object_id = $1", [branch.id]);
    expect(audit[0].n).toBe(1);
  });

  it('refuses a move under itself or a descendant, a wrong level, and a parent outside the write scope', async () => {
    const branch = await addOrg(t.services, f.t1, '甲镇三村党支部', 'branch');
    const group = await addOrg(t.services, branch, '甲镇三村党小组', 'party_group');
    expect(codeOf(await call(t, county, 'POST', `/api/orgs/${branch.id}/move`, { parentId: group.id }))).toBe('ORG_MOVE_CYCLE');
    expect(codeOf(await call(t, county, 'POST', `/api/orgs/${branch.id}/move`, { parentId: branch.id }))).toBe('ORG_MOVE_CYCLE');
    const r = await call(t, county, 'POST', `/api/orgs/${branch.id}/move`, { parentId: f.b1.id });
    expect(r.statusCode).toBe(400);
    expect(codeOf(r)).toBe('ORG_LEVEL_NESTING');
    // T1's administrator cannot move a branch to 乙镇: the new parent is outside the write scope.
    expect((await call(t, township, 'POST', `/api/orgs/${branch.id}/move`, { parentId: f.t2.id })).statusCode).toBe(404);
    expect(codeOf(await call(t, county, 'POST', `/api/orgs/${f.root.id}/move`, { parentId: f.t1.id }))).toBe('ORG_IS_ROOT');
    expect((await orgRow(branch.id)).parent_id).toBe(f.t1.id);
  });
});

describe('merge', () => {
  it('moves members and active children to the target and dissolves the source', async () => {
    const source = await addOrg(t.services, f.t1, '甲镇四村党支部', 'branch');
    const target = await addOrg(t.services, f.t1, '甲镇五村党支部', 'branch');
    const group = await addOrg(t.services, source, '甲镇四村党小组', 'party_group');
    const m1 = await addMember(t.services, source, { name: '合并甲' });
    const m2 = await addMember(t.services, source, { name: '合并乙', status: 'probationary' });
    // 合并甲 can log in: the login's home organization and grant follow the member.
    expect((await call(t, township, 'POST', `/api/members/${m1}/account`, {})).statusCode).toBe(201);
    const res = await call(t, township, 'POST', `/api/orgs/${source.id}/merge`, { intoId: target.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'dissolved', mergedInto: target.id, memberCounts: { total: 0 } });

    const moved = await t.database.query<{ id: string; org_id: string }>('SELECT id, org_id FROM members WHERE id = ANY($1)', [[m1, m2]]);
    expect(moved.every((m) => m.org_id === target.id)).toBe(true);
    expect(await orgRow(group.id)).toMatchObject({ parent_id: target.id, path: `${target.path}${group.id}/` });
    expect(await orgRow(source.id)).toMatchObject({ status: 'dissolved', merged_into: target.id });

    const tgt = (await get(township, `/api/orgs/${target.id}`)).json();
    expect(tgt.memberCounts).toEqual({ full: 1, probationary: 1, total: 2 });
    expect(await ids(township, `/api/orgs/tree?parentId=${f.t1.id}`)).not.toContain(source.id);
    expect(await ids(township, `/api/orgs/tree?parentId=${target.id}`)).toEqual([group.id]);
    // History on both, and the moved members' files say why they moved.
    expect((await get(township, `/api/orgs/${source.id}/history`)).json().items.at(-1)).toMatchObject({ action: 'merge', after: { mergedInto: target.id, members: 2 } });
    expect((await get(township, `/api/orgs/${target.id}/history`)).json().items.at(-1)).toMatchObject({ action: 'merged_in', after: { fromOrgId: source.id, members: 2 } });
    const login = await t.database.query<{ org_id: string; grant_org: string }>(
      "SELECT a.org_id, g.org_id AS grant_org FROM accounts a JOIN grants g ON g.account_id = a.id AND g.role = 'member' WHERE a.member_id = $1", [m1],
    );
    expect(login).toEqual([{ org_id: target.id, grant_org: target.id }]);
    const events = await t.database.query<{ title: string }>("SELECT title FROM member_events WHERE member_id = $1 AND type = 'org_merged'", [m1]);
    expect(events.map((e) => e.title)).toEqual(['所在组织甲镇四村党支部并入甲镇五村党支部']);
  });

  it('refuses merging into itself, into a descendant or from outside the scope', async () => {
    const source = await addOrg(t.services, f.t1, '甲镇六村党支部', 'branch');
    const group = await addOrg(t.services, source, '甲镇六村党小组', 'party_group');
    expect(codeOf(await call(t, township, 'POST', `/api/orgs/${source.id}/merge`, { intoId: source.id }))).toBe('ORG_MERGE_SELF');
    expect(codeOf(await call(t, township, 'POST', `/api/orgs/${source.id}/merge`, { intoId: group.id }))).toBe('ORG_MERGE_INTO_DESCENDANT');
    expect((await call(t, township, 'POST', `/api/orgs/${source.id}/merge`, { intoId: f.b2.id })).statusCode).toBe(404);
    expect((await orgRow(source.id)).status).toBe('active');
  });
});

describe('dissolve', () => {
  it('is refused while members or children remain, then the organization leaves the tree but keeps its page and history', async () => {
    const branch = await addOrg(t.services, f.t1, '甲镇七村党支部', 'branch');
    const group = await addOrg(t.services, branch, '甲镇七村党小组', 'party_group');
    const member = await addMember(t.services, branch, { name: '撤销前党员' });

    const withMembers = await call(t, township, 'POST', `/api/orgs/${branch.id}/dissolve`, { reason: '村庄撤并' });
    expect(withMembers.statusCode).toBe(409);
    expect(withMembers.json().error).toMatchObject({ code: 'ORG_HAS_MEMBERS', message: '该组织还有 1 名党员，请先转出或合并到其他组织后再撤销' });
    await t.database.query('UPDATE members SET org_id = $1 WHERE id = $2', [f.b1.id, member]);
    expect(codeOf(await call(t, township, 'POST', `/api/orgs/${branch.id}/dissolve`, { reason: '村庄撤并' }))).toBe('ORG_HAS_CHILDREN');
    expect((await call(t, township, 'POST', `/api/orgs/${group.id}/dissolve`, { reason: '小组撤销' })).statusCode).toBe(200);

    const res = await call(t, township, 'POST', `/api/orgs/${branch.id}/dissolve`, { reason: '村庄撤并' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'dissolved', warnings: [] });
    expect(res.json().dissolvedAt).toBeTruthy();
    expect(await ids(township, `/api/orgs/tree?parentId=${f.t1.id}`)).not.toContain(branch.id);
    expect(await ids(township, `/api/orgs/tree?q=${encodeURIComponent('七村')}`)).toEqual([]);
    expect((await get(township, `/api/orgs/${branch.id}`)).json()).toMatchObject({ status: 'dissolved', name: '甲镇七村党支部' });
    const history = (await get(township, `/api/orgs/${branch.id}/history`)).json().items;
    expect(history.at(-1)).toMatchObject({ action: 'dissolve', after: { status: 'dissolved', reason: '村庄撤并' } });
    expect(codeOf(await call(t, township, 'POST', `/api/orgs/${branch.id}/dissolve`, { reason: '再次撤销' }))).toBe('ORG_DISSOLVED');
    expect(codeOf(await call(t, township, 'PATCH', `/api/orgs/${branch.id}`, { name: '新名称支部' }))).toBe('ORG_DISSOLVED');
    const audit = await t.database.query<{ reason: string }>("SELECT reason FROM audit_log WHERE action = 'org.dissolve' AND object_id = $1", [branch.id]);
    expect(audit).toEqual([{ reason: '村庄撤并' }]);
  });

  it('never dissolves the county root', async () => {
    expect(codeOf(await call(t, county, 'POST', `/api/orgs/${f.root.id}/dissolve`, { reason: '测试' }))).toBe('ORG_IS_ROOT');
  });
});
