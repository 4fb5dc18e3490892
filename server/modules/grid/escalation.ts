// The automatic 督办 (docs/GRID.md "Deadlines"): every 15 minutes, each event overdue in its current
// stage is supervised once for that stage — a history row by the system, the flag on the event, and a
// notification to the township's officers. The key (event, stage) in grid_escalations makes the job
// idempotent: a second run, or two runs at once, escalate nothing twice.
import { and, eq, inArray, isNotNull, lt, notInArray } from 'drizzle-orm';
import { type EscalationInput, decide, escalationKey, toEscalate } from '../../../common/grid-workflow.ts';
import type { Services } from '../../core/services.ts';
import { notify } from '../notifications/notify.ts';
import { countyCodes } from '../supervision/rollup.ts';
import { countyCategories } from './categories.service.ts';
import { applyChange } from './events.service.ts';
import { gridEscalations, gridEvents } from './grid.tables.ts';

export const ESCALATE_JOB = 'grid.escalate';
export const ESCALATE_CRON = '*/15 * * * *';
/** The name the history shows for the job's 督办. */
export const SYSTEM_ACTOR = '系统（超时自动督办）';

/** Escalates the county's overdue events at `now`; returns how many were escalated. */
export async function runEscalation(services: Services, countyCode: string, now = new Date()): Promise<number> {
  const db = services.db;
  const candidates = await db
    .select({ id: gridEvents.id, state: gridEvents.state, stageSeq: gridEvents.stageSeq, dueAt: gridEvents.dueAt })
    .from(gridEvents)
    .where(and(eq(gridEvents.countyCode, countyCode), isNotNull(gridEvents.dueAt), lt(gridEvents.dueAt, now), notInArray(gridEvents.state, ['closed', 'fed_back'])));
  if (!candidates.length) return 0;
  const done = new Set(
    (
      await db
        .select({ id: gridEscalations.eventId, stageSeq: gridEscalations.stageSeq })
        .from(gridEscalations)
        .where(and(eq(gridEscalations.countyCode, countyCode), inArray(gridEscalations.eventId, candidates.map((c) => c.id))))
    ).map(escalationKey),
  );
  const due: EscalationInput[] = toEscalate(candidates, now, done);
  let n = 0;
  for (const c of due) {
    n += await db.transaction(async (tx) => {
      // The key first: a concurrent run that got here before writes nothing more.
      const won = await tx.insert(gridEscalations).values({ countyCode, eventId: c.id, stageSeq: c.stageSeq, at: now }).onConflictDoNothing().returning();
      if (!won.length) return 0;
      const [e] = await tx.select().from(gridEvents).where(and(eq(gridEvents.countyCode, countyCode), eq(gridEvents.id, c.id))).for('update');
      // Moved on since it was read: that stage is over (its key stays, harmlessly).
      if (!e || e.stageSeq !== c.stageSeq) return 0;
      const { categories } = await countyCategories(tx, countyCode);
      const sla = categories.find((x) => x.code === e.categoryCode)?.sla;
      if (!sla) return 0;
      const hours = Math.round(((now.getTime() - (e.dueAt as Date).getTime()) / 3_600_000) * 10) / 10;
      const note = `超时 ${hours} 小时，自动督办 / Overdue by ${hours} h: supervised automatically`;
      // The job takes the same 督办 as a person, through the same rules (role `system`).
      const d = decide(e.state, 'supervise', ['system'], { note });
      if (!d.ok) return 0;
      await applyChange(tx, {
        county: countyCode,
        event: e,
        action: 'supervise',
        to: d.to,
        changesState: false,
        note,
        assigneeOrgId: e.assigneeOrgId,
        actorId: null,
        actorName: SYSTEM_ACTOR,
        sla,
        now,
      });
      await notify(tx, [
        {
          countyCode,
          recipient: { kind: 'org', orgId: e.townshipOrgId },
          kind: 'grid.escalated',
          title: { 'zh-CN': '网格事件超时督办', en: 'Grid event overdue: supervised' },
          body: { 'zh-CN': `一件网格事件在当前环节已超时 ${hours} 小时`, en: `A grid event is overdue in its current stage by ${hours} h` },
          params: { eventId: e.id, stageSeq: e.stageSeq, state: e.state },
          link: `/grid/events/${e.id}`,
          severity: 'warning',
          dedupeKey: `grid.escalated:${e.id}:${e.stageSeq}`,
        },
      ]);
      return 1;
    });
  }
  return n;
}

/** Registers the job and its schedule. */
export function registerGridJobs(services: Services) {
  services.jobs.handle(ESCALATE_JOB, async () => {
    for (const countyCode of await countyCodes(services)) {
      const n = await runEscalation(services, countyCode);
      if (n) services.log.info({ countyCode, escalated: n }, `grid escalation ${countyCode}: ${n} event(s) supervised`);
    }
  });
  services.jobs.schedule({ name: ESCALATE_JOB, cron: ESCALATE_CRON, job: ESCALATE_JOB });
}

