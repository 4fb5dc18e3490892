// The big screen (大屏, docs/SCREEN.md): aggregates of an organization's subtree for the wall display.
// Every figure comes from a rollup or a small keyed lookup: org_activity_days (supervision), dues_org_months
// (dues monitoring), today's activities by (county_code, starts_at) with their write-path counters, and
// today's check-ins by their UUIDv7 primary key (a time index). Organization names, never a member's.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { todayIn } from '../../../common/calendar.ts';
import type { Ctx } from '../../core/access/context.ts';
import { addMonthsTo } from '../dues/bills.rules.ts';
import { viewOrg } from '../dues/monitoring.service.ts';
import { complianceCounts } from '../supervision/compliance.service.ts';
import { uuidv7Floor } from '../supervision/rollup.ts';
import type { ScreenActivityDto, ScreenBlockDto, ScreenComplianceDto, ScreenDuesDto, ScreenLiveDto, ScreenOverviewDto } from './screen.schemas.ts';

/** The permission of the big screen. */
export const SCREEN_VIEW = 'screen.view';
/** 三会一课: 支部党员大会, 支委会, 党小组会, 党课 (activity_types.three_meetings). */
export const THREE_MEETINGS = ['branch_assembly', 'committee', 'group_meeting', 'party_lecture'] as const;
/** Levels that are not counted as organizations on the screen: 红色驿站 (a place) and 党小组 (part of a branch). */
const NOT_COUNTED = ['red_station', 'party_group'];

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;
const num = (v: unknown) => Number(v ?? 0);
const rate = (attended: number, obliged: number) => (obliged > 0 ? Math.round((attended / obliged) * 10_000) / 10_000 : null);
const shareBp = (part: number, whole: number) => (whole > 0 ? Math.floor((part * 10_000) / whole) : null);
const prefix = (path: string) => `${path.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;

type ScreenOrg = Awaited<ReturnType<typeof viewOrg>>;
type Overview = z.infer<typeof ScreenOverviewDto>;
type Block = z.infer<typeof ScreenBlockDto>;

/**
 * The pieces of SQL that put a rollup's rows (alias r) into the subtree and name each row's child
 * organization. At the county root every row of the county is in the subtree: no join at all. Below
 * it, the subtree's organization ids (organizations_path_idx) filter the rollup's rows (`org_id = ANY`),
 * with no per-row join. `child` is the id of the child organization a row belongs to ('' for the
 * organization's own).
 */
function subtree(o: ScreenOrg) {
  const depth = o.path.split('/').filter(Boolean).length;
  const root = o.parentId === null;
  return {
    /** FROM <table> r WHERE in the county, in the subtree and `cond` (which may use r.*). */
    from: (table: string, cond: ReturnType<typeof sql>) =>
      sql`FROM ${sql.raw(table)} r WHERE r.county_code = ${o.countyCode} AND ${cond}
        ${root ? sql`` : sql`AND r.org_id = ANY (ARRAY(SELECT o.id FROM organizations o WHERE o.county_code = ${o.countyCode} AND o.path LIKE ${prefix(o.path)}))`}`,
    /** Joins organizations always (for the child of each row). */
    joinChild: (alias: string) => sql`JOIN organizations o ON o.county_code = ${sql.raw(alias)}.county_code AND o.id = ${sql.raw(alias)}.org_id`,
    child: sql.raw(`split_part(o.path, '/', ${depth + 2})`),
  };
}

/** Midnight (Asia/Shanghai) of a day, as an instant. */
const midnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** The organization of a view, as the screen names it. */
const orgOf = (o: ScreenOrg) => ({ id: o.id, name: o.name, level: o.level });

/**
 * The header and the blocks: one per child organization (the townships and 部门党委 at the county root),
 * with its organizations and members, this month's attendance and this month's dues 月月清. Two
 * statements: the subtree's organizations with this month's rows of the activity and dues rollups, and
 * the children's names. Members are the month's bills in dues_org_months (one bill per member who pays dues: full and
 * probationary members in normal or restored standing, docs/SCREEN.md) — never a count over the members.
 */
export async function screenOverview(ctx: Ctx, q: { orgId?: string }): Promise<Overview> {
  const db = ctx.services.db;
  const o = await viewOrg(ctx, SCREEN_VIEW, q.orgId);
  const today = todayIn();
  const month = today.slice(0, 7);
  const like = prefix(o.path);
  const s = subtree(o);
  const notCounted = sql.join(NOT_COUNTED.map((l) => sql`${l}`), sql`, `);
  // One statement: the subtree's organizations (organizations_path_idx) with this month's activity and
  // dues rollup rows aggregated by organization first, then grouped by child (hash joins, no per-row lookup).
  const [sums, children] = await Promise.all([
    db.execute(sql`
      WITH o AS MATERIALIZED (
        SELECT o.id, ${s.child} AS k, o.level, o.status FROM organizations o WHERE o.county_code = ${o.countyCode} AND o.path LIKE ${like}
      ), a AS (
        SELECT r.org_id, sum(r.held) AS held, sum(r.obliged) AS obliged, sum(r.attended) AS attended
          FROM org_activity_months r WHERE r.county_code = ${o.countyCode} AND r.month = ${month} GROUP BY r.org_id
      ), d AS (
        SELECT r.org_id, r.bills, r.due, r.paid, (r.bills > 0 AND r.unpaid = 0 AND r.issues = 0 AND r.on_time >= r.paid) AS clear
          FROM dues_org_months r WHERE r.county_code = ${o.countyCode} AND r.month = ${month}
      )
      SELECT o.k,
             count(*) FILTER (WHERE o.status = 'active' AND o.level NOT IN (${notCounted})) AS orgs,
             count(*) FILTER (WHERE o.status = 'active' AND o.level = 'branch') AS branches,
             coalesce(sum(a.held), 0) AS held, coalesce(sum(a.obliged), 0) AS obliged, coalesce(sum(a.attended), 0) AS attended,
             count(*) FILTER (WHERE d.bills > 0) AS dues_orgs, count(*) FILTER (WHERE d.clear) AS clear_orgs,
             coalesce(sum(d.bills), 0) AS bills, coalesce(sum(d.due), 0) AS due, coalesce(sum(d.paid), 0) AS paid
        FROM o LEFT JOIN a ON a.org_id = o.id LEFT JOIN d ON d.org_id = o.id
       GROUP BY o.k`),
    db.execute(sql`
      SELECT id, name, level, status FROM organizations c
       WHERE c.county_code = ${o.countyCode} AND c.parent_id = ${o.id} ORDER BY c.sort_order, c.name`),
  ]);
  type Acc = Omit<Block, 'orgId' | 'name' | 'level' | 'rate' | 'duesClearShareBp' | 'duesPaidShareBp'> & { due: number; paid: number };
  const empty = (): Acc => ({ organizations: 0, branches: 0, members: 0, held: 0, obliged: 0, attended: 0, duesOrgs: 0, duesClearOrgs: 0, due: 0, paid: 0 });
  const accs = new Map<string, Acc>();
  const at = (k: string) => {
    let a = accs.get(k);
    if (!a) {
      a = empty();
      accs.set(k, a);
    }
    return a;
  };
  type SumRow = Record<'orgs' | 'branches' | 'held' | 'obliged' | 'attended' | 'dues_orgs' | 'clear_orgs' | 'bills' | 'due' | 'paid', unknown> & { k: string };
  for (const r of rowsOf<SumRow>(sums))
    Object.assign(at(r.k), {
      organizations: num(r.orgs), branches: num(r.branches), members: num(r.bills), held: num(r.held), obliged: num(r.obliged), attended: num(r.attended),
      duesOrgs: num(r.dues_orgs), duesClearOrgs: num(r.clear_orgs), due: num(r.due), paid: num(r.paid),
    });
  const figures = (a: Acc | undefined) => {
    const x = a ?? empty();
    return {
      organizations: x.organizations, branches: x.branches, members: x.members, held: x.held, obliged: x.obliged, attended: x.attended,
      rate: rate(x.attended, x.obliged), duesOrgs: x.duesOrgs, duesClearOrgs: x.duesClearOrgs, duesClearShareBp: shareBp(x.duesClearOrgs, x.duesOrgs), duesPaidShareBp: shareBp(x.paid, x.due),
    };
  };
  const total = [...accs.values()].reduce<Acc>((t, a) => {
    for (const key of Object.keys(t) as (keyof Acc)[]) t[key] += a[key];
    return t;
  }, empty());
  const kids = rowsOf<{ id: string; name: string; level: string; status: string }>(children).filter((k) => k.status === 'active' && !NOT_COUNTED.includes(k.level));
  return {
    org: orgOf(o),
    today,
    month,
    totals: figures(total),
    blocks: kids.map((k) => ({ orgId: k.id, name: k.name, level: k.level, ...figures(accs.get(k.id)) })),
  };
}

/**
 * Today's live figures: the check-ins recorded today (read by their UUIDv7 ids, a range of the primary
 * key, grouped by host organization and hour before the small join with organizations) and today's
 * activities (activities_time_idx) with those under way now.
 */
export async function screenLive(ctx: Ctx, q: { orgId?: string }, now = new Date()): Promise<z.infer<typeof ScreenLiveDto>> {
  const db = ctx.services.db;
  const o = await viewOrg(ctx, SCREEN_VIEW, q.orgId);
  const today = todayIn(now);
  const from = midnight(today);
  const to = new Date(from.getTime() + 86_400_000);
  const like = prefix(o.path);
  const s = subtree(o);
  const [hours, acts] = await Promise.all([
    db.execute(sql`
      WITH c AS (
        SELECT c.host_org_id, extract(hour FROM c.server_time AT TIME ZONE 'Asia/Shanghai')::int AS h, count(*) AS n
          FROM checkins c
         WHERE c.county_code = ${o.countyCode} AND c.id >= ${uuidv7Floor(from)}::uuid AND c.id < ${uuidv7Floor(to)}::uuid
         GROUP BY 1, 2
      )
      SELECT ${s.child} AS k, c.h, sum(c.n) AS n
        FROM c JOIN organizations o ON o.county_code = ${o.countyCode} AND o.id = c.host_org_id
       WHERE o.path LIKE ${like}
       GROUP BY 1, 2`),
    db.execute(sql`
      SELECT ${s.child} AS k, count(*) AS n, count(*) FILTER (WHERE a.starts_at <= ${now}) AS started,
             count(*) FILTER (WHERE a.starts_at <= ${now} AND a.ends_at > ${now}) AS under_way
        FROM activities a ${s.joinChild('a')}
       WHERE a.county_code = ${o.countyCode} AND a.starts_at >= ${from} AND a.starts_at < ${to} AND a.state <> 'cancelled' AND o.path LIKE ${like}
       GROUP BY 1`),
  ]);
  const byHour = Array.from({ length: 24 }, () => 0);
  const kids = new Map<string, { checkins: number; underWay: number }>();
  const kid = (k: string) => {
    let v = kids.get(k);
    if (!v) {
      v = { checkins: 0, underWay: 0 };
      kids.set(k, v);
    }
    return v;
  };
  for (const r of rowsOf<{ k: string; h: unknown; n: unknown }>(hours)) {
    const h = num(r.h);
    if (h >= 0 && h < 24) byHour[h] += num(r.n);
    kid(r.k).checkins += num(r.n);
  }
  let activities = 0;
  let started = 0;
  let underWay = 0;
  for (const r of rowsOf<{ k: string; n: unknown; started: unknown; under_way: unknown }>(acts)) {
    activities += num(r.n);
    started += num(r.started);
    underWay += num(r.under_way);
    kid(r.k).underWay += num(r.under_way);
  }
  return {
    org: orgOf(o),
    today,
    at: now.toISOString(),
    checkins: byHour.reduce((a, b) => a + b, 0),
    byHour,
    activities,
    started,
    underWay,
    children: [...kids].filter(([k]) => k !== '').map(([orgId, v]) => ({ orgId, ...v })),
  };
}

/** The 12 months ending with `month` ('YYYY-MM'), oldest first. */
const last12 = (month: string) => Array.from({ length: 12 }, (_, i) => addMonthsTo(month, i - 11));

/**
 * Organizational life over the 12 months ending with this one, from org_activity_days (one grouped
 * statement: month × type): the attendance trend, this month by type, 三会一课, volunteer service.
 */
export async function screenActivity(ctx: Ctx, q: { orgId?: string }): Promise<z.infer<typeof ScreenActivityDto>> {
  const o = await viewOrg(ctx, SCREEN_VIEW, q.orgId);
  const today = todayIn();
  const month = today.slice(0, 7);
  const months = last12(month);
  const s = subtree(o);
  // The month level of the rollup (org_activity_months: 12 rows per organization and type for the year).
  const res = await ctx.services.db.execute(sql`
    SELECT (substr(r.month, 1, 4)::int * 100 + substr(r.month, 6, 2)::int) AS ym, r.activity_type AS t, sum(r.held) AS held, sum(r.obliged) AS obliged, sum(r.attended) AS attended, sum(r.guests) AS guests
      ${s.from('org_activity_months', sql`r.month BETWEEN ${months[0]} AND ${month}`)}
     GROUP BY 1, 2`);
  type F = { held: number; obliged: number; attended: number };
  const zero = (): F => ({ held: 0, obliged: 0, attended: 0 });
  const add = (a: F, b: F) => {
    a.held += b.held;
    a.obliged += b.obliged;
    a.attended += b.attended;
  };
  const withRate = (f: F) => ({ ...f, rate: rate(f.attended, f.obliged) });
  const byMonth = new Map(months.map((m) => [m, zero()]));
  const volunteer = new Map(months.map((m) => [m, { held: 0, people: 0 }]));
  const thisMonth = new Map<string, F>();
  const threeMonth = zero();
  const threeYear = zero();
  for (const row of rowsOf<{ ym: unknown; t: string; held: unknown; obliged: unknown; attended: unknown; guests: unknown }>(res)) {
    const ym = num(row.ym);
    const r = { ...row, m: `${Math.floor(ym / 100)}-${String(ym % 100).padStart(2, '0')}` };
    const f = { held: num(r.held), obliged: num(r.obliged), attended: num(r.attended) };
    const m = byMonth.get(r.m);
    if (!m) continue;
    add(m, f);
    if (r.t === 'volunteer') {
      // Nobody is obliged to volunteer: those who took part are 实到 (invited) plus the other check-ins (guests).
      const v = volunteer.get(r.m) as { held: number; people: number };
      v.held += f.held;
      v.people += f.attended + num(r.guests);
    }
    if ((THREE_MEETINGS as readonly string[]).includes(r.t)) {
      add(threeYear, f);
      if (r.m === month) add(threeMonth, f);
    }
    if (r.m === month) {
      const t = thisMonth.get(r.t) ?? zero();
      add(t, f);
      thisMonth.set(r.t, t);
    }
  }
  const vol = volunteer.get(month) as { held: number; people: number };
  return {
    org: orgOf(o),
    month,
    trend: months.map((m) => ({ month: m, ...withRate(byMonth.get(m) as F) })),
    thisMonth: Object.fromEntries([...thisMonth].sort(([a], [b]) => a.localeCompare(b)).map(([t, f]) => [t, withRate(f)])),
    threeMeetings: { month: withRate(threeMonth), year: withRate(threeYear) },
    volunteer: { ...vol, trend: months.map((m) => ({ month: m, ...(volunteer.get(m) as { held: number; people: number }) })) },
  };
}

/**
 * Dues 月月清 of the subtree over the 12 months ending with this one, from dues_org_months (one grouped
 * statement): the organizations with bills and those 月月清, 补清 or open; the paid share.
 */
export async function screenDues(ctx: Ctx, q: { orgId?: string }): Promise<z.infer<typeof ScreenDuesDto>> {
  const o = await viewOrg(ctx, SCREEN_VIEW, q.orgId);
  const month = todayIn().slice(0, 7);
  const months = last12(month);
  const s = subtree(o);
  const res = await ctx.services.db.execute(sql`
    SELECT r.month AS m, count(*) FILTER (WHERE r.bills > 0) AS orgs,
           count(*) FILTER (WHERE r.bills > 0 AND r.unpaid = 0 AND r.issues = 0 AND r.on_time >= r.paid) AS clear_orgs,
           count(*) FILTER (WHERE r.bills > 0 AND r.unpaid = 0 AND r.issues = 0 AND r.on_time < r.paid) AS late_orgs,
           coalesce(sum(r.due), 0) AS due, coalesce(sum(r.paid), 0) AS paid
      ${s.from('dues_org_months', sql`r.month BETWEEN ${months[0]} AND ${month}`)}
     GROUP BY 1`);
  const got = new Map(rowsOf<{ m: string; orgs: unknown; clear_orgs: unknown; late_orgs: unknown; due: unknown; paid: unknown }>(res).map((r) => [r.m, r]));
  const trend = months.map((m) => {
    const r = got.get(m);
    const orgs = num(r?.orgs);
    const clearOrgs = num(r?.clear_orgs);
    const lateOrgs = num(r?.late_orgs);
    const due = num(r?.due);
    const paid = num(r?.paid);
    return { month: m, orgs, clearOrgs, lateOrgs, openOrgs: orgs - clearOrgs - lateOrgs, clearShareBp: shareBp(clearOrgs, orgs), due, paid, paidShareBp: shareBp(paid, due) };
  });
  return { org: orgOf(o), month, current: trend[trend.length - 1], trend };
}

/**
 * 三会一课 and the other rules of organizational life this month (the supervision rule engine,
 * complianceCounts of compliance.service.ts): organizations by colour, checks by activity type, and per
 * child organization its branches by their worst colour. No figure of its own: the engine's.
 */
export async function screenCompliance(ctx: Ctx, q: { orgId?: string }): Promise<z.infer<typeof ScreenComplianceDto>> {
  const o = await viewOrg(ctx, SCREEN_VIEW, q.orgId);
  const month = todayIn().slice(0, 7);
  const c = await complianceCounts(ctx, o.id, month);
  return { org: orgOf(o), month, ...c };
}

/** A short cache for the wall display: the same answer for a few seconds per endpoint and organization. */
export const CACHE_MS = 5_000;
const CACHE_MAX = 500;
const cache = new Map<string, { at: number; value: Promise<unknown> }>();

/**
 * `compute()` at most once per `ttlMs` for `key` (endpoint, county, organization). The caller has
 * resolved the organization in their scope before asking, so the answer is the same for everyone who
 * may see it. A failed computation is not kept.
 */
export function cached<T>(key: string, compute: () => Promise<T>, ttlMs = CACHE_MS, now = Date.now()): Promise<T> {
  const hit = cache.get(key);
  if (hit && now - hit.at < ttlMs) return hit.value as Promise<T>;
  if (cache.size >= CACHE_MAX) {
    for (const [k, v] of cache) if (now - v.at >= 60_000) cache.delete(k);
    if (cache.size >= CACHE_MAX) cache.clear();
  }
  const value = compute();
  cache.set(key, { at: now, value });
  value.catch(() => cache.delete(key));
  return value;
}

/** Forgets every cached answer (tests). */
export const clearScreenCache = () => cache.clear();
