// The 条例 rule engine of organizational life (DOMAIN §3; issue 6 "Rule engine"): the requirements as
// data (activity type, frequency, which organizations, threshold, grace days), the calendar periods
// they are judged in, and the pure judgement of one organization's one period: green / amber / red /
// pending with a reason. The server feeds it facts from the activity rollup
// (server/modules/supervision/compliance.service.ts); the web shows the reasons from the same codes.
import { type IsoDate, addDays } from './calendar.ts';

/** How often a requirement recurs. */
export const RULE_PERIODS = ['month', 'quarter', 'half', 'year'] as const;
export type RulePeriod = (typeof RULE_PERIODS)[number];

/**
 * Which organizations of the rule's levels a rule binds:
 * - `members`: members of its own (a 下设支部, 红色驿站 or 党小组 holding its own 主题党日 / 党小组会);
 * - `unit`: members of its own or in its 下设支部 / 红色驿站 / 党小组 (the 支部 or 党总支 that holds the
 *   支部 meetings for them — a 党总支 whose members are all in 党支部 below it holds none);
 * - `committee`: as `unit`, and it has a committee of at least 3 in office (支委会; a branch under 7
 *   正式党员 has only a secretary).
 */
export const RULE_REQUIRES = ['members', 'unit', 'committee'] as const;
export type RuleRequires = (typeof RULE_REQUIRES)[number];

/** Levels a requirement may bind (the 支部 family and the 党小组). */
export const RULE_LEVELS = ['general_branch', 'branch', 'sub_branch', 'red_station', 'party_group'] as const;

/** One requirement. `thresholdPct`: a held activity counts only when 实到 / 应到 is strictly above it (支部党员大会: more than half). */
export type OrgLifeRule = {
  code: string;
  activityType: string;
  period: RulePeriod;
  minCount: number;
  levels: string[];
  /** Organization categories it applies to; empty = every category. */
  categories: string[];
  requires: RuleRequires;
  thresholdPct: number | null;
  /** Days after the period's end before a missing activity turns red (records entered late). */
  graceDays: number;
  enabled: boolean;
};

const BRANCH = ['general_branch', 'branch'];

/** DOMAIN §3 defaults (a county without rules of its own uses these). */
export const DEFAULT_RULES: readonly OrgLifeRule[] = [
  { code: 'branch_assembly', activityType: 'branch_assembly', period: 'quarter', minCount: 1, levels: BRANCH, categories: [], requires: 'unit', thresholdPct: 50, graceDays: 5, enabled: true },
  { code: 'committee', activityType: 'committee', period: 'month', minCount: 1, levels: BRANCH, categories: [], requires: 'committee', thresholdPct: null, graceDays: 5, enabled: true },
  { code: 'group_meeting', activityType: 'group_meeting', period: 'month', minCount: 1, levels: ['party_group'], categories: [], requires: 'members', thresholdPct: null, graceDays: 5, enabled: true },
  { code: 'party_lecture', activityType: 'party_lecture', period: 'quarter', minCount: 1, levels: BRANCH, categories: [], requires: 'unit', thresholdPct: null, graceDays: 5, enabled: true },
  { code: 'theme_day', activityType: 'theme_day', period: 'month', minCount: 1, levels: [...BRANCH, 'sub_branch', 'red_station'], categories: [], requires: 'members', thresholdPct: null, graceDays: 5, enabled: true },
  { code: 'life_meeting', activityType: 'life_meeting', period: 'year', minCount: 1, levels: BRANCH, categories: [], requires: 'unit', thresholdPct: null, graceDays: 15, enabled: true },
  { code: 'evaluation', activityType: 'evaluation', period: 'year', minCount: 1, levels: BRANCH, categories: [], requires: 'unit', thresholdPct: null, graceDays: 15, enabled: true },
];

/** The 三会一课 activity types (activity_types.three_meetings). */
export const THREE_MEETINGS = ['branch_assembly', 'committee', 'group_meeting', 'party_lecture'] as const;

/** Days before a period's end from which a requirement not yet met shows amber (a deadline close by). */
export const WARN_DAYS = 7;

// ---- periods -------------------------------------------------------------------------------

/** A period key: '2026', '2026-H2', '2026-Q3' or '2026-09'. */
export type PeriodKey = string;
const PERIOD_RE = /^(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])|H([12])))?$/;

export function isPeriodKey(s: string): boolean {
  return PERIOD_RE.test(s);
}

