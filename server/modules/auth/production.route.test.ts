// SECURITY.md 6 and 8 in production mode: first-login password change, TOTP enrolment for
// administrators and secretaries, TOTP at login, single-use codes; the production bootstrap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapProduction } from '../../bootstrap/bootstrap.ts';
import { DEMO_PASSWORD, seedDemo } from '../../bootstrap/demo.ts';
import { type Session, type TestApp, as, cookiesOf, login, testApp } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../test/fixture.ts';
import { totpAt, totpStep } from './totp.ts';

type Me = { restricted: string | null; account: { mustChangePassword: boolean; totpEnabled: boolean; isDemo: boolean }; mode: string };
type Res = Awaited<ReturnType<TestApp['app']['inject']>>;

/** The session a response's cookies carry. */
const sessionOf = (res: Res): Session => {
  const c = cookiesOf(res.headers['set-cookie']);
  expect(c.hy_sid, 'the answer sets a session cookie').toBeTruthy();
  return { cookie: `hy_sid=${c.hy_sid}; hy_csrf=${c.hy_csrf}`, csrf: c.hy_csrf, status: res.statusCode, body: res.json() };
};
const code = (res: Res) => res.json().error?.code;
/** A six-digit code that matches none of the steps around now. */
const wrongCode = (secret: string) => {
  const near = new Set([-1, 0, 1, 2].map((d) => totpAt(secret, totpStep() + d)));
  for (let n = 0; ; n++) if (!near.has(String(n).padStart(6, '0'))) return String(n).padStart(6, '0');
};

describe('production mode: first login, TOTP enrolment and TOTP login', () => {
  let t: TestApp;
  let f: Fixture;
  beforeAll(async () => {
    t = await testApp({ HONGYUN_MODE: 'production' });
    f = await seedFixture(t.services);
  });
  afterAll(() => t.close());

  const get = (s: Session, url: string) => t.app.inject(as(s, { method: 'GET', url }));
  const post = (s: Session, url: string, payload: object = {}) => t.app.inject(as(s, { method: 'POST', url, payload }));
  const loginRes = (username: string, password: string, totp?: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, ...(totp === undefined ? {} : { totp }) } });

  it('walks an administrator from a one-time password to full access with a second factor', async () => {
    await t.database.query('UPDATE accounts SET must_change_password = true WHERE id = $1', [f.accounts.township_admin]);

    // 1. First login: only the password change is open.
    let s = await login(t, 'township_admin', FIXTURE_PASSWORD);
    expect(s.status).toBe(200);
    expect((s.body as Me).mode).toBe('production');
    expect((s.body as Me).restricted).toBe('password_change');
    expect((await get(s, '/api/auth/me')).json().restricted).toBe('password_change');
    const tree = await get(s, '/api/orgs/tree');
    expect(tree.statusCode).toBe(403);
    expect(code(tree)).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(code(await post(s, '/api/auth/totp/setup'))).toBe('PASSWORD_CHANGE_REQUIRED');

    // 2. Password changed: an administrator without TOTP must enrol next.
    const changed = await post(s, '/api/auth/password', { currentPassword: FIXTURE_PASSWORD, newPassword: 'Mountain#Tea2026' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().restricted).toBe('totp_enrol');
    s = sessionOf(changed);
    const blocked = await get(s, '/api/orgs/tree');
    expect(blocked.statusCode).toBe(403);
    expect(code(blocked)).toBe('TOTP_ENROLMENT_REQUIRED');
    expect(blocked.json().error.message).toBe('请先绑定动态验证码（双因素认证）');

    // 3. Enrol: a wrong code is refused, the right one unlocks everything and rotates the session.
    const setup = await post(s, '/api/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl, qrDataUrl } = setup.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const bad = await post(s, '/api/auth/totp/enable', { code: wrongCode(secret) });
    expect(bad.statusCode).toBe(400);
    expect(code(bad)).toBe('TOTP_INVALID');
    const enrolStep = totpStep();
    const enabled = await post(s, '/api/auth/totp/enable', { code: totpAt(secret, enrolStep) });
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json().restricted).toBeNull();
    expect(enabled.json().account.totpEnabled).toBe(true);
    const before = s;
    s = sessionOf(enabled);
    expect((await get(before, '/api/auth/me')).statusCode).toBe(401);
    expect((await get(s, '/api/orgs/tree')).statusCode).toBe(200);
    expect((await post(s, '/api/auth/logout')).statusCode).toBe(204);

    // 4. Next login asks for the code; a wrong code fails; the right one works once.
    const noCode = await loginRes('township_admin', 'Mountain#Tea2026');
    expect(noCode.statusCode).toBe(401);
    expect(code(noCode)).toBe('TOTP_REQUIRED');
    expect(noCode.headers['set-cookie']).toBeUndefined();
    const wrong = await loginRes('township_admin', 'Mountain#Tea2026', wrongCode(secret));
    expect(wrong.statusCode).toBe(401);
    expect(code(wrong)).toBe('TOTP_INVALID');
    // The enrolment code was used already.
    expect(code(await loginRes('township_admin', 'Mountain#Tea2026', totpAt(secret, enrolStep)))).toBe('TOTP_INVALID');
    const next = totpAt(secret, enrolStep + 1);
    const ok = await loginRes('township_admin', 'Mountain#Tea2026', next);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().restricted).toBeNull();
    expect((await get(sessionOf(ok), '/api/orgs/tree')).statusCode).toBe(200);
    const replay = await loginRes('township_admin', 'Mountain#Tea2026', next);
    expect(replay.statusCode).toBe(401);
    expect(code(replay)).toBe('TOTP_INVALID');
    // A right code with a wrong password is still a wrong password.
    expect(code(await loginRes('township_admin', 'Wrong#Pass2026', totpAt(secret, enrolStep + 1)))).toBe('INVALID_CREDENTIALS');
  });

  it('requires TOTP of secretaries but not of grid workers', async () => {
    const sec = await login(t, 'branch_secretary', FIXTURE_PASSWORD);
    expect((sec.body as Me).restricted).toBe('totp_enrol');
    const grid = await login(t, 'grid_worker', FIXTURE_PASSWORD);
    expect((grid.body as Me).restricted).toBeNull();
  });

  it('keeps the restriction on a session even when the client ignores it', async () => {
    const s = await login(t, 'system_admin', FIXTURE_PASSWORD);
    expect((s.body as Me).restricted).toBe('totp_enrol');
    for (const url of ['/api/accounts', '/api/system/jobs', '/api/orgs/tree']) {
      const res = await get(s, url);
      expect(res.statusCode, url).toBe(403);
      expect(code(res), url).toBe('TOTP_ENROLMENT_REQUIRED');
    }
    expect((await get(s, '/api/auth/me')).statusCode).toBe(200);
  });
});

