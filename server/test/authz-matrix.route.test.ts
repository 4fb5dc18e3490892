import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, as, login, testApp } from './app.ts';
import { FIXTURE_PASSWORD, MATRIX_ROLES } from './fixture.ts';
import { type Caller, type MatrixFixture, TARGETS, expected } from './matrix.ts';
import { seedMatrixFixture } from './matrix-fixture.ts';
import { MATRIX } from './matrix-index.ts';

// SECURITY.md 3: every registered route × role × target has an expected outcome, and the app
// must produce exactly it. A route without rows fails here, so new modules must add theirs.

let t: TestApp;
let f: MatrixFixture;
const sessions = new Map<Caller, Session | null>();

beforeAll(async () => {
  t = await testApp();
  f = await seedMatrixFixture(t.services);
  sessions.set('anonymous', null);
  for (const role of MATRIX_ROLES) {
    const s = await login(t, role, FIXTURE_PASSWORD);
    if (s.status !== 200) throw new Error(`fixture login failed for ${role}: ${s.status}`);
    sessions.set(role, s);
  }
}, 120_000);
afterAll(() => t.close());

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
    for (const c of MATRIX) {
      for (const caller of [...MATRIX_ROLES, 'anonymous'] as Caller[]) {
        for (const target of c.targets ?? TARGETS) {
          n++;
          let s = sessions.get(caller) ?? null;
          if (c.fresh && s) s = await login(t, caller, FIXTURE_PASSWORD);
          const res = await t.app.inject(as(s, c.request(f, target, n)));
          calls++;
          const want = expected(c, caller, target);
          if (res.statusCode !== want) wrong.push(`${c.route} as ${caller} on ${target}: got ${res.statusCode}, want ${want} ${res.body.slice(0, 120)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(calls).toBeGreaterThan(300);
  }, 240_000);
});
