// The demo county's activity history on a real database (PGlite, and PostgreSQL in CI) at a small
// scale: what is loaded, counters against rows, the unique keys, and what secretary.a sees; the
// records as the records pages and the electronic file show them, the plans, the kiosks.
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_DEFAULTS, planKind, requiredCounts } from '../../../common/plan-rules.ts';
import { activities, activityLeaves } from '../../modules/activities/activities.tables.ts';
import { systemActivityById } from '../../modules/activities/activities.repo.ts';
import { computeAttendance } from '../../modules/activities/attendance.ts';
import { activityRecordAmendments, activityRecords } from '../../modules/activity-records/activity-records.tables.ts';
import { attendanceEntry } from '../../modules/activity-records/record-content.ts';
import { checkins } from '../../modules/checkin/checkin.tables.ts';
import { memberEvents } from '../../modules/members/members.tables.ts';
import { organizations } from '../../modules/orgs/orgs.tables.ts';
import { planFacts } from '../../modules/plans/plan-slots.ts';
import { activityPlans, planItems } from '../../modules/plans/plans.tables.ts';
import { type TestApp, as, login, testApp } from '../../test/app.ts';
import { DEMO_PASSWORD, type DemoSeedResult, listDemoAccounts, seedDemo } from '../demo.ts';
import { type History, checkinId, generateHistory } from './activities-history.ts';
import { emptyPicks, generateUnits } from './generate-units.ts';
import { type DemoPicks, planCounty } from './generate.ts';
import { recordMinutes } from './history-minutes.ts';
import { isoOf } from './prng.ts';
import { fileEntryId } from './records-load.ts';

let t: TestApp;
let seeded: DemoSeedResult;
let h: History;
let picks: DemoPicks;
const TODAY = '2026-11-28';

