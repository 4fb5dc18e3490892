import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCreateAccount } from '../bootstrap/accounts.ts';
import { type TestApp, as, login, testApp } from './app.ts';
import { FIXTURE_PASSWORD } from './fixture.ts';
import type { MatrixFixture } from './matrix.ts';
import { seedMatrixFixture } from './matrix-fixture.ts';

// SECURITY.md 3: list, search, count and export endpoints never show "canary" rows that sit
// outside the caller's scope (sibling subtree, ancestor, another county).

let t: TestApp;
let f: MatrixFixture;
beforeAll(async () => {
  t = await testApp();
  f = await seedMatrixFixture(t.services);
  // A canary in another county's audit chain, and one at the ancestor (county root).
  await t.services.db.transaction(async (tx) => {
    await systemCreateAccount(t.services, tx, { countyCode: '330523', username: 'canary_other', displayName: '金丝雀外县', orgId: f.xb.id, password: FIXTURE_PASSWORD, roles: ['county_admin'], mustChangePassword: false }, 'canary-writer');
    await systemCreateAccount(t.services, tx, { countyCode: f.root.countyCode, username: 'canary_root', displayName: '金丝雀县级', orgId: f.root.id, password: FIXTURE_PASSWORD, roles: [], mustChangePassword: false }, 'canary-writer');
  });
}, 120_000);
afterAll(() => t.close());

describe('canary rows never leak', () => {
  it('organization search shows only the caller subtree', async () => {
    const s = await login(t, 'township_admin', FIXTURE_PASSWORD);
    for (const q of ['党', '镇', '县', '安吉', '乙镇']) {
      const res = await t.app.inject(as(s, { method: 'GET', url: `/api/orgs/tree?q=${encodeURIComponent(q)}` }));
      expect(res.statusCode).toBe(200);
      const ids: string[] = res.json().items.map((o: { id: string }) => o.id);
      expect(ids).not.toContain(f.t2.id);
      expect(ids).not.toContain(f.b2.id);
      expect(ids).not.toContain(f.root.id);
      expect(ids).not.toContain(f.x.id);
      expect(ids).not.toContain(f.xb.id);
    }
    const own = await t.app.inject(as(s, { method: 'GET', url: `/api/orgs/tree?q=${encodeURIComponent('甲镇')}` }));
    expect(own.json().items.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([f.t1.id, f.b1.id]));
  });

  it('the roots of the tree are the caller grants, not the county', async () => {
    const s = await login(t, 'township_admin', FIXTURE_PASSWORD);
    const res = await t.app.inject(as(s, { method: 'GET', url: '/api/orgs/tree' }));
    expect(res.json().items.map((o: { id: string }) => o.id)).toEqual([f.t1.id]);
  });

  it('account lists and counts show only accounts whose organization is in scope', async () => {
    const s = await login(t, 'system_admin', FIXTURE_PASSWORD);
    const res = await t.app.inject(as(s, { method: 'GET', url: '/api/accounts?pageSize=100' }));
    const body = res.json();
    const names: string[] = body.items.map((a: { username: string }) => a.username);
    expect(names).toEqual(expect.arrayContaining(['target_own', 'target_child', 'county_admin']));
    for (const leak of ['target_sibling', 'target_ancestor', 'target_otherCounty', 'canary_root', 'canary_other', 'root_admin']) expect(names).not.toContain(leak);
    expect(body.total).toBe(names.length);
  });

  it('the audit log and its export never include another county or out-of-scope rows', async () => {
    const s = await login(t, 'audit_admin', FIXTURE_PASSWORD);
    const res = await t.app.inject(as(s, { method: 'GET', url: '/api/audit/logs?kind=operation&pageSize=100' }));
    expect(res.statusCode).toBe(200);
    const text = res.body;
    expect(text).not.toContain('canary-writer');
    const xlsx = await t.app.inject(as(s, { method: 'GET', url: '/api/audit/logs/export?kind=operation' }));
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells.join(' ')).not.toContain('canary-writer');
  });

  it('a county-level auditor sees the whole county but never another county', async () => {
    await t.services.db.transaction((tx) =>
      systemCreateAccount(t.services, tx, { countyCode: f.root.countyCode, username: 'county_auditor', displayName: '县审计', orgId: f.root.id, password: FIXTURE_PASSWORD, roles: ['audit_admin'], mustChangePassword: false }),
    );
    const s = await login(t, 'county_auditor', FIXTURE_PASSWORD);
    const res = await t.app.inject(as(s, { method: 'GET', url: '/api/audit/logs?kind=operation&pageSize=100&actor=canary' }));
    const rows = res.json().items as { actorName: string; objectId: string }[];
    expect(rows.length).toBeGreaterThan(0); // the canary_root creation in this county
    const other = await t.services.database.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE county_code = '330523' AND actor_name = 'canary-writer'");
    expect(other[0].n).toBe(1);
    expect(res.json().total).toBe(1);
  });
});
