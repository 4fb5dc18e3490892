import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, as, login, testApp } from '../../test/app.ts';
import { FIXTURE_PASSWORD } from '../../test/fixture.ts';
import type { MatrixFixture } from '../../test/matrix.ts';
import { seedMatrixFixture } from '../../test/matrix-fixture.ts';
import { seedMember, targetIdNumber, testIdNumber } from './members.fixture.ts';
import { call, sheetRows } from './test-kit.ts';

// SECURITY.md 3 and 15: member lists, searches, counts and exports never show "canary" members
// outside the caller's scope (sibling subtree, ancestor, another county); exports are masked,
// watermarked with the exporter and audited.

let t: TestApp;
let f: MatrixFixture;
const CANARY_ID = testIdNumber(41, '19660606');
let canaries: string[] = [];

beforeAll(async () => {
  t = await testApp();
  f = await seedMatrixFixture(t.services);
  // Look-alikes of an in-scope member outside scope; the other county even shares an ID number
  // with an in-scope member (each county keeps its own registry).
  canaries = [
    await seedMember(t.services, f.b2, { name: '金丝雀张三', idNumber: CANARY_ID, cardNo: 'CANARY-1', phone: '13300000001' }),
    await seedMember(t.services, f.root, { name: '金丝雀李四', idNumber: testIdNumber(42, '19660606'), cardNo: 'CANARY-2' }),
    await seedMember(t.services, f.xb, { name: '金丝雀王五', idNumber: targetIdNumber('own'), cardNo: 'CANARY-3' }),
  ];
  await seedMember(t.services, f.b1, { name: '张三', idNumber: testIdNumber(43, '19660606') });
}, 120_000);
afterAll(() => t.close());

const OUTSIDE = () => [...canaries, f.targetMember.sibling, f.targetMember.ancestor, f.targetMember.otherCounty];
const QUERIES = () => ['', '金丝雀', '张三', '目标党员', 'jsq', 'mbdy', 'CANARY-1', 'CANARY-3', CANARY_ID, targetIdNumber('own'), targetIdNumber('sibling'), '13300000001'];

describe('canary members never leak', () => {
  it('from lists, searches and counts of every reader at T1', async () => {
    for (const role of ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee']) {
      const s = await login(t, role, FIXTURE_PASSWORD);
      for (const q of QUERIES()) {
        for (const sort of ['name', 'org', 'joinedOn']) {
          const res = await call(t, s, 'GET', `/api/members?pageSize=100&sort=${sort}${q ? `&q=${encodeURIComponent(q)}` : ''}`);
          expect(res.statusCode).toBe(200);
          const ids: string[] = res.json().items.map((m: { id: string }) => m.id);
          for (const leak of OUTSIDE()) expect(ids, `${role} q=${q}`).not.toContain(leak);
          expect(res.json().total, `${role} q=${q}`).toBe(ids.length);
        }
      }
      const all = (await call(t, s, 'GET', '/api/members?pageSize=100')).json().items.map((m: { id: string }) => m.id);
      expect(all).toEqual(expect.arrayContaining([f.targetMember.own, f.targetMember.child]));
      // The exact ID number of the in-scope member finds that member, not the other county's namesake.
      const byId = (await call(t, s, 'GET', `/api/members?q=${targetIdNumber('own')}`)).json().items.map((m: { id: string }) => m.id);
      expect(byId).toEqual([f.targetMember.own]);
    }
  });

  it('a county-level administrator sees the whole county but never another county', async () => {
    const s = await login(t, 'root_admin', FIXTURE_PASSWORD);
    const ids: string[] = (await call(t, s, 'GET', '/api/members?pageSize=100')).json().items.map((m: { id: string }) => m.id);
    expect(ids).toEqual(expect.arrayContaining([canaries[0], canaries[1], f.targetMember.sibling, f.targetMember.ancestor]));
    expect(ids).not.toContain(canaries[2]);
    expect(ids).not.toContain(f.targetMember.otherCounty);
  });

  it('from exports, which are masked, watermarked with the exporter and audited', async () => {
    const s = await login(t, 'township_admin', FIXTURE_PASSWORD);
    for (const q of QUERIES()) {
      const res = await t.app.inject(as(s, { method: 'GET', url: `/api/members/export${q ? `?q=${encodeURIComponent(q)}` : ''}` }));
      expect(res.statusCode).toBe(200);
      const text = (await sheetRows(res.rawPayload)).flat().join(' ');
      for (const leak of ['金丝雀', '目标党员sibling', '目标党员ancestor', '目标党员otherCounty', 'CANARY']) expect(text, `q=${q}`).not.toContain(leak);
    }
    const res = await t.app.inject(as(s, { method: 'GET', url: '/api/members/export' }));
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['cache-control']).toBe('no-store');
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0][0]).toContain('导出人 Exported by: 测试township_admin（township_admin）');
    expect(rows[1].slice(0, 6)).toEqual(['姓名', '性别', '年龄', '身份证号', '手机号', '所属组织']);
    const own = rows.find((r) => r[0] === '目标党员own');
    expect(own?.[3]).toBe(`3305**********${targetIdNumber('own').slice(-4)}`);
    expect(own?.[4]).toBe('138****0100');
    expect(own?.[6]).toBe('正式党员');
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(['目标党员own', '目标党员child', '张三']));
    const all = rows.flat().join(' ');
    expect(all).not.toContain(targetIdNumber('own'));
    expect(all).not.toContain('13800000100');
    const audits = await t.services.database.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'export' AND object_type = 'members' AND actor_name = 'township_admin'");
    expect(audits[0].n).toBe(QUERIES().length + 1);
    const trail = (await t.services.database.query<{ j: string }>("SELECT row_to_json(a)::text AS j FROM audit_log a WHERE action = 'export'")).map((r) => r.j).join('\n');
    for (const id of [CANARY_ID, targetIdNumber('own'), targetIdNumber('sibling'), '13300000001']) expect(trail).not.toContain(id);
    expect(trail).toContain(`3305**********${CANARY_ID.slice(-4)}`);
  });

  it('exports in English when asked, and refuses branch committee members', async () => {
    const s = await login(t, 'branch_secretary', FIXTURE_PASSWORD);
    const res = await t.app.inject(as(s, { method: 'GET', url: '/api/members/export?status=full', headers: { 'accept-language': 'en' } }));
    const rows = await sheetRows(res.rawPayload);
    expect(rows[1].slice(0, 4)).toEqual(['Name', 'Gender', 'Age', 'ID number']);
    expect(rows.find((r) => r[0] === '目标党员child')?.[6]).toBe('Full member');
    const committee = await login(t, 'branch_committee', FIXTURE_PASSWORD);
    expect((await t.app.inject(as(committee, { method: 'GET', url: '/api/members/export' }))).statusCode).toBe(403);
  });
});
