// SECURITY.md 6 and 9: changing one's own password — the policy, the rotation, other sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, as, cookiesOf, login, } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';

let t: TestApp;
let f: Fixture;
beforeAll(async () => {
  ({ t, f } = await fixtureApp());
});
afterAll(() => t.close());

const change = (s: Session, currentPassword: string, newPassword: string) =>
  t.app.inject(as(s, { method: 'POST', url: '/api/auth/password', payload: { currentPassword, newPassword } }));
const me = (s: Session) => t.app.inject(as(s, { method: 'GET', url: '/api/auth/me' }));

describe('password change refusals', () => {
  it('answers 400 PASSWORD_WRONG for a wrong current password and changes nothing', async () => {
    const s = await login(t, 'county_admin', FIXTURE_PASSWORD);
    const res = await change(s, 'Not#The2026one', 'Another#Good2026');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('PASSWORD_WRONG');
    expect(res.json().error.message).toBe('当前密码错误');
    expect(res.json().error.fields.map((x: { path: string }) => x.path)).toEqual(['body.currentPassword']);
    expect((await me(s)).statusCode).toBe(200);
    expect((await login(t, 'county_admin', 'Another#Good2026')).status).toBe(401);
    expect((await login(t, 'county_admin', FIXTURE_PASSWORD)).status).toBe(200);
  });

  const cases: [string, string, string[]][] = [
    ['too short', 'Ab1#xyz', ['PASSWORD_TOO_SHORT']],
    ['fewer than 3 classes', 'zebracactusmoon', ['PASSWORD_CLASSES']],
    ['a common password', 'P@ssw0rd', ['PASSWORD_COMMON']],
    ['contains the username', 'My#branch_committee9', ['PASSWORD_CONTAINS_USERNAME']],
    ['short and one class', 'abc', ['PASSWORD_TOO_SHORT', 'PASSWORD_CLASSES']],
    ['the current password again', FIXTURE_PASSWORD, ['PASSWORD_REUSED']],
  ];
  for (const [what, pw, codes] of cases)
    it(`answers 400 PASSWORD_POLICY naming body.newPassword when the new password is ${what}`, async () => {
      const s = await login(t, 'branch_committee', FIXTURE_PASSWORD);
      const res = await change(s, FIXTURE_PASSWORD, pw);
      expect(res.statusCode).toBe(400);
      const err = res.json().error;
      expect(err.code).toBe('PASSWORD_POLICY');
      expect(err.message).toBe('新密码不符合要求');
      expect(err.fields.map((x: { code: string }) => x.code).sort()).toEqual([...codes].sort());
      for (const field of err.fields) expect(field.path).toBe('body.newPassword');
      // Nothing changed: the session and the old password still work.
      expect((await me(s)).statusCode).toBe(200);
      expect((await login(t, 'branch_committee', pw)).status).toBe(pw === FIXTURE_PASSWORD ? 200 : 401);
    });

  it('explains each policy reason in the user’s language', async () => {
    const s = await login(t, 'branch_committee', FIXTURE_PASSWORD);
    const zh = (await change(s, FIXTURE_PASSWORD, 'Ab1#xyz')).json().error.fields[0].message;
    expect(zh).toBe('密码至少 8 位');
    const en = await change({ ...s, cookie: `${s.cookie}; hy_lang=en` }, FIXTURE_PASSWORD, 'zebracactusmoon');
    expect(en.json().error.message).toBe('The new password does not meet the policy');
    expect(en.json().error.fields[0].message).toBe('Use at least 3 of: upper case, lower case, digits, symbols');
    const common = (await change(s, FIXTURE_PASSWORD, 'P@ssw0rd')).json().error.fields[0].message;
    expect(common).toBe('密码过于常见');
    const wrong = (await change(s, 'Not#The2026one', 'Another#Good2026')).json().error.fields[0].message;
    expect(wrong).toBe('当前密码错误');
  });
});

