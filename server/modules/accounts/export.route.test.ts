import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, as, login, testApp } from '../../test/app.ts';
import { FIXTURE_PASSWORD, seedFixture } from '../../test/fixture.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedFixture(t.services);
});
afterAll(() => t.close());

async function sheet(payload: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('account export', () => {
  it('writes the accounts in scope with Chinese labels, the exporter watermark, and an audit row', async () => {
    const s = await login(t, 'system_admin', FIXTURE_PASSWORD);
    const res = await t.app.inject(as(s, { method: 'GET', url: '/api/accounts/export?q=admin' }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheet(res.rawPayload);
    expect(rows[0][0]).toContain('测试system_admin');
    expect(rows[1]).toEqual(['用户名', '姓名', '所属组织', '角色', '状态', '双因素认证', '最近登录']);
    const sysRow = rows.find((r) => r[0] === 'system_admin');
    expect(sysRow?.[3]).toBe('系统管理员');
    expect(sysRow?.[4]).toBe('正常');
    expect(rows.map((r) => r[0])).not.toContain('root_admin');
    const audit = await t.services.database.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'export' AND object_type = 'accounts'");
    expect(audit[0].n).toBe(1);
  });

  it('speaks English when asked', async () => {
    const s = await login(t, 'security_admin', FIXTURE_PASSWORD);
    const res = await t.app.inject(as(s, { method: 'GET', url: '/api/accounts/export', headers: { 'accept-language': 'en' } }));
    const rows = await sheet(res.rawPayload);
    expect(rows[1][0]).toBe('Username');
    expect(rows.find((r) => r[0] === 'audit_admin')?.[3]).toBe('Audit administrator');
  });
});
