// The size and term rules of DOMAIN §1 as one pure function: an organization's level, category,
// member counts and committee → the warnings shown on it. The numbers are defaults a county may
// change (pass another `rules`).
import { addDays, addMonths, addYears, daysBetween, type IsoDate } from './calendar.ts';
import type { OrgCategory, OrgLevel } from './org.ts';

/** Default thresholds (支部工作条例, 党章 Art. 31; see DOMAIN §1). */
export const ORG_RULES = {
  /** A 支部 normally has at most this many members. */
  branchMaxMembers: 50,
  /** Fewer 正式党员 than this → 联合支部. */
  branchMinFull: 3,
  /** From this many 正式党员 a 支部委员会 is formed. */
  committeeFromFull: 7,
  /** Size of a 支部委员会 (3–5 normally, never more than 7). */
  committeeMin: 3,
  committeeMax: 7,
  /** Below the committee threshold only a 书记 and optionally a 副书记. */
  smallBranchMaxPositions: 2,
  /** 党总支: 50–100 members. */
  generalBranchMin: 50,
  generalBranchMax: 100,
  /** 基层党委: ≥ 100 members. */
  partyCommitteeMin: 100,
  /** INACTIVE: no activity held for this many months (组织生活 is monthly, DOMAIN §3). */
  inactiveMonths: 3,
  /** Standard size of a village 下设支部 (长兴 practice, DOMAIN §1); also the default split unit. */
  subBranchMin: 20,
  subBranchMax: 25,
  /** 换届 "due soon" horizon. */
  termDueSoonDays: 90,
  /** Term length in years by level; `branch` depends on the category (村/社区 5, others 3). */
  termYears: {
    county_committee: 5,
    township_committee: 5,
    department_committee: 5,
    party_committee: 5,
    general_branch: 3,
    branch: 3,
    ruralOrCommunityBranch: 5,
  },
};

/** The rule set (override any number for a county with stricter local rules). */
export type OrgRules = typeof ORG_RULES;

/** Every warning code. */
export const ORG_WARNING_CODES = [
  'BRANCH_OVER_50',
  'LESS_THAN_3_FULL',
  'FULL_GE_7_NO_COMMITTEE',
  'COMMITTEE_SIZE',
  'COMMITTEE_NOT_EXPECTED',
  'NO_SECRETARY',
  'TERM_OVERDUE',
  'TERM_DUE_SOON',
  'GENERAL_BRANCH_SIZE',
  'PARTY_COMMITTEE_SIZE',
  'INACTIVE',
  'SUB_BRANCH_SIZE',
] as const;
export type OrgWarningCode = (typeof ORG_WARNING_CODES)[number];

/** How serious a warning is: error = a rule is broken, warning = should be fixed, info = worth a look. */
export type Severity = 'error' | 'warning' | 'info';

/** One warning with the numbers that explain it. */
export type OrgWarning = { code: OrgWarningCode; severity: Severity; params: Record<string, string | number> };

/** Members with an active standing directly in the organization, by status. */
export type MemberCounts = { full: number; probationary: number; total: number };

/** What the rules look at. */
export type OrgRuleInput = {
  level: OrgLevel;
  category: OrgCategory | null;
  counts: MemberCounts;
  /** Members in the whole subtree (党总支 and 党委 sizes count their branches); defaults to counts.total. */
  subtreeTotal?: number;
  /** Active committee positions. */
  committeeSize: number;
  hasSecretary: boolean;
  termStart: IsoDate | null;
  today: IsoDate;
  /**
   * Organizational life: the start date of the last activity held (started, not cancelled) and the
   * date the organization was registered in the system. Omitted = the INACTIVE check is skipped.
   */
  activity?: { lastHeldOn: IsoDate | null; registeredOn: IsoDate };
};

/** Levels that hold organizational life themselves (三会一课, 主题党日; DOMAIN §3) and are checked for INACTIVE. */
export const ACTIVITY_LEVELS: readonly OrgLevel[] = ['branch', 'sub_branch', 'party_group'];

/** Levels led by a secretary (党小组, 红色驿站, 下设支部 have a leader, not a 书记; the county is out of scope). */
const SECRETARY_LEVELS: readonly OrgLevel[] = ['township_committee', 'department_committee', 'party_committee', 'general_branch', 'branch'];