describe('a successful password change', () => {
  it('rotates the session, ends the other sessions, and only the new password logs in', async () => {
    const a = await login(t, 'township_admin', FIXTURE_PASSWORD);
    const b = await login(t, 'township_admin', FIXTURE_PASSWORD); // another browser
    const bystander = await login(t, 'grid_worker', FIXTURE_PASSWORD);
    const next = 'Spring#Rain2026';
    const res = await change(a, FIXTURE_PASSWORD, next);
    expect(res.statusCode).toBe(200);
    expect(res.json().account.username).toBe('township_admin');
    expect(res.json().account.mustChangePassword).toBe(false);
    const c = cookiesOf(res.headers['set-cookie']);
    expect(c.hy_sid).toBeTruthy();
    expect(c.hy_sid).not.toBe(cookiesOf(a.cookie.split('; ')).hy_sid);
    expect(c.hy_csrf).toBe(res.json().csrfToken);
    expect(c.hy_csrf).not.toBe(a.csrf);
    const rotated: Session = { cookie: `hy_sid=${c.hy_sid}; hy_csrf=${c.hy_csrf}`, csrf: c.hy_csrf, status: 200, body: null };

    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(401);
    expect((await me(rotated)).statusCode).toBe(200);
    expect((await me(bystander)).statusCode).toBe(200);
    // The rotated session can write with its new CSRF token.
    expect((await t.app.inject(as(rotated, { method: 'POST', url: '/api/auth/logout', payload: {} }))).statusCode).toBe(204);

    const old = await login(t, 'township_admin', FIXTURE_PASSWORD);
    expect(old.status).toBe(401);
    expect((old.body as { error: { code: string } }).error.code).toBe('INVALID_CREDENTIALS');
    expect((await login(t, 'township_admin', next)).status).toBe(200);
  });

  it('clears must-change-password and records when the password changed', async () => {
    await t.database.query('UPDATE accounts SET must_change_password = true WHERE id = $1', [f.accounts.member]);
    const s = await login(t, 'member', FIXTURE_PASSWORD);
    expect((s.body as { account: { mustChangePassword: boolean } }).account.mustChangePassword).toBe(true);
    const before = Date.now();
    const res = await change(s, FIXTURE_PASSWORD, 'Autumn#Leaf2026');
    expect(res.statusCode).toBe(200);
    expect(res.json().account.mustChangePassword).toBe(false);
    const [row] = await t.database.query<{ password_changed_at: Date; must_change_password: boolean }>(
      'SELECT password_changed_at, must_change_password FROM accounts WHERE id = $1',
      [f.accounts.member],
    );
    expect(row.must_change_password).toBe(false);
    expect(new Date(row.password_changed_at).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });
});

describe('password expiry (administrators, 90 days)', () => {
  it('restricts an administrator whose password is older than 90 days to changing it', async () => {
    await t.database.query(`UPDATE accounts SET password_changed_at = now() - interval '91 days' WHERE id = $1`, [f.accounts.root_admin]);
    const s = await login(t, 'root_admin', FIXTURE_PASSWORD);
    expect((s.body as { restricted: string | null }).restricted).toBe('password_change');
    const tree = await t.app.inject(as(s, { method: 'GET', url: '/api/orgs/tree' }));
    expect(tree.statusCode).toBe(403);
    expect(tree.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const res = await change(s, FIXTURE_PASSWORD, 'Winter#Snow2026');
    expect(res.statusCode).toBe(200);
    expect(res.json().restricted).toBeNull();
  });

  it('does not restrict a non-administrator with an old password, nor an administrator at 89 days', async () => {
    await t.database.query(`UPDATE accounts SET password_changed_at = now() - interval '200 days' WHERE id = $1`, [f.accounts.branch_secretary]);
    await t.database.query(`UPDATE accounts SET password_changed_at = now() - interval '89 days' WHERE id = $1`, [f.accounts.security_admin]);
    for (const u of ['branch_secretary', 'security_admin']) {
      const s = await login(t, u, FIXTURE_PASSWORD);
      expect((s.body as { restricted: string | null }).restricted).toBeNull();
    }
  });
});
