import { and, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import type { Ctx } from '../../core/access/context.ts';
import { inSubtree } from '../../core/access/scope.ts';
import type { Tx } from '../../core/services.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { activities } from './activities.tables.ts';

/** An activity row with its organization. */
export type ActivityJoined = { a: typeof activities.$inferSelect; orgName: string; orgPath: string; orgCategory: string | null; orgLevel: string };

export const activityOrgJoin = and(eq(organizations.countyCode, activities.countyCode), eq(organizations.id, activities.orgId));
export const activityCols = { a: activities, orgName: organizations.name, orgPath: organizations.path, orgCategory: organizations.category, orgLevel: organizations.level };

/**
 * Activities whose organization lies in the caller's scope for a permission: an id outside scope
 * behaves exactly like a missing one (SECURITY.md 2).
 */
export function activitiesRepo(ctx: Ctx, perm: string, tx: Tx = ctx.services.db) {
  const county = ctx.actor?.countyCode ?? '';
  const scoped = and(eq(activities.countyCode, county), inSubtree(organizations.path, ctx.scope(perm)));
  return {
    scoped,
    /** One activity in scope, or null; `lock` takes a row lock for a change in `tx`. */
    async byId(id: string, lock = false): Promise<ActivityJoined | null> {
      const q = tx.select(activityCols).from(activities).innerJoin(organizations, activityOrgJoin).where(and(scoped, eq(activities.id, id)));
      const [r] = lock ? await q.for('update', { of: activities }) : await q;
      return (r as ActivityJoined | undefined) ?? null;
    },
  };
}

/** One activity of the county regardless of scope (check-in paths that authorize by other means). */
export async function systemActivityById(tx: Tx, countyCode: string, id: string): Promise<ActivityJoined | null> {
  const [r] = await tx.select(activityCols).from(activities).innerJoin(organizations, activityOrgJoin).where(and(eq(activities.countyCode, countyCode), eq(activities.id, id)));
  return (r as ActivityJoined | undefined) ?? null;
}


/** Several activities of the county regardless of scope, by id (the check-in engine's batched lookups). */
export async function systemActivitiesByIds(tx: Tx, countyCode: string, ids: string[]): Promise<ActivityJoined[]> {
  if (ids.length === 0) return [];
  return (await tx.select(activityCols).from(activities).innerJoin(organizations, activityOrgJoin).where(and(eq(activities.countyCode, countyCode), inArray(activities.id, ids)))) as ActivityJoined[];
}

/**
 * The county's activities whose check-in window is open at `at` or opens before `until`, not
 * cancelled (the check-in engine keeps them warm). Read through the start-time index: activities
 * last at most 7 days, so the range starts 8 days back.
 */
export async function systemActivitiesOpen(tx: Tx, countyCode: string, at: Date, until: Date): Promise<ActivityJoined[]> {
  return (await tx
    .select(activityCols)
    .from(activities)
    .innerJoin(organizations, activityOrgJoin)
    .where(
      and(
        eq(activities.countyCode, countyCode),
        gte(activities.startsAt, new Date(at.getTime() - 8 * 86_400_000)),
        lte(activities.startsAt, new Date(until.getTime() + 86_400_000)),
        lte(activities.checkinFrom, until),
        gte(activities.checkinUntil, at),
        ne(activities.state, 'cancelled'),
      ),
    )) as ActivityJoined[];
}
