import type { z } from 'zod';
import type { ActivityType } from '../../../common/attendance.ts';
import type { Ctx } from '../../core/access/context.ts';
import { conflict, notFound } from '../../core/errors/app-error.ts';
import { createActivity } from '../activities/activities.service.ts';
import { hasLiveActivity, itemDto, itemForChange, linkActivity } from './plans.service.ts';
import { plansRepo } from './plans.repo.ts';
import type { ItemActivityBody } from './plans.schemas.ts';

/**
 * 从计划创建活动: plans the activity of an item through the activities service (same checks, check-in
 * window from 30 minutes before the start to the end, audit) and links it to the item, whose
 * reminder is cancelled. An item whose activity was cancelled may get a new one.
 */
export async function createItemActivity(ctx: Ctx, id: string, body: z.infer<typeof ItemActivityBody>) {
  const r = await plansRepo(ctx, 'activity.write').itemById(id);
  if (!r) throw notFound();
  if (r.orgStatus !== 'active') throw conflict('ORG_DISSOLVED');
  if (hasLiveActivity(r)) throw conflict('PLAN_ACTIVITY_EXISTS');
  const activity = await createActivity(ctx, {
    orgId: r.i.orgId,
    type: r.i.type as ActivityType,
    title: body.title ?? r.i.title,
    startsAt: body.startsAt,
    endsAt: body.endsAt,
    place: body.place || null,
  });
  await ctx.services.db.transaction(async (tx) => {
    const locked = await itemForChange(ctx, tx, id);
    // Another request linked an activity in between: the new one stays a plain activity.
    if (hasLiveActivity(locked)) throw conflict('PLAN_ACTIVITY_EXISTS');
    await linkActivity(ctx, tx, locked, activity.id);
  });
  const after = await plansRepo(ctx, 'activity.read').itemById(id);
  if (!after) throw notFound();
  return { item: itemDto(after), activityId: activity.id };
}
