import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/app.ts';

// GET /api/demo/accounts exists for the login page in demo mode only.
describe('GET /api/demo/accounts', () => {
  let demo: TestApp;
  let production: TestApp;
  beforeAll(async () => {
    demo = await testApp();
    production = await testApp({ HONGYUN_MODE: 'production' });
  });
  afterAll(async () => {
    await demo?.close();
    await production?.close();
  });

  it('answers the (still empty) list and the password in demo mode, without a session', async () => {
    const res = await demo.app.inject({ method: 'GET', url: '/api/demo/accounts' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ password: 'Hongyun@2026', accounts: [] });
  });

  it('answers 404 NOT_FOUND in production mode', async () => {
    const res = await production.app.inject({ method: 'GET', url: '/api/demo/accounts' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
