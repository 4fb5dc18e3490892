// SECURITY.md 9: cookie flags, rotation at login, logout, idle 30 min, absolute 12 h, CSRF.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Session, type TestApp, as, cookiesOf, login, testApp } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp, seedFixture } from '../../test/fixture.ts';
import { tokenHash } from './sessions.ts';

/** The Set-Cookie line of one cookie, split into lower-cased attributes. */
function cookieLine(setCookie: unknown, name: string) {
  const line = [setCookie ?? []].flat().map(String).find((c) => c.startsWith(`${name}=`));
  expect(line, `${name} is set`).toBeDefined();
  const attrs = line!.split(';').slice(1).map((a) => a.trim().toLowerCase());
  return { value: line!.split(';')[0].slice(name.length + 1), attrs };
}

const loginRes = (t: TestApp, username: string, cookie?: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: FIXTURE_PASSWORD }, headers: cookie ? { cookie } : {} });
const me = (t: TestApp, s: Session) => t.app.inject(as(s, { method: 'GET', url: '/api/auth/me' }));
const sidOf = (s: Session) => cookiesOf(s.cookie.split('; '))?.hy_sid ?? '';

describe('session cookies', () => {
  it('sets hy_sid HttpOnly + SameSite + Path=/ without Secure by default, and Secure with SECURE_COOKIES=true', async () => {
    for (const secure of [false, true]) {
      const t = await testApp(secure ? { SECURE_COOKIES: 'true' } : {});
      try {
        await seedFixture(t.services);
        const res = await loginRes(t, 'county_admin');
        expect(res.statusCode).toBe(200);
        const sid = cookieLine(res.headers['set-cookie'], 'hy_sid');
        expect(sid.value.length).toBeGreaterThanOrEqual(40);
        expect(sid.attrs).toContain('httponly');
        expect(sid.attrs).toContain('samesite=lax');
        expect(sid.attrs).toContain('path=/');
        const csrf = cookieLine(res.headers['set-cookie'], 'hy_csrf');
        expect(csrf.attrs).not.toContain('httponly'); // the console reads it
        expect(csrf.attrs).toContain('samesite=strict');
        expect(csrf.attrs).toContain('path=/');
        expect(csrf.value).toBe(res.json().csrfToken);
        expect(sid.attrs.includes('secure')).toBe(secure);
        expect(csrf.attrs.includes('secure')).toBe(secure);
      } finally {
        await t.close();
      }
    }
  });
});

