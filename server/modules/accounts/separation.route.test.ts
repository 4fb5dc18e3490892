// SECURITY.md 4 (三员分立) and grant changes taking effect at once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, as, login, testApp } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../test/fixture.ts';

let t: TestApp;
let f: Fixture;
let sec: Session;
let sys: Session;
let aud: Session;
beforeAll(async () => {
  t = await testApp();
  f = await seedFixture(t.services);
  sec = await login(t, 'security_admin', FIXTURE_PASSWORD);
  sys = await login(t, 'system_admin', FIXTURE_PASSWORD);
  aud = await login(t, 'audit_admin', FIXTURE_PASSWORD);
});
afterAll(() => t.close());

type Res = Awaited<ReturnType<TestApp['app']['inject']>>;
const code = (r: Res) => r.json().error?.code;
const grant = (s: Session, accountId: string, role: string, orgId = f.t1.id) =>
  t.app.inject(as(s, { method: 'POST', url: '/api/grants', payload: { accountId, role, orgId } }));
const rolesOf = async (accountId: string) => {
  const r = await t.app.inject(as(sec, { method: 'GET', url: `/api/accounts/${accountId}/grants` }));
  expect(r.statusCode).toBe(200);
  return (r.json().items as { role: string }[]).map((g) => g.role).sort();
};

describe('三员分立', () => {
  it('refuses to give the system administrator role to an audit administrator (409 ROLE_CONFLICT)', async () => {
    const res = await grant(sec, f.accounts.audit_admin!, 'system_admin');
    expect(res.statusCode).toBe(409);
    expect(code(res)).toBe('ROLE_CONFLICT');
    expect(res.json().error.message).toContain('三员分立');
    expect(await rolesOf(f.accounts.audit_admin!)).toEqual(['audit_admin']);
  });

  it('refuses every pairing of the three roles, at any organization', async () => {
    for (const [holder, role] of [
      ['system_admin', 'audit_admin'],
      ['system_admin', 'security_admin'],
      ['audit_admin', 'security_admin'],
    ] as const) {
      const res = await grant(sec, f.accounts[holder]!, role, f.b1.id);
      expect(res.statusCode, `${holder} + ${role}`).toBe(409);
      expect(code(res)).toBe('ROLE_CONFLICT');
      expect(await rolesOf(f.accounts[holder]!)).toEqual([holder]);
    }
  });

  it('keeps the system administrator away from grants and the audit trail', async () => {
    const add = await grant(sys, f.accounts.grid_worker!, 'branch_committee');
    expect(add.statusCode).toBe(403);
    expect(code(add)).toBe('FORBIDDEN');
    const [g] = (await t.app.inject(as(sec, { method: 'GET', url: `/api/accounts/${f.accounts.grid_worker}/grants` }))).json().items;
    expect((await t.app.inject(as(sys, { method: 'DELETE', url: `/api/grants/${g.id}` }))).statusCode).toBe(403);
    expect(await rolesOf(f.accounts.grid_worker!)).toEqual(['grid_worker']);
    for (const url of ['/api/audit/logs', '/api/audit/logs?kind=login', '/api/audit/logs/export']) {
      const res = await t.app.inject(as(sys, { method: 'GET', url }));
      expect(res.statusCode, url).toBe(403);
      expect(code(res)).toBe('FORBIDDEN');
    }
    expect((await t.app.inject(as(sys, { method: 'POST', url: '/api/audit/verify', payload: {} }))).statusCode).toBe(403);
  });

  it('lets the audit administrator read the trail but answers 403 on every write route', async () => {
    const logs = await t.app.inject(as(aud, { method: 'GET', url: '/api/audit/logs' }));
    expect(logs.statusCode).toBe(200);
    expect(logs.json().total).toBeGreaterThan(0);
    expect((await t.app.inject(as(aud, { method: 'POST', url: '/api/audit/verify', payload: {} }))).statusCode).toBe(200);

    // Every state-changing route that needs a permission (own-session routes like logout excepted).
    const writes = t.app.routeTable.filter(
      (r) => r.method !== 'GET' && !['public', 'authenticated'].includes(String(r.options.config?.access)) && r.url !== '/api/audit/verify',
    );
    expect(writes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(['POST /api/grants', 'DELETE /api/grants/:id', 'POST /api/accounts', 'POST /api/orgs', 'PATCH /api/orgs/:id']),
    );
    for (const r of writes) {
      const url = r.url.replace(/:\w+/g, randomUUID());
      const res = await t.app.inject(as(aud, { method: r.method as 'POST', url, payload: {} }));
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
      expect(code(res), `${r.method} ${r.url}`).toBe('FORBIDDEN');
    }
  });
});

describe('own grants', () => {
  it('nobody can give themselves a role or take one away (403)', async () => {
    const me = (await t.app.inject(as(sec, { method: 'GET', url: '/api/auth/me' }))).json();
    const add = await grant(sec, me.account.id, 'county_admin');
    expect(add.statusCode).toBe(403);
    expect(code(add)).toBe('FORBIDDEN');
    const del = await t.app.inject(as(sec, { method: 'DELETE', url: `/api/grants/${me.grants[0].id}` }));
    expect(del.statusCode).toBe(403);
    expect(code(del)).toBe('FORBIDDEN');
    const after = (await t.app.inject(as(sec, { method: 'GET', url: '/api/auth/me' }))).json();
    expect(after.roles).toEqual(['security_admin']);
    expect(after.grants).toEqual(me.grants);
  });
});

describe('grant changes', () => {
  it('take effect on the target’s next request, without logging in again', async () => {
    const target = await login(t, 'member', FIXTURE_PASSWORD);
    const me = () => t.app.inject(as(target, { method: 'GET', url: '/api/auth/me' }));
    const tree = () => t.app.inject(as(target, { method: 'GET', url: '/api/orgs/tree' }));
    expect((await me()).json().permissions).not.toContain('org.read');
    expect((await tree()).statusCode).toBe(403);

    const added = await grant(sec, f.accounts.member!, 'branch_committee', f.b1.id);
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ accountId: f.accounts.member, role: 'branch_committee', orgId: f.b1.id });
    const now = (await me()).json();
    expect(now.roles.sort()).toEqual(['branch_committee', 'member']);
    expect(now.permissions).toContain('org.read');
    expect((await tree()).statusCode).toBe(200);

    const removed = await t.app.inject(as(sec, { method: 'DELETE', url: `/api/grants/${added.json().id}` }));
    expect(removed.statusCode).toBe(204);
    const later = (await me()).json();
    expect(later.roles).toEqual(['member']);
    expect(later.permissions).not.toContain('org.read');
    expect((await tree()).statusCode).toBe(403);
  });

  it('take effect on every open session of the target', async () => {
    const a = await login(t, 'grid_worker', FIXTURE_PASSWORD);
    const b = await login(t, 'grid_worker', FIXTURE_PASSWORD);
    const added = await grant(sec, f.accounts.grid_worker!, 'township_admin');
    expect(added.statusCode).toBe(201);
    for (const s of [a, b]) {
      const res = await t.app.inject(as(s, { method: 'GET', url: '/api/auth/me' }));
      expect(res.json().permissions).toContain('org.write');
    }
    expect((await t.app.inject(as(sec, { method: 'DELETE', url: `/api/grants/${added.json().id}` }))).statusCode).toBe(204);
    for (const s of [a, b]) {
      const res = await t.app.inject(as(s, { method: 'GET', url: '/api/auth/me' }));
      expect(res.json().permissions).not.toContain('org.write');
    }
  });
});