describe('production bootstrap', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ HONGYUN_MODE: 'production' });
  });
  afterAll(() => t.close());

  it('creates one system administrator whose one-time password only opens the password change', async () => {
    const boot = await bootstrapProduction(t.services);
    expect(boot).not.toBeNull();
    expect(boot!.username).toBe('sysadmin');
    expect(boot!.password.length).toBeGreaterThanOrEqual(12);
    expect(await bootstrapProduction(t.services)).toBeNull(); // only once

    const s = await login(t, boot!.username, boot!.password);
    expect(s.status).toBe(200);
    const me = s.body as Me & { roles: string[] };
    expect(me.roles).toEqual(['system_admin']);
    expect(me.restricted).toBe('password_change');
    expect(me.account.mustChangePassword).toBe(true);
    const list = await t.app.inject(as(s, { method: 'GET', url: '/api/accounts' }));
    expect(list.statusCode).toBe(403);
    expect(code(list)).toBe('PASSWORD_CHANGE_REQUIRED');

    const changed = await t.app.inject(as(s, { method: 'POST', url: '/api/auth/password', payload: { currentPassword: boot!.password, newPassword: 'Harbour#Light2026' } }));
    expect(changed.statusCode).toBe(200);
    expect(changed.json().restricted).toBe('totp_enrol');
    expect((await login(t, 'sysadmin', boot!.password)).status).toBe(401);
  });
});

// Seeding the demo county (scale 0.05) alone takes 20–40 s on PGlite with both cores busy (seed.db.test.ts
// gives its seeding hook 180 s): the default 30 s test timeout is too short for these two tests.
describe('demo accounts', () => {
  it('are not restricted in demo mode', async () => {
    const t = await testApp();
    try {
      expect((await seedDemo(t.services, { scale: 0.05 })).status).toBe('seeded');
      for (const u of ['sysadmin', 'county.admin', 'auditor']) {
        const s = await login(t, u, DEMO_PASSWORD);
        expect(s.status, u).toBe(200);
        expect((s.body as Me).restricted, u).toBeNull();
        expect((s.body as Me).account.isDemo).toBe(true);
      }
      const s = await login(t, 'county.admin', DEMO_PASSWORD);
      expect((await t.app.inject(as(s, { method: 'GET', url: '/api/orgs/tree' }))).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  }, 120_000);

  it('lose their exemption in production mode', async () => {
    const t = await testApp({ HONGYUN_MODE: 'production' });
    try {
      await seedDemo(t.services, { scale: 0.05 });
      const s = await login(t, 'county.admin', DEMO_PASSWORD);
      expect((s.body as Me).restricted).toBe('totp_enrol');
    } finally {
      await t.close();
    }
  }, 120_000);
});
