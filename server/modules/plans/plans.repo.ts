import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../core/access/context.ts';
import { inSubtree } from '../../core/access/scope.ts';
import type { Tx } from '../../core/services.ts';
import { activities } from '../activities/activities.tables.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { activityPlans, icalFeeds, planItems } from './plans.tables.ts';

/** A plan item with its organization, its plan's year and its activity's state. */
export type ItemJoined = {
  i: typeof planItems.$inferSelect;
  orgName: string;
  orgStatus: string;
  year: number;
  activityState: 'planned' | 'cancelled' | null;
  activityStartsAt: Date | null;
};

export const itemOrgJoin = and(eq(organizations.countyCode, planItems.countyCode), eq(organizations.id, planItems.orgId));
export const itemPlanJoin = and(eq(activityPlans.countyCode, planItems.countyCode), eq(activityPlans.id, planItems.planId));
export const itemActivityJoin = and(eq(activities.countyCode, planItems.countyCode), eq(activities.id, planItems.activityId));
export const itemCols = {
  i: planItems,
  orgName: organizations.name,
  orgStatus: organizations.status,
  year: activityPlans.year,
  activityState: activities.state,
  activityStartsAt: activities.startsAt,
};

/**
 * Plan items and feeds whose organization lies in the caller's scope for a permission: an id
 * outside scope behaves exactly like a missing one (SECURITY.md 2).
 */
export function plansRepo(ctx: Ctx, perm: string, tx: Tx = ctx.services.db) {
  const county = ctx.actor?.countyCode ?? '';
  const paths = ctx.scope(perm);
  return {
    /** One item in scope; `lock` takes a row lock on the item for a change in `tx`. */
    async itemById(id: string, lock = false): Promise<ItemJoined | null> {
      const q = tx
        .select(itemCols)
        .from(planItems)
        .innerJoin(organizations, itemOrgJoin)
        .innerJoin(activityPlans, itemPlanJoin)
        .leftJoin(activities, itemActivityJoin)
        .where(and(eq(planItems.countyCode, county), eq(planItems.id, id), inSubtree(organizations.path, paths)));
      const [r] = lock ? await q.for('update', { of: planItems }) : await q;
      return (r as ItemJoined | undefined) ?? null;
    },
    /** One feed in scope, with its organization. */
    async feedById(id: string, lock = false) {
      const q = tx
        .select({ f: icalFeeds })
        .from(icalFeeds)
        .innerJoin(organizations, and(eq(organizations.countyCode, icalFeeds.countyCode), eq(organizations.id, icalFeeds.orgId)))
        .where(and(eq(icalFeeds.countyCode, county), eq(icalFeeds.id, id), inSubtree(organizations.path, paths)));
      const [r] = lock ? await q.for('update', { of: icalFeeds }) : await q;
      return r?.f ?? null;
    },
  };
}

/** The items of a plan with their activities, in date order (the organization already checked to be in scope). */
export function itemsOfPlan(tx: Tx, countyCode: string, planId: string) {
  return tx
    .select(itemCols)
    .from(planItems)
    .innerJoin(organizations, itemOrgJoin)
    .innerJoin(activityPlans, itemPlanJoin)
    .leftJoin(activities, itemActivityJoin)
    .where(and(eq(planItems.countyCode, countyCode), eq(planItems.planId, planId)))
    .orderBy(asc(planItems.plannedOn), asc(planItems.type), asc(planItems.id)) as Promise<ItemJoined[]>;
}
