import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedApiClient } from './api-client-fixture.ts';
import { type ClientCreds, type Session, type TestApp, as, login, signed, testApp } from './app.ts';
import { FIXTURE_PASSWORD, MATRIX_ROLES } from './fixture.ts';
import { type Caller, type MatrixFixture, type Reply, TARGETS, expected } from './matrix.ts';
import { seedMatrixFixture } from './matrix-fixture.ts';
import { MATRIX } from './matrix-index.ts';

// SECURITY.md 3: every registered route × role × target has an expected outcome, and the app
// must produce exactly it. A route without rows fails here, so new modules must add theirs.

let t: TestApp;
let f: MatrixFixture;
const sessions = new Map<Caller, Session | null>();
let client: ClientCreds;
/** Every caller: each account role, a signed API client, and nobody. */
const CALLERS: Caller[] = [...MATRIX_ROLES, 'api_client', 'anonymous'];

beforeAll(async () => {
  t = await testApp();
  f = await seedMatrixFixture(t.services);
  sessions.set('anonymous', null);
  for (const role of MATRIX_ROLES) {
    const s = await login(t, role, FIXTURE_PASSWORD);
    if (s.status !== 200) throw new Error(`fixture login failed for ${role}: ${s.status}`);
    sessions.set(role, s);
  }
  // The API client sits at T1 like the accounts; it is named on one org route and on one route
  // whose permission its role lacks (so both the route list and the permission are enforced).
  client = await seedApiClient(t.services, f.t1, ['GET /api/orgs/tree', 'GET /api/accounts']);
}, 120_000);
afterAll(() => t.close());

/**
 * One call. An event stream never ends: its status, headers and first chunk are read, then the
 * request is aborted (the server sees the client hang up and drops the subscription).
 */
async function call(opts: InjectOptions, stream = false): Promise<Reply> {
  if (!stream) {
    const res = await t.app.inject(opts);
    return { statusCode: res.statusCode, headers: res.headers, body: res.body };
  }
  const hangUp = new AbortController();
  const res = await t.app.inject({ ...opts, payloadAsStream: true, signal: hangUp.signal });
  const body = res.stream();
  body.on('error', () => {});
  const first = await new Promise<string>((resolve) => {
    body.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8')));
    body.once('end', () => resolve(''));
  });
  hangUp.abort();
  return { statusCode: res.statusCode, headers: res.headers, body: first };
}

const routeKeys = () => [...new Set(t.app.routeTable.map((r) => `${r.method} ${r.url}`))];
const caseFor = (key: string) => MATRIX.find((c) => (c.match ? c.match(key) : c.route === key));

describe('authorization matrix', () => {
  it('has rows for every registered route', () => {
    const missing = routeKeys().filter((k) => !caseFor(k));
    expect(missing, 'routes without authorization-matrix rows').toEqual([]);
  });

  it('has no rows for routes that do not exist', () => {
    const keys = routeKeys();
    const stale = MATRIX.filter((c) => !c.match && !keys.includes(c.route)).map((c) => c.route);
    expect(stale).toEqual([]);
  });

  it('gives every caller exactly the expected outcome on every target', async () => {
    const wrong: string[] = [];
    let n = 0;
    let calls = 0;
    const keys = routeKeys();
    // A pattern row (the web console's static files) applies only when such routes are registered:
    // a checkout without a web build has none.
    const live = MATRIX.filter((c) => !c.match || keys.some((k) => c.match?.(k)));
    for (const c of live) {
      for (const caller of CALLERS) {
        for (const target of c.targets ?? TARGETS) {
          n++;
          let s = sessions.get(caller) ?? null;
          if (c.fresh && s) s = await login(t, caller, FIXTURE_PASSWORD);
          const built = c.request(f, target, n);
          const res = await call(caller === 'api_client' ? signed(c.client?.(f) ?? client, built) : as(s, built), c.stream);
          calls++;
          const want = expected(c, caller, target);
          const problem =
            res.statusCode !== want
              ? `got ${res.statusCode}, want ${want}`
              : c.stream && want < 300 && !String(res.headers['content-type']).startsWith('text/event-stream')
                ? `got ${String(res.headers['content-type'])}, want text/event-stream`
                : c.check?.(res, caller, target);
          if (problem) wrong.push(`${c.route} as ${caller} on ${target}: ${problem} ${res.body.slice(0, 120)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(calls).toBeGreaterThan(300);
  }, 240_000);
});
