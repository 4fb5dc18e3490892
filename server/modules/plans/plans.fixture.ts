// Test fixture: plans, items, activities and feeds at every target organization of the
// authorization matrix, and helpers for this module's tests. Not used by the application.
import { randomBytes } from 'node:crypto';
import { uuidv7 } from '../../core/ids.ts';
import type { Services } from '../../core/services.ts';
import type { Fixture, Target } from '../../test/fixture.ts';
import { TARGETS } from '../../test/matrix.ts';
import { activities } from '../activities/activities.tables.ts';
import { feedTokenHash } from './feeds.ts';
import { activityPlans, icalFeeds, planItems } from './plans.tables.ts';

type Org = { countyCode: string; id: string };

/** Inserts an activity directly (tests only); returns its id. */
export async function seedActivity(services: Services, org: Org, v: { type?: string; title?: string; startsAt?: Date; hours?: number; place?: string | null; state?: 'planned' | 'cancelled' } = {}) {
  const id = uuidv7();
  const startsAt = v.startsAt ?? new Date('2026-03-15T01:00:00Z');
  const endsAt = new Date(startsAt.getTime() + (v.hours ?? 2) * 3_600_000);
  await services.db.insert(activities).values({
    countyCode: org.countyCode, id, orgId: org.id, type: v.type ?? 'theme_day', title: v.title ?? '测试活动', startsAt, endsAt,
    checkinFrom: new Date(startsAt.getTime() - 30 * 60_000), checkinUntil: endsAt, place: v.place ?? null, state: v.state ?? 'planned',
  });
  return id;
}

/** Inserts a plan directly (tests only); returns its id. */
export async function seedPlan(services: Services, org: Org, year: number) {
  const id = uuidv7();
  await services.db.insert(activityPlans).values({ countyCode: org.countyCode, id, orgId: org.id, year });
  return id;
}

/** Inserts a plan item directly (tests only); returns its id. */
export async function seedItem(services: Services, org: Org, planId: string, v: { type?: string; plannedOn: string; title?: string; activityId?: string | null; note?: string }) {
  const id = uuidv7();
  await services.db.insert(planItems).values({
    countyCode: org.countyCode, id, planId, orgId: org.id, type: v.type ?? 'theme_day', plannedOn: v.plannedOn, title: v.title ?? '测试事项', activityId: v.activityId ?? null, note: v.note ?? null,
  });
  return id;
}

/** Inserts a feed directly (tests only); returns its id and token. */
export async function seedFeed(services: Services, org: Org, revoked = false) {
  const token = `hyc_${randomBytes(32).toString('base64url')}`;
  const id = uuidv7();
  await services.db.insert(icalFeeds).values({ countyCode: org.countyCode, id, orgId: org.id, tokenHash: feedTokenHash(token), revokedAt: revoked ? new Date() : null });
  return { id, token };
}

/** What the plan rows of the matrix need besides the fixture. */
export type PlansMatrixData = {
  /** An item without an activity (edited with its own values: no change). */
  targetPlanItem: Record<Target, string>;
  /** An item linked to an activity (deleting it or creating another activity is refused). */
  targetLinkedItem: Record<Target, string>;
  /** A revoked feed (revoking it again changes nothing). */
  targetRevokedFeed: Record<Target, string>;
  /** The token of a live feed of an organization no matrix row writes to. */
  publicFeedToken: string;
};

/** The title of the unlinked matrix items (the PATCH row sends it unchanged). */
export const MATRIX_ITEM_TITLE = '矩阵计划事项';

/**
 * At every target organization: a 2026 plan with an unlinked item and an item linked to an
 * activity, and a revoked feed; a live feed at B2 (not a target) for the public feed row. The
 * matrix only asks for no-op or refused changes there, so no call changes what the next caller sees.
 */
export async function seedPlansMatrix(services: Services, f: Fixture): Promise<PlansMatrixData> {
  const targetPlanItem = {} as Record<Target, string>;
  const targetLinkedItem = {} as Record<Target, string>;
  const targetRevokedFeed = {} as Record<Target, string>;
  for (const t of TARGETS) {
    const org = f.orgOf[t];
    const planId = await seedPlan(services, org, 2026);
    targetPlanItem[t] = await seedItem(services, org, planId, { plannedOn: '2026-04-15', title: MATRIX_ITEM_TITLE });
    const activityId = await seedActivity(services, org, { startsAt: new Date('2026-03-15T01:00:00Z') });
    targetLinkedItem[t] = await seedItem(services, org, planId, { plannedOn: '2026-03-15', activityId });
    targetRevokedFeed[t] = (await seedFeed(services, org, true)).id;
  }
  const publicFeedToken = (await seedFeed(services, f.b2)).token;
  return { targetPlanItem, targetLinkedItem, targetRevokedFeed, publicFeedToken };
}
