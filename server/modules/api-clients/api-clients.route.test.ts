import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientCreds, type Session, type TestApp, as, login, signed, testApp } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../test/fixture.ts';

// SECURITY.md 5: API clients have their own credentials limited to named routes; requests are
// signed (HMAC with timestamp and nonce) and replays are refused.

let t: TestApp;
let f: Fixture;
let sec: Session;
let creds: ClientCreds & { id: string };
const tree = (parentId: string) => ({ method: 'GET' as const, url: `/api/orgs/tree?parentId=${parentId}` });

beforeAll(async () => {
  t = await testApp();
  f = await seedFixture(t.services);
  sec = await login(t, 'security_admin', FIXTURE_PASSWORD);
  const res = await t.app.inject(as(sec, { method: 'POST', url: '/api/api-clients', payload: { name: '甲镇签到机', orgId: f.t1.id, routes: ['GET /api/orgs/tree'] } }));
  expect(res.statusCode).toBe(201);
  creds = { id: res.json().client.id, keyId: res.json().client.keyId, secret: res.json().secret };
});
afterAll(() => t.close());

describe('signed API clients', () => {
  it('a correctly signed request to a named route answers within the client scope', async () => {
    const before = await t.app.inject(as(sec, { method: 'GET', url: '/api/api-clients' }));
    expect(before.json().items.find((c: { id: string }) => c.id === creds.id).lastUsedAt).toBeNull();
    const res = await t.app.inject(signed(creds, tree(f.t1.id)));
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((o: { id: string }) => o.id)).toContain(f.b1.id);
    expect((await t.app.inject(signed(creds, tree(f.t2.id)))).statusCode).toBe(404);
    // The administrator sees when the client was last used.
    const after = await t.app.inject(as(sec, { method: 'GET', url: '/api/api-clients' }));
    const usedAt = Date.parse(after.json().items.find((c: { id: string }) => c.id === creds.id).lastUsedAt);
    expect(Math.abs(Date.now() - usedAt)).toBeLessThan(60_000);
  });

  it('the secret is never shown again and is stored encrypted', async () => {
    const list = await t.app.inject(as(sec, { method: 'GET', url: '/api/api-clients' }));
    expect(list.body).not.toContain(creds.secret);
    const rows = await t.services.database.query<{ secret_enc: string }>('SELECT secret_enc FROM api_clients WHERE id = $1', [creds.id]);
    expect(rows[0].secret_enc).not.toContain(creds.secret);
  });

  it('refuses a route the credentials do not name, and account routes', async () => {
    expect((await t.app.inject(signed(creds, { method: 'GET', url: `/api/orgs/${f.t1.id}` }))).statusCode).toBe(403);
    expect((await t.app.inject(signed(creds, { method: 'GET', url: '/api/auth/me' }))).statusCode).toBe(403);
  });

  it('refuses a wrong signature, a tampered query, an unknown key and missing headers', async () => {
    const wrongKey = await t.app.inject(signed(creds, tree(f.t1.id), { secret: 'not-the-secret' }));
    expect(wrongKey.statusCode).toBe(401);
    expect(wrongKey.json().error.code).toBe('SIGNATURE_INVALID');
    const good = signed(creds, tree(f.t1.id));
    const tampered = await t.app.inject({ ...good, url: `/api/orgs/tree?parentId=${f.b1.id}` });
    expect(tampered.statusCode).toBe(401);
    expect((await t.app.inject(signed({ ...creds, keyId: 'hyk_unknown' }, tree(f.t1.id)))).statusCode).toBe(401);
    expect((await t.app.inject({ ...tree(f.t1.id), headers: { 'x-hy-client': creds.keyId } })).statusCode).toBe(401);
  });

  it('refuses a replayed request and a stale timestamp', async () => {
    const once = signed(creds, tree(f.t1.id), { nonce: 'nonce-replay-0001' });
    expect((await t.app.inject(once)).statusCode).toBe(200);
    const again = await t.app.inject(once);
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('REPLAYED');
    const stale = await t.app.inject(signed(creds, tree(f.t1.id), { timestamp: String(Math.floor(Date.now() / 1000) - 600) }));
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.code).toBe('SIGNATURE_EXPIRED');
  });

  it('only names routes the API-client role may use', async () => {
    const res = await t.app.inject(as(sec, { method: 'POST', url: '/api/api-clients', payload: { name: '越权客户端', orgId: f.t1.id, routes: ['GET /api/orgs/tree', 'GET /api/audit/logs', 'GET /api/nope'] } }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((x: { path: string }) => x.path)).toEqual(['body.routes.1', 'body.routes.2']);
  });

  it('rotation ends the old secret; disabling ends the client; both are audited', async () => {
    const rotated = await t.app.inject(as(sec, { method: 'POST', url: `/api/api-clients/${creds.id}/rotate`, payload: {} }));
    expect(rotated.statusCode).toBe(200);
    const next = { ...creds, secret: rotated.json().secret };
    expect((await t.app.inject(signed(creds, tree(f.t1.id)))).statusCode).toBe(401);
    expect((await t.app.inject(signed(next, tree(f.t1.id)))).statusCode).toBe(200);
    await t.app.inject(as(sec, { method: 'POST', url: `/api/api-clients/${creds.id}/status`, payload: { status: 'disabled' } }));
    expect((await t.app.inject(signed(next, tree(f.t1.id)))).statusCode).toBe(401);
    const rows = await t.services.database.query<{ action: string }>("SELECT action FROM audit_log WHERE object_id = $1 ORDER BY seq", [creds.id]);
    expect(rows.map((r) => r.action)).toEqual(['api_client.create', 'api_client.rotate', 'api_client.status']);
  });
});
