import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { ACTIVE_STANDINGS } from '../../../common/member.ts';
import type { MemberCounts } from '../../../common/org-rules.ts';
import { inSubtree } from '../../core/access/scope.ts';
import type { Tx } from '../../core/services.ts';
import { activities } from '../activities/activities.tables.ts';
import { members } from '../members/members.tables.ts';
import { orgCommittee, organizations } from './orgs.tables.ts';

// Member and committee figures of organizations, always as grouped queries over a set of
// organizations (never one query per organization): the tree and the warnings list stay fast with
// thousands of nodes.

const activeStanding = inArray(members.standing, [...ACTIVE_STANDINGS]);
const countsCols = {
  full: sql<number>`count(*) filter (where ${members.status} = 'full')::int`,
  probationary: sql<number>`count(*) filter (where ${members.status} = 'probationary')::int`,
  total: sql<number>`count(*)::int`,
};
/** Counts of an organization without members. */
export const NO_MEMBERS: MemberCounts = { full: 0, probationary: 0, total: 0 };

/** Committee figures: active positions and whether one is the secretary. */
export type CommitteeStats = { size: number; hasSecretary: boolean };

/** Direct members with an active standing of each organization, by status. */
export async function directCounts(tx: Tx, county: string, orgIds: string[]): Promise<Map<string, MemberCounts>> {
  const out = new Map<string, MemberCounts>();
  if (orgIds.length === 0) return out;
  const rows = await tx
    .select({ orgId: members.orgId, ...countsCols })
    .from(members)
    .where(and(eq(members.countyCode, county), inArray(members.orgId, orgIds), activeStanding))
    .groupBy(members.orgId);
  for (const r of rows) out.set(r.orgId, { full: r.full, probationary: r.probationary, total: r.total });
  return out;
}

/** Active committee positions of each organization. */
export async function committeeStats(tx: Tx, county: string, orgIds: string[]): Promise<Map<string, CommitteeStats>> {
  const out = new Map<string, CommitteeStats>();
  if (orgIds.length === 0) return out;
  const rows = await tx
    .select({ orgId: orgCommittee.orgId, size: sql<number>`count(*)::int`, hasSecretary: sql<boolean>`bool_or(${orgCommittee.position} = 'secretary')` })
    .from(orgCommittee)
    .where(and(eq(orgCommittee.countyCode, county), inArray(orgCommittee.orgId, orgIds), isNull(orgCommittee.termEnd)))
    .groupBy(orgCommittee.orgId);
  for (const r of rows) out.set(r.orgId, { size: r.size, hasSecretary: !!r.hasSecretary });
  return out;
}

/**
 * Members with an active standing in the subtree of each child of one parent: a single range scan
 * of the parent's subtree, grouped by the path segment of the child.
 */
