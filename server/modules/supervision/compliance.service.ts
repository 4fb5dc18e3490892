// The drill-down of the rule engine (docs/SUPERVISION.md "Rule engine"): county → township → branch
// (compliance view of an organization's subtree by child) → the branch's checks with the activities
// counted (→ the activity page and its attendees), the county's rules (read, replace, restore), and
// the counts the big screen shows. Every view is one evaluation (compliance.engine.ts).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { todayIn } from '../../../common/calendar.ts';
import { type Check, DEFAULT_RULES, type OrgLifeRule, THREE_MEETINGS, periodRange, reasonZh } from '../../../common/org-life-rules.ts';
import type { Ctx } from '../../core/access/context.ts';
import { isInSubtree } from '../../core/access/scope.ts';
import { audit } from '../../core/audit/audit.ts';
import type { Tx } from '../../core/services.ts';
import { AppError, badRequest } from '../../core/errors/app-error.ts';
import { viewOrg } from '../dues/monitoring.service.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { systemOrgs } from '../orgs/orgs.repo.ts';
import { type CheckCounts, type ColorCounts, type EvalOrg, type Evaluation, addChecks, addColor, completion, countyRules, emptyChecks, emptyColors, evaluate } from './compliance.engine.ts';
import type { ComplianceDto, ComplianceQuery, OrgComplianceDto, RulesBody, RulesDto } from './compliance.schemas.ts';
import { refreshSnapshot, snapshotCounts } from './compliance.snapshot.ts';
import { supervisionRules } from './supervision.tables.ts';

/** Reading compliance is reading activities in scope. */
export const COMPLIANCE_READ = 'activity.read';
/** Changing the rules and settings and generating a 通报 by hand: county administrators at the root. */
export const SUPERVISION_MANAGE = 'supervision.manage';
const RED_LIST_MAX = 200;

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

/** The period and day of a query with their defaults, checked. */
export function periodAndDay(q: { period?: string; asOf?: string }): { period: string; asOf: string } {
  const asOf = q.asOf ?? todayIn();
  const period = q.period ?? asOf.slice(0, 7);
  if (periodRange(period).from > asOf) throw badRequest('SUPERVISION_PERIOD_AFTER_AS_OF', [{ path: 'period', code: 'after_as_of' }]);
  return { period, asOf };
}

/** A check as the API answers it (with its Chinese reason). */
export function checkDto(c: Check, rules: readonly OrgLifeRule[]) {
  const rule = rules.find((r) => r.code === c.rule) ?? { thresholdPct: null };
  return { ...c, thresholdPct: rule.thresholdPct, text: reasonZh(c, rule) };
}

/** The organizations from the caller's scope root down to `path` (the trail of the drill-down). */
async function trailOf(ctx: Ctx, perm: string, countyCode: string, path: string) {
  const ids = path.split('/').filter(Boolean);
  const rows = await ctx.services.db
    .select({ id: organizations.id, name: organizations.name, level: organizations.level, path: organizations.path })
    .from(organizations)
    .where(and(eq(organizations.countyCode, countyCode), inArray(organizations.id, ids)));
  const scope = ctx.scope(perm);
  return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is (typeof rows)[number] => !!r && isInSubtree(r.path, scope)).map(({ id, name, level }) => ({ id, name, level }));
}

/** The id of the child of the organization at `path` whose subtree holds `orgPath` ('' = the organization itself). */
const childOf = (path: string, orgPath: string) => orgPath.slice(path.length).split('/')[0] ?? '';

type Group = { orgs: ColorCounts; byType: Map<string, CheckCounts> };
const KEYS = ['checks', 'green', 'amber', 'red', 'pending'] as const;
/** The check counts of the given types (all when left out) summed. */
export const sumChecks = (byType: Map<string, CheckCounts>, types?: readonly string[]) => {
  const c = emptyChecks();
  for (const [t, x] of byType) {
    if (types && !types.includes(t)) continue;
    for (const k of KEYS) c[k] += x[k];
  }
  return c;
};
/** The share of decided 三会一课 checks met. */
export const threeRate = (byType: Map<string, CheckCounts>) => completion(sumChecks(byType, THREE_MEETINGS));

/** The evaluation of an organization's subtree grouped for the views: in total and per child. */
export function groupEvaluation(ev: Evaluation, root: { id: string; path: string }) {
  const total: Group = { orgs: emptyColors(), byType: new Map() };
  const byChild = new Map<string, Group>();
  for (const o of ev.orgs) {
    addColor(total.orgs, o.color);
    addChecks(total.byType, o.checks);
    const k = o.id === root.id ? '' : childOf(root.path, o.path);
    const g = byChild.get(k) ?? { orgs: emptyColors(), byType: new Map() };
    byChild.set(k, g);
    addColor(g.orgs, o.color);
    addChecks(g.byType, o.checks);
  }
  return { total, byChild };
}

