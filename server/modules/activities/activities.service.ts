import { type SQL, and, asc, count, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { z } from 'zod';
import type { ActivityType } from '../../../common/attendance.ts';
import type { Ctx } from '../../core/access/context.ts';
import { inSubtree } from '../../core/access/scope.ts';
import { audit } from '../../core/audit/audit.ts';
import { AppError, badRequest, conflict, notFound } from '../../core/errors/app-error.ts';
import { limitOffset } from '../../core/http/pagination.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Tx } from '../../core/services.ts';
import { members } from '../members/members.tables.ts';
import { orgsRepo } from '../orgs/orgs.repo.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { type ActivityJoined, activitiesRepo, activityCols, activityOrgJoin } from './activities.repo.ts';
import type { ActivityDto, ActivityFilterQuery, ActivityItemDto, ActivityListQuery, CreateActivityBody, UpdateActivityBody } from './activities.schemas.ts';
import { activities, activityInvites, activityTypes } from './activities.tables.ts';

type Body = z.infer<typeof CreateActivityBody>;
type Patch = z.infer<typeof UpdateActivityBody>;

/** Check-in opens this long before the start unless set. */
export const DEFAULT_CHECKIN_LEAD_MS = 30 * 60_000;
const MAX_DURATION_MS = 7 * 86_400_000;

/** The activity types, in their order. */
export async function listActivityTypes(ctx: Ctx) {
  const rows = await ctx.services.db.select().from(activityTypes).orderBy(asc(activityTypes.sort));
  return { items: rows.map(({ sort: _, ...t }) => ({ ...t, code: t.code as ActivityType })) };
}

const shanghaiStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
const nextDay = (day: string) => new Date(shanghaiStart(day).getTime() + 86_400_000);

/** Filters of the activity list and export (the organization already checked to be in scope). */
async function filterOf(ctx: Ctx, q: z.infer<typeof ActivityFilterQuery>): Promise<SQL | undefined> {
  let org: SQL | undefined;
  if (q.orgId) {
    const o = await orgsRepo(ctx, 'activity.read').byId(q.orgId);
    if (!o) throw notFound();
    org = q.includeSubtree === 'false' ? eq(activities.orgId, o.id) : inSubtree(organizations.path, [o.path]);
  }
  return and(
    org,
    q.type ? eq(activities.type, q.type) : undefined,
    q.state ? eq(activities.state, q.state) : undefined,
    q.from ? gte(activities.startsAt, shanghaiStart(q.from)) : undefined,
    q.to ? lt(activities.startsAt, nextDay(q.to)) : undefined,
  );
}

export function itemDto(r: ActivityJoined): z.infer<typeof ActivityItemDto> {
  const a = r.a;
  return {
    id: a.id,
    orgId: a.orgId,
    orgName: r.orgName,
    type: a.type as ActivityType,
    title: a.title,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    place: a.place,
    state: a.state,
    locked: a.lockedAt !== null,
    presentCount: a.presentCount,
    guestCount: a.guestCount,
    remoteCount: a.remoteCount,
    manualCount: a.manualCount,
  };
}

/** The activities in scope, newest first (filters: organization subtree, type, dates, state). */
/** The activities matching the filters in the caller's scope, newest first: a count and pages of rows. */
async function matchingActivities(ctx: Ctx, q: z.infer<typeof ActivityFilterQuery>) {
  const where = and(activitiesRepo(ctx, 'activity.read').scoped, await filterOf(ctx, q));
  const db = ctx.services.db;
  return {
    count: async () => Number((await db.select({ n: count() }).from(activities).innerJoin(organizations, activityOrgJoin).where(where))[0].n),
    rows: async (limit: number, offset = 0) =>
      (await db.select(activityCols).from(activities).innerJoin(organizations, activityOrgJoin).where(where).orderBy(desc(activities.startsAt), desc(activities.id)).limit(limit).offset(offset)) as ActivityJoined[],
  };
}

export async function listActivities(ctx: Ctx, q: z.infer<typeof ActivityListQuery>) {
  const m = await matchingActivities(ctx, q);
  const { limit, offset } = limitOffset(q);
  const [rows, total] = await Promise.all([m.rows(limit, offset), m.count()]);
  return { items: rows.map(itemDto), total };
}

/** The rows of an export (same filters as the list), newest first. */
export const activitiesForExport = matchingActivities;

async function invitesOf(tx: Tx, countyCode: string, activityId: string) {
  const rows = await tx.select().from(activityInvites).where(and(eq(activityInvites.countyCode, countyCode), eq(activityInvites.activityId, activityId)));
  const memberIds = rows.filter((r) => r.kind === 'member').map((r) => r.targetId);
  const orgIds = rows.filter((r) => r.kind === 'org').map((r) => r.targetId);
  const [ms, os] = await Promise.all([
    memberIds.length ? tx.select({ id: members.id, name: members.name }).from(members).where(and(eq(members.countyCode, countyCode), inArray(members.id, memberIds))) : [],
    orgIds.length ? tx.select({ id: organizations.id, name: organizations.name }).from(organizations).where(and(eq(organizations.countyCode, countyCode), inArray(organizations.id, orgIds))) : [],
  ]);
  return [...ms.map((m) => ({ kind: 'member' as const, ...m })), ...os.map((o) => ({ kind: 'org' as const, ...o }))];
}

async function toDto(ctx: Ctx, r: ActivityJoined, tx: Tx = ctx.services.db): Promise<z.infer<typeof ActivityDto>> {
  const a = r.a;
  const [station] = a.stationOrgId
    ? await tx.select({ name: organizations.name }).from(organizations).where(and(eq(organizations.countyCode, a.countyCode), eq(organizations.id, a.stationOrgId)))
    : [];
  return {
    ...itemDto(r),
    agenda: a.agenda,
    checkinFrom: a.checkinFrom.toISOString(),
    checkinUntil: a.checkinUntil.toISOString(),
    stationOrgId: a.stationOrgId,
    stationName: station?.name ?? null,
    hostName: a.hostName,
    recorderName: a.recorderName,
    lecturer: a.lecturer,
    remoteAllowed: a.remoteAllowed,
    cancelReason: a.cancelReason,
    invites: await invitesOf(tx, a.countyCode, a.id),
    canEdit: a.state === 'planned' && a.lockedAt === null && ctx.inScope('activity.write', r.orgPath),
  };
}

/** One activity in scope. */
export async function getActivity(ctx: Ctx, id: string) {
  const r = await activitiesRepo(ctx, 'activity.read').byId(id);
  if (!r) throw notFound();
  return toDto(ctx, r);
}

type Times = { startsAt: Date; endsAt: Date; checkinFrom: Date; checkinUntil: Date };

function checkTimes(t: Times) {
  if (t.endsAt <= t.startsAt) throw badRequest('ACTIVITY_TIME_ORDER', [{ path: 'body.endsAt', code: 'ACTIVITY_TIME_ORDER' }]);
  if (t.endsAt.getTime() - t.startsAt.getTime() > MAX_DURATION_MS) throw badRequest('ACTIVITY_TOO_LONG', [{ path: 'body.endsAt', code: 'ACTIVITY_TOO_LONG' }]);
  if (t.checkinUntil <= t.checkinFrom) throw badRequest('ACTIVITY_WINDOW_ORDER', [{ path: 'body.checkinUntil', code: 'ACTIVITY_WINDOW_ORDER' }]);
}

async function checkStation(tx: Tx, countyCode: string, stationOrgId: string | null | undefined) {
  if (!stationOrgId) return;
  const [s] = await tx
    .select({ level: organizations.level, status: organizations.status })
    .from(organizations)
    .where(and(eq(organizations.countyCode, countyCode), eq(organizations.id, stationOrgId)));
  if (s?.level !== 'red_station' || s.status !== 'active') throw badRequest('ACTIVITY_STATION_INVALID', [{ path: 'body.stationOrgId', code: 'ACTIVITY_STATION_INVALID' }]);
}

/** Replaces the invitations; every invited member and organization must exist in the county. */
async function setInvites(tx: Tx, countyCode: string, activityId: string, memberIds: string[] | undefined, orgIds: string[] | undefined) {
  const ms = [...new Set(memberIds ?? [])];
  const os = [...new Set(orgIds ?? [])];
  const [foundM, foundO] = await Promise.all([
    ms.length ? tx.select({ id: members.id }).from(members).where(and(eq(members.countyCode, countyCode), inArray(members.id, ms))) : [],
    os.length ? tx.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.countyCode, countyCode), inArray(organizations.id, os))) : [],
  ]);
  if (foundM.length !== ms.length) throw badRequest('ACTIVITY_INVITE_INVALID', [{ path: 'body.inviteMemberIds', code: 'ACTIVITY_INVITE_INVALID' }]);
  if (foundO.length !== os.length) throw badRequest('ACTIVITY_INVITE_INVALID', [{ path: 'body.inviteOrgIds', code: 'ACTIVITY_INVITE_INVALID' }]);
  await tx.delete(activityInvites).where(and(eq(activityInvites.countyCode, countyCode), eq(activityInvites.activityId, activityId)));
  const rows = [
    ...ms.map((targetId) => ({ countyCode, activityId, kind: 'member' as const, targetId })),
    ...os.map((targetId) => ({ countyCode, activityId, kind: 'org' as const, targetId })),
  ];
  if (rows.length) await tx.insert(activityInvites).values(rows);
}