describe('session lifecycle', () => {
  let t: TestApp;
  let f: Fixture;
  beforeAll(async () => {
    ({ t, f } = await fixtureApp());
  });
  afterAll(() => t.close());
  afterEach(() => vi.useRealTimers());

  it('gives a new session id and CSRF token on every login', async () => {
    const a = await login(t, 'township_admin', FIXTURE_PASSWORD);
    const b = await login(t, 'township_admin', FIXTURE_PASSWORD);
    expect(sidOf(a)).not.toBe(sidOf(b));
    expect(a.csrf).not.toBe(b.csrf);
    // The database keeps only a hash of the token.
    const rows = await t.database.query<{ id: string }>('SELECT id FROM sessions WHERE account_id = $1', [f.accounts.township_admin]);
    expect(rows.map((r) => r.id)).toContain(tokenHash(sidOf(a)));
    expect(rows.map((r) => r.id)).not.toContain(sidOf(a));
  });

  it('revokes the session whose cookie is presented at login (rotation)', async () => {
    const old = await login(t, 'branch_secretary', FIXTURE_PASSWORD);
    expect((await me(t, old)).statusCode).toBe(200);
    const res = await loginRes(t, 'branch_secretary', old.cookie);
    expect(res.statusCode).toBe(200);
    const fresh = cookiesOf(res.headers['set-cookie']);
    expect(fresh.hy_sid).not.toBe(sidOf(old));
    expect((await me(t, old)).statusCode).toBe(401);
    const now: Session = { cookie: `hy_sid=${fresh.hy_sid}; hy_csrf=${fresh.hy_csrf}`, csrf: fresh.hy_csrf, status: 200, body: null };
    expect((await me(t, now)).statusCode).toBe(200);
  });

  it('ends the session at logout: the same cookie replayed gets 401', async () => {
    const s = await login(t, 'grid_worker', FIXTURE_PASSWORD);
    const out = await t.app.inject(as(s, { method: 'POST', url: '/api/auth/logout', payload: {} }));
    expect(out.statusCode).toBe(204);
    const cleared = cookieLine(out.headers['set-cookie'], 'hy_sid');
    expect(cleared.value).toBe('');
    const replay = await me(t, s);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('UNAUTHENTICATED');
    expect((await t.app.inject(as(s, { method: 'POST', url: '/api/auth/logout', payload: {} }))).statusCode).toBe(401);
  });

  it('logs out after 30 idle minutes, not after 29', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const s = await login(t, 'branch_committee', FIXTURE_PASSWORD);
    vi.setSystemTime(Date.now() + 29 * 60_000);
    expect((await me(t, s)).statusCode).toBe(200);
    vi.setSystemTime(Date.now() + 29 * 60_000);
    expect((await me(t, s)).statusCode).toBe(200);
    vi.setSystemTime(Date.now() + 31 * 60_000);
    expect((await me(t, s)).statusCode).toBe(401);
    vi.setSystemTime(Date.now() + 1000);
    expect((await me(t, s)).statusCode).toBe(401);
  });

  it('honours an idle time recorded in the database (another server saw the last request)', async () => {
    const s = await login(t, 'member', FIXTURE_PASSWORD);
    const id = tokenHash(sidOf(s));
    await t.database.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = $1`, [id]);
    t.app.auth.sessions.dropAccount(f.accounts.member!);
    expect((await me(t, s)).statusCode).toBe(401);
    const [row] = await t.database.query<{ revoked_at: Date | null }>('SELECT revoked_at FROM sessions WHERE id = $1', [id]);
    expect(row.revoked_at).not.toBeNull();
  });

  it('logs out an active user after 12 hours in all', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    const s = await login(t, 'security_admin', FIXTURE_PASSWORD);
    // Busy all day: a request every 20 minutes keeps the session from idling.
    while (Date.now() - start < 12 * 3_600_000 - 20 * 60_000) {
      vi.setSystemTime(Date.now() + 20 * 60_000);
      expect((await me(t, s)).statusCode).toBe(200);
    }
    vi.setSystemTime(start + 12 * 3_600_000 + 1000);
    expect((await me(t, s)).statusCode).toBe(401);
  });

  it('refuses a session whose expiry in the database has passed', async () => {
    const s = await login(t, 'system_admin', FIXTURE_PASSWORD);
    await t.database.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [tokenHash(sidOf(s))]);
    t.app.auth.sessions.dropAccount(f.accounts.system_admin!);
    expect((await me(t, s)).statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    await seedFixture(t.services);
  });
  afterAll(() => t.close());

  const strip = (s: Session, csrf?: string) => (req: Parameters<typeof as>[1]) => {
    const r = as(s, req);
    const headers = { ...(r.headers as Record<string, string>) };
    if (csrf === undefined) delete headers['x-csrf-token'];
    else headers['x-csrf-token'] = csrf;
    return { ...r, headers };
  };

  it('refuses a password change without or with a wrong x-csrf-token, and the password stays', async () => {
    const s = await login(t, 'township_admin', FIXTURE_PASSWORD);
    const other = await login(t, 'county_admin', FIXTURE_PASSWORD);
    const body = { currentPassword: FIXTURE_PASSWORD, newPassword: 'Brand#New2026pw' };
    for (const send of [strip(s), strip(s, 'forged-token'), strip(s, other.csrf), strip(s, '')]) {
      const res = await t.app.inject(send({ method: 'POST', url: '/api/auth/password', payload: body }));
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('CSRF_FAILED');
    }
    expect((await t.app.inject(as(s, { method: 'GET', url: '/api/auth/me' }))).statusCode).toBe(200);
    expect((await login(t, 'township_admin', FIXTURE_PASSWORD)).status).toBe(200);
    expect((await login(t, 'township_admin', 'Brand#New2026pw')).status).toBe(401);
  });

  it('refuses an account creation without the token, and no account appears', async () => {
    const s = await login(t, 'system_admin', FIXTURE_PASSWORD);
    const me = await t.app.inject(as(s, { method: 'GET', url: '/api/auth/me' }));
    const orgId = me.json().account.orgId;
    const res = await t.app.inject(strip(s)({ method: 'POST', url: '/api/accounts', payload: { username: 'csrf_victim', displayName: '跨站', orgId } }));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
    const list = await t.app.inject(as(s, { method: 'GET', url: '/api/accounts?q=csrf_victim' }));
    expect(list.json().total).toBe(0);
    const ok = await t.app.inject(as(s, { method: 'POST', url: '/api/accounts', payload: { username: 'csrf_victim', displayName: '跨站', orgId } }));
    expect(ok.statusCode).toBe(201);
  });

  it('does not log out on a forged logout', async () => {
    const s = await login(t, 'grid_worker', FIXTURE_PASSWORD);
    const res = await t.app.inject(strip(s)({ method: 'POST', url: '/api/auth/logout', payload: {} }));
    expect(res.statusCode).toBe(403);
    expect((await t.app.inject(as(s, { method: 'GET', url: '/api/auth/me' }))).statusCode).toBe(200);
  });
});
