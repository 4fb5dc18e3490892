import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InjectOptions } from 'fastify';
import { buildApp } from '../app.ts';
import { type Config, loadConfig } from '../core/config.ts';
import { generateKeyRingJson, parseKeyRing } from '../core/crypto/keys.ts';
import type { Database } from '../core/db/client.ts';
import { signRequest } from '../modules/api-clients/signing.ts';
import { testDatabase } from './db.ts';

/** A test app on its own database. */
export type TestApp = Awaited<ReturnType<typeof testApp>>;

/** Builds the real app on a fresh test database; pass env overrides to change configuration. */
export async function testApp(env: Record<string, string> = {}, database?: Database) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hy-test-'));
  const keysJson = generateKeyRingJson();
  const config: Config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOGIN_RATE_LIMIT_PER_MINUTE: '100000', HONGYUN_MODE: 'demo', ...env });
  const db = database ?? (await testDatabase());
  const app = await buildApp(config, db, { keys: parseKeyRing(keysJson), logger: false });
  await app.ready();
  return {
    app,
    services: app.services,
    database: db,
    config,
    async close() {
      await app.close();
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A logged-in session: cookie header and CSRF token. */
export type Session = { cookie: string; csrf: string; status: number; body: unknown };

/** Reads the cookies a response set into one Cookie header value. */
export function cookiesOf(setCookie: string | string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of [setCookie ?? []].flat()) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    out[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return out;
}

/** Logs in through the real route. */
export async function login(t: { app: TestApp['app'] }, username: string, password: string, totp?: string): Promise<Session> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, ...(totp ? { totp } : {}) } });
  const c = cookiesOf(res.headers['set-cookie']);
  return {
    cookie: Object.entries(c).map(([k, v]) => `${k}=${v}`).join('; '),
    csrf: c.hy_csrf ?? '',
    status: res.statusCode,
    body: res.json(),
  };
}

/** Adds a session's cookie and CSRF header to a request. */
export function as(s: Session | null, req: InjectOptions): InjectOptions {
  if (!s) return req;
  return { ...req, headers: { ...(req.headers ?? {}), cookie: s.cookie, 'x-csrf-token': s.csrf } };
}

/** Credentials of a test API client. */
export type ClientCreds = { keyId: string; secret: string };

/** Signs a request as an API client (fresh nonce and current timestamp unless given). */
export function signed(c: ClientCreds, req: InjectOptions, opts: { nonce?: string; timestamp?: string; secret?: string } = {}): InjectOptions {
  const body = req.payload === undefined ? '' : typeof req.payload === 'string' ? req.payload : JSON.stringify(req.payload);
  const ts = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? randomBytes(12).toString('base64url');
  const url = String(req.url);
  const sig = signRequest(opts.secret ?? c.secret, String(req.method ?? 'GET'), url, ts, nonce, body);
  return {
    ...req,
    ...(req.payload === undefined ? {} : { payload: body }),
    headers: { ...(req.headers ?? {}), ...(req.payload === undefined ? {} : { 'content-type': 'application/json' }), 'x-hy-client': c.keyId, 'x-hy-timestamp': ts, 'x-hy-nonce': nonce, 'x-hy-signature': sig },
  };
}
