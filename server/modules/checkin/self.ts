import { and, desc, eq, gte, inArray, or } from 'drizzle-orm';
import { maskName } from '../../../common/mask.ts';
import type { Ctx } from '../../core/access/context.ts';
import { inSubtree } from '../../core/access/scope.ts';
import { AppError, notFound } from '../../core/errors/app-error.ts';
import { activities, activityInvites, activityLeaves } from '../activities/activities.tables.ts';
import { selfMember } from '../members/members.repo.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { cardRevocations, checkins } from './checkin.tables.ts';
import { issueMemberQr } from './credentials.ts';

/** The member's signed QR for kiosks (refused while their card is revoked). */
export async function myCardQr(ctx: Ctx) {
  const me = await selfMember(ctx);
  if (!me) throw notFound();
  if (me.m.cardNo) {
    const [r] = await ctx.services.db
      .select({ c: cardRevocations.cardNo })
      .from(cardRevocations)
      .where(and(eq(cardRevocations.countyCode, me.m.countyCode), eq(cardRevocations.cardNo, me.m.cardNo)));
    if (r) throw new AppError(403, 'CHECKIN_CARD_REVOKED');
  }
  return issueMemberQr(ctx.services, { c: me.m.countyCode, m: me.m.id, k: me.m.cardNo, n: maskName(me.m.name) });
}

const ancestorsOf = (path: string) => {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
};

/**
 * The member's activities: those of their own organization and its ancestors, those they are
 * invited to, and any they checked in at elsewhere, from 30 days ago on, with their check-in
 * and leave.
 */
export async function myActivities(ctx: Ctx) {
  const me = await selfMember(ctx);
  if (!me) throw notFound();
  const db = ctx.services.db;
  const county = me.m.countyCode;
  const since = new Date(Date.now() - 30 * 86_400_000);
  const mine = await db.select({ id: checkins.activityId }).from(checkins).where(and(eq(checkins.countyCode, county), eq(checkins.memberId, me.m.id), gte(checkins.serverTime, since)));
  const invited = await db
    .select({ id: activityInvites.activityId })
    .from(activityInvites)
    .where(and(eq(activityInvites.countyCode, county), eq(activityInvites.kind, 'member'), eq(activityInvites.targetId, me.m.id)));
  const ids = [...new Set([...mine, ...invited].map((r) => r.id))];
  const rows = await db
    .select({ a: activities, orgName: organizations.name })
    .from(activities)
    .innerJoin(organizations, and(eq(organizations.countyCode, activities.countyCode), eq(organizations.id, activities.orgId)))
    .where(
      and(
        eq(activities.countyCode, county),
        gte(activities.endsAt, since),
        or(inArray(organizations.path, ancestorsOf(me.orgPath)), ids.length ? inArray(activities.id, ids) : undefined, inSubtree(organizations.path, [me.orgPath])),
      ),
    )
    .orderBy(desc(activities.startsAt))
    .limit(100);
  const aids = rows.map((r) => r.a.id);
  const [cs, ls] = aids.length
    ? await Promise.all([
        db.select({ a: checkins.activityId, channel: checkins.channel }).from(checkins).where(and(eq(checkins.countyCode, county), eq(checkins.memberId, me.m.id), inArray(checkins.activityId, aids))),
        db.select({ a: activityLeaves.activityId, state: activityLeaves.state }).from(activityLeaves).where(and(eq(activityLeaves.countyCode, county), eq(activityLeaves.memberId, me.m.id), inArray(activityLeaves.activityId, aids))),
      ])
    : [[], []];
  const now = new Date();
  return {
    items: rows.map((r) => {
      const c = cs.find((x) => x.a === r.a.id);
      return {
        id: r.a.id,
        title: r.a.title,
        type: r.a.type,
        orgName: r.orgName,
        startsAt: r.a.startsAt.toISOString(),
        endsAt: r.a.endsAt.toISOString(),
        place: r.a.place,
        remoteAllowed: r.a.remoteAllowed,
        checkinOpen: r.a.state === 'planned' && r.a.checkinFrom <= now && now <= r.a.checkinUntil,
        checkedIn: !!c,
        channel: c?.channel ?? null,
        leave: ls.find((x) => x.a === r.a.id)?.state ?? null,
      };
    }),
  };
}