/** Plans an activity of an organization in the caller's write scope. */
export async function createActivity(ctx: Ctx, body: Body) {
  const org = await orgsRepo(ctx, 'activity.write').byId(body.orgId);
  if (org?.status !== 'active') throw notFound();
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  const times = {
    startsAt,
    endsAt,
    checkinFrom: body.checkinFrom ? new Date(body.checkinFrom) : new Date(startsAt.getTime() - DEFAULT_CHECKIN_LEAD_MS),
    checkinUntil: body.checkinUntil ? new Date(body.checkinUntil) : endsAt,
  };
  checkTimes(times);
  const id = uuidv7();
  const countyCode = org.countyCode;
  await ctx.services.db.transaction(async (tx) => {
    await checkStation(tx, countyCode, body.stationOrgId);
    await tx.insert(activities).values({
      countyCode,
      id,
      orgId: org.id,
      type: body.type,
      title: body.title,
      agenda: body.agenda ?? null,
      ...times,
      place: body.place ?? null,
      stationOrgId: body.stationOrgId ?? null,
      hostName: body.hostName ?? null,
      recorderName: body.recorderName ?? null,
      lecturer: body.lecturer ?? null,
      remoteAllowed: body.remoteAllowed ?? true,
      createdBy: ctx.actor?.accountId ?? null,
    });
    await setInvites(tx, countyCode, id, body.inviteMemberIds, body.inviteOrgIds);
    await audit(ctx, tx, { action: 'activity.create', result: 'success', objectType: 'activity', objectId: id, orgId: org.id, detail: { type: body.type, title: body.title, startsAt: body.startsAt } });
  });
  return getActivity(ctx, id);
}

