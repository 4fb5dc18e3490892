// The 条例 rule engine over a subtree (docs/SUPERVISION.md "Rule engine"): which rules bind which
// organization in which period (common/org-life-rules.ts), the facts from the activity rollup's
// per-activity keys (org_activity_day_keys: type, 应到, 实到 of every counted activity), and the
// judgement of every check. Five grouped statements, never a scan of activities or check-ins; the
// drill-down views (compliance.service.ts), the 通报 and the 综合考核 all read this one evaluation.
import { asc, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../common/calendar.ts';
import { ACTIVE_STANDINGS } from '../../../common/member.ts';
import {
  type Check,
  DEFAULT_RULES,
  type OrgFacts,
  type OrgLifeRule,
  type PeriodKey,
  type RulePeriod,
  binds,
  judge,
  periodOf,
  periodRange,
  rulePeriodsIn,
  worstOf,
} from '../../../common/org-life-rules.ts';
import { jsonRows } from '../../core/db/json-rows.ts';
import type { Tx } from '../../core/services.ts';
import { supervisionRules, supervisionSettings } from './supervision.tables.ts';

const likePrefix = (path: string) => `${path.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
/** Levels that hold activities for the members of these children (their unit). */
const UNIT_CHILD_LEVELS = ['sub_branch', 'red_station', 'party_group'];

/** A county's rules: its own rows in order, or the defaults when it has none. */
export async function countyRules(db: Tx, countyCode: string): Promise<OrgLifeRule[]> {
  const rows = await db.select().from(supervisionRules).where(sql`${supervisionRules.countyCode} = ${countyCode}`).orderBy(asc(supervisionRules.sort));
  if (rows.length === 0) return DEFAULT_RULES.map((r) => ({ ...r, levels: [...r.levels], categories: [...r.categories] }));
  return rows.map((r) => ({
    code: r.code,
    activityType: r.activityType,
    period: r.period as RulePeriod,
    minCount: r.minCount,
    levels: r.levels,
    categories: r.categories,
    requires: r.requires as OrgLifeRule['requires'],
    thresholdPct: r.thresholdPct,
    graceDays: r.graceDays,
    enabled: r.enabled,
  }));
}

/** One organization of the subtree with the checks that bind it and its colour (null: no rule binds it). */
export type EvalOrg = {
  id: string;
  parentId: string | null;
  path: string;
  depth: number;
  name: string;
  level: string;
  category: string | null;
  status: string;
  sortOrder: number;
  /** Members of its own unit (own + 下设支部 / 红色驿站 / 党小组 children), active standing. */
  unitMembers: number;
  checks: Check[];
  color: 'green' | 'amber' | 'red' | null;
};

export type Evaluation = { period: PeriodKey; asOf: IsoDate; rules: OrgLifeRule[]; orgs: EvalOrg[] };

type OrgRow = {
  id: string;
  parent_id: string | null;
  path: string;
  depth: number;
  name: string;
  level: string;
  category: string | null;
  status: string;
  sort_order: number;
  since: string;
  until: string | null;
  own: number;
  committee: number;
};

/**
 * Evaluates every rule for every organization of the subtree under `rootPath` and the rule periods of
 * the selected period (rulePeriodsIn), as of `asOf` (activities on later days are not counted;
 * deadlines are judged on that day). Rule periods that start after `asOf` are left out.
 */
export async function evaluate(db: Tx, countyCode: string, rootPath: string, period: PeriodKey, asOf: IsoDate, rulesIn?: OrgLifeRule[]): Promise<Evaluation> {
  const [allRules, [settings]] = await Promise.all([
    rulesIn ?? countyRules(db, countyCode),
    db.select({ startOn: supervisionSettings.startOn }).from(supervisionSettings).where(sql`${supervisionSettings.countyCode} = ${countyCode}`),
  ]);
  const rules = allRules.filter((r) => r.enabled);
  // Periods that begin before the county's supervision started bind nobody (their records are incomplete).
  const startOn = settings?.startOn ?? null;
  const like = likePrefix(rootPath);
  // The county root: every organization of the county (no path filter to join).
  const whole = rootPath.split('/').filter(Boolean).length === 1;
  // The rule periods to judge and the day window of each rule's facts (clipped to asOf).
  const plan = rules.map((r) => {
    const periods = rulePeriodsIn(r.period, period).filter((p) => periodRange(p).from <= asOf);
    const from = periods.length ? periodRange(periods[0]).from : null;
    const to = periods.length ? periodRange(periods[periods.length - 1]).to : null;
    return { rule: r, periods, from, to: to && to < asOf ? to : asOf };
  });
  const windows = plan.filter((p) => p.from !== null);
  const standings = sql.join(
    ACTIVE_STANDINGS.map((s) => sql`${s}`),
    sql`, `,
  );

  // One row per organization with its member and committee counts, and the facts: each as one JSON cell.
  const [orgs, factRows] = await Promise.all([
    jsonRows<OrgRow>(
      db,
      sql`
        SELECT o.id, o.parent_id, o.path, o.depth, o.name, o.level, o.category, o.status, o.sort_order,
               coalesce(o.established_on, (o.created_at AT TIME ZONE 'Asia/Shanghai')::date)::text AS since,
               CASE WHEN o.status = 'active' THEN NULL ELSE (coalesce(o.dissolved_at, o.updated_at) AT TIME ZONE 'Asia/Shanghai')::date::text END AS until,
               coalesce(m.n, 0) AS own, coalesce(c.n, 0) AS committee
          FROM organizations o
          LEFT JOIN (
            SELECT m.org_id, count(*) AS n FROM members m
              ${whole ? sql`` : sql`JOIN organizations g ON g.county_code = m.county_code AND g.id = m.org_id AND g.path LIKE ${like}`}
             WHERE m.county_code = ${countyCode} AND m.standing IN (${standings}) GROUP BY m.org_id) m ON m.org_id = o.id
          LEFT JOIN (
            SELECT org_id, count(*) AS n FROM org_committee WHERE county_code = ${countyCode} AND term_end IS NULL GROUP BY org_id) c ON c.org_id = o.id
         WHERE o.county_code = ${countyCode} ${whole ? sql`` : sql`AND o.path LIKE ${like}`}`,
    ),
    // Per window (a rule's type over its periods), organization and month: the activities held and those over the threshold.
    windows.length
      ? jsonRows<{ w: number; org_id: string; month: string; h: number; q: number }>(
          db,
          sql.join(
            windows.map(
              (p, i) => sql`
                SELECT ${i}::int AS w, k.org_id, to_char(k.day, 'YYYY-MM') AS month, count(*)::int AS h,
                       count(*) FILTER (WHERE ${p.rule.thresholdPct === null ? sql`true` : sql`k.attended * 100 > ${p.rule.thresholdPct} * k.obliged`})::int AS q
                  FROM org_activity_day_keys k ${whole ? sql`` : sql`JOIN organizations o ON o.county_code = k.county_code AND o.id = k.org_id AND o.path LIKE ${like}`}
                 WHERE k.county_code = ${countyCode} AND k.activity_type = ${p.rule.activityType} AND k.day BETWEEN ${p.from}::date AND ${p.to}::date
                 GROUP BY k.org_id, 3`,
            ),
            sql` UNION ALL `,
          ),
        )
      : Promise.resolve([]),
  ]);

  const own = new Map(orgs.map((o) => [o.id, Number(o.own)]));
  const committee = new Map(orgs.map((o) => [o.id, Number(o.committee)]));
  const unit = new Map<string, number>();
  for (const o of orgs) {
    const n = own.get(o.id) ?? 0;
    unit.set(o.id, (unit.get(o.id) ?? 0) + n);
    if (o.parent_id && UNIT_CHILD_LEVELS.includes(o.level)) unit.set(o.parent_id, (unit.get(o.parent_id) ?? 0) + n);
  }
  // facts[org][windowIndex][rulePeriod] = { held, qualifying }
  const facts = new Map<string, Map<string, { held: number; qualifying: number }>>();
  for (const r of factRows) {
    const p = windows[Number(r.w)];
    const m = facts.get(r.org_id) ?? new Map();
    facts.set(r.org_id, m);
    const key = `${r.w}|${periodOf(p.rule.period, `${r.month}-01`)}`;
    const cur = m.get(key) ?? { held: 0, qualifying: 0 };
    cur.held += Number(r.h);
    cur.qualifying += Number(r.q);
    m.set(key, cur);
  }
  const out: EvalOrg[] = orgs.map((o) => {
    const since = startOn && startOn > o.since ? startOn : o.since;
    const f: OrgFacts = { level: o.level, category: o.category, ownMembers: own.get(o.id) ?? 0, unitMembers: unit.get(o.id) ?? 0, committee: committee.get(o.id) ?? 0, since, until: o.until };
    const checks: Check[] = [];
    windows.forEach((p, i) => {
      for (const per of p.periods) {
        if (!binds(p.rule, f, per)) continue;
        checks.push(judge(p.rule, per, facts.get(o.id)?.get(`${i}|${per}`) ?? { held: 0, qualifying: 0 }, asOf));
      }
    });
    return {
      id: o.id,
      parentId: o.parent_id,
      path: o.path,
      depth: Number(o.depth),
      name: o.name,
      level: o.level,
      category: o.category,
      status: o.status,
      sortOrder: Number(o.sort_order),
      unitMembers: f.unitMembers,
      checks,
      color: worstOf(checks),
    };
  });
  return { period, asOf, rules, orgs: out };
}

export type ColorCounts = { total: number; green: number; amber: number; red: number };
export type CheckCounts = { checks: number; green: number; amber: number; red: number; pending: number };

export const emptyColors = (): ColorCounts => ({ total: 0, green: 0, amber: 0, red: 0 });
export const emptyChecks = (): CheckCounts => ({ checks: 0, green: 0, amber: 0, red: 0, pending: 0 });

/** Adds an organization's colour (when a rule binds it) to the counts. */
export function addColor(c: ColorCounts, color: EvalOrg['color']) {
  if (!color) return;
  c.total += 1;
  c[color] += 1;
}

/** Adds checks to counts per activity type. */
export function addChecks(byType: Map<string, CheckCounts>, checks: readonly Check[]) {
  for (const ch of checks) {
    const c = byType.get(ch.activityType) ?? emptyChecks();
    byType.set(ch.activityType, c);
    c.checks += 1;
    c[ch.status] += 1;
  }
}

/** The share of decided checks met: green / (green + red), or null when none is decided. */
export const completion = (c: Pick<CheckCounts, 'green' | 'red'>) => (c.green + c.red > 0 ? Math.round((c.green / (c.green + c.red)) * 10_000) / 10_000 : null);
