// The yearly plan of organizational life (组织生活计划) that DOMAIN §3 requires of an organization:
// a pure generator from the organization's level, category, fixed 主题党日 day and 党小组 → the
// items of a year, and which of them an existing plan still lacks. The numbers are defaults a
// county may change (plan_settings); the dates are suggestions the secretary moves as needed.
import type { IsoDate } from './calendar.ts';
import type { OrgCategory, OrgLevel } from './org.ts';

/** Activity types (activity_types.code) a plan is generated with, in display order. */
export const PLAN_RULE_TYPES = ['theme_day', 'branch_assembly', 'committee', 'group_meeting', 'party_lecture', 'life_meeting', 'evaluation'] as const;
/** A type the rules require. */
export type PlanRuleType = (typeof PLAN_RULE_TYPES)[number];

/** Every activity type an item may carry (activity_types.code, 0006_activities.sql). */
export const PLAN_ITEM_TYPES = [...PLAN_RULE_TYPES, 'volunteer', 'other'] as const;
/** The type of a plan item. */
export type PlanItemType = (typeof PLAN_ITEM_TYPES)[number];

/** How often 党课 is held (per year): yearly, half-yearly, quarterly (default) or monthly. */
export const LECTURE_FREQUENCIES = [1, 2, 4, 12] as const;
/** A 党课 frequency. */
export type LectureFrequency = (typeof LECTURE_FREQUENCIES)[number];

/** County defaults (DOMAIN §3): the 主题党日 day, 党课 per year, reminder days before an item. */
export const PLAN_DEFAULTS = { themeDay: 15, lecturesPerYear: 4 as LectureFrequency, reminderDays: 3 };

/** Days the 支委会 comes before the 主题党日 (it prepares it) and the 党小组会 after it. */
const COMMITTEE_BEFORE = 5;
const GROUP_AFTER = 5;
/** The 组织生活会 and 民主评议党员 are held together in December, this many days after the 主题党日. */
const YEAR_END_AFTER = 10;

/**
 * Which rules apply to a level: the 支部 rules (三会一课, 主题党日, 组织生活会, 民主评议) to 党总支,
 * 党支部 and 下设支部; only 党小组会 to a 党小组; no plan above the 支部 or for a 红色驿站 (a place).
 */
export function planKind(level: OrgLevel | string): 'branch' | 'group' | null {
  if (level === 'general_branch' || level === 'branch' || level === 'sub_branch') return 'branch';
  if (level === 'party_group') return 'group';
  return null;
}

/** What the generator needs to know about an organization. */
export type PlanOrgFacts = {
  level: OrgLevel | string;
  category: OrgCategory | string | null;
  /** The fixed day of the month of its 主题党日 (1–28; the county default when the branch has none). */
  themeDay: number;
  /** It has active 党小组 below it (a 党小组 itself counts too). */
  hasGroups: boolean;
  /** 党课 per year (county setting). */
  lecturesPerYear: LectureFrequency;
};

/** One item the rules ask for: its type, the period it must fall in, and the suggested date and title. */
export type PlanSlot = { type: PlanRuleType; from: IsoDate; to: IsoDate; plannedOn: IsoDate; title: string };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** The date of a day in a month, clamped to the month's last day. */
const on = (year: number, month: number, day: number): IsoDate => `${year}-${pad(month)}-${pad(Math.min(Math.max(day, 1), lastDay(year, month)))}`;
const monthSpan = (year: number, from: number, to: number) => ({ from: on(year, from, 1), to: on(year, to, 31) });
const QUARTER = ['一', '二', '三', '四'];

/** The checklist flavour of a category's 主题党日: 5+X in villages and communities, 4+X elsewhere. */
export function themeDayFormula(category: string | null): '5+X' | '4+X' | null {
  if (!category) return null;
  return category === 'rural' || category === 'community' ? '5+X' : '4+X';
}

/** The title of a 党课 period for a frequency (quarter, half-year, month or the year). */
function lectureTitle(year: number, freq: LectureFrequency, index: number, month: number) {
  if (freq === 12) return `${month}月党课`;
  if (freq === 4) return `第${QUARTER[index]}季度党课`;
  if (freq === 2) return `${index === 0 ? '上' : '下'}半年党课`;
  return `${year}年度党课`;
}

