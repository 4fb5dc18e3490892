import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { call } from '../members/test-kit.ts';
import { type ComplianceCounty, seedComplianceCounty } from '../supervision/compliance.fixture.ts';
import { clearScreenCache } from './screen.service.ts';

// The big screen's 三会一课 panel on the rule engine's hand-built county (compliance.fixture.ts), seen on
// 2025-09-30: the screen shows this month, September 2025, with the colours the engine gives.
let t: TestApp;
let f: Fixture;
let c: ComplianceCounty;
let admin: Session;
let township: Session;

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  c = await seedComplianceCounty(t.services, f);
  admin = await login(t, 'root_admin', FIXTURE_PASSWORD);
  township = await login(t, 'township_admin', FIXTURE_PASSWORD);
}, 60_000);
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
  clearScreenCache();
});

/** GET as `s` on 2025-09-30 (Asia/Shanghai): the screen's "this month" is 2025-09. */
async function onSept30(s: Session, url: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-09-30T12:00:00+08:00'));
  const r = await call(t, s, 'GET', url);
  vi.useRealTimers();
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

type Colours = { total: number; green: number; amber: number; red: number };

describe('the big screen’s 三会一课 panel', () => {
  it('shows the engine’s colours for the month: per township, by type, and the county in total', async () => {
    const screen = await onSept30(admin, '/api/screen/compliance');
    expect(screen.month).toBe('2025-09');
    const engine = await onSept30(admin, `/api/supervision/compliance?orgId=${f.root.id}&period=2025-09&asOf=2025-09-30`);
    expect(screen.orgs).toEqual(engine.orgs);
    const byChild = (rows: { orgId: string }[], id: string) => rows.find((r) => r.orgId === id);
    for (const town of [f.t1, f.t2]) {
      const e = byChild(engine.children, town.id) as unknown as { orgs: Colours };
      expect(byChild(screen.children, town.id), town.name).toEqual({ orgId: town.id, ...e.orgs });
    }
    // 甲镇: 模范村 green; 后进村 amber (the last week of the quarter: its 党课 and 主题党日 are due soon, not yet
    // missed). 乙镇: the 总支 and its two 下设支部 green for September.
    expect(byChild(screen.children, f.t1.id)).toEqual({ orgId: f.t1.id, total: 2, green: 1, amber: 1, red: 0 });
    expect(byChild(screen.children, f.t2.id)).toEqual({ orgId: f.t2.id, total: 3, green: 3, amber: 0, red: 0 });
    expect(screen.orgs).toEqual({ total: 5, green: 4, amber: 1, red: 0 });
    expect(screen.byType.theme_day).toEqual({ checks: 4, green: 3, amber: 1, red: 0 });
  });

  it('shows a township administrator their township’s branches', async () => {
    const own = await onSept30(township, '/api/screen/compliance');
    expect(own.org.id).toBe(f.t1.id);
    const ids = own.children.map((x: { orgId: string }) => x.orgId);
    expect(ids).toEqual(expect.arrayContaining([c.model.id, c.weak.id]));
    expect(ids).not.toContain(c.total.id);
    expect(own.children.find((x: { orgId: string }) => x.orgId === c.weak.id)).toMatchObject({ total: 1, amber: 1 });
    expect(own.children.find((x: { orgId: string }) => x.orgId === c.model.id)).toMatchObject({ green: 1, red: 0 });
  });
});