/** The compliance of an organization's subtree for a period: totals, per child, its own checks and the red list. */
export async function complianceView(ctx: Ctx, q: z.infer<typeof ComplianceQuery>): Promise<z.infer<typeof ComplianceDto>> {
  const o = await viewOrg(ctx, COMPLIANCE_READ, q.orgId);
  const { period, asOf } = periodAndDay(q);
  const ev = await evaluate(ctx.services.db, o.countyCode, o.path, period, asOf);
  const { total, byChild } = groupEvaluation(ev, o);
  const byId = new Map(ev.orgs.map((x) => [x.id, x]));
  const self = byId.get(o.id) as EvalOrg;
  const kids = ev.orgs.filter((x) => x.parentId === o.id && (x.status === 'active' || byChild.has(x.id))).sort((a, b) => a.sortOrder - b.sortOrder || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const hasKids = new Set(ev.orgs.map((x) => x.parentId));
  const childRow = (x: EvalOrg, own: boolean) => {
    const g = byChild.get(own ? '' : x.id) ?? { orgs: emptyColors(), byType: new Map() };
    return { orgId: x.id, name: x.name, level: x.level, own, hasChildren: !own && hasKids.has(x.id), color: x.color, orgs: g.orgs, checks: sumChecks(g.byType), threeMeetingsRate: threeRate(g.byType) };
  };
  const reds = ev.orgs.filter((x) => x.color === 'red').sort((a, b) => a.path.localeCompare(b.path));
  return {
    org: { id: o.id, name: o.name, level: o.level },
    trail: await trailOf(ctx, COMPLIANCE_READ, o.countyCode, o.path),
    period,
    asOf,
    orgs: total.orgs,
    checks: sumChecks(total.byType),
    threeMeetingsRate: threeRate(total.byType),
    byType: [...total.byType].map(([activityType, c]) => ({ activityType, rate: completion(c), ...c })).sort((a, b) => typeOrder(a.activityType) - typeOrder(b.activityType)),
    children: [...(self.color ? [childRow(self, true)] : []), ...kids.map((k) => childRow(k, false))],
    own: self.color ? { color: self.color, checks: self.checks.map((c) => checkDto(c, ev.rules)) } : null,
    red: {
      total: reds.length,
      items: reds.slice(0, RED_LIST_MAX).map((x) => ({
        orgId: x.id,
        name: x.name,
        level: x.level,
        parentName: (x.parentId && byId.get(x.parentId)?.name) || null,
        checks: x.checks.filter((c) => c.status === 'red').map((c) => checkDto(c, ev.rules)),
      })),
    },
  };
}

const TYPE_ORDER = ['branch_assembly', 'committee', 'group_meeting', 'party_lecture', 'theme_day', 'life_meeting', 'evaluation', 'volunteer', 'other'];
const typeOrder = (t: string) => (TYPE_ORDER.includes(t) ? TYPE_ORDER.indexOf(t) : TYPE_ORDER.length);

/** One organization's checks for a period with the activities counted for each (the branch level of the drill-down). */
export async function orgCompliance(ctx: Ctx, id: string, q: z.infer<typeof ComplianceQuery>): Promise<z.infer<typeof OrgComplianceDto>> {
  const o = await viewOrg(ctx, COMPLIANCE_READ, id);
  const { period, asOf } = periodAndDay(q);
  const db = ctx.services.db;
  // The organization alone: its subtree's path would pull its children in; filter to it.
  const ev = await evaluate(db, o.countyCode, o.path, period, asOf);
  const self = ev.orgs.find((x) => x.id === o.id) as EvalOrg;
  const acts = self.checks.length
    ? rowsOf<{ id: string; title: string; day: string; activity_type: string; obliged: number; attended: number }>(
        await db.execute(sql`
          SELECT k.activity_id AS id, a.title, k.day::text AS day, k.activity_type, k.obliged, k.attended
            FROM org_activity_day_keys k JOIN activities a ON a.county_code = k.county_code AND a.id = k.activity_id
           WHERE k.county_code = ${o.countyCode} AND k.org_id = ${o.id}
             AND k.day BETWEEN ${periodRange(self.checks.map((c) => c.period).sort()[0]).from}::date AND ${asOf}::date
           ORDER BY k.day, a.starts_at`),
      )
    : [];
  return {
    org: { id: o.id, name: o.name, level: o.level },
    trail: await trailOf(ctx, COMPLIANCE_READ, o.countyCode, o.path),
    period,
    asOf,
    color: self.color,
    unitMembers: self.unitMembers,
    checks: self.checks.map((c) => {
      const rule = ev.rules.find((r) => r.code === c.rule);
      const { from, to } = periodRange(c.period);
      return {
        ...checkDto(c, ev.rules),
        activities: acts
          .filter((a) => a.activity_type === c.activityType && a.day >= from && a.day <= to)
          .map((a) => {
            const obliged = Number(a.obliged);
            const attended = Number(a.attended);
            return {
              id: a.id,
              title: a.title,
              day: a.day,
              obliged,
              attended,
              rate: obliged > 0 ? Math.round((attended / obliged) * 10_000) / 10_000 : null,
              qualifies: rule?.thresholdPct == null || attended * 100 > rule.thresholdPct * obliged,
            };
          }),
      };
    }),
  };
}

/**
 * The counts the big screen shows for an organization's subtree and a month: organizations by colour,
 * checks per type, and per direct child its branches by colour. This month comes from the snapshot the
 * job keeps every 5 minutes (compliance.snapshot.ts); another month, or before the first snapshot, from
 * an evaluation.
 */
export async function complianceCounts(ctx: Ctx, orgId: string, month: string) {
  const o = await viewOrg(ctx, 'screen.view', orgId);
  const db = ctx.services.db;
  const today = todayIn();
  const kids = await db.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.countyCode, o.countyCode), eq(organizations.parentId, o.id)));
  const snap = month === today.slice(0, 7) ? await snapshotCounts(db, o.countyCode, o, month) : null;
  if (snap) {
    return {
      orgs: snap.orgs,
      byType: Object.fromEntries([...snap.byType].map(([t, c]) => [t, { checks: c.checks, green: c.green, amber: c.amber, red: c.red }])),
      children: kids.map((k) => ({ orgId: k.id, ...(snap.byChild.get(k.id) ?? emptyColors()) })),
    };
  }
  const asOf = today.slice(0, 7) === month ? today : periodRange(month).to < today ? today : periodRange(month).from;
  const ev = await evaluate(db, o.countyCode, o.path, month, asOf);
  const { total, byChild } = groupEvaluation(ev, o);
  return {
    orgs: total.orgs,
    byType: Object.fromEntries([...total.byType].map(([t, c]) => [t, { checks: c.checks, green: c.green, amber: c.amber, red: c.red }])),
    children: kids.map((k) => ({ orgId: k.id, ...(byChild.get(k.id)?.orgs ?? emptyColors()) })),
  };
}