/** The unit of a period key. */
export function periodUnit(key: PeriodKey): RulePeriod {
  const m = PERIOD_RE.exec(key);
  if (!m) throw new Error(`bad period ${key}`);
  return m[2] ? 'month' : m[3] ? 'quarter' : m[4] ? 'half' : 'year';
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The first and last month (1–12) of a period. */
function monthsOf(key: PeriodKey): { year: number; first: number; last: number } {
  const m = PERIOD_RE.exec(key);
  if (!m) throw new Error(`bad period ${key}`);
  const year = Number(m[1]);
  if (m[2]) return { year, first: Number(m[2]), last: Number(m[2]) };
  if (m[3]) return { year, first: Number(m[3]) * 3 - 2, last: Number(m[3]) * 3 };
  if (m[4]) return { year, first: Number(m[4]) * 6 - 5, last: Number(m[4]) * 6 };
  return { year, first: 1, last: 12 };
}

const ranges = new Map<string, Readonly<{ from: IsoDate; to: IsoDate }>>();
/** The first and last day of a period (memoized: a county's evaluation asks for the same few periods ~10⁵ times). */
export function periodRange(key: PeriodKey): Readonly<{ from: IsoDate; to: IsoDate }> {
  let r = ranges.get(key);
  if (!r) {
    const { year, first, last } = monthsOf(key);
    r = Object.freeze({ from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay(year, last))}` });
    if (ranges.size > 10_000) ranges.clear();
    ranges.set(key, r);
  }
  return r;
}

const shifted = new Map<string, IsoDate>();
/** addDays memoized for the judgement's few distinct (day, shift) pairs. */
function dayPlus(d: IsoDate, n: number): IsoDate {
  const k = d + n;
  let v = shifted.get(k);
  if (v === undefined) {
    v = addDays(d, n);
    if (shifted.size > 10_000) shifted.clear();
    shifted.set(k, v);
  }
  return v;
}

/** The period of a unit that a day falls in. */
export function periodOf(unit: RulePeriod, day: IsoDate): PeriodKey {
  const y = day.slice(0, 4);
  const m = Number(day.slice(5, 7));
  if (unit === 'month') return day.slice(0, 7);
  if (unit === 'quarter') return `${y}-Q${Math.ceil(m / 3)}`;
  if (unit === 'half') return `${y}-H${m <= 6 ? 1 : 2}`;
  return y;
}

const RANK: Record<RulePeriod, number> = { month: 0, quarter: 1, half: 2, year: 3 };

/**
 * The periods of a rule's unit to judge when looking at a selected period: every one inside it when
 * the rule's unit is no longer than the selection's (the months of a quarter), else the one containing
 * it (the quarter of a month) — judged as of the selection's end.
 */
export function rulePeriodsIn(unit: RulePeriod, selected: PeriodKey): PeriodKey[] {
  const sel = periodUnit(selected);
  const { year, first, last } = monthsOf(selected);
  if (RANK[unit] >= RANK[sel]) return [periodOf(unit, `${year}-${pad(first)}-01`)];
  const out: PeriodKey[] = [];
  for (let m = first; m <= last; m += 1) {
    const k = periodOf(unit, `${year}-${pad(m)}-01`);
    if (out.at(-1) !== k) out.push(k);
  }
  return out;
}

/** A period in Chinese as the reasons and the 通报 show it: 2026年9月, 2026年第三季度, 2026年下半年, 2026年. */
export function periodLabelZh(key: PeriodKey): string {
  const { year, first } = monthsOf(key);
  const unit = periodUnit(key);
  if (unit === 'month') return `${year}年${first}月`;
  if (unit === 'quarter') return `${year}年第${'一二三四'[(first - 1) / 3]}季度`;
  if (unit === 'half') return `${year}年${first === 1 ? '上' : '下'}半年`;
  return `${year}年`;
}

// ---- judgement -------------------------------------------------------------------------------

export type CheckStatus = 'green' | 'amber' | 'red' | 'pending';

/**
 * Why a check has its colour (a stable code the web translates): met · none_held (nothing held) ·
 * below_threshold (held, but not enough over the threshold) · too_few (held fewer than the minimum) —
 * the three are red once the deadline passed · due_soon (the period ends within WARN_DAYS) · in_grace
 * (the period ended, its grace days have not) · in_progress (time left).
 */
export type ReasonCode = 'met' | 'none_held' | 'below_threshold' | 'too_few' | 'due_soon' | 'in_grace' | 'in_progress';

/** What the rollup knows of one organization, rule and period. */
export type CheckFacts = { held: number; qualifying: number };

export type Check = {
  rule: string;
  activityType: string;
  period: PeriodKey;
  status: CheckStatus;
  reason: ReasonCode;
  /** What is still missing when not met: the underlying shortfall (none_held, below_threshold, too_few). */
  shortfall: 'none_held' | 'below_threshold' | 'too_few' | null;
  held: number;
  qualifying: number;
  minCount: number;
  /** The last day counted for the period (its end plus the grace days). */
  deadline: IsoDate;
};

/**
 * Judges one rule for one organization and period as of a day (`asOf`, the last day whose activities
 * are counted): met → green; not met after the deadline (the period's end + grace days) → red; not
 * met within WARN_DAYS of the period's end or in the grace days → amber; otherwise pending (time left,
 * no colour of its own).
 */
export function judge(rule: OrgLifeRule, period: PeriodKey, facts: CheckFacts, asOf: IsoDate): Check {
  const { from, to } = periodRange(period);
  const deadline = dayPlus(to, rule.graceDays);
  let status: CheckStatus;
  let reason: ReasonCode;
  let shortfall: Check['shortfall'] = null;
  if (facts.qualifying >= rule.minCount) {
    status = 'green';
    reason = 'met';
  } else {
    shortfall = facts.held === 0 ? 'none_held' : facts.qualifying < facts.held && facts.held >= rule.minCount ? 'below_threshold' : 'too_few';
    if (asOf > deadline) [status, reason] = ['red', shortfall];
    else if (asOf > to) [status, reason] = ['amber', 'in_grace'];
    else if (asOf >= dayPlus(to, -(WARN_DAYS - 1)) && asOf >= from) [status, reason] = ['amber', 'due_soon'];
    else [status, reason] = ['pending', 'in_progress'];
  }
  return { rule: rule.code, activityType: rule.activityType, period, status, reason, shortfall, held: facts.held, qualifying: facts.qualifying, minCount: rule.minCount, deadline };
}

/** The colour of an organization: its worst check (a pending check is not a fault: green); null when no rule binds it. */
export function worstOf(checks: readonly { status: CheckStatus }[]): 'green' | 'amber' | 'red' | null {
  let out: 'green' | 'amber' | 'red' | null = null;
  for (const c of checks) {
    if (c.status === 'red') return 'red';
    if (c.status === 'amber') out = 'amber';
    else if (out === null) out = 'green';
  }
  return out;
}

/** What the engine knows of an organization to decide which rules bind it. */
export type OrgFacts = {
  level: string;
  category: string | null;
  /** Members of its own (active standing). */
  ownMembers: number;
  /** Members of its own and in its 下设支部 / 红色驿站 / 党小组 children. */
  unitMembers: number;
  /** Committee members in office. */
  committee: number;
  /** The first day it existed (established, else entered); periods starting before it do not bind it. */
  since: IsoDate;
  /** Dissolved or merged: the day it stopped (periods starting after do not bind it). */
  until: IsoDate | null;
};

/** Whether a rule binds an organization for a period. */
export function binds(rule: OrgLifeRule, o: OrgFacts, period: PeriodKey): boolean {
  if (!rule.enabled || !rule.levels.includes(o.level)) return false;
  if (rule.categories.length > 0 && !(o.category && rule.categories.includes(o.category))) return false;
  const { from, to } = periodRange(period);
  if (o.since > from || (o.until !== null && o.until < to)) return false;
  if (rule.requires === 'members') return o.ownMembers > 0;
  if (rule.requires === 'unit') return o.unitMembers > 0;
  return o.unitMembers > 0 && o.committee >= 3;
}

/** The Chinese name of a rule's activity type as reasons use it. */
export const TYPE_ZH: Record<string, string> = {
  branch_assembly: '支部党员大会',
  committee: '支委会',
  group_meeting: '党小组会',
  party_lecture: '党课',
  theme_day: '主题党日',
  life_meeting: '组织生活会',
  evaluation: '民主评议党员',
  volunteer: '志愿服务',
  other: '其他活动',
};

/** A check's reason in Chinese ("2026年第三季度 无支部党员大会"), as the 通报 prints it. */
export function reasonZh(c: Check, rule: Pick<OrgLifeRule, 'thresholdPct'>): string {
  const p = periodLabelZh(c.period);
  const t = TYPE_ZH[c.activityType] ?? c.activityType;
  const what = (s: Check['shortfall']) =>
    s === 'none_held' ? `无${t}` : s === 'below_threshold' ? `${t}到会率均未超过${rule.thresholdPct ?? 0}%` : `${t}仅${c.held}次，应不少于${c.minCount}次`;
  switch (c.reason) {
    case 'met':
      return `${p} 已开展${t}${c.qualifying}次`;
    case 'in_grace':
      return `${p} ${what(c.shortfall)}（补录截止${c.deadline}）`;
    case 'due_soon':
      return `${p} ${what(c.shortfall)}（${c.deadline}前须完成）`;
    case 'in_progress':
      return `${p} 尚未开展${t}（进行中）`;
    default:
      return `${p} ${what(c.shortfall)}`;
  }
}