/** Loads an activity for a change: in write scope, locked for update, not cancelled, record not submitted. */
async function forChange(ctx: Ctx, tx: Tx, id: string) {
  const r = await activitiesRepo(ctx, 'activity.write', tx).byId(id, true);
  if (!r) throw notFound();
  if (r.a.lockedAt) throw conflict('ACTIVITY_LOCKED');
  if (r.a.state === 'cancelled') throw conflict('ACTIVITY_CANCELLED');
  return r;
}

/** Changes an activity's fields (not its organization) until its record is submitted. */
export async function updateActivity(ctx: Ctx, id: string, patch: Patch) {
  await ctx.services.db.transaction(async (tx) => {
    const { a } = await forChange(ctx, tx, id);
    const times = {
      startsAt: patch.startsAt ? new Date(patch.startsAt) : a.startsAt,
      endsAt: patch.endsAt ? new Date(patch.endsAt) : a.endsAt,
      checkinFrom: patch.checkinFrom ? new Date(patch.checkinFrom) : a.checkinFrom,
      checkinUntil: patch.checkinUntil ? new Date(patch.checkinUntil) : a.checkinUntil,
    };
    // Moving the start without naming a window moves the default window with it.
    if (patch.startsAt && !patch.checkinFrom && a.checkinFrom.getTime() === a.startsAt.getTime() - DEFAULT_CHECKIN_LEAD_MS)
      times.checkinFrom = new Date(times.startsAt.getTime() - DEFAULT_CHECKIN_LEAD_MS);
    if (patch.endsAt && !patch.checkinUntil && a.checkinUntil.getTime() === a.endsAt.getTime()) times.checkinUntil = times.endsAt;
    checkTimes(times);
    if (patch.stationOrgId !== undefined) await checkStation(tx, a.countyCode, patch.stationOrgId);
    const { inviteMemberIds, inviteOrgIds, ...fields } = patch;
    const changes = Object.fromEntries(Object.entries({ ...fields, ...times }).filter(([k]) => k in patch || ['startsAt', 'endsAt', 'checkinFrom', 'checkinUntil'].includes(k)));
    await tx
      .update(activities)
      .set({ ...changes, updatedAt: new Date() })
      .where(and(eq(activities.countyCode, a.countyCode), eq(activities.id, id)));
    if (inviteMemberIds !== undefined || inviteOrgIds !== undefined) {
      const current = await invitesOf(tx, a.countyCode, id);
      await setInvites(
        tx,
        a.countyCode,
        id,
        inviteMemberIds ?? current.filter((i) => i.kind === 'member').map((i) => i.id),
        inviteOrgIds ?? current.filter((i) => i.kind === 'org').map((i) => i.id),
      );
    }
    await audit(ctx, tx, { action: 'activity.update', result: 'success', objectType: 'activity', objectId: id, orgId: a.orgId, detail: { fields: Object.keys(patch) } });
  });
  ctx.services.events.emit('activity.changed', ctx.actor?.countyCode ?? '', id);
  return getActivity(ctx, id);
}

/** Cancels a planned activity with a reason (its check-ins, if any, stay on record). */
export async function cancelActivity(ctx: Ctx, id: string, reason: string) {
  await ctx.services.db.transaction(async (tx) => {
    const { a } = await forChange(ctx, tx, id);
    await tx
      .update(activities)
      .set({ state: 'cancelled', cancelReason: reason, updatedAt: new Date() })
      .where(and(eq(activities.countyCode, a.countyCode), eq(activities.id, id)));
    await audit(ctx, tx, { action: 'activity.cancel', result: 'success', objectType: 'activity', objectId: id, orgId: a.orgId, reason });
  });
  ctx.services.events.emit('activity.changed', ctx.actor?.countyCode ?? '', id);
  return getActivity(ctx, id);
}

/** Refuses with a clear error when an activity cannot take check-ins or leave any more. */
export function assertOpen(a: { state: string }) {
  if (a.state === 'cancelled') throw new AppError(409, 'ACTIVITY_CANCELLED');
}