export async function childSubtreeCounts(tx: Tx, parent: { countyCode: string; path: string; depth: number }): Promise<Map<string, number>> {
  // The segment number is written inline (an integer we computed): as a bind parameter the SELECT
  // and GROUP BY expressions would differ and PostgreSQL would refuse the grouping.
  const child = sql<string>`split_part(${organizations.path}, '/', ${sql.raw(String(Math.trunc(parent.depth) + 3))})`;
  const rows = await tx
    .select({ id: child, n: sql<number>`count(*)::int` })
    .from(members)
    .innerJoin(organizations, and(eq(organizations.countyCode, members.countyCode), eq(organizations.id, members.orgId)))
    .where(and(eq(members.countyCode, parent.countyCode), activeStanding, inSubtree(organizations.path, [parent.path]), ne(organizations.path, parent.path)))
    .groupBy(child);
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** Members with an active standing in the subtree of each of a few organizations (roots, search hits). */
export async function subtreeCounts(tx: Tx, county: string, orgIds: string[]): Promise<Map<string, number>> {
  if (orgIds.length === 0) return new Map();
  const r = alias(organizations, 'r');
  const rows = await tx
    .select({ id: r.id, n: sql<number>`count(*)::int` })
    .from(r)
    .innerJoin(organizations, and(eq(organizations.countyCode, r.countyCode), sql`${organizations.path} like ${r.path} || '%'`))
    .innerJoin(members, and(eq(members.countyCode, organizations.countyCode), eq(members.orgId, organizations.id)))
    .where(and(eq(r.countyCode, county), inArray(r.id, orgIds), activeStanding))
    .groupBy(r.id);
  return new Map(rows.map((x) => [x.id, x.n]));
}

/** An active organization in scope with its direct counts and committee figures. */
export type ScopeStatsRow = {
  org: typeof organizations.$inferSelect;
  counts: MemberCounts;
  committee: CommitteeStats;
};

/**
 * Every active organization under the given paths with its direct member counts and committee
 * figures: one query grouping the members by organization (an index lookup per organization, a
 * plan that stays good without table statistics, as on PGlite) and one grouping the committees.
 */
export async function scopeStats(tx: Tx, county: string, paths: string[]): Promise<ScopeStatsRow[]> {
  const memberJoin = and(eq(members.countyCode, organizations.countyCode), eq(members.orgId, organizations.id), activeStanding);
  const inScope = and(eq(organizations.countyCode, county), eq(organizations.status, 'active'), inSubtree(organizations.path, paths));
  const rows = await tx
    .select({
      org: organizations,
      full: sql<number>`count(${members.id}) filter (where ${members.status} = 'full')::int`,
      probationary: sql<number>`count(${members.id}) filter (where ${members.status} = 'probationary')::int`,
      total: sql<number>`count(${members.id})::int`,
    })
    .from(organizations)
    .leftJoin(members, memberJoin)
    .where(inScope)
    .groupBy(organizations.countyCode, organizations.id);
  const committees = await tx
    .select({ orgId: orgCommittee.orgId, size: sql<number>`count(*)::int`, hasSecretary: sql<boolean>`bool_or(${orgCommittee.position} = 'secretary')` })
    .from(orgCommittee)
    .innerJoin(organizations, and(eq(organizations.countyCode, orgCommittee.countyCode), eq(organizations.id, orgCommittee.orgId)))
    .where(and(inScope, isNull(orgCommittee.termEnd)))
    .groupBy(orgCommittee.orgId);
  const cc = new Map(committees.map((c) => [c.orgId, { size: c.size, hasSecretary: !!c.hasSecretary }]));
  return rows.map((r) => ({ org: r.org, counts: { full: r.full, probationary: r.probationary, total: r.total }, committee: cc.get(r.org.id) ?? { size: 0, hasSecretary: false } }));
}

/**
 * The start date (Asia/Shanghai) of the last activity held by each organization: started by now and
 * not cancelled. One grouped query over a set of organizations (given by id or by scope paths).
 */
export async function lastHeldOn(tx: Tx, county: string, where: { orgIds: string[] } | { paths: string[] }): Promise<Map<string, string>> {
  if ('orgIds' in where && where.orgIds.length === 0) return new Map();
  const day = sql<string>`to_char(max(${activities.startsAt}) at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
  const held = and(eq(activities.countyCode, county), ne(activities.state, 'cancelled'), sql`${activities.startsAt} <= now()`);
  const rows =
    'orgIds' in where
      ? await tx.select({ orgId: activities.orgId, day }).from(activities).where(and(held, inArray(activities.orgId, where.orgIds))).groupBy(activities.orgId)
      : await tx
          .select({ orgId: activities.orgId, day })
          .from(activities)
          .innerJoin(organizations, and(eq(organizations.countyCode, activities.countyCode), eq(organizations.id, activities.orgId)))
          .where(and(held, eq(organizations.status, 'active'), inSubtree(organizations.path, where.paths)))
          .groupBy(activities.orgId);
  return new Map(rows.map((r) => [r.orgId, r.day]));
}

/** Subtree totals computed from direct totals: each organization's total is added to its ancestors. */
export function subtreeTotals(rows: { id: string; path: string; total: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    for (const id of r.path.split('/').filter(Boolean)) out.set(id, (out.get(id) ?? 0) + r.total);
  }
  return out;
}
