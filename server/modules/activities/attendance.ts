import { and, eq, gte, inArray, isNull, lt, lte, ne, or } from 'drizzle-orm';
import type { z } from 'zod';
import { type ActivityType, classifyAttendance, obligationPeriod } from '../../../common/attendance.ts';
import { ACTIVE_STANDINGS } from '../../../common/member.ts';
import { todayIn } from '../../../common/calendar.ts';
import type { Ctx } from '../../core/access/context.ts';
import { inSubtree } from '../../core/access/scope.ts';
import { notFound } from '../../core/errors/app-error.ts';
import type { Tx } from '../../core/services.ts';
import { checkins } from '../checkin/checkin.tables.ts';
import { members } from '../members/members.tables.ts';
import { orgCommittee, organizations } from '../orgs/orgs.tables.ts';
import { type ActivityJoined, activitiesRepo } from './activities.repo.ts';
import type { AttendanceDto } from './activities.schemas.ts';
import { activities, activityInvites, activityLeaves, activityTypes } from './activities.tables.ts';

/** A member expected at an activity. */
export type Obliged = { id: string; name: string; orgId: string; orgName: string; excluded: boolean };


/**
 * Who is obliged to attend (DOMAIN §3): the members of the host organization's subtree whose
 * standing lets them attend and who had joined by the day of the activity, plus invited members and
 * the members of invited organizations. A 支委会 obliges the committee in office that day, not the
 * whole branch. Types that do not count attendance (volunteering, other) oblige only the invited.
 */
export async function obligedMembers(tx: Tx, r: ActivityJoined): Promise<Obliged[]> {
  const a = r.a;
  const [t] = await tx.select({ counts: activityTypes.countsAttendance }).from(activityTypes).where(eq(activityTypes.code, a.type));
  const invites = await tx.select().from(activityInvites).where(and(eq(activityInvites.countyCode, a.countyCode), eq(activityInvites.activityId, a.id)));
  const invitedOrgIds = invites.filter((i) => i.kind === 'org').map((i) => i.targetId);
  const invitedMemberIds = invites.filter((i) => i.kind === 'member').map((i) => i.targetId);
  const invitedPaths = invitedOrgIds.length
    ? (await tx.select({ path: organizations.path }).from(organizations).where(and(eq(organizations.countyCode, a.countyCode), inArray(organizations.id, invitedOrgIds)))).map((o) => o.path)
    : [];
  const day = todayIn(a.startsAt);
  const committee =
    t?.counts && a.type === 'committee'
      ? (
          await tx
            .select({ id: orgCommittee.memberId })
            .from(orgCommittee)
            .where(
              and(
                eq(orgCommittee.countyCode, a.countyCode),
                eq(orgCommittee.orgId, a.orgId),
                lte(orgCommittee.termStart, day),
                or(isNull(orgCommittee.termEnd), gte(orgCommittee.termEnd, day)),
              ),
            )
        ).map((c) => c.id)
      : [];
  const paths = [...(t?.counts && a.type !== 'committee' ? [r.orgPath] : []), ...invitedPaths];
  const ids = [...committee, ...invitedMemberIds];
  const who = or(paths.length ? inSubtree(organizations.path, paths) : undefined, ids.length ? inArray(members.id, ids) : undefined);
  if (!who) return [];
  const rows = await tx
    .select({ id: members.id, name: members.name, orgId: members.orgId, orgName: organizations.name, excluded: members.excludeAttendance })
    .from(members)
    .innerJoin(organizations, and(eq(organizations.countyCode, members.countyCode), eq(organizations.id, members.orgId)))
    .where(
      and(
        eq(members.countyCode, a.countyCode),
        inArray(members.standing, [...ACTIVE_STANDINGS]),
        or(isNull(members.joinedOn), lte(members.joinedOn, day)),
        who,
      ),
    )
    .orderBy(members.nameInitials, members.name, members.id);
  return rows;
}

/**
 * Of the given members, those who checked in as guests at another organization's activity of the
 * same type in the same obligation period (非隶属签到 satisfying their own obligation).
 */