/**
 * Every item the rules require of an organization in a year, in date order:
 * - 主题党日 every month on the fixed day (a weekend is kept: the fixed day is the rule);
 * - 支部党员大会 once a quarter, with the 主题党日 of the quarter's last month;
 * - 支委会 every month, 5 days before the 主题党日 (not before the 1st);
 * - 党小组会 every month, 5 days after it, only where there are 党小组;
 * - 党课 `lecturesPerYear` times, with the 主题党日 in the middle month of each period;
 * - 组织生活会 and 民主评议党员 once a year, together in December.
 */
export function requiredSlots(facts: PlanOrgFacts, year: number): PlanSlot[] {
  const kind = planKind(facts.level);
  if (!kind) return [];
  const d = Math.min(Math.max(Math.trunc(facts.themeDay), 1), 28);
  const out: PlanSlot[] = [];
  const monthly = (type: PlanRuleType, day: number, title: (m: number) => string) => {
    for (let m = 1; m <= 12; m++) out.push({ type, ...monthSpan(year, m, m), plannedOn: on(year, m, day), title: title(m) });
  };
  if (facts.hasGroups || kind === 'group') monthly('group_meeting', d + GROUP_AFTER, (m) => `${m}月党小组会`);
  if (kind === 'branch') {
    const formula = themeDayFormula(facts.category);
    monthly('theme_day', d, (m) => `${m}月主题党日${formula ? `（${formula}）` : ''}`);
    monthly('committee', d - COMMITTEE_BEFORE, (m) => `${m}月支委会`);
    for (let q = 0; q < 4; q++) out.push({ type: 'branch_assembly', ...monthSpan(year, 3 * q + 1, 3 * q + 3), plannedOn: on(year, 3 * q + 3, d), title: `第${QUARTER[q]}季度支部党员大会` });
    const freq = LECTURE_FREQUENCIES.includes(facts.lecturesPerYear) ? facts.lecturesPerYear : PLAN_DEFAULTS.lecturesPerYear;
    const len = 12 / freq;
    for (let i = 0; i < freq; i++) {
      const start = i * len + 1;
      const mid = start + Math.floor(len / 2);
      out.push({ type: 'party_lecture', ...monthSpan(year, start, start + len - 1), plannedOn: on(year, mid, d), title: lectureTitle(year, freq, i, mid) });
    }
    const yearEnd = on(year, 12, d + YEAR_END_AFTER);
    out.push({ type: 'life_meeting', ...monthSpan(year, 1, 12), plannedOn: yearEnd, title: `${year}年度组织生活会` });
    out.push({ type: 'evaluation', ...monthSpan(year, 1, 12), plannedOn: yearEnd, title: `${year}年度民主评议党员` });
  }
  const order = (t: string) => PLAN_RULE_TYPES.indexOf(t as PlanRuleType);
  return out.sort((a, b) => a.plannedOn.localeCompare(b.plannedOn) || order(a.type) - order(b.type));
}

/** How many items of each type the rules require in a year (types not required are absent). */
export function requiredCounts(facts: PlanOrgFacts, year: number): Partial<Record<PlanRuleType, number>> {
  const out: Partial<Record<PlanRuleType, number>> = {};
  for (const s of requiredSlots(facts, year)) out[s.type] = (out[s.type] ?? 0) + 1;
  return out;
}

/**
 * The required items an existing plan still lacks: a slot is covered by any item of its type dated
 * within its period (one item covers one slot), wherever the secretary moved it. Running it on
 * its own output gives nothing, so regenerating is idempotent.
 */
export function missingSlots(facts: PlanOrgFacts, year: number, existing: readonly { type: string; plannedOn: IsoDate }[]): PlanSlot[] {
  const unused = [...existing];
  const missing: PlanSlot[] = [];
  for (const s of requiredSlots(facts, year)) {
    const i = unused.findIndex((e) => e.type === s.type && e.plannedOn >= s.from && e.plannedOn <= s.to);
    if (i >= 0) unused.splice(i, 1);
    else missing.push(s);
  }
  return missing;
}
