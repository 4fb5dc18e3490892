// SECURITY.md 21: CSP without inline scripts, nosniff, frame-ancestors 'none', HSTS only behind TLS,
// Cache-Control: no-store on API answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, as, login, testApp } from '../../test/app.ts';
import { FIXTURE_PASSWORD, seedFixture } from '../../test/fixture.ts';

type Res = Awaited<ReturnType<TestApp['app']['inject']>>;

/** The CSP directives of an answer, by name. */
function csp(res: Res): Record<string, string[]> {
  const raw = String(res.headers['content-security-policy'] ?? '');
  expect(raw, 'a CSP header is present').not.toBe('');
  return Object.fromEntries(
    raw
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((p) => p[0])
      .map(([name, ...values]) => [name, values]),
  );
}

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedFixture(t.services);
});
afterAll(() => t.close());

/** A few answers of different kinds: public, authenticated, errors, not found, the login itself. */
async function sample(app: TestApp): Promise<[string, Res][]> {
  const s = await login(app, 'county_admin', FIXTURE_PASSWORD);
  return [
    ['health', await app.app.inject({ method: 'GET', url: '/api/health' })],
    ['login', await app.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'county_admin', password: FIXTURE_PASSWORD } })],
    ['me', await app.app.inject(as(s, { method: 'GET', url: '/api/auth/me' }))],
    ['tree', await app.app.inject(as(s, { method: 'GET', url: '/api/orgs/tree' }))],
    ['401', await app.app.inject({ method: 'GET', url: '/api/auth/me' })],
    ['403', await app.app.inject(as(s, { method: 'GET', url: '/api/accounts' }))],
    ['400', await app.app.inject({ method: 'POST', url: '/api/auth/login', payload: { evil: 1 } })],
    ['404', await app.app.inject({ method: 'GET', url: '/api/nope' })],
  ];
}

describe('security headers', () => {
  it('send a CSP without inline or eval scripts and with frame-ancestors none on every answer', async () => {
    for (const [what, res] of await sample(t)) {
      const d = csp(res);
      const scripts = d['script-src'] ?? d['default-src'];
      expect(scripts, what).toBeDefined();
      expect(scripts, what).not.toContain("'unsafe-inline'");
      expect(scripts, what).not.toContain("'unsafe-eval'");
      expect(scripts.some((v) => v === '*' || v.endsWith(':')), `${what}: no wildcard or scheme source`).toBe(false);
      expect(d['frame-ancestors'], what).toEqual(["'none'"]);
      expect(d['object-src'], what).toEqual(["'none'"]);
    }
  });

  it('send nosniff and forbid framing on every answer', async () => {
    for (const [what, res] of await sample(t)) {
      expect(res.headers['x-content-type-options'], what).toBe('nosniff');
      expect(res.headers['x-frame-options'], what).toBe('DENY');
    }
  });

  it('mark every /api answer no-store, successes and errors alike', async () => {
    for (const [what, res] of await sample(t)) expect(res.headers['cache-control'], what).toBe('no-store');
  });

  it('mark the Excel export no-store', async () => {
    const s = await login(t, 'audit_admin', FIXTURE_PASSWORD);
    const res = await t.app.inject(as(s, { method: 'GET', url: '/api/audit/logs/export' }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('send no HSTS without TLS (SECURE_COOKIES unset)', async () => {
    for (const [what, res] of await sample(t)) expect(res.headers['strict-transport-security'], what).toBeUndefined();
  });
});

describe('behind TLS (SECURE_COOKIES=true)', () => {
  it('send HSTS for at least half a year on every answer', async () => {
    const tls = await testApp({ SECURE_COOKIES: 'true' });
    try {
      await seedFixture(tls.services);
      for (const [what, res] of await sample(tls)) {
        const hsts = String(res.headers['strict-transport-security'] ?? '');
        const maxAge = Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0);
        expect(maxAge, what).toBeGreaterThanOrEqual(15_552_000);
        expect(res.headers['cache-control'], what).toBe('no-store');
      }
    } finally {
      await tls.close();
    }
  });
});
