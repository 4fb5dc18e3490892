import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { conflict, notFound } from '../../core/errors/app-error.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Tx } from '../../core/services.ts';
import { members } from '../members/members.tables.ts';
import { selfMember } from '../members/members.repo.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { type ActivityJoined, activitiesRepo, activityCols, activityOrgJoin } from './activities.repo.ts';
import type { DecideLeaveBody, LeaveDto } from './activities.schemas.ts';
import { assertOpen } from './activities.service.ts';
import { activities, activityLeaves } from './activities.tables.ts';
import { obligedMembers } from './attendance.ts';

const cols = { l: activityLeaves, name: members.name };
const memberJoin = and(eq(members.countyCode, activityLeaves.countyCode), eq(members.id, activityLeaves.memberId));

const dto = (r: { l: typeof activityLeaves.$inferSelect; name: string }): z.infer<typeof LeaveDto> => ({
  id: r.l.id,
  activityId: r.l.activityId,
  memberId: r.l.memberId,
  name: r.name,
  reason: r.l.reason,
  state: r.l.state,
  requestedAt: r.l.requestedAt.toISOString(),
  decidedName: r.l.decidedName,
  decidedAt: r.l.decidedAt?.toISOString() ?? null,
  decisionNote: r.l.decisionNote,
});

/** Tells live views and caches that an activity's leave changed (after the commit). */
function changed<T extends { activityId: string }>(ctx: Ctx, leave: T): T {
  ctx.services.events.emit('activity.changed', ctx.actor?.countyCode ?? '', leave.activityId);
  return leave;
}

/** The leave requests of an activity in scope. */
export async function listLeaves(ctx: Ctx, activityId: string) {
  const r = await activitiesRepo(ctx, 'activity.read').byId(activityId);
  if (!r) throw notFound();
  const rows = await ctx.services.db
    .select(cols)
    .from(activityLeaves)
    .innerJoin(members, memberJoin)
    .where(and(eq(activityLeaves.countyCode, r.a.countyCode), eq(activityLeaves.activityId, activityId)))
    .orderBy(asc(activityLeaves.requestedAt), asc(activityLeaves.id));
  return { items: rows.map(dto) };
}

async function insertLeave(ctx: Ctx, tx: Tx, r: ActivityJoined, memberId: string, reason: string, state: 'pending' | 'approved') {
  assertOpen(r.a);
  const obliged = await obligedMembers(tx, r);
  if (!obliged.some((m) => m.id === memberId)) throw conflict('LEAVE_NOT_ATTENDEE');
  const id = uuidv7();
  const now = new Date();
  const inserted = await tx
    .insert(activityLeaves)
    .values({
      countyCode: r.a.countyCode,
      id,
      activityId: r.a.id,
      memberId,
      reason,
      state,
      requestedBy: ctx.actor?.accountId ?? null,
      ...(state === 'approved' ? { decidedBy: ctx.actor?.accountId ?? null, decidedName: ctx.actor?.displayName ?? null, decidedAt: now } : {}),
    })
    .onConflictDoNothing()
    .returning({ id: activityLeaves.id });
  if (inserted.length === 0) throw conflict('LEAVE_EXISTS');
  await audit(ctx, tx, { action: 'activity.leave', result: 'success', objectType: 'activity_leave', objectId: id, orgId: r.a.orgId, reason, detail: { activityId: r.a.id, memberId, state } });
  const [row] = await tx.select(cols).from(activityLeaves).innerJoin(members, memberJoin).where(and(eq(activityLeaves.countyCode, r.a.countyCode), eq(activityLeaves.id, id)));
  return dto(row);
}

/** The secretary records a member's leave (approved at once: the secretary decides leave). */
export async function recordLeave(ctx: Ctx, activityId: string, memberId: string, reason: string) {
  return changed(ctx, await ctx.services.db.transaction(async (tx) => {
    const r = await activitiesRepo(ctx, 'activity.write', tx).byId(activityId, true);
    if (!r) throw notFound();
    return insertLeave(ctx, tx, r, memberId, reason, 'approved');
  }));
}

/** A member asks for leave from an activity they are expected at (pending until the secretary decides). */
export async function requestOwnLeave(ctx: Ctx, activityId: string, reason: string) {
  return changed(ctx, await ctx.services.db.transaction(async (tx) => {
    const me = await selfMember(ctx, tx);
    if (!me) throw notFound();
    const [r] = await tx
      .select(activityCols)
      .from(activities)
      .innerJoin(organizations, activityOrgJoin)
      .where(and(eq(activities.countyCode, me.m.countyCode), eq(activities.id, activityId)))
      .for('update', { of: activities });
    if (!r) throw notFound();
    return insertLeave(ctx, tx, r as ActivityJoined, me.m.id, reason, 'pending');
  }));
}

/** Approves or rejects a pending leave request of an activity in write scope. */
export async function decideLeave(ctx: Ctx, leaveId: string, body: z.infer<typeof DecideLeaveBody>) {
  return changed(ctx, await ctx.services.db.transaction(async (tx) => {
    const county = ctx.actor?.countyCode ?? '';
    const [l] = await tx.select().from(activityLeaves).where(and(eq(activityLeaves.countyCode, county), eq(activityLeaves.id, leaveId))).for('update');
    if (!l) throw notFound();
    const r = await activitiesRepo(ctx, 'activity.write', tx).byId(l.activityId);
    if (!r) throw notFound();
    if (l.state !== 'pending') throw conflict('LEAVE_DECIDED');
    const state = body.approve ? 'approved' : 'rejected';
    await tx
      .update(activityLeaves)
      .set({ state, decidedBy: ctx.actor?.accountId ?? null, decidedName: ctx.actor?.displayName ?? null, decidedAt: new Date(), decisionNote: body.note ?? null })
      .where(and(eq(activityLeaves.countyCode, county), eq(activityLeaves.id, leaveId)));
    await audit(ctx, tx, { action: 'activity.leave.decide', result: 'success', objectType: 'activity_leave', objectId: leaveId, orgId: r.a.orgId, reason: body.note ?? undefined, detail: { state } });
    const [row] = await tx.select(cols).from(activityLeaves).innerJoin(members, memberJoin).where(and(eq(activityLeaves.countyCode, county), eq(activityLeaves.id, leaveId)));
    return dto(row);
  }));
}
