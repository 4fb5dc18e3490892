import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gte, isNull } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { todayIn } from '../../../common/calendar.ts';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { notFound } from '../../core/errors/app-error.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Services } from '../../core/services.ts';
import { activities } from '../activities/activities.tables.ts';
import { orgsRepo } from '../orgs/orgs.repo.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { type IcalEvent, renderCalendar } from './ical-format.ts';
import { PLAN_TEXTS, planLabel } from './plans-labels.ts';
import { plansRepo } from './plans.repo.ts';
import { activityPlans, icalFeeds, planItems } from './plans.tables.ts';

/** The stored form of a feed token (the token itself is never stored). */
export const feedTokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** A new feed token: 32 random bytes, URL-safe. */
const newToken = () => `hyc_${randomBytes(32).toString('base64url')}`;
const TOKEN_FILE = /^(hyc_[A-Za-z0-9_-]{43})\.ics$/;

/** The path of a feed. */
export const feedPath = (token: string) => `/api/ical/${token}.ics`;

const feedDto = (f: typeof icalFeeds.$inferSelect) => ({ id: f.id, orgId: f.orgId, createdAt: f.createdAt.toISOString(), createdByName: f.createdByName });

/** The live feed of an organization in read scope, if any. */
export async function feedStatus(ctx: Ctx, orgId: string) {
  const org = await orgsRepo(ctx, 'activity.read').byId(orgId);
  if (!org) throw notFound();
  const [f] = await ctx.services.db
    .select()
    .from(icalFeeds)
    .where(and(eq(icalFeeds.countyCode, org.countyCode), eq(icalFeeds.orgId, org.id), isNull(icalFeeds.revokedAt)));
  return { feed: f ? feedDto(f) : null };
}

/**
 * Creates the organization's feed and returns its token this once; a live feed of the organization
 * is revoked (one feed per organization: creating again rotates the token).
 */
export async function createFeed(ctx: Ctx, orgId: string) {
  const token = newToken();
  const row = await ctx.services.db.transaction(async (tx) => {
    const org = await orgsRepo(ctx, 'activity.write', tx).byId(orgId);
    if (!org) throw notFound();
    const revoked = await tx
      .update(icalFeeds)
      .set({ revokedAt: new Date(), revokedBy: ctx.actor?.accountId ?? null })
      .where(and(eq(icalFeeds.countyCode, org.countyCode), eq(icalFeeds.orgId, org.id), isNull(icalFeeds.revokedAt)))
      .returning({ id: icalFeeds.id });
    const [f] = await tx
      .insert(icalFeeds)
      .values({ countyCode: org.countyCode, id: uuidv7(), orgId: org.id, tokenHash: feedTokenHash(token), createdBy: ctx.actor?.accountId ?? null, createdByName: ctx.actor?.displayName ?? null })
      .returning();
    await audit(ctx, tx, { action: 'plan.feed.create', result: 'success', objectType: 'ical_feed', objectId: f.id, orgId: org.id, detail: { revoked: revoked.map((r) => r.id) } });
    return f;
  });
  return { feed: feedDto(row), token, path: feedPath(token) };
}

/** Revokes a feed in write scope; revoking it again changes nothing. */
export async function revokeFeed(ctx: Ctx, id: string) {
  await ctx.services.db.transaction(async (tx) => {
    const f = await plansRepo(ctx, 'activity.write', tx).feedById(id, true);
    if (!f) throw notFound();
    if (f.revokedAt) return;
    await tx.update(icalFeeds).set({ revokedAt: new Date(), revokedBy: ctx.actor?.accountId ?? null }).where(and(eq(icalFeeds.countyCode, f.countyCode), eq(icalFeeds.id, f.id)));
    await audit(ctx, tx, { action: 'plan.feed.revoke', result: 'success', objectType: 'ical_feed', objectId: f.id, orgId: f.orgId });
  });
}

/** Most events one feed carries. */
const MAX_EVENTS = 2000;

/**
 * The events of an organization from the start of last year on: its activities (a cancelled one
 * as CANCELLED, so subscribers drop it) and the plan items without a live activity, as all-day
 * events. Public fields only: title, type, time, place; no people, no notes, no agenda.
 */
async function feedEvents(services: Services, org: typeof organizations.$inferSelect, lang: Ctx['lang']): Promise<IcalEvent[]> {
  const db = services.db;
  const since = Number(todayIn().slice(0, 4)) - 1;
  const acts = await db
    .select({ id: activities.id, type: activities.type, title: activities.title, startsAt: activities.startsAt, endsAt: activities.endsAt, place: activities.place, state: activities.state, updatedAt: activities.updatedAt })
    .from(activities)
    .where(and(eq(activities.countyCode, org.countyCode), eq(activities.orgId, org.id), gte(activities.startsAt, new Date(`${since}-01-01T00:00:00+08:00`))))
    .orderBy(asc(activities.startsAt))
    .limit(MAX_EVENTS);
  const live = new Map(acts.filter((a) => a.state !== 'cancelled').map((a) => [a.id, a]));
  const items = await db
    .select({ id: planItems.id, type: planItems.type, title: planItems.title, plannedOn: planItems.plannedOn, activityId: planItems.activityId, updatedAt: planItems.updatedAt })
    .from(planItems)
    .innerJoin(activityPlans, and(eq(activityPlans.countyCode, planItems.countyCode), eq(activityPlans.id, planItems.planId)))
    .where(and(eq(planItems.countyCode, org.countyCode), eq(planItems.orgId, org.id), gte(activityPlans.year, since)))
    .orderBy(asc(planItems.plannedOn))
    .limit(MAX_EVENTS);
  const events: IcalEvent[] = acts.map((a) => ({
    uid: `activity-${a.id}@hongyun`, summary: a.title, categories: planLabel('type', a.type, lang), location: a.place,
    start: a.startsAt, end: a.endsAt, status: a.state === 'cancelled' ? 'CANCELLED' : 'CONFIRMED', modified: a.updatedAt,
  }));
  for (const i of items) {
    if (i.activityId && live.has(i.activityId)) continue;
    events.push({ uid: `plan-item-${i.id}@hongyun`, summary: i.title, categories: planLabel('type', i.type, lang), day: i.plannedOn, status: 'TENTATIVE', modified: i.updatedAt });
  }
  return events.slice(0, MAX_EVENTS);
}

/**
 * GET /api/ical/<token>.ics: the token is the credential. An unknown, malformed or revoked token, or
 * a dissolved organization, answers 404 like any missing resource.
 */
export async function serveFeed(ctx: Ctx, reply: FastifyReply, file: string) {
  const m = TOKEN_FILE.exec(file);
  if (!m) throw notFound();
  const db = ctx.services.db;
  const [hit] = await db
    .select({ org: organizations })
    .from(icalFeeds)
    .innerJoin(organizations, and(eq(organizations.countyCode, icalFeeds.countyCode), eq(organizations.id, icalFeeds.orgId)))
    .where(and(eq(icalFeeds.tokenHash, feedTokenHash(m[1])), isNull(icalFeeds.revokedAt)));
  if (hit?.org.status !== 'active') throw notFound();
  const body = renderCalendar({
    name: `${hit.org.name} ${PLAN_TEXTS[ctx.lang].calendar}`,
    prodId: '-//Hongyun//Plans//ZH',
    events: await feedEvents(ctx.services, hit.org, ctx.lang),
  });
  return reply.type('text/calendar; charset=utf-8').header('content-disposition', 'inline; filename="hongyun.ics"').send(body);
}