beforeAll(async () => {
  t = await testApp();
  seeded = await seedDemo(t.services, { scale: 0.05, today: TODAY });
  const [root] = await t.services.db.select().from(organizations).where(eq(organizations.depth, 0));
  const plan = planCounty({ seed: 42, scale: 0.05, today: TODAY, countyCode: root.countyCode, root: { id: root.id, path: root.path, depth: 0 } });
  picks = emptyPicks(plan);
  h = generateHistory(plan, [...generateUnits(plan, picks)], picks);
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

const total = async (table: typeof activityRecords | typeof activityRecordAmendments | typeof activityPlans | typeof planItems | typeof memberEvents) =>
  Number((await t.services.db.select({ n: count() }).from(table))[0].n);

describe('demo county records, plans and kiosks on the database (scale 0.05)', () => {
  it('loads the records, their amendments, this year’s plans and the kiosks as generated, and locks the activities of submitted records', async () => {
    if (seeded.status !== 'seeded') throw new Error('not seeded');
    const submitted = h.records.filter((r) => r.state === 'submitted').length;
    expect([seeded.records, seeded.submittedRecords, seeded.amendments, seeded.plans, seeded.planItems, seeded.kiosks]).toEqual([
      h.records.length, submitted, h.amendments.length, h.plans.length, h.planItems.length, 3,
    ]);
    expect([await total(activityRecords), await total(activityRecordAmendments), await total(activityPlans), await total(planItems)]).toEqual([
      h.records.length, h.amendments.length, h.plans.length, h.planItems.length,
    ]);
    const r = await rows<{ bad: number; locked: number }>(sql`
      SELECT count(*) FILTER (WHERE (a.locked_at IS NOT NULL) <> (r.state IS NOT DISTINCT FROM 'submitted') OR a.locked_at <> r.submitted_at)::int AS bad,
             count(a.locked_at)::int AS locked
        FROM activities a LEFT JOIN activity_records r ON r.county_code = a.county_code AND r.activity_id = a.id`);
    expect(r.rows[0]).toEqual({ bad: 0, locked: submitted });
    // the minutes as generated, the figures frozen only at submission
    const stored = new Map((await t.services.db.select().from(activityRecords)).map((x) => [x.activityId, x]));
    for (const rec of h.records) {
      const x = stored.get(h.activities[rec.activity].id)!;
      expect(x.minutesHtml).toBe(recordMinutes(h, rec));
      expect(x.presentCount).toBe(rec.state === 'submitted' ? rec.figures.present : null);
    }
    // a submitted record is frozen: the database refuses to change it
    const [one] = await t.services.db.select().from(activityRecords).where(eq(activityRecords.state, 'submitted')).limit(1);
    await expect(t.services.db.update(activityRecords).set({ minutesHtml: '<p>改</p>' }).where(eq(activityRecords.activityId, one.activityId))).rejects.toThrow();
  });

  it('puts back the keys, indexes and foreign keys set aside for the load', async () => {
    const idx = await rows<{ tablename: string; indexname: string }>(sql`
      SELECT tablename, indexname FROM pg_indexes WHERE tablename IN ('member_events', 'plan_items', 'activity_records') ORDER BY 1, 2`);
    expect(idx.rows.map((x) => x.indexname)).toEqual(
      expect.arrayContaining(['activity_records_pkey', 'member_events_member_idx', 'member_events_pkey', 'plan_items_activity_idx', 'plan_items_due_idx', 'plan_items_org_idx', 'plan_items_pkey', 'plan_items_plan_idx']),
    );
    const fks = await rows<{ table: string; n: number }>(sql`
      SELECT t.relname AS table, count(*)::int AS n FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
       WHERE c.contype = 'f' AND t.relname IN ('member_events', 'plan_items', 'activity_records') GROUP BY 1 ORDER BY 1`);
    expect(fks.rows).toEqual([{ table: 'activity_records', n: 1 }, { table: 'member_events', n: 1 }, { table: 'plan_items', n: 4 }]);
    // an entry for a member who does not exist is refused again
    const [e] = await t.services.db.select().from(memberEvents).limit(1);
    await expect(t.services.db.insert(memberEvents).values({ ...e, id: '01900000-0000-7000-8000-0000000000bb', memberId: '01900000-0000-7000-8000-0000000000cc' })).rejects.toThrow();
  });

  it('writes each attendee of a submitted record the file entry that submitting it writes, with the check-in’s id at the submission time', async () => {
    const r = await rows<{ entries: number; attendees: number; matched: number }>(sql`
      SELECT (SELECT count(*)::int FROM member_events WHERE source = 'activity-records') AS entries,
             (SELECT count(*)::int FROM checkins c JOIN activity_records r ON r.county_code = c.county_code AND r.activity_id = c.activity_id WHERE r.state = 'submitted') AS attendees,
             (SELECT count(*)::int FROM member_events e
                JOIN checkins c ON c.county_code = e.county_code AND c.member_id = e.member_id AND c.activity_id = (e.detail->>'activityId')::uuid
                JOIN activity_records r ON r.county_code = c.county_code AND r.activity_id = c.activity_id
               WHERE e.source = 'activity-records' AND e.at = r.submitted_at AND e.detail->>'channel' = c.channel) AS matched`);
    expect(r.rows[0].entries).toBeGreaterThan(10_000);
    expect(r.rows[0]).toEqual({ entries: r.rows[0].attendees, attendees: r.rows[0].attendees, matched: r.rows[0].attendees });
    // a sample against attendanceEntry (the records module's own entry) and fileEntryId
    const types = new Map((await rows<{ code: string; name_zh: string; name_en: string }>(sql`SELECT code, name_zh, name_en FROM activity_types`)).rows.map((x) => [x.code, { nameZh: x.name_zh, nameEn: x.name_en }]));
    const idOf = new Map<string, number>();
    for (let i = 0; i < h.checkins.length; i++) idOf.set(checkinId(h.checkins, i), i);
    const sample = await rows<{ id: string; member_id: string; at: Date; occurred_on: string; section: string; type: string; title: string; detail: Record<string, unknown>; org_id: string; source: string; checkin: string; affiliated: boolean; channel: string }>(sql`
      SELECT e.id, e.member_id, e.at, e.occurred_on::text AS occurred_on, e.section, e.type, e.title, e.detail, e.org_id, e.source, c.id AS checkin, c.affiliated, c.channel
        FROM member_events e JOIN checkins c ON c.county_code = e.county_code AND c.member_id = e.member_id AND c.activity_id = (e.detail->>'activityId')::uuid
       WHERE e.source = 'activity-records' ORDER BY e.id LIMIT 300`);
    const byId = new Map(h.activities.map((a) => [a.id, a]));
    for (const x of sample.rows) {
      const a = byId.get(x.detail.activityId as string)!;
      const expected = attendanceEntry(
        { countyCode: '', id: a.id, type: a.type, title: a.title, orgId: h.orgs[a.org].id, orgName: h.orgs[a.org].name, date: isoOf(a.day) },
        types.get(a.type)!,
        { memberId: x.member_id, affiliated: x.affiliated, channel: x.channel },
      );
      expect({ section: x.section, type: x.type, title: x.title, detail: x.detail, occurredOn: x.occurred_on, orgId: x.org_id, source: x.source }).toEqual({
        section: expected.section, type: expected.type, title: expected.title, detail: expected.detail, occurredOn: expected.occurredOn, orgId: expected.orgId, source: expected.source,
      });
      expect(x.id).toBe(fileEntryId(h, idOf.get(x.checkin)!, new Date(x.at).getTime()));
    }
    expect(new Set(sample.rows.map((x) => x.detail.attendedAs))).toContain('member');
  });

  it('freezes the figures the attendance page shows, unless a guest check-in elsewhere came after the submission', async () => {
    // up to 30 submitted records of each type, spread over the history
    const sample = await rows<{ activity_id: string; type: string; expected_count: number; present_count: number; leave_count: number; guest_count: number; quorum_present: number; later: boolean }>(sql`
      SELECT * FROM (
        SELECT r.activity_id, a.type, r.expected_count, r.present_count, r.leave_count, r.guest_count, r.quorum_present,
               row_number() OVER (PARTITION BY a.type ORDER BY right(a.id::text, 6)) AS n,
               EXISTS (SELECT 1 FROM checkins g JOIN activities b ON b.county_code = g.county_code AND b.id = g.activity_id
                         JOIN organizations home ON home.county_code = g.county_code AND home.id = g.home_org_id
                        WHERE NOT g.affiliated AND b.type = a.type AND b.id <> a.id AND g.server_time >= r.submitted_at AND home.path LIKE host.path || '%') AS later
          FROM activity_records r JOIN activities a ON a.county_code = r.county_code AND a.id = r.activity_id
          JOIN organizations host ON host.county_code = a.county_code AND host.id = a.org_id
         WHERE r.state = 'submitted') x
       WHERE n <= 30`);
    const exact = sample.rows.filter((x) => !x.later);
    expect(new Set(exact.map((x) => x.type)).size).toBe(8);
    expect(exact.length).toBeGreaterThan(150);
    const county = t.services.config.countyCode;
    for (const x of exact) {
      const a = await systemActivityById(t.services.db, county, x.activity_id);
      const live = await computeAttendance(t.services.db, a!);
      expect([x.expected_count, x.present_count, x.leave_count, x.guest_count, x.quorum_present], a!.a.title).toEqual([live.expected, live.present, live.leave, live.guests, a!.a.presentCount]);
    }
  });

  it('shows the records in an attendee’s electronic file, to the member, and on the record page with checklist, decisions and amendments', async () => {
    const member = (await listDemoAccounts(t.services)).find((a) => a.kind === 'member' && a.orgName === picks.branchA!.orgName)!;
    const me = await login(t, member.username, DEMO_PASSWORD);
    expect(me.status).toBe(200);
    const file = await get(me, '/api/my/file?section=activity&pageSize=100');
    expect(file.statusCode).toBe(200);
    const entries = (file.json() as { items: { title: string; detail: { activityId: string; attendedAs: string } }[]; total: number }).items;
    const [mine] = (
      await rows<{ n: number }>(sql`
        SELECT count(*)::int n FROM checkins c JOIN activity_records r ON r.county_code = c.county_code AND r.activity_id = c.activity_id
         WHERE r.state = 'submitted' AND c.member_id = ${picks.branchA!.member.id}`)
    ).rows;
    expect(mine.n).toBeGreaterThan(3);
    expect(entries).toHaveLength(mine.n);
    expect(entries.every((e) => e.title.startsWith('参加'))).toBe(true);
    expect(entries.some((e) => e.title.startsWith('参加主题党日：'))).toBe(true);
    const record = await get(me, `/api/me/activities/${entries[0].detail.activityId}/record`);
    expect(record.statusCode).toBe(200);
    const rec = record.json() as { state: string; minutesHtml: string; figures: { frozen: boolean; present: number } };
    expect(rec.state).toBe('submitted');
    expect(rec.figures.frozen).toBe(true);
    expect(rec.minutesHtml).toContain('<strong>出席情况：</strong>');
    // the branch's secretary sees the same entries in the member's file, and a 主题党日 record with its 5+X checklist, locked
    const sa = await login(t, 'secretary.a', DEMO_PASSWORD);
    const adminFile = await get(sa, `/api/members/${picks.branchA!.member.id}/file?section=activity&pageSize=100`);
    expect((adminFile.json() as { total: number }).total).toBe(mine.n);
    const theme = entries.find((e) => e.title.startsWith('参加主题党日：'))!;
    const page = (await get(sa, `/api/activities/${theme.detail.activityId}/record`)).json() as {
      state: string; canEdit: boolean; canAmend: boolean; checklist: { kind: string; fixed: { label: string }[]; extra: { label: string }[] };
    };
    expect([page.state, page.canEdit, page.canAmend]).toEqual(['submitted', false, true]);
    expect(page.checklist.kind).toBe('5+X');
    expect(page.checklist.fixed.map((f) => f.label)).toEqual(['重温入党誓词', '诵读党章', '交纳党费', '理论学习', '政治生日']);
    expect(page.checklist.extra).toHaveLength(1);
    // the county sees amendments (original kept, the current content after them) and valid decisions of a 支部党员大会
    const admin = await login(t, 'county.admin', DEMO_PASSWORD);
    const [amended] = await t.services.db.select({ id: activityRecordAmendments.activityId }).from(activityRecordAmendments).limit(1);
    const withAmendment = (await get(admin, `/api/activities/${amended.id}/record`)).json() as { amendments: { reason: string }[]; current: unknown; minutesHtml: string };
    expect(withAmendment.amendments.length).toBeGreaterThan(0);
    expect(withAmendment.current).not.toBeNull();
    const [decided] = (await rows<{ activity_id: string }>(sql`SELECT activity_id FROM activity_records WHERE jsonb_array_length(decisions) > 0 LIMIT 1`)).rows;
    const assembly = (await get(admin, `/api/activities/${decided.activity_id}/record`)).json() as { activityType: string; quorum: { met: boolean }; decisions: { valid: boolean }[] };
    expect(assembly.activityType).toBe('branch_assembly');
    expect(assembly.quorum.met).toBe(true);
    expect(assembly.decisions.every((d) => d.valid)).toBe(true);
  });

  it('gives every planned organization this year’s plan with the rules’ items; the plan page shows held and overdue items, and regenerating adds nothing', async () => {
    const counts = await rows<{ id: string; level: string; category: string | null; theme_day: number | null; plans: number; items: number }>(sql`
      SELECT o.id, o.level, o.category, o.theme_day, count(DISTINCT p.id)::int AS plans, count(i.id) FILTER (WHERE i.generated)::int AS items
        FROM organizations o LEFT JOIN activity_plans p ON p.county_code = o.county_code AND p.org_id = o.id AND p.year = 2026
        LEFT JOIN plan_items i ON i.county_code = p.county_code AND i.plan_id = p.id
       WHERE o.level IN ('general_branch', 'branch', 'sub_branch', 'party_group') GROUP BY o.id, o.level, o.category, o.theme_day`);
    expect(counts.rows.length).toBeGreaterThan(30);
    for (const o of counts.rows) {
      expect(planKind(o.level)).not.toBeNull();
      const required = Object.values(requiredCounts(planFacts({ level: o.level, category: o.category, themeDay: o.theme_day }, PLAN_DEFAULTS, false), 2026)).reduce((a, b) => a + (b ?? 0), 0);
      expect([o.plans, o.items]).toEqual([1, required]);
    }
    const sa = await login(t, 'secretary.a', DEMO_PASSWORD);
    const view = (await get(sa, `/api/plans?orgId=${picks.branchA!.orgId}&year=2026`)).json() as {
      plan: unknown; items: { status: string; activityId: string | null; plannedOn: string; type: string }[]; requirements: { type: string; required: number; planned: number }[];
    };
    expect(view.plan).not.toBeNull();
    expect(view.requirements.every((r) => r.planned >= r.required)).toBe(true);
    const status = new Set(view.items.map((i) => i.status));
    expect(status.has('held')).toBe(true);
    expect(status.has('overdue')).toBe(true);
    // everything since the history began (the 主题党日, 支委会 and meetings of secretary.a's branch) was held
    const since = isoOf(h.from + 31);
    expect(view.items.filter((i) => i.plannedOn >= since && i.plannedOn < TODAY && !i.activityId)).toEqual([]);
    const again = await t.app.inject(as(sa, { method: 'POST', url: '/api/plans/generate', payload: { orgId: picks.branchA!.orgId, year: 2026 } }));
    expect(again.statusCode).toBe(200);
    expect((again.json() as { added: number }).added).toBe(0);
  });

  it('shows the kiosks on the kiosk page, bound to their organizations, with the check-ins they read', async () => {
    const admin = await login(t, 'county.admin', DEMO_PASSWORD);
    const list = (await get(admin, '/api/checkin-devices?pageSize=50')).json() as { items: { id: string; name: string; orgName: string; place: string; status: string; lastUsedAt: string | null }[]; total: number };
    expect(list.total).toBe(3);
    expect(list.items.map((d) => d.name).sort()).toEqual(h.kiosks.map((k) => k.name).sort());
    expect(list.items.every((d) => d.status === 'active' && d.lastUsedAt && d.place.endsWith('党群服务中心'))).toBe(true);
    const township = await login(t, 'zhicheng.admin', DEMO_PASSWORD);
    const mine = (await get(township, '/api/checkin-devices?pageSize=50')).json() as { items: { name: string; orgName: string }[] };
    expect(mine.items.map((d) => d.name).sort()).toEqual(h.kiosks.slice(1).map((k) => k.name).sort());
    // each kiosk's check-ins are at activities of its organization's subtree
    const r = await rows<{ device_id: string; n: number; outside: number }>(sql`
      SELECT c.device_id, count(*)::int n, count(*) FILTER (WHERE NOT (host.path LIKE bound.path || '%'))::int outside
        FROM checkins c JOIN api_clients k ON 'client:' || k.name = c.device_id
        JOIN organizations bound ON bound.county_code = k.county_code AND bound.id = k.org_id
        JOIN organizations host ON host.county_code = c.county_code AND host.id = c.host_org_id
       GROUP BY 1 ORDER BY 1`);
    expect(r.rows).toHaveLength(3);
    for (const x of r.rows) expect([x.n > 0, x.outside]).toEqual([true, 0]);
  });
});
