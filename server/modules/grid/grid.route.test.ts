import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCreateAccount } from '../../bootstrap/accounts.ts';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp, fixturePasswordHash } from '../../test/fixture.ts';
import { call, codeOf, fieldsOf, sheetRows } from '../members/test-kit.ts';
import type { OrgRow } from '../orgs/orgs.repo.ts';
import { addMember, addOrg, sessionAt } from '../orgs/orgs.test-kit.ts';
import { SYSTEM_ACTOR, runEscalation } from './escalation.ts';

let t: TestApp;
let f: Fixture;
let root: Session;
let county: Session;
let township: Session;
let worker: Session;
let memberS: Session;
let other: Session;
let dept: Session;
let deptOrg: OrgRow;
const g: Record<string, string> = {};
const m: Record<string, string> = {};

const SQUARE = { type: 'Polygon', coordinates: [[[119.68, 31.0], [119.69, 31.0], [119.69, 31.01], [119.68, 31.01], [119.68, 31.0]]] };

const ok = async (s: Session, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, status = 200) => {
  const r = await call(t, s, method, url, body);
  expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(status);
  return status === 204 ? null : r.json();
};

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  root = await login(t, 'root_admin', FIXTURE_PASSWORD);
  county = await login(t, 'county_admin', FIXTURE_PASSWORD);
  township = await login(t, 'township_admin', FIXTURE_PASSWORD);
  worker = await login(t, 'grid_worker', FIXTURE_PASSWORD);
  other = await sessionAt(t, 'yizhen_admin', 'township_admin', f.t2);
  // A county department outside the township: the township dispatches to it but does not work for it.
  deptOrg = await addOrg(t.services, f.root, '县市场监管局党支部', 'branch', 'government');
  dept = await sessionAt(t, 'jianguan_sec', 'branch_secretary', deptOrg);
  m.a = await addMember(t.services, f.b1, { name: '张联户' });
  m.b = await addMember(t.services, f.b1, { name: '李网格' });
  m.c = await addMember(t.services, f.b2, { name: '王乙镇' });
  // A member account (logs in with a username here; the phone page is not built yet).
  const passwordHash = await fixturePasswordHash();
  await t.services.db.transaction((tx) =>
    systemCreateAccount(t.services, tx, { countyCode: f.root.countyCode, username: 'dangyuan_a', displayName: '张联户', kind: 'member', memberId: m.a, orgId: f.b1.id, password: FIXTURE_PASSWORD, passwordHash, roles: ['member'], mustChangePassword: false }),
  );
  memberS = await login(t, 'dangyuan_a', FIXTURE_PASSWORD);
  expect(memberS.status).toBe(200);
}, 60_000);
afterAll(() => t.close());

