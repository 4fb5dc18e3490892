// SECURITY.md 7: five consecutive failures lock the account for 15 minutes; unknown users get the
// same answer as wrong passwords; a per-IP rate limit answers 429.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, login, testApp } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp, seedFixture } from '../../test/fixture.ts';

const WRONG = 'Wrong#Pass2026';

/** One login attempt through the real route, optionally from a given client address. */
const attempt = (t: TestApp, username: string, password: string, ip = '127.0.0.1', headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip, headers });

const hasSessionCookie = (res: { headers: Record<string, unknown> }) => [res.headers['set-cookie'] ?? []].flat().some((c) => String(c).startsWith('hy_sid='));

describe('account lockout', () => {
  let t: TestApp;
  let f: Fixture;
  beforeAll(async () => {
    ({ t, f } = await fixtureApp());
  });
  afterAll(() => t.close());

  const lockedUntil = async (id: string) =>
    (await t.database.query<{ locked_until: Date | null }>('SELECT locked_until FROM accounts WHERE id = $1', [id]))[0].locked_until;

  it('locks after 5 wrong passwords: the 6th attempt with the right password gets 423 and no session', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await attempt(t, 'township_admin', WRONG);
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe('INVALID_CREDENTIALS');
    }
    const res = await attempt(t, 'township_admin', FIXTURE_PASSWORD);
    expect(res.statusCode).toBe(423);
    expect(res.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(res.json().error.message).toContain('15');
    expect(hasSessionCookie(res)).toBe(false);
    const until = await lockedUntil(f.accounts.township_admin!);
    expect(until).not.toBeNull();
    const minutes = (new Date(until!).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
  });

  it('does not lock after only 4 failures, and a success resets the count', async () => {
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) expect((await attempt(t, 'branch_secretary', WRONG)).statusCode).toBe(401);
      const ok = await attempt(t, 'branch_secretary', FIXTURE_PASSWORD);
      expect(ok.statusCode).toBe(200);
      expect(hasSessionCookie(ok)).toBe(true);
    }
  });

  it('lets the user in again once locked_until has passed, with the failure count reset', async () => {
    for (let i = 0; i < 5; i++) await attempt(t, 'grid_worker', WRONG);
    expect((await attempt(t, 'grid_worker', FIXTURE_PASSWORD)).statusCode).toBe(423);
    // Fifteen minutes later (the lock lies in the past).
    await t.database.query(`UPDATE accounts SET locked_until = now() - interval '1 second' WHERE id = $1`, [f.accounts.grid_worker]);
    const ok = await attempt(t, 'grid_worker', FIXTURE_PASSWORD);
    expect(ok.statusCode).toBe(200);
    expect(await lockedUntil(f.accounts.grid_worker!)).toBeNull();
    // The earlier failures no longer count: one more wrong password is a plain 401, not a lock.
    const wrong = await attempt(t, 'grid_worker', WRONG);
    expect(wrong.statusCode).toBe(401);
    expect((await attempt(t, 'grid_worker', FIXTURE_PASSWORD)).statusCode).toBe(200);
  });

  it('locks even when the wrong passwords arrive all at once', async () => {
    const burst = await Promise.all(Array.from({ length: 8 }, () => attempt(t, 'branch_committee', WRONG)));
    for (const r of burst) expect([401, 423]).toContain(r.statusCode);
    const res = await attempt(t, 'branch_committee', FIXTURE_PASSWORD);
    expect(res.statusCode).toBe(423);
    expect(res.json().error.code).toBe('ACCOUNT_LOCKED');
  });

  it('answers an unknown user exactly like a wrong password, in both languages', async () => {
    for (const headers of [{}, { 'accept-language': 'en' }] as Record<string, string>[]) {
      const unknown = await attempt(t, 'nobody_at_all', FIXTURE_PASSWORD, '127.0.0.1', headers);
      const wrong = await attempt(t, 'member', WRONG, '127.0.0.1', headers);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.statusCode).toBe(401);
      expect(unknown.body).toBe(wrong.body);
      expect(unknown.headers['set-cookie']).toBeUndefined();
      expect(wrong.headers['set-cookie']).toBeUndefined();
    }
  });

  it('keeps the answer for an unknown user at 401 however often it is tried', async () => {
    for (let i = 0; i < 6; i++) expect((await attempt(t, 'ghost_user', WRONG)).statusCode).toBe(401);
  });
});

describe('per-IP login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    await seedFixture(t.services);
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMITED with retry-after once an address exceeds the limit, even with the right password', async () => {
    const ip = '203.0.113.9';
    for (let i = 0; i < 3; i++) expect((await attempt(t, 'county_admin', WRONG, ip)).statusCode).toBe(401);
    const res = await attempt(t, 'county_admin', FIXTURE_PASSWORD, ip);
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('RATE_LIMITED');
    expect(res.json().error.message).toMatch(/频繁/);
    const retry = Number(res.headers['retry-after']);
    expect(Number.isInteger(retry)).toBe(true);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(hasSessionCookie(res)).toBe(false);
  });

  it('counts per address: another address still logs in', async () => {
    const other = await attempt(t, 'county_admin', FIXTURE_PASSWORD, '198.51.100.4');
    expect(other.statusCode).toBe(200);
    // The limited address does not lock the account for everybody else either.
    const s = await login(t, 'county_admin', FIXTURE_PASSWORD);
    expect(s.status).toBe(200);
  });
});
