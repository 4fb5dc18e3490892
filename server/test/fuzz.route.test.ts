import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROLES } from '../../common/roles.ts';
import { ORG_LEVEL_NAMES } from '../../common/org.ts';
import { type Session, type TestApp, as, login, testApp } from './app.ts';
import { FIXTURE_PASSWORD } from './fixture.ts';
import type { MatrixFixture } from './matrix.ts';
import { seedMatrixFixture } from './matrix-fixture.ts';

// SECURITY.md 19: no input produces a 5xx. Requests are derived from each registered route's zod
// schemas (known keys with hostile or plausible values, unknown keys, wrong shapes), sent by
// callers who pass the gate. New routes join automatically.

let t: TestApp;
let f: MatrixFixture;
const callers = ['root_admin', 'security_admin', 'system_admin', 'audit_admin'] as const;
const sessions: Record<string, Session> = {};

beforeAll(async () => {
  t = await testApp();
  f = await seedMatrixFixture(t.services);
  for (const c of callers) sessions[c] = await login(t, c, FIXTURE_PASSWORD);
}, 120_000);
afterAll(() => t.close());

const interesting = () => [
  f.t1.id, f.b1.id, f.x.id, f.targetAccount.own, f.targetGrant.child, ...ROLES, ...ORG_LEVEL_NAMES, 'login', 'operation', 'active', 'disabled',
  '2026-01-01T00:00:00+08:00', '', ' ', '%', '_', '\\', "'; DROP TABLE accounts; --", '<script>alert(1)</script>', '../../etc/passwd',
  '\u0000', '𠀀党', 'x'.repeat(5000), '-1', '0', '1e309', 'NaN', '330522199001011234',
];

const value = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(...interesting()),
    fc.string({ maxLength: 40 }),
    fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.uuid(),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  );

const keysOf = (schema: unknown): string[] => {
  let s = schema as z.ZodType | undefined;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = (s as z.ZodOptional<z.ZodType>).unwrap() as z.ZodType;
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
};

/** An object with the schema's keys (each maybe present) plus maybe an unknown key. */
const objectFor = (schema: unknown) =>
  fc
    .record(Object.fromEntries([...keysOf(schema), 'unknownKey'].map((k) => [k, value()])), { requiredKeys: [] })
    .map((o) => o as Record<string, unknown>);

const requestFor = (method: string, url: string, schema: Record<string, unknown> | undefined): fc.Arbitrary<InjectOptions> => {
  const params = [...url.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const paramArb = fc.tuple(...params.map(() => fc.oneof(fc.constantFrom(...interesting().filter((v) => v.length < 300)), fc.string({ maxLength: 20 }))));
  const bodyArb = fc.oneof(
    { weight: 6, arbitrary: objectFor(schema?.body) as fc.Arbitrary<unknown> },
    { weight: 1, arbitrary: value() },
  );
  return fc.tuple(params.length ? paramArb : fc.constant([] as string[]), objectFor(schema?.querystring), bodyArb, fc.boolean()).map(([ps, q, body, rawJson]) => {
    let path = url;
    ps.forEach((p, i) => {
      path = path.replace(`:${params[i]}`, encodeURIComponent(String(p)) || 'x');
    });
    path = path.replace('*', 'fuzz');
    const qs = new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : String(JSON.stringify(v))])).toString();
    const opts: InjectOptions = { method: method as InjectOptions['method'], url: qs ? `${path}?${qs}` : path };
    if (method !== 'GET' && method !== 'DELETE') {
      if (rawJson) opts.payload = JSON.stringify(body) ?? 'null';
      else opts.payload = body as InjectOptions['payload'];
      opts.headers = { 'content-type': 'application/json' };
    }
    return opts;
  });
};

describe('fuzz: no input produces a 5xx', () => {
  it('on every route, for callers with access and without', async () => {
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/'));
    expect(routes.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const r of routes) {
      const schema = r.options.schema as Record<string, unknown> | undefined;
      for (const caller of [...callers, null]) {
        await fc.assert(
          fc.asyncProperty(requestFor(r.method, r.url, schema), async (opts) => {
            const s = caller ? sessions[caller] : null;
            const res = await t.app.inject(as(s, opts));
            if (caller && r.url === '/api/auth/logout' && res.statusCode === 204) sessions[caller] = await login(t, caller, FIXTURE_PASSWORD);
            if (res.statusCode >= 500) failures.push(`${opts.method} ${opts.url} as ${caller}: ${res.statusCode} ${res.body.slice(0, 200)} payload=${String(opts.payload).slice(0, 200)}`);
            return res.statusCode < 500;
          }),
          { numRuns: 12, seed: 20261128, endOnFailure: true },
        ).catch(() => {});
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
