// The pure part of plan generation: an organization's facts for the rules of common/plan-rules.ts,
// and which existing activity covers which required slot. plans.service.ts applies them to the
// database; the demo county generator (server/bootstrap/demo-county/history-plans.ts) to its history.
import type { IsoDate } from '../../../common/calendar.ts';
import type { LectureFrequency, PlanOrgFacts, PlanSlot } from '../../../common/plan-rules.ts';

/** The county settings a plan is generated with (plan_settings, or PLAN_DEFAULTS without a row). */
export type PlanRuleSettings = { themeDay: number; lecturesPerYear: LectureFrequency };

/**
 * What the plan rules need of an organization: its level and category, its fixed 主题党日 day
 * (the county's default when it has none), whether it has 党小组, and the county's 党课 frequency.
 */
export function planFacts(org: { level: string; category: string | null; themeDay: number | null }, settings: PlanRuleSettings, hasGroups: boolean): PlanOrgFacts {
  return { level: org.level, category: org.category, themeDay: org.themeDay ?? settings.themeDay, hasGroups, lecturesPerYear: settings.lecturesPerYear };
}

/**
 * Pairs each slot (in order) with the first activity of `free` of its type whose date (`day`, the
 * Shanghai date it starts) falls within the slot's period; each activity covers one slot at most.
 * `free` is not changed.
 */
export function matchSlots<A extends { type: string; day: IsoDate }>(slots: readonly PlanSlot[], free: readonly A[]): { slot: PlanSlot; activity: A | null }[] {
  const left = [...free];
  return slots.map((slot) => {
    const hit = left.findIndex((a) => a.type === slot.type && a.day >= slot.from && a.day <= slot.to);
    return { slot, activity: hit >= 0 ? left.splice(hit, 1)[0] : null };
  });
}
