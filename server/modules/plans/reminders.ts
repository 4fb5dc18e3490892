import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { todayIn } from '../../../common/calendar.ts';
import { PLAN_DEFAULTS } from '../../../common/plan-rules.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Services, Tx } from '../../core/services.ts';
import { activities } from '../activities/activities.tables.ts';
import { organizations, orgTodos } from '../orgs/orgs.tables.ts';
import { planLabel } from './plans-labels.ts';
import { planItems, planSettings } from './plans.tables.ts';

/** The daily job and its schedule (07:00 Asia/Shanghai). */
export const PLAN_REMINDER_JOB = 'plans.reminders';
export const PLAN_REMINDER_CRON = '0 7 * * *';
/** The kind of the to-dos it puts in a branch's list. */
export const PLAN_REMINDER_KIND = 'plan_reminder';

/** The dedupe key of an item's reminder: once per item and date (a moved item is reminded again). */
export const reminderKey = (itemId: string, plannedOn: string) => `plan:${itemId}:${plannedOn}`;

/**
 * The daily reminder scan: for every plan item due within the county's reminder days (default 3,
 * today included) that has no activity (or only a cancelled one), one to-do in its organization's
 * list. The dedupe key keeps it to one per item and date however often the scan runs. Returns how
 * many were created.
 */
export async function scanPlanReminders(services: Services, today = todayIn()) {
  const days = sql<number>`coalesce(${planSettings.reminderDays}, ${PLAN_DEFAULTS.reminderDays})::int`;
  const due = await services.db
    .select({ countyCode: planItems.countyCode, id: planItems.id, orgId: planItems.orgId, type: planItems.type, plannedOn: planItems.plannedOn, title: planItems.title })
    .from(planItems)
    .innerJoin(organizations, and(eq(organizations.countyCode, planItems.countyCode), eq(organizations.id, planItems.orgId)))
    .leftJoin(planSettings, eq(planSettings.countyCode, planItems.countyCode))
    .leftJoin(activities, and(eq(activities.countyCode, planItems.countyCode), eq(activities.id, planItems.activityId)))
    .where(
      and(
        eq(organizations.status, 'active'),
        gte(planItems.plannedOn, today),
        lte(planItems.plannedOn, sql`(${today}::date + ${days})`),
        or(isNull(planItems.activityId), eq(activities.state, 'cancelled')),
      ),
    );
  let created = 0;
  for (let i = 0; i < due.length; i += 500) {
    const rows = due.slice(i, i + 500).map((d) => ({
      countyCode: d.countyCode,
      id: uuidv7(),
      orgId: d.orgId,
      kind: PLAN_REMINDER_KIND,
      title: `计划事项「${d.title}」（${planLabel('type', d.type)}）将于 ${d.plannedOn} 开展，尚未创建活动`,
      detail: { planItemId: d.id, type: d.type, plannedOn: d.plannedOn },
      dueOn: d.plannedOn,
      dedupeKey: reminderKey(d.id, d.plannedOn),
    }));
    const inserted = await services.db.insert(orgTodos).values(rows).onConflictDoNothing().returning({ id: orgTodos.id });
    created += inserted.length;
  }
  if (created > 0) services.log.info({ created }, 'plan reminders created');
  return created;
}

/**
 * Cancels the open reminder of an item (its activity was created, it moved or it was deleted);
 * returns how many were cancelled.
 */
export async function cancelReminders(tx: Tx, item: { countyCode: string; id: string; orgId: string; plannedOn: string }) {
  const rows = await tx
    .update(orgTodos)
    .set({ status: 'cancelled', decidedAt: new Date() })
    .where(
      and(
        eq(orgTodos.countyCode, item.countyCode), eq(orgTodos.orgId, item.orgId), eq(orgTodos.kind, PLAN_REMINDER_KIND), eq(orgTodos.status, 'open'),
        sql`${orgTodos.detail}->>'planItemId' = ${item.id}`,
      ),
    )
    .returning({ id: orgTodos.id });
  return rows.length;
}

/** Registers the job and its daily schedule. */
export function registerPlanJobs(services: Services) {
  services.jobs.handle(PLAN_REMINDER_JOB, async () => {
    await scanPlanReminders(services);
  });
  services.jobs.schedule({ name: PLAN_REMINDER_JOB, cron: PLAN_REMINDER_CRON, job: PLAN_REMINDER_JOB });
}
