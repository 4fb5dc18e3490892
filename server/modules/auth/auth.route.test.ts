import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, as, login, testApp } from '../../test/app.ts';
import { FIXTURE_PASSWORD, seedFixture } from '../../test/fixture.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedFixture(t.services);
});
afterAll(() => t.close());

describe('login', () => {
  it('logs in with the right password and answers /me', async () => {
    const s = await login(t, 'county_admin', FIXTURE_PASSWORD);
    expect(s.status).toBe(200);
    const me = await t.app.inject(as(s, { method: 'GET', url: '/api/auth/me' }));
    expect(me.statusCode).toBe(200);
    expect(me.json().roles).toEqual(['county_admin']);
    expect(me.json().permissions).toContain('org.write');
  });
  it('answers unknown user and wrong password identically', async () => {
    const a = await login(t, 'nobody_here', FIXTURE_PASSWORD);
    const b = await login(t, 'township_admin', 'Wrong#Pass2026');
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body).toEqual(b.body);
  });
});
