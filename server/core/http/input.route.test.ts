// SECURITY.md 19: strict schemas, clear 4xx answers (never a 500), messages in the user's language.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, as, login, testApp } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';

let t: TestApp;
let f: Fixture;
beforeAll(async () => {
  ({ t, f } = await fixtureApp());
});
afterAll(() => t.close());

type Res = Awaited<ReturnType<TestApp['app']['inject']>>;
const err = (r: Res) => r.json().error as { code: string; message: string; fields?: { path: string; code: string; message: string }[] };
const rawLogin = (payload: string, contentType = 'application/json', headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload, headers: { 'content-type': contentType, ...headers } });

describe('unknown fields', () => {
  it('answers 400 UNKNOWN_FIELD naming body.evil', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'county_admin', password: FIXTURE_PASSWORD, evil: 1 } });
    expect(res.statusCode).toBe(400);
    expect(err(res).code).toBe('UNKNOWN_FIELD');
    expect(err(res).message).toBe('不允许的字段：body.evil');
    expect(err(res).fields).toEqual([{ path: 'body.evil', code: 'unrecognized_keys', message: '不允许的字段' }]);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refuses mass assignment on a write and creates nothing', async () => {
    const s = await login(t, 'system_admin', FIXTURE_PASSWORD);
    const res = await t.app.inject(
      as(s, { method: 'POST', url: '/api/accounts', payload: { username: 'sneaky', displayName: '偷偷', orgId: f.t1.id, mustChangePassword: false, countyCode: '330523' } }),
    );
    expect(res.statusCode).toBe(400);
    expect(err(res).code).toBe('UNKNOWN_FIELD');
    expect(err(res).fields!.map((x) => x.path).sort()).toEqual(['body.countyCode', 'body.mustChangePassword']);
    const list = await t.app.inject(as(s, { method: 'GET', url: '/api/accounts?q=sneaky' }));
    expect(list.json().total).toBe(0);
  });

  it('names unknown query parameters too', async () => {
    const s = await login(t, 'system_admin', FIXTURE_PASSWORD);
    const res = await t.app.inject(as(s, { method: 'GET', url: '/api/accounts?evil=1' }));
    expect(res.statusCode).toBe(400);
    expect(err(res).code).toBe('UNKNOWN_FIELD');
    expect(err(res).fields![0].path).toBe('query.evil');
  });

  it('names missing and mistyped fields with VALIDATION_FAILED', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 42 } });
    expect(res.statusCode).toBe(400);
    expect(err(res).code).toBe('VALIDATION_FAILED');
    const byPath = Object.fromEntries(err(res).fields!.map((x) => [x.path, x.code]));
    expect(byPath['body.password']).toBe('required');
    expect(byPath['body.username']).toBe('invalid_type');
  });
});

