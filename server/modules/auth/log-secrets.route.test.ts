// SECURITY.md 12: the log output never holds passwords, full ID numbers, session or CSRF tokens —
// checked by capturing everything the app logs at the most verbose level while people log in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../../common/id-number.ts';
import { buildApp } from '../../app.ts';
import { systemCreateAccount } from '../../bootstrap/accounts.ts';
import { loadConfig } from '../../core/config.ts';
import { generateKeyRingJson, parseKeyRing } from '../../core/crypto/keys.ts';
import type { Database } from '../../core/db/client.ts';
import { type Session, as, cookiesOf, login } from '../../test/app.ts';
import { testDatabase } from '../../test/db.ts';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../test/fixture.ts';
import { loginKeyOf } from './auth.service.ts';

/** A synthetic, valid 18-digit resident ID number. */
const ID17 = '33052219880614203';
const ID_NUMBER = ID17 + idCheckChar(ID17);
const MEMBER_PASSWORD = 'Member#Secret2026';
const NEW_PASSWORD = 'Fresh#Garden2026';
const WRONG_PASSWORD = 'Wrong#Guess2026x';

let app: Awaited<ReturnType<typeof buildApp>>;
let db: Database;
let dataDir: string;
let f: Fixture;
const chunks: string[] = [];
const logText = () => chunks.join('');

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hy-logs-'));
  // LOG_LEVEL=debug turns request logging on, exactly as an operator chasing a problem would.
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, HONGYUN_MODE: 'demo', LOG_LEVEL: 'debug', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' });
  db = await testDatabase();
  const stream = { write: (s: string) => void chunks.push(s) };
  app = await buildApp(config, db, { keys: parseKeyRing(generateKeyRingJson()), logger: { level: 'trace', stream } });
  await app.ready();
  f = await seedFixture(app.services);
  await app.services.db.transaction((tx) =>
    systemCreateAccount(app.services, tx, {
      countyCode: f.root.countyCode, username: 'member-by-id', displayName: '李四', orgId: f.b1.id, password: MEMBER_PASSWORD,
      roles: ['member'], mustChangePassword: false, kind: 'member', loginKey: loginKeyOf(app.services, ID_NUMBER),
    }),
  );
});
afterAll(async () => {
  await app.close();
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const t = { get app() { return app; } };
const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, payload: payload as string, headers });
const tokensOf = (s: Session) => {
  const c = cookiesOf(s.cookie.split('; '));
  return [c.hy_sid, c.hy_csrf];
};

describe('the log output', () => {
  it('holds no password, ID number, session token or CSRF token after a day of logins', async () => {
    const secrets: string[] = [FIXTURE_PASSWORD, MEMBER_PASSWORD, NEW_PASSWORD, WRONG_PASSWORD, ID_NUMBER];

    // A member logs in with the ID number, wrong and right (and with stray spaces).
    expect((await login(t, ID_NUMBER, WRONG_PASSWORD)).status).toBe(401);
    const member = await login(t, ID_NUMBER, MEMBER_PASSWORD);
    expect(member.status).toBe(200);
    expect((member.body as { account: { kind: string } }).account.kind).toBe('member');
    expect(JSON.stringify(member.body)).not.toContain(ID_NUMBER);
    secrets.push(...tokensOf(member));
    expect((await login(t, ` ${ID_NUMBER} `, MEMBER_PASSWORD)).status).toBe(200);

    // Administrators: unknown user, wrong password, success, /me, password change (wrong, weak, good), logout.
    expect((await login(t, 'nobody_here', WRONG_PASSWORD)).status).toBe(401);
    expect((await login(t, 'township_admin', WRONG_PASSWORD)).status).toBe(401);
    const admin = await login(t, 'township_admin', FIXTURE_PASSWORD);
    expect(admin.status).toBe(200);
    secrets.push(...tokensOf(admin));
    expect((await app.inject(as(admin, { method: 'GET', url: '/api/auth/me' }))).statusCode).toBe(200);
    const change = (current: string, next: string) =>
      app.inject(as(admin, { method: 'POST', url: '/api/auth/password', payload: { currentPassword: current, newPassword: next } }));
    expect((await change(WRONG_PASSWORD, NEW_PASSWORD)).statusCode).toBe(400);
    expect((await change(FIXTURE_PASSWORD, 'weakpw')).statusCode).toBe(400);
    secrets.push('weakpw');
    const changed = await change(FIXTURE_PASSWORD, NEW_PASSWORD);
    expect(changed.statusCode).toBe(200);
    const c = cookiesOf(changed.headers['set-cookie']);
    secrets.push(c.hy_sid, c.hy_csrf);
    const rotated: Session = { cookie: `hy_sid=${c.hy_sid}; hy_csrf=${c.hy_csrf}`, csrf: c.hy_csrf, status: 200, body: null };
    expect((await app.inject(as(rotated, { method: 'POST', url: '/api/auth/logout', payload: {} }))).statusCode).toBe(204);
    // The old (now revoked) cookie and a CSRF failure.
    expect((await app.inject(as(admin, { method: 'GET', url: '/api/auth/me' }))).statusCode).toBe(401);
    expect((await app.inject({ ...as(member, { method: 'POST', url: '/api/auth/logout', payload: {} }), headers: { cookie: member.cookie, 'x-csrf-token': 'x' } })).statusCode).toBe(403);

    // Broken requests that carry secrets: malformed JSON, unknown fields, a NUL byte, an oversize body.
    expect((await post('/api/auth/login', `{"username":"${ID_NUMBER}","password":"${MEMBER_PASSWORD}"`, { 'content-type': 'application/json' })).statusCode).toBe(400);
    expect((await post('/api/auth/login', `{"username":"${ID_NUMBER}","password":"${MEMBER_PASSWORD}",}`, { 'content-type': 'application/json' })).statusCode).toBe(400);
    expect((await post('/api/auth/login', { username: ID_NUMBER, password: MEMBER_PASSWORD, evil: ID_NUMBER })).statusCode).toBe(400);
    expect((await post('/api/auth/login', { username: `${ID_NUMBER}\u0000`, password: MEMBER_PASSWORD })).statusCode).toBe(400);
    expect((await post('/api/auth/login', { username: ID_NUMBER, password: `${MEMBER_PASSWORD}${'x'.repeat(2_000_000)}` })).statusCode).toBe(413);
    expect((await post('/api/auth/login', `username=${ID_NUMBER}&password=${MEMBER_PASSWORD}`, { 'content-type': 'application/x-www-form-urlencoded' })).statusCode).toBe(415);

    const text = logText();
    // The capture works: requests were logged at this level.
    expect(text).toContain('/api/auth/login');
    expect(text).toContain('incoming request');
    expect(text.split('\n').length).toBeGreaterThan(20);
    for (const s of secrets) {
      expect(s.length).toBeGreaterThan(5);
      expect(text.includes(s), `the log contains a secret (${s.slice(0, 3)}…)`).toBe(false);
    }
    // Not even the ID number's 17-digit body (as a check-digit-less variant would show it).
    expect(text).not.toContain(ID17);
  });
});