describe('grids', () => {
  it('builds the three levels under the organizations in scope, with a GeoJSON boundary', async () => {
    g.t1 = (await ok(township, 'POST', '/api/grid/grids', { level: 'township', name: '甲镇', code: 'JZ', orgId: f.t1.id }, 201)).id;
    const c1 = await ok(township, 'POST', '/api/grid/grids', { level: 'community', parentId: g.t1, name: '北门社区', orgId: f.b1.id }, 201);
    g.c1 = c1.id;
    const g1 = await ok(township, 'POST', '/api/grid/grids', { level: 'grid', parentId: g.c1, name: '第三网格', code: 'JZ-03', orgId: f.b1.id, boundary: SQUARE }, 201);
    g.g1 = g1.id;
    expect(g1).toMatchObject({ level: 'grid', parentId: g.c1, orgName: '甲镇一村党支部', boundary: SQUARE });
    g.t2 = (await ok(root, 'POST', '/api/grid/grids', { level: 'township', name: '乙镇', orgId: f.t2.id }, 201)).id;
    g.c2 = (await ok(root, 'POST', '/api/grid/grids', { level: 'community', parentId: g.t2, name: '乙镇一村', orgId: f.b2.id }, 201)).id;
    g.g2 = (await ok(root, 'POST', '/api/grid/grids', { level: 'grid', parentId: g.c2, name: '乙镇第一网格', orgId: f.b2.id }, 201)).id;

    const d = await ok(worker, 'GET', `/api/grid/grids/${g.g1}`);
    expect(d.trail.map((x: { name: string }) => x.name)).toEqual(['甲镇', '北门社区', '第三网格']);
    const mine = await ok(township, 'GET', '/api/grid/grids');
    expect(mine.items.map((x: { name: string }) => x.name).sort()).toEqual(['北门社区', '甲镇', '第三网格'].sort());
    expect((await ok(root, 'GET', '/api/grid/grids?level=grid')).total).toBe(2);
    expect((await ok(root, 'GET', `/api/grid/grids?parentId=${g.t2}`)).items.map((x: { id: string }) => x.id)).toEqual([g.c2]);
  });

  it('refuses wrong levels, organizations outside the parent’s, bad boundaries and taken codes with the field named', async () => {
    let r = await call(t, township, 'POST', '/api/grid/grids', { level: 'community', name: '无上级', orgId: f.b1.id });
    expect([r.statusCode, codeOf(r), fieldsOf(r)]).toEqual([400, 'GRID_PARENT_LEVEL', ['body.parentId:GRID_PARENT_LEVEL']]);
    r = await call(t, township, 'POST', '/api/grid/grids', { level: 'grid', parentId: g.t1, name: '跳级', orgId: f.b1.id });
    expect(codeOf(r)).toBe('GRID_PARENT_LEVEL');
    r = await call(t, root, 'POST', '/api/grid/grids', { level: 'community', parentId: g.t1, name: '错镇', orgId: f.b2.id });
    expect([r.statusCode, fieldsOf(r)]).toEqual([400, ['body.orgId:GRID_ORG_OUTSIDE_PARENT']]);
    r = await call(t, township, 'POST', '/api/grid/grids', { level: 'grid', parentId: g.c1, name: '开口', orgId: f.b1.id, boundary: { type: 'Polygon', coordinates: [[[119.68, 31], [119.69, 31], [119.69, 31.01], [119.6, 31.01]]] } });
    expect(r.statusCode).toBe(400);
    expect(fieldsOf(r)[0]).toMatch(/^body\.boundary/);
    r = await call(t, township, 'POST', '/api/grid/grids', { level: 'grid', parentId: g.c1, name: '点', orgId: f.b1.id, boundary: { type: 'Point', coordinates: [119.68, 31] } });
    expect(r.statusCode).toBe(400);
    r = await call(t, township, 'POST', '/api/grid/grids', { level: 'grid', parentId: g.c1, name: '重码', code: 'JZ-03', orgId: f.b1.id });
    expect([r.statusCode, codeOf(r)]).toEqual([409, 'GRID_CODE_TAKEN']);
    const p = await ok(township, 'PATCH', `/api/grid/grids/${g.g1}`, { boundary: { type: 'MultiPolygon', coordinates: [SQUARE.coordinates] } });
    expect(p.boundary.type).toBe('MultiPolygon');
  });

  it('keeps a township administrator to their township’s grids (another township’s is a 404)', async () => {
    expect((await call(t, township, 'GET', `/api/grid/grids/${g.g2}`)).statusCode).toBe(404);
    expect((await call(t, township, 'PATCH', `/api/grid/grids/${g.g2}`, { name: 'x' })).statusCode).toBe(404);
    expect((await call(t, township, 'POST', '/api/grid/grids', { level: 'community', parentId: g.t2, name: '越权', orgId: f.b2.id })).statusCode).toBe(404);
    expect((await call(t, other, 'GET', `/api/grid/grids?orgId=${f.t1.id}`)).statusCode).toBe(404);
    expect((await ok(other, 'GET', '/api/grid/grids')).items.map((x: { id: string }) => x.id).sort()).toEqual([g.t2, g.c2, g.g2].sort());
  });

  it('assigns grid workers and members; a member is in one grid at a time', async () => {
    const accounts = await t.database.query<{ id: string; login_key: string }>(`SELECT id, login_key FROM accounts WHERE login_key IN ('u:grid_worker', 'u:township_admin', 'u:dangyuan_a')`);
    const id = (k: string) => accounts.find((a) => a.login_key === k)?.id;
    const w = await ok(township, 'PUT', `/api/grid/grids/${g.g1}/workers`, { accountIds: [id('u:grid_worker'), id('u:dangyuan_a')] });
    expect(w.workers.map((x: { displayName: string }) => x.displayName).sort()).toEqual(['张联户', '测试grid_worker'].sort());
    const bad = await call(t, township, 'PUT', `/api/grid/grids/${g.g1}/workers`, { accountIds: [id('u:grid_worker'), id('u:township_admin')] });
    expect([bad.statusCode, codeOf(bad), fieldsOf(bad)]).toEqual([400, 'GRID_WORKER_INVALID', ['body.accountIds.1:GRID_WORKER_INVALID']]);

    await ok(township, 'POST', `/api/grid/grids/${g.g1}/members`, { memberIds: [m.a, m.b] });
    const moved = await ok(township, 'POST', `/api/grid/grids/${g.c1}/members`, { memberIds: [m.b] });
    expect(moved.members.map((x: { name: string }) => x.name)).toEqual(['李网格']);
    expect((await ok(township, 'GET', `/api/grid/grids/${g.g1}`)).members.map((x: { name: string }) => x.name)).toEqual(['张联户']);
    const [{ n }] = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM grid_members WHERE member_id = $1`, [m.b]);
    expect(n).toBe(1);
    const out = await call(t, township, 'POST', `/api/grid/grids/${g.g1}/members`, { memberIds: [m.c] });
    expect([out.statusCode, fieldsOf(out)]).toEqual([400, ['body.memberIds.0:GRID_MEMBER_INVALID']]);
    await ok(township, 'DELETE', `/api/grid/grids/${g.c1}/members/${m.b}`, undefined, 204);
    expect((await call(t, township, 'DELETE', `/api/grid/grids/${g.c1}/members/${m.b}`)).statusCode).toBe(404);
  });
});

describe('households and 党员联户', () => {
  let hh: string;
  it('records a household with the phone encrypted and masked in every answer', async () => {
    const h = await ok(worker, 'POST', '/api/grid/households', { gridId: g.g1, address: '北门社区3幢2单元101', headName: '赵户主', phone: '138 1234 5678' }, 201);
    hh = h.id;
    expect(h).toMatchObject({ gridName: '第三网格', headName: '赵户主', phone: '138****5678', links: [] });
    const [row] = await t.database.query<Record<string, string>>(`SELECT row_to_json(x)::text AS j FROM grid_households x WHERE id = $1`, [hh]);
    expect(row.j).not.toContain('13812345678');
    expect(row.j).toContain('"phone_tail":"5678"');
    const bad = await call(t, worker, 'POST', '/api/grid/households', { gridId: g.g1, address: 'x', headName: 'y', phone: '12345' });
    expect([bad.statusCode, fieldsOf(bad)]).toEqual([400, ['body.phone:GRID_PHONE_INVALID']]);
    expect((await call(t, worker, 'POST', '/api/grid/households', { gridId: g.g2, address: 'x', headName: 'y' })).statusCode).toBe(404);
  });

  it('links members to households they keep in touch with and lists a member’s households', async () => {
    const l = await ok(worker, 'POST', '/api/grid/links', { memberId: m.a, householdId: hh, since: '2026-01-05' });
    expect(l).toEqual({ memberId: m.a, householdId: hh, since: '2026-01-05' });
    const h2 = await ok(township, 'POST', '/api/grid/households', { gridId: g.c1, address: '北门社区5幢', headName: '钱户主' }, 201);
    await ok(township, 'POST', '/api/grid/links', { memberId: m.a, householdId: h2.id });
    await ok(township, 'POST', '/api/grid/links', { memberId: m.b, householdId: hh });
    const mine = await ok(township, 'GET', `/api/grid/households?memberId=${m.a}`);
    expect(mine.items.map((x: { headName: string }) => x.headName).sort()).toEqual(['赵户主', '钱户主'].sort());
    const inGrid = await ok(township, 'GET', `/api/grid/households?gridId=${g.g1}`);
    expect(inGrid.total).toBe(1);
    expect(inGrid.items[0].links.map((x: { name: string }) => x.name)).toEqual(['张联户', '李网格']);
    expect((await ok(township, 'GET', `/api/grid/households?gridId=${g.c1}`)).total).toBe(2);
    await ok(township, 'DELETE', `/api/grid/links/${m.b}/${hh}`, undefined, 204);
    expect((await ok(township, 'GET', `/api/grid/households/${hh}`)).links.map((x: { name: string }) => x.name)).toEqual(['张联户']);
    expect((await call(t, other, 'GET', `/api/grid/households/${hh}`)).statusCode).toBe(404);
    expect((await call(t, other, 'POST', '/api/grid/links', { memberId: m.c, householdId: hh })).statusCode).toBe(404);
    const p = await ok(worker, 'PATCH', `/api/grid/households/${hh}`, { phone: null, headName: '赵新户主' });
    expect(p).toMatchObject({ phone: null, headName: '赵新户主' });
  });

  it('refuses to delete a grid that still has households', async () => {
    const r = await call(t, township, 'DELETE', `/api/grid/grids/${g.g1}`);
    expect([r.statusCode, codeOf(r)]).toEqual([409, 'GRID_IN_USE']);
    const empty = await ok(township, 'POST', '/api/grid/grids', { level: 'grid', parentId: g.c1, name: '空网格', orgId: f.b1.id }, 201);
    await ok(township, 'DELETE', `/api/grid/grids/${empty.id}`, undefined, 204);
    expect((await call(t, township, 'GET', `/api/grid/grids/${empty.id}`)).statusCode).toBe(404);
  });
});

describe('categories', () => {
  it('offers the 四个平台 defaults, editable only by the county’s administrators at the root', async () => {
    const c = await ok(memberS, 'GET', '/api/grid/categories');
    expect(c.custom).toBe(false);
    expect(c.editable).toBe(false);
    expect(c.categories.filter((x: { parent: string | null }) => x.parent === null).map((x: { zh: string }) => x.zh)).toEqual(['综治工作', '市场监管', '综合执法', '便民服务']);
    expect((await ok(root, 'GET', '/api/grid/categories')).editable).toBe(true);
    const put = { categories: [...c.categories, { code: 'bianmin.elderly', parent: 'bianmin', zh: '养老服务', en: 'Elderly care', sla: c.categories[0].sla }] };
    expect((await call(t, township, 'PUT', '/api/grid/categories', put)).statusCode).toBe(403);
    const notRoot = await call(t, county, 'PUT', '/api/grid/categories', put);
    expect([notRoot.statusCode, codeOf(notRoot)]).toEqual([403, 'GRID_CATEGORIES_COUNTY_ONLY']);
    const dup = await call(t, root, 'PUT', '/api/grid/categories', { categories: [...put.categories, put.categories[1]] });
    expect([dup.statusCode, codeOf(dup), fieldsOf(dup)]).toEqual([400, 'GRID_CATEGORY_TREE', [`body.categories.${put.categories.length}.code:duplicate`]]);
    const badSla = await call(t, root, 'PUT', '/api/grid/categories', { categories: [{ ...put.categories[0], sla: { ...put.categories[0].sla, reported: 0 } }] });
    expect(fieldsOf(badSla)).toEqual(['body.categories.0.sla.reported:too_small']);
    const saved = await ok(root, 'PUT', '/api/grid/categories', put);
    expect(saved.custom).toBe(true);
    expect(saved.categories.at(-1)).toMatchObject({ code: 'bianmin.elderly', zh: '养老服务' });
  });
});

describe('events through the 四个平台 workflow', () => {
  let e1: string;
  let e2: string;
  let e3: string;
  const act = (s: Session, id: string, body: Record<string, unknown>) => call(t, s, 'POST', `/api/grid/events/${id}/transitions`, body);

  it('takes reports from a member, and from a grid worker for a resident', async () => {
    const before = Date.now();
    const a = await ok(memberS, 'POST', '/api/grid/events', { category: 'zongzhi.dispute', description: '邻里噪音纠纷', gridId: g.g1, latitude: 31.005, longitude: 119.685 }, 201);
    e1 = a.id;
    expect(a).toMatchObject({ reporterKind: 'member', reporterName: '张联户', state: 'reported', stateType: 'open', townshipOrgId: f.t1.id, gridName: '第三网格', categoryName: '矛盾纠纷', overdue: false });
    const due = new Date(a.dueAt).getTime() - new Date(a.createdAt).getTime();
    expect(due).toBe(24 * 3_600_000);
    expect(new Date(a.createdAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const b = await ok(worker, 'POST', '/api/grid/events', { category: 'zongzhi.hazard', description: '楼道堆放杂物', gridId: g.g1, resident: { name: '孙居民', phone: '13900001111' } }, 201);
    e2 = b.id;
    expect(b).toMatchObject({ reporterKind: 'resident', reporterName: '孙居民', reporterPhone: '139****1111' });
    expect(new Date(b.dueAt).getTime() - new Date(b.createdAt).getTime()).toBe(2 * 3_600_000);
    e3 = (await ok(root, 'POST', '/api/grid/events', { category: 'shichang.food', description: '乙镇小吃店卫生问题', gridId: g.g2 }, 201)).id;

    let r = await call(t, memberS, 'POST', '/api/grid/events', { category: 'nope', description: 'x', gridId: g.g1 });
    expect([r.statusCode, fieldsOf(r)]).toEqual([400, ['body.category:GRID_CATEGORY_UNKNOWN']]);
    r = await call(t, memberS, 'POST', '/api/grid/events', { category: 'zongzhi', description: 'x', gridId: g.g1, latitude: 31 });
    expect(fieldsOf(r)).toEqual(['body.longitude:GRID_LOCATION_PARTIAL']);
    r = await call(t, memberS, 'POST', '/api/grid/events', { category: 'zongzhi', description: '', gridId: g.g1 });
    expect(r.statusCode).toBe(400);
    expect((await call(t, memberS, 'POST', '/api/grid/events', { category: 'zongzhi', description: 'x', gridId: '01900000-0000-7000-8000-000000000000' })).statusCode).toBe(404);
    // A member reports but does not read the 四个平台's lists.
    expect((await call(t, memberS, 'GET', '/api/grid/events')).statusCode).toBe(403);
  });

  it('walks an event from 上报 to 反馈 and 重新办理, with 退回 and the holder’s roles enforced', async () => {
    let d = await ok(township, 'GET', `/api/grid/events/${e1}`);
    expect(d.actions).toEqual(['accept', 'supervise']);
    expect(d.history).toEqual([expect.objectContaining({ seq: 1, action: 'report', fromState: null, toState: 'reported', actorName: '张联户' })]);
    await ok(township, 'POST', `/api/grid/events/${e1}/transitions`, { action: 'accept' });
    await ok(township, 'POST', `/api/grid/events/${e1}/transitions`, { action: 'analyse', note: '属物业管理范围' });
    let r = await act(township, e1, { action: 'dispatch' });
    expect([r.statusCode, codeOf(r), fieldsOf(r)]).toEqual([400, 'GRID_ASSIGNEE_REQUIRED', ['body.assignee:GRID_ASSIGNEE_REQUIRED']]);
    r = await act(township, e1, { action: 'dispatch', assignee: '01900000-0000-7000-8000-000000000000' });
    expect(fieldsOf(r)).toEqual(['body.assignee:GRID_ASSIGNEE_UNKNOWN']);
    d = await ok(township, 'POST', `/api/grid/events/${e1}/transitions`, { action: 'dispatch', assignee: deptOrg.id });
    expect(d).toMatchObject({ state: 'dispatched', assigneeName: '县市场监管局党支部', actions: ['supervise'] });

    // The township does not do the assignee's work; the assignee sees only what was dispatched to it.
    r = await act(township, e1, { action: 'start' });
    expect([r.statusCode, codeOf(r)]).toEqual([403, 'GRID_TRANSITION_ROLE']);
    const list = await ok(dept, 'GET', '/api/grid/events');
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([e1]);
    expect((await call(t, dept, 'GET', `/api/grid/events/${e2}`)).statusCode).toBe(404);
    expect((await act(dept, e2, { action: 'accept' })).statusCode).toBe(404);
    expect((await ok(dept, 'GET', `/api/grid/events/${e1}`)).actions).toEqual(['start', 'return_to_township']);

    r = await act(dept, e1, { action: 'return_to_township' });
    expect([r.statusCode, fieldsOf(r)]).toEqual([400, ['body.note:GRID_NOTE_REQUIRED']]);
    d = await ok(dept, 'POST', `/api/grid/events/${e1}/transitions`, { action: 'return_to_township', note: '不属本单位职责' });
    expect(d.state).toBe('analysed');
    await ok(township, 'POST', `/api/grid/events/${e1}/transitions`, { action: 'dispatch', assignee: deptOrg.id, note: '请再核实' });
    await ok(dept, 'POST', `/api/grid/events/${e1}/transitions`, { action: 'start' });
    await ok(dept, 'POST', `/api/grid/events/${e1}/transitions`, { action: 'resolve', note: '已调解' });
    d = await ok(township, 'POST', `/api/grid/events/${e1}/transitions`, { action: 'close' });
    expect(d).toMatchObject({ state: 'closed', stateType: 'closed', dueAt: null, overdue: false });
    r = await act(township, e1, { action: 'accept' });
    expect([r.statusCode, codeOf(r)]).toEqual([409, 'GRID_TRANSITION_ILLEGAL']);
    await ok(township, 'POST', `/api/grid/events/${e1}/transitions`, { action: 'feedback', note: '已电话告知' });
    d = await ok(township, 'POST', `/api/grid/events/${e1}/transitions`, { action: 'reopen', note: '群众反映问题复发' });
    expect(d.state).toBe('accepted');
    expect(d.history.map((h: { action: string; fromState: string | null; toState: string }) => `${h.action}:${h.fromState}>${h.toState}`)).toEqual([
      'report:null>reported',
      'accept:reported>accepted',
      'analyse:accepted>analysed',
      'dispatch:analysed>dispatched',
      'return_to_township:dispatched>analysed',
      'dispatch:analysed>dispatched',
      'start:dispatched>in_progress',
      'resolve:in_progress>resolved',
      'close:resolved>closed',
      'feedback:closed>fed_back',
      'reopen:fed_back>accepted',
    ]);
    expect(d.history.map((h: { seq: number }) => h.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(d.history[4]).toMatchObject({ note: '不属本单位职责', actorName: 'jianguan_sec' });
  });

  it('督办 by the township flags the event and keeps its state', async () => {
    const r = await act(township, e2, { action: 'supervise' });
    expect(fieldsOf(r)).toEqual(['body.note:GRID_NOTE_REQUIRED']);
    const d = await ok(township, 'POST', `/api/grid/events/${e2}/transitions`, { action: 'supervise', note: '请尽快处理' });
    expect(d).toMatchObject({ state: 'reported', supervised: true, superviseNote: '请尽快处理' });
    expect((await ok(township, 'GET', '/api/grid/events?supervised=true')).items.map((x: { id: string }) => x.id)).toEqual([e2]);
  });

  it('keeps the history append-only in the database', async () => {
    await expect(t.database.query(`UPDATE grid_event_history SET note = 'x' WHERE event_id = $1`, [e1])).rejects.toThrow(/append-only/);
    await expect(t.database.query(`DELETE FROM grid_event_history WHERE event_id = $1`, [e1])).rejects.toThrow(/append-only/);
  });

  it('keeps a township administrator out of another township’s events: 404 to see, act or filter', async () => {
    expect((await call(t, other, 'GET', `/api/grid/events/${e2}`)).statusCode).toBe(404);
    expect((await act(other, e2, { action: 'accept' })).statusCode).toBe(404);
    expect((await call(t, other, 'GET', `/api/grid/events?gridId=${g.g1}`)).statusCode).toBe(404);
    expect((await ok(other, 'GET', '/api/grid/events')).items.map((x: { id: string }) => x.id)).toEqual([e3]);
    expect((await ok(township, 'GET', '/api/grid/events')).items.map((x: { id: string }) => x.id).sort()).toEqual([e1, e2].sort());
    expect((await act(township, e3, { action: 'accept' })).statusCode).toBe(404);
    // The county sees both townships.
    expect((await ok(root, 'GET', '/api/grid/events')).total).toBe(3);
    await ok(other, 'POST', `/api/grid/events/${e3}/transitions`, { action: 'accept' });
  });

  it('filters by state, category (a 平台 includes its kinds), grid, township, overdue and day range, paginated', async () => {
    const ids = async (q: string) => (await ok(root, 'GET', `/api/grid/events?${q}`)).items.map((x: { id: string }) => x.id).sort();
    expect(await ids('state=reported')).toEqual([e2]);
    expect(await ids('category=zongzhi')).toEqual([e1, e2].sort());
    expect(await ids('category=shichang.food')).toEqual([e3]);
    expect(await ids(`gridId=${g.t1}`)).toEqual([e1, e2].sort());
    expect(await ids(`townshipOrgId=${f.t2.id}`)).toEqual([e3]);
    expect(await ids('overdue=true')).toEqual([]);
    await t.database.query(`UPDATE grid_events SET due_at = now() - interval '1 hour' WHERE id = $1`, [e2]);
    expect(await ids('overdue=true')).toEqual([e2]);
    expect(await ids('overdue=false')).toEqual([e1, e3].sort());
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect(await ids(`from=${today}&to=${today}`)).toEqual([e1, e2, e3].sort());
    expect(await ids('to=2020-01-01')).toEqual([]);
    const page = await ok(root, 'GET', '/api/grid/events?pageSize=2&page=2');
    expect([page.total, page.items.length]).toEqual([3, 1]);
    const bad = await call(t, root, 'GET', '/api/grid/events?state=lost&overdue=maybe');
    expect(bad.statusCode).toBe(400);
    const d = await ok(root, 'GET', `/api/grid/events/${e2}`);
    expect(d.overdue).toBe(true);
  });

  it('exports the caller’s events to Excel with phones masked', async () => {
    const r = await call(t, township, 'GET', '/api/grid/events/export?category=zongzhi');
    expect(r.statusCode, r.body).toBe(200);
    const rows = await sheetRows(r.rawPayload);
    expect(rows[1]).toContain('类别');
    const text = JSON.stringify(rows);
    expect(text).toContain('楼道堆放杂物');
    expect(text).toContain('139****1111');
    expect(text).not.toContain('13900001111');
    expect(text).not.toContain('乙镇小吃店');
    expect(rows).toHaveLength(4);
  });

  it('refuses to drop a category that events use', async () => {
    const c = await ok(root, 'GET', '/api/grid/categories');
    const r = await call(t, root, 'PUT', '/api/grid/categories', { categories: c.categories.filter((x: { code: string }) => x.code !== 'zongzhi.hazard') });
    expect([r.statusCode, codeOf(r)]).toEqual([400, 'GRID_CATEGORY_IN_USE']);
    expect(r.json().error.message).toContain('zongzhi.hazard');
  });

  it('escalates an overdue event once per stage: 督办 by the system and a notice to the township', async () => {
    const county = f.root.countyCode;
    const now = new Date();
    // e2 is overdue (its due time was set an hour back above); e1 and e3 are not.
    expect(await runEscalation(t.services, county, now)).toBe(1);
    expect(await runEscalation(t.services, county, new Date(now.getTime() + 60_000))).toBe(0);
    let d = await ok(township, 'GET', `/api/grid/events/${e2}`);
    expect(d.supervised).toBe(true);
    const auto = d.history.filter((h: { actorName: string }) => h.actorName === SYSTEM_ACTOR);
    expect(auto).toHaveLength(1);
    expect(auto[0]).toMatchObject({ action: 'supervise', fromState: 'reported', toState: 'reported' });
    const notes = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'grid.escalated' AND org_id = $1`, [f.t1.id]);
    expect(notes[0].n).toBe(1);
    // Accepted: a new stage with its own deadline; when that passes too, it is escalated again.
    d = await ok(township, 'POST', `/api/grid/events/${e2}/transitions`, { action: 'accept' });
    expect(d.overdue).toBe(false);
    expect(await runEscalation(t.services, county, new Date(now.getTime() + 2 * 3_600_000))).toBe(0);
    // Five hours on: e2's 受理 stage (4 h for a hazard) and e3's (4 h for food safety, accepted above) are both late.
    expect(await runEscalation(t.services, county, new Date(now.getTime() + 5 * 3_600_000))).toBe(2);
    expect((await ok(other, 'GET', `/api/grid/events/${e3}`)).supervised).toBe(true);
    d = await ok(township, 'GET', `/api/grid/events/${e2}`);
    expect(d.history.filter((h: { actorName: string }) => h.actorName === SYSTEM_ACTOR).map((h: { toState: string }) => h.toState)).toEqual(['reported', 'accepted']);
  });
});