describe('malformed requests', () => {
  it('answers 400 MALFORMED_JSON for broken or empty JSON', async () => {
    for (const body of ['{"username": ', '{username: "x"}', '']) {
      const res = await rawLogin(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(err(res).code).toBe('MALFORMED_JSON');
      expect(err(res).message).toBe('请求内容不是合法的 JSON');
    }
  });

  it('answers 413 BODY_TOO_LARGE above BODY_LIMIT_BYTES', async () => {
    const big = JSON.stringify({ username: 'county_admin', password: 'x'.repeat(t.config.bodyLimitBytes + 10) });
    const res = await rawLogin(big);
    expect(res.statusCode).toBe(413);
    expect(err(res).code).toBe('BODY_TOO_LARGE');
    const small = await testApp({ BODY_LIMIT_BYTES: '512' });
    try {
      const r = await small.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a', password: 'b'.repeat(600) } });
      expect(r.statusCode).toBe(413);
      expect(err(r).code).toBe('BODY_TOO_LARGE');
    } finally {
      await small.close();
    }
  });

  it('answers 415 for content types other than JSON (no form posts)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
      const res = await rawLogin('username=county_admin&password=x', type);
      expect(res.statusCode, type).toBe(415);
      expect(err(res).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('answers a JSON 404 NOT_FOUND for unknown /api paths, whatever the method', async () => {
    for (const [method, url] of [['GET', '/api/nope'], ['POST', '/api/nope/deeper'], ['DELETE', '/api/accounts'], ['GET', '/api']] as const) {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.headers['content-type']).toContain('application/json');
      expect(err(res)).toEqual({ code: 'NOT_FOUND', message: '未找到' });
    }
  });

  it('never answers 500 to odd bodies and queries', async () => {
    const s = await login(t, 'audit_admin', FIXTURE_PASSWORD);
    const odd: InjectOptions[] = [
      { method: 'POST', url: '/api/auth/login', payload: '[]', headers: { 'content-type': 'application/json' } },
      { method: 'POST', url: '/api/auth/login', payload: 'null', headers: { 'content-type': 'application/json' } },
      { method: 'POST', url: '/api/auth/login', payload: '"text"', headers: { 'content-type': 'application/json' } },
      { method: 'POST', url: '/api/auth/login', payload: { username: { $ne: null }, password: ['x'] } },
      { method: 'POST', url: '/api/auth/login', payload: { username: 'a\u0000b', password: '\ud800' } },
      { method: 'POST', url: '/api/auth/login', payload: { username: '1'.repeat(65), password: 'x' } },
      { method: 'POST', url: '/api/auth/login', payload: { username: '33052219900101123X', password: 'x' } },
      { method: 'POST', url: '/api/auth/login', payload: { username: '330522199001011234\u0000', password: 'x' } },
      { method: 'POST', url: '/api/auth/login', payload: { username: 'county_admin', password: 'x', totp: '\u0000' } },
      as(s, { method: 'GET', url: '/api/audit/logs?actor=%00' }),
      as(s, { method: 'POST', url: '/api/audit/verify', payload: { '\u0000': 1 } }),
      as(s, { method: 'GET', url: '/api/audit/logs?page=1e309&pageSize=-1' }),
      as(s, { method: 'GET', url: '/api/audit/logs?from=yesterday&kind=all' }),
      as(s, { method: 'GET', url: `/api/accounts/${'9'.repeat(36)}/grants` }),
    ];
    for (const req of odd) {
      const res = await t.app.inject(req);
      const what = `${req.method} ${req.url} ${JSON.stringify(req.payload)}`;
      expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, what).toBeLessThan(500);
      expect(typeof err(res).code).toBe('string');
    }
  });

  it('treats LIKE wildcards and quotes in filters as plain text', async () => {
    const s = await login(t, 'audit_admin', FIXTURE_PASSWORD);
    const all = await t.app.inject(as(s, { method: 'GET', url: '/api/audit/logs' }));
    expect(all.json().total).toBeGreaterThan(0);
    for (const q of ['actor=%25', 'actor=_', 'action=%27%3B--', 'actor=%5C']) {
      const res = await t.app.inject(as(s, { method: 'GET', url: `/api/audit/logs?${q}` }));
      expect(res.statusCode, q).toBe(200);
      expect(res.json().total, q).toBe(0);
    }
  });
});

describe('message language', () => {
  const wrong = (headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' }, headers });

  it('is Chinese by default', async () => {
    expect(err(await wrong({})).message).toBe('用户名或密码错误');
    expect(err(await wrong({ 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' })).message).toBe('用户名或密码错误');
  });

  it('is English with the hy_lang=en cookie or Accept-Language: en', async () => {
    expect(err(await wrong({ cookie: 'hy_lang=en' })).message).toBe('Wrong username or password');
    expect(err(await wrong({ 'accept-language': 'en-US,en;q=0.9' })).message).toBe('Wrong username or password');
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a', password: 'b', evil: 1 }, headers: { cookie: 'hy_lang=en' } });
    expect(err(unknown).message).toBe('Unknown field: body.evil');
    expect(err(unknown).fields![0].message).toBe('Unknown field');
    const notFound = await t.app.inject({ method: 'GET', url: '/api/nope', headers: { 'accept-language': 'en' } });
    expect(err(notFound).message).toBe('Not found');
  });

  it('lets the cookie win over the browser language', async () => {
    expect(err(await wrong({ cookie: 'hy_lang=zh-CN', 'accept-language': 'en' })).message).toBe('用户名或密码错误');
  });
});