// ---- the county's rules -------------------------------------------------------------------------

async function canEditRules(ctx: Ctx, tx: Tx) {
  const root = await systemOrgs.root(tx, ctx.actor?.countyCode ?? '');
  return !!root && ctx.inScope(SUPERVISION_MANAGE, root.path);
}

export async function getRules(ctx: Ctx): Promise<z.infer<typeof RulesDto>> {
  const db = ctx.services.db;
  const county = ctx.actor?.countyCode ?? '';
  const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM supervision_rules WHERE county_code = ${county}`));
  return { rules: (await countyRules(db, county)) as z.infer<typeof RulesDto>['rules'], custom: Number(n) > 0, editable: await canEditRules(ctx, db) };
}

/** Replaces the county's rules as a whole (county administrators at the root), audited. */
export async function replaceRules(ctx: Ctx, body: z.infer<typeof RulesBody> | null) {
  const county = ctx.actor?.countyCode ?? '';
  if (body) {
    const seen = new Set<string>();
    body.rules.forEach((r, i) => {
      if (seen.has(r.code)) throw new AppError(400, 'SUPERVISION_RULE_DUPLICATE', { code: r.code }, [{ path: `body.rules.${i}.code`, code: 'duplicate' }]);
      seen.add(r.code);
    });
  }
  await ctx.services.db.transaction(async (tx) => {
    if (!(await canEditRules(ctx, tx))) throw new AppError(403, 'SUPERVISION_RULES_COUNTY_ONLY');
    const before = await countyRules(tx, county);
    await tx.delete(supervisionRules).where(eq(supervisionRules.countyCode, county));
    if (body) {
      await tx.insert(supervisionRules).values(
        body.rules.map((r, i) => ({ countyCode: county, ...r, levels: [...r.levels], categories: [...r.categories], sort: i + 1, updatedBy: ctx.actor?.accountId ?? null })),
      );
    }
    await audit(ctx, tx, { action: body ? 'supervision.rules' : 'supervision.rules.reset', result: 'success', objectType: 'supervision_rules', objectId: county, detail: { before, after: body?.rules ?? DEFAULT_RULES } });
  });
  // The big screen's snapshot follows the new rules at once.
  await refreshSnapshot(ctx.services.db, county);
  return getRules(ctx);
}