/** The term (years) of a level and category; null for levels without 换届. */
export function termYears(level: OrgLevel, category: OrgCategory | null, rules: OrgRules = ORG_RULES): number | null {
  if (level === 'branch') return category === 'rural' || category === 'community' ? rules.termYears.ruralOrCommunityBranch : rules.termYears.branch;
  const years = (rules.termYears as Record<string, number>)[level];
  return years ?? null;
}

/** The 换届 due date: term start + term; null without a term start or a term. */
export function termDueOn(level: OrgLevel, category: OrgCategory | null, termStart: IsoDate | null, rules: OrgRules = ORG_RULES): IsoDate | null {
  const years = termYears(level, category, rules);
  return termStart && years ? addYears(termStart, years) : null;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The warnings of an organization, most serious first. */
export function orgWarnings(input: OrgRuleInput, rules: OrgRules = ORG_RULES): OrgWarning[] {
  const out: OrgWarning[] = [];
  const { level, counts, committeeSize } = input;
  const add = (code: OrgWarningCode, severity: Severity, params: Record<string, string | number>) => out.push({ code, severity, params });

  if (level === 'branch') {
    if (counts.total > rules.branchMaxMembers) add('BRANCH_OVER_50', 'warning', { total: counts.total, max: rules.branchMaxMembers });
    if (counts.full < rules.branchMinFull) add('LESS_THAN_3_FULL', 'warning', { full: counts.full, min: rules.branchMinFull });
    if (counts.full >= rules.committeeFromFull) {
      if (committeeSize <= 1) add('FULL_GE_7_NO_COMMITTEE', 'error', { full: counts.full, threshold: rules.committeeFromFull });
      else if (committeeSize < rules.committeeMin || committeeSize > rules.committeeMax)
        add('COMMITTEE_SIZE', 'warning', { size: committeeSize, min: rules.committeeMin, max: rules.committeeMax });
    } else if (committeeSize > rules.smallBranchMaxPositions) {
      add('COMMITTEE_NOT_EXPECTED', 'info', { full: counts.full, size: committeeSize, threshold: rules.committeeFromFull });
    }
  }
  const size = input.subtreeTotal ?? counts.total;
  if (level === 'general_branch' && (size < rules.generalBranchMin || size > rules.generalBranchMax))
    add('GENERAL_BRANCH_SIZE', size > rules.generalBranchMax ? 'warning' : 'info', { total: size, min: rules.generalBranchMin, max: rules.generalBranchMax });
  if (level === 'party_committee' && size < rules.partyCommitteeMin) add('PARTY_COMMITTEE_SIZE', 'info', { total: size, min: rules.partyCommitteeMin });

  // A village 下设支部 normally has 20–25 members (DOMAIN §1, 长兴 practice).
  if (level === 'sub_branch' && input.category === 'rural' && (counts.total < rules.subBranchMin || counts.total > rules.subBranchMax))
    add('SUB_BRANCH_SIZE', 'info', { total: counts.total, min: rules.subBranchMin, max: rules.subBranchMax });

  // INACTIVE: nothing held in the last N months, counted from the later of the last activity and
  // the registration in the system (an organization registered last week is not inactive yet).
  if (input.activity && ACTIVITY_LEVELS.includes(level)) {
    const cutoff = addMonths(input.today, -rules.inactiveMonths);
    const since = input.activity.lastHeldOn && input.activity.lastHeldOn > input.activity.registeredOn ? input.activity.lastHeldOn : input.activity.registeredOn;
    if (since < cutoff) add('INACTIVE', 'warning', { months: rules.inactiveMonths, since, lastHeldOn: input.activity.lastHeldOn ?? '' });
  }

  if (SECRETARY_LEVELS.includes(level) && !input.hasSecretary) add('NO_SECRETARY', 'warning', {});

  const due = termDueOn(level, input.category, input.termStart, rules);
  if (due) {
    const years = termYears(level, input.category, rules) ?? 0;
    if (input.today > due) add('TERM_OVERDUE', 'error', { dueOn: due, termStart: input.termStart!, years, days: daysBetween(due, input.today) });
    else if (input.today >= addDays(due, -rules.termDueSoonDays)) add('TERM_DUE_SOON', 'warning', { dueOn: due, termStart: input.termStart!, years, days: daysBetween(input.today, due) });
  }
  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
