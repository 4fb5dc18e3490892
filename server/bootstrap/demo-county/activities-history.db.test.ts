// The demo county's activity history on a real database (PGlite, and PostgreSQL in CI) at a small
// scale: what is loaded, counters against rows, the unique keys, and what secretary.a sees.
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, activityLeaves } from '../../modules/activities/activities.tables.ts';
import { checkins } from '../../modules/checkin/checkin.tables.ts';
import { organizations } from '../../modules/orgs/orgs.tables.ts';
import { type TestApp, login, testApp } from '../../test/app.ts';
import { DEMO_PASSWORD, type DemoSeedResult, seedDemo } from '../demo.ts';
import { generateHistory } from './activities-history.ts';
import { emptyPicks, generateUnits } from './generate-units.ts';
import { planCounty } from './generate.ts';

let t: TestApp;
let seeded: DemoSeedResult;
const TODAY = '2026-11-28';

beforeAll(async () => {
  t = await testApp();
  seeded = await seedDemo(t.services, { scale: 0.05, today: TODAY });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

const rows = async <T>(q: ReturnType<typeof sql>) => (await t.services.db.execute(q)) as unknown as { rows: T[] };
const get = async (s: { cookie: string }, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

describe('demo county activity history on the database (scale 0.05)', () => {
  it('loads exactly the generated history', async () => {
    expect(seeded.status).toBe('seeded');
    if (seeded.status !== 'seeded') return;
    const [root] = await t.services.db.select().from(organizations).where(eq(organizations.depth, 0));
    const plan = planCounty({ seed: 42, scale: 0.05, today: TODAY, countyCode: root.countyCode, root: { id: root.id, path: root.path, depth: 0 } });
    const picks = emptyPicks(plan);
    const h = generateHistory(plan, [...generateUnits(plan, picks)], picks);
    expect(seeded.historyMonths).toBe(h.months);
    expect([seeded.activities, seeded.checkins, seeded.leaves]).toEqual([h.activities.length, h.checkins.length, h.leaves.length]);
    const n = async (table: typeof activities | typeof checkins | typeof activityLeaves) => Number((await t.services.db.select({ n: count() }).from(table))[0].n);
    expect([await n(activities), await n(checkins), await n(activityLeaves)]).toEqual([h.activities.length, h.checkins.length, h.leaves.length]);
    expect(h.checkins.length).toBeGreaterThan(20_000);
  });

  it('keeps the counters of every activity equal to its check-in rows', async () => {
    const r = await rows<{ bad: number; total: number }>(sql`
      SELECT count(*) FILTER (WHERE a.present_count <> coalesce(c.p, 0) OR a.guest_count <> coalesce(c.g, 0) OR a.remote_count <> coalesce(c.r, 0) OR a.manual_count <> coalesce(c.m, 0))::int AS bad,
             count(*)::int AS total
        FROM activities a
        LEFT JOIN (SELECT activity_id, count(*) FILTER (WHERE affiliated) p, count(*) FILTER (WHERE NOT affiliated) g,
                          count(*) FILTER (WHERE channel = 'remote') r, count(*) FILTER (WHERE channel = 'manual') m
                     FROM checkins GROUP BY activity_id) c ON c.activity_id = a.id`);
    expect(r.rows[0].bad).toBe(0);
    expect(r.rows[0].total).toBeGreaterThan(1000);
  });

  it('records host, home organization and 隶属 as the live engine does, every channel, guests and 补签 with reason', async () => {
    const r = await rows<{ bad: number }>(sql`
      SELECT count(*)::int AS bad FROM checkins c
        JOIN activities a ON a.county_code = c.county_code AND a.id = c.activity_id
        JOIN members m ON m.county_code = c.county_code AND m.id = c.member_id
        JOIN organizations host ON host.county_code = a.county_code AND host.id = a.org_id
        JOIN organizations home ON home.county_code = m.county_code AND home.id = m.org_id
       WHERE c.host_org_id <> a.org_id OR c.home_org_id <> m.org_id OR c.affiliated <> (home.path LIKE host.path || '%')
          OR c.server_time < c.device_time OR c.server_time IS NULL`);
    expect(r.rows[0].bad).toBe(0);
    const by = await rows<{ channel: string; n: number; guests: number; devices: number; reasons: number; recorded: number; offline: number }>(sql`
      SELECT channel, count(*)::int n, count(*) FILTER (WHERE NOT affiliated)::int guests, count(device_id)::int devices, count(reason)::int reasons,
             count(recorded_name)::int recorded, count(*) FILTER (WHERE offline)::int offline
        FROM checkins GROUP BY channel`);
    const of = Object.fromEntries(by.rows.map((x) => [x.channel, x]));
    expect(Object.keys(of).sort()).toEqual(['activity_qr', 'card', 'chip', 'manual', 'member_qr', 'remote']);
    expect(of.manual.reasons).toBe(of.manual.n);
    expect(of.manual.recorded).toBe(of.manual.n);
    expect(of.manual.devices).toBe(0);
    expect(of.card.devices).toBe(of.card.n);
    expect(of.card.offline + of.chip.offline).toBeGreaterThan(0);
    expect(by.rows.reduce((s, x) => s + x.guests, 0)).toBeGreaterThan(0);
    const [nonce] = (await rows<{ n: number }>(sql`SELECT count(*)::int n FROM checkins WHERE nonce <> id::text AND nonce <> 'manual-' || id::text`)).rows;
    expect(nonce.n).toBe(0);
  });

  it('leaves the unique keys and the indexes of check-ins in place', async () => {
    const idx = await rows<{ indexname: string }>(sql`SELECT indexname FROM pg_indexes WHERE tablename = 'checkins' ORDER BY 1`);
    expect(idx.rows.map((r) => r.indexname)).toEqual(
      expect.arrayContaining(['checkins_pkey', 'checkins_member_idx', 'checkins_home_idx', 'checkins_county_code_activity_id_member_id_key', 'checkins_county_code_nonce_key']),
    );
    const [one] = await t.services.db.select().from(checkins).limit(1);
    // the same member at the same activity again (another id and nonce) is refused
    await expect(t.services.db.insert(checkins).values({ ...one, id: '01900000-0000-7000-8000-0000000000aa', nonce: 'again-0001' })).rejects.toThrow();
    const dup = await rows<{ n: number }>(sql`SELECT count(*)::int n FROM (SELECT activity_id, member_id FROM checkins GROUP BY 1, 2 HAVING count(*) > 1) x`);
    expect(dup.rows[0].n).toBe(0);
  });

  it('gives every 支部 its fixed 主题党日 day', async () => {
    const r = await rows<{ level: string; n: number; days: number }>(sql`
      SELECT level, count(*)::int n, count(theme_day)::int days FROM organizations WHERE level IN ('branch', 'general_branch', 'sub_branch', 'township_committee') GROUP BY level`);
    for (const x of r.rows) expect(x.days, x.level).toBe(x.level === 'township_committee' ? 0 : x.n);
  });

  it('shows secretary.a today’s 主题党日 of the branch, and the attendance of a past one with its rate and leave', async () => {
    const s = await login(t, 'secretary.a', DEMO_PASSWORD);
    expect(s.status).toBe(200);
    const today = await get(s, `/api/activities?from=${TODAY}&to=${TODAY}&type=theme_day`);
    expect(today.statusCode).toBe(200);
    const items = (today.json() as { items: { id: string; title: string; orgName: string; presentCount: number }[] }).items;
    expect(items).toHaveLength(1);
    expect(items[0].title).toBe('11月主题党日（5+X）');
    expect(items[0].presentCount).toBe(0);
    const leaves = await get(s, `/api/activities/${items[0].id}/leaves`);
    expect((leaves.json() as { items: { state: string }[] }).items.map((l) => l.state).sort()).toEqual(['approved', 'pending']);

    const past = await get(s, '/api/activities?type=theme_day&from=2026-09-01&to=2026-11-27');
    const list = (past.json() as { items: { id: string; presentCount: number; guestCount: number }[] }).items;
    expect(list.length).toBeGreaterThanOrEqual(2);
    const att = await get(s, `/api/activities/${list[0].id}/attendance`);
    expect(att.statusCode).toBe(200);
    const a = att.json() as { expected: number; present: number; rate: number | null; rows: { status: string; channel: string | null }[] };
    expect(a.present).toBe(list[0].presentCount);
    expect(a.rate).toBeGreaterThan(0.6);
    expect(a.rows.filter((r) => r.channel).length).toBe(list[0].presentCount + list[0].guestCount);
  });

  it('lets the township see guests (非隶属) at its villages’ 主题党日', async () => {
    const s = await login(t, 'county.admin', DEMO_PASSWORD);
    const [g] = await t.services.db
      .select({ id: activities.id, guests: activities.guestCount })
      .from(activities)
      .where(and(eq(activities.type, 'theme_day'), sql`${activities.guestCount} > 0`))
      .limit(1);
    expect(g).toBeDefined();
    const att = (await get(s, `/api/activities/${g.id}/attendance`)).json() as { guests: number; rows: { status: string }[] };
    expect(att.guests).toBe(g.guests);
  });
});