export async function checkedInElsewhere(tx: Tx, a: { countyCode: string; id: string; type: string; startsAt: Date }, memberIds: string[]): Promise<Set<string>> {
  const period = obligationPeriod(a.type as ActivityType, a.startsAt);
  if (!period || memberIds.length === 0) return new Set();
  const rows = await tx
    .selectDistinct({ memberId: checkins.memberId })
    .from(checkins)
    .innerJoin(activities, and(eq(activities.countyCode, checkins.countyCode), eq(activities.id, checkins.activityId)))
    .where(
      and(
        eq(checkins.countyCode, a.countyCode),
        inArray(checkins.memberId, memberIds),
        eq(checkins.affiliated, false),
        ne(checkins.activityId, a.id),
        eq(activities.type, a.type),
        ne(activities.state, 'cancelled'),
        gte(activities.startsAt, period.from),
        lt(activities.startsAt, period.to),
      ),
    );
  return new Set(rows.map((r) => r.memberId));
}

/** The attendance of an activity in scope: counters per DOMAIN §3 and a row per obliged member or guest. */
export async function attendanceOf(ctx: Ctx, id: string): Promise<z.infer<typeof AttendanceDto>> {
  const r = await activitiesRepo(ctx, 'activity.read').byId(id);
  if (!r) throw notFound();
  return computeAttendance(ctx.services.db, r);
}

/** Attendance of an activity (no scope check: callers have done it). */
export async function computeAttendance(tx: Tx, r: ActivityJoined): Promise<z.infer<typeof AttendanceDto>> {
  const a = r.a;
  const obliged = await obligedMembers(tx, r);
  const here = await tx
    .select({
      memberId: checkins.memberId,
      channel: checkins.channel,
      at: checkins.serverTime,
      affiliated: checkins.affiliated,
      name: members.name,
      orgName: organizations.name,
    })
    .from(checkins)
    .innerJoin(members, and(eq(members.countyCode, checkins.countyCode), eq(members.id, checkins.memberId)))
    .innerJoin(organizations, and(eq(organizations.countyCode, checkins.countyCode), eq(organizations.id, checkins.homeOrgId)))
    .where(and(eq(checkins.countyCode, a.countyCode), eq(checkins.activityId, a.id)));
  const leaves = await tx
    .select({ id: activityLeaves.id, memberId: activityLeaves.memberId, state: activityLeaves.state })
    .from(activityLeaves)
    .where(and(eq(activityLeaves.countyCode, a.countyCode), eq(activityLeaves.activityId, a.id)));
  const hereIds = new Set(here.map((c) => c.memberId));
  const missing = obliged.filter((m) => !hereIds.has(m.id)).map((m) => m.id);
  const elsewhere = await checkedInElsewhere(tx, a, missing);
  const approved = new Set(leaves.filter((l) => l.state === 'approved').map((l) => l.memberId));
  const { statuses, counts } = classifyAttendance(obliged, hereIds, elsewhere, approved);
  const checkinOf = new Map(here.map((c) => [c.memberId, c]));
  const leaveOf = new Map(leaves.map((l) => [l.memberId, l.id]));
  const obligedIds = new Set(obliged.map((m) => m.id));
  const rows = [
    ...obliged.map((m) => ({ id: m.id, name: m.name, orgName: m.orgName })),
    ...here.filter((c) => !obligedIds.has(c.memberId)).map((c) => ({ id: c.memberId, name: c.name, orgName: c.orgName })),
  ].map((m) => {
    const c = checkinOf.get(m.id);
    return {
      memberId: m.id,
      name: m.name,
      orgName: m.orgName,
      affiliated: c ? c.affiliated : true,
      status: statuses.get(m.id) ?? 'absent',
      channel: c?.channel ?? null,
      at: c?.at.toISOString() ?? null,
      leaveId: leaveOf.get(m.id) ?? null,
    };
  });
  return {
    ...counts,
    remote: a.remoteCount,
    manual: a.manualCount,
    rows,
  };
}
