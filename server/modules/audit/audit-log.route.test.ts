// SECURITY.md 15-18: what the audit trail records, as the audit administrator sees it, and the export.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCreateAccount } from '../../bootstrap/accounts.ts';
import { type Session, type TestApp, as, login, testApp } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../test/fixture.ts';

type Row = { seq: number; at: string; actorName: string; roles: string; ip: string | null; action: string; objectType: string | null; objectId: string | null; orgId: string | null; result: string; reason: string | null };

let t: TestApp;
let f: Fixture;
let auditor: Session;
beforeAll(async () => {
  t = await testApp();
  f = await seedFixture(t.services);
  // A county-level audit administrator sees the whole county's trail, logins included.
  await t.services.db.transaction((tx) =>
    systemCreateAccount(t.services, tx, {
      countyCode: f.root.countyCode, username: 'chief_auditor', displayName: '县审计员', orgId: f.root.id, password: FIXTURE_PASSWORD, roles: ['audit_admin'], mustChangePassword: false,
    }),
  );
  auditor = await login(t, 'chief_auditor', FIXTURE_PASSWORD);
});
afterAll(() => t.close());

/** Logs in from a given address. */
const loginFrom = (ip: string, username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
/** The newest audit rows matching a query, as the auditor reads them. */
async function rows(query: string): Promise<Row[]> {
  const res = await t.app.inject(as(auditor, { method: 'GET', url: `/api/audit/logs?pageSize=100&${query}` }));
  expect(res.statusCode).toBe(200);
  return res.json().items;
}
const sessionFrom = (res: Awaited<ReturnType<typeof loginFrom>>): Session => {
  const c = Object.fromEntries([res.headers['set-cookie'] ?? []].flat().map((l) => String(l).split(';')[0].split('=') as [string, string]));
  return { cookie: `hy_sid=${c.hy_sid}; hy_csrf=${c.hy_csrf}`, csrf: c.hy_csrf, status: res.statusCode, body: res.json() };
};

describe('the login log', () => {
  it('records a failed login, an unknown user, a success and a logout with actor, address and result', async () => {
    expect((await loginFrom('10.0.0.7', 'township_admin', 'Wrong#Pass2026')).statusCode).toBe(401);
    expect((await loginFrom('10.0.0.8', 'ghost_user', 'Wrong#Pass2026')).statusCode).toBe(401);
    const ok = await loginFrom('10.0.0.9', 'township_admin', FIXTURE_PASSWORD);
    expect(ok.statusCode).toBe(200);
    const s = sessionFrom(ok);
    expect((await t.app.inject({ ...as(s, { method: 'POST', url: '/api/auth/logout', payload: {} }), remoteAddress: '10.0.0.9' })).statusCode).toBe(204);

    const log = await rows('kind=login');
    const find = (p: Partial<Row>) => log.find((r) => Object.entries(p).every(([k, v]) => r[k as keyof Row] === v));
    expect(find({ action: 'auth.login', result: 'failure', actorName: 'township_admin', ip: '10.0.0.7', reason: 'wrong_password', objectId: f.accounts.township_admin })).toBeDefined();
    expect(find({ action: 'auth.login', result: 'failure', actorName: 'ghost_user', ip: '10.0.0.8', reason: 'unknown_user' })).toBeDefined();
    // A successful login records the roles the account logs in with (SECURITY.md 16).
    expect(find({ action: 'auth.login', result: 'success', actorName: 'township_admin', roles: 'township_admin', ip: '10.0.0.9', objectId: f.accounts.township_admin })).toBeDefined();
    const out = find({ action: 'auth.logout', result: 'success', actorName: 'township_admin', ip: '10.0.0.9' });
    expect(out).toBeDefined();
    expect(out!.roles).toBe('township_admin');
    expect(Math.abs(Date.parse(out!.at) - Date.now())).toBeLessThan(60_000);
    // Newest first, and the operation log does not mix them in.
    expect(log[0].seq).toBeGreaterThan(log[log.length - 1].seq);
    expect((await rows('kind=operation')).some((r) => r.action.startsWith('auth.log'))).toBe(false);
  });

  it('filters by result and actor', async () => {
    const failures = await rows('kind=login&result=failure&actor=ghost');
    expect(failures.length).toBeGreaterThan(0);
    for (const r of failures) {
      expect(r.result).toBe('failure');
      expect(r.actorName).toContain('ghost');
    }
  });
});

describe('the operation log', () => {
  it('records account creation, grant add and remove, and password change', async () => {
    const sys = await login(t, 'system_admin', FIXTURE_PASSWORD);
    const created = await t.app.inject({ ...as(sys, { method: 'POST', url: '/api/accounts', payload: { username: 'new_clerk', displayName: '新文书', orgId: f.t1.id } }), remoteAddress: '10.1.0.1' });
    expect(created.statusCode).toBe(201);
    const newId = created.json().account.id;

    const sec = await login(t, 'security_admin', FIXTURE_PASSWORD);
    const g = await t.app.inject({ ...as(sec, { method: 'POST', url: '/api/grants', payload: { accountId: newId, role: 'branch_committee', orgId: f.b1.id } }), remoteAddress: '10.1.0.2' });
    expect(g.statusCode).toBe(201);
    expect((await t.app.inject({ ...as(sec, { method: 'DELETE', url: `/api/grants/${g.json().id}` }), remoteAddress: '10.1.0.2' })).statusCode).toBe(204);

    const mem = await login(t, 'branch_secretary', FIXTURE_PASSWORD);
    const pw = await t.app.inject({ ...as(mem, { method: 'POST', url: '/api/auth/password', payload: { currentPassword: FIXTURE_PASSWORD, newPassword: 'River#Stone2026' } }), remoteAddress: '10.1.0.3' });
    expect(pw.statusCode).toBe(200);

    const log = await rows('kind=operation');
    const one = (action: string, objectId: string) => {
      const r = log.filter((x) => x.action === action && x.objectId === objectId);
      expect(r, `${action} ${objectId}`).toHaveLength(1);
      return r[0];
    };
    expect(one('account.create', newId)).toMatchObject({ actorName: 'system_admin', roles: 'system_admin', ip: '10.1.0.1', result: 'success', objectType: 'account', orgId: f.t1.id });
    expect(one('grant.add', g.json().id)).toMatchObject({ actorName: 'security_admin', roles: 'security_admin', ip: '10.1.0.2', result: 'success', orgId: f.b1.id });
    expect(one('grant.remove', g.json().id)).toMatchObject({ actorName: 'security_admin', ip: '10.1.0.2', result: 'success' });
    expect(one('auth.password_change', f.accounts.branch_secretary!)).toMatchObject({ actorName: 'branch_secretary', ip: '10.1.0.3', result: 'success' });
    // The trail never holds the password itself.
    expect(JSON.stringify(log)).not.toContain('River#Stone2026');
    const v = await t.app.inject(as(auditor, { method: 'POST', url: '/api/audit/verify', payload: {} }));
    expect(v.json()).toMatchObject({ ok: true });
    expect(v.json().checked).toBeGreaterThan(10);
  });
});

describe('the Excel export', () => {
  it('is a real workbook whose first row names the exporter, and the export itself is audited', async () => {
    const res = await t.app.inject({ ...as(auditor, { method: 'GET', url: '/api/audit/logs/export?kind=operation' }), remoteAddress: '10.2.0.1' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="operation-log-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const first = String(ws.getRow(1).getCell(1).value);
    expect(first).toContain('县审计员');
    expect(first).toContain('chief_auditor');
    expect(first).toContain('导出人');
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header).toContain('操作人');
    expect(header).toContain('操作');
    const actions: unknown[] = [];
    ws.eachRow((row, n) => {
      if (n > 2) actions.push(row.getCell(6).value);
    });
    expect(actions).toContain('account.create');
    expect(actions).not.toContain('auth.login');

    const exp = (await rows('kind=operation&action=export')).find((r) => r.ip === '10.2.0.1');
    expect(exp).toMatchObject({ actorName: 'chief_auditor', roles: 'audit_admin', result: 'success', objectType: 'operation-log' });
  });

  it('names its columns in English for an English user', async () => {
    const res = await t.app.inject(as(auditor, { method: 'GET', url: '/api/audit/logs/export?kind=login', headers: { 'accept-language': 'en' } }));
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Login log');
    expect((ws.getRow(2).values as unknown[]).slice(1)).toContain('Actor');
  });

  it('refuses more rows than EXPORT_MAX_ROWS with 400 EXPORT_TOO_LARGE', async () => {
    const small = await testApp({ EXPORT_MAX_ROWS: '2' });
    try {
      await seedFixture(small.services);
      const s = await login(small, 'audit_admin', FIXTURE_PASSWORD);
      const list = await small.app.inject(as(s, { method: 'GET', url: '/api/audit/logs?kind=operation' }));
      expect(list.json().total).toBeGreaterThan(2);
      const res = await small.app.inject(as(s, { method: 'GET', url: '/api/audit/logs/export?kind=operation' }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('EXPORT_TOO_LARGE');
      expect(res.json().error.message).toContain('2');
      expect(res.headers['content-type']).toContain('application/json');
      const after = await small.app.inject(as(s, { method: 'GET', url: '/api/audit/logs?kind=operation&action=export&result=success' }));
      expect(after.json().total).toBe(0);
    } finally {
      await small.close();
    }
  });
});
