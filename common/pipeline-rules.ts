// 发展党员 (DOMAIN §2, 《中国共产党发展党员工作细则》): the stage rules and timers as pure functions.
// The server enforces them on every step; the console shows the same timers. Numbers are defaults
// a county may change (pass another `rules`).
import { addMonths, addYears, ageOn, type IsoDate, workingDays } from './calendar.ts';
import type { PipelineStage } from './member.ts';

/** Default numbers of the development procedure. */
export const PIPELINE_RULES = {
  minAge: 18,
  /** The talk with an applicant is due within this many months of the application. */
  talkWithinMonths: 1,
  /** 入党积极分子 for at least this many years before 发展对象. */
  activistMinYears: 1,
  /** 积极分子 are reviewed every this many months. */
  activistReviewMonths: 6,
  /** 政审 stays valid this many years. */
  politicalReviewValidYears: 1,
  /** 公示 lasts at least this many working days (Mon–Fri). */
  publicityMinWorkingDays: 5,
  /** 党委 approval is due within this many months of the 支部大会… */
  approvalMonths: 3,
  /** …and never later than this (beyond it the procedure restarts). */
  approvalMaxMonths: 6,
  /** 预备期. */
  probationYears: 1,
  /** The 预备期 may be extended once by at most this many years. */
  maxExtensionYears: 1,
};
export type PipelineRules = typeof PIPELINE_RULES;

/** The dates an applicant carries (null = not yet). */
export type ApplicantDates = {
  stage: PipelineStage;
  appliedOn: IsoDate;
  talkedOn: IsoDate | null;
  activistOn: IsoDate | null;
  candidateOn: IsoDate | null;
  trainingDoneOn: IsoDate | null;
  politicalReviewOn: IsoDate | null;
  publicityStart: IsoDate | null;
  publicityEnd: IsoDate | null;
  admittedOn: IsoDate | null;
  approvedOn: IsoDate | null;
  probationExtendedTo: IsoDate | null;
  confirmedOn: IsoDate | null;
};

/** The stage that follows each stage. */
export const NEXT_STAGE: Partial<Record<PipelineStage, PipelineStage>> = { applicant: 'activist', activist: 'candidate', candidate: 'probationary', probationary: 'full' };

/** Stages still in progress (shown on the board by default). */
export const OPEN_STAGES: readonly PipelineStage[] = ['applicant', 'activist', 'candidate', 'probationary'];

// ---------------------------------------------------------------------------------------- timers

export const TIMER_CODES = ['TALK_DUE', 'ACTIVIST_REVIEW', 'CANDIDATE_ELIGIBLE', 'APPROVAL_DUE', 'APPROVAL_EXPIRED', 'CONFIRMATION_DUE'] as const;
export type TimerCode = (typeof TIMER_CODES)[number];

/** Something due on a date; `overdue` once the date has passed (eligibility dates are never overdue). */
export type Timer = { code: TimerCode; dueOn: IsoDate; overdue: boolean };

/** The end of the 预备期: the extension date, or admission + 1 year. */
export const probationEndsOn = (a: Pick<ApplicantDates, 'admittedOn' | 'probationExtendedTo'>, rules: PipelineRules = PIPELINE_RULES): IsoDate | null =>
  a.probationExtendedTo ?? (a.admittedOn ? addYears(a.admittedOn, rules.probationYears) : null);

/** The timers of an applicant today. */
export function pipelineTimers(a: ApplicantDates, today: IsoDate, rules: PipelineRules = PIPELINE_RULES): Timer[] {
  const out: Timer[] = [];
  const due = (code: TimerCode, dueOn: IsoDate, canBeOverdue = true) => out.push({ code, dueOn, overdue: canBeOverdue && today > dueOn });
  switch (a.stage) {
    case 'applicant':
      if (!a.talkedOn) due('TALK_DUE', addMonths(a.appliedOn, rules.talkWithinMonths));
      break;
    case 'activist':
      if (a.activistOn) {
        let k = 1;
        while (addMonths(a.activistOn, rules.activistReviewMonths * k) < today) k++;
        due('ACTIVIST_REVIEW', addMonths(a.activistOn, rules.activistReviewMonths * k), false);
        due('CANDIDATE_ELIGIBLE', addYears(a.activistOn, rules.activistMinYears), false);
      }
      break;
    case 'candidate':
      if (a.admittedOn && !a.approvedOn) {
        const soft = addMonths(a.admittedOn, rules.approvalMonths);
        const hard = addMonths(a.admittedOn, rules.approvalMaxMonths);
        if (today <= hard) due('APPROVAL_DUE', soft);
        if (today > soft) due('APPROVAL_EXPIRED', hard);
      }
      break;
    case 'probationary': {
      const end = probationEndsOn(a, rules);
      if (end) due('CONFIRMATION_DUE', end);
      break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------- checks

/** A refusal: a stable error code, 400 (missing/invalid input) or 409 (the rules forbid it), the field and numbers. */
export type RuleProblem = { code: string; status: 400 | 409; field?: string; params?: Record<string, string | number> };
/** A recorded, non-blocking remark (e.g. the talk came late). */
export type RuleNote = { code: 'TALK_LATE' | 'APPROVAL_LATE'; params: Record<string, string | number> };
/** The outcome of a check: the fields to write and the notes, or the problem. */
export type RuleResult = { ok: true; patch: Partial<ApplicantDates>; notes: RuleNote[] } | { ok: false; problem: RuleProblem };

const fail = (code: string, status: 400 | 409, field?: string, params?: Record<string, string | number>): RuleResult => ({ ok: false, problem: { code, status, field, params } });

/** An application: ≥ 18 years old on the day of the application, which is not in the future. */
export function checkApplication(birthDate: IsoDate, appliedOn: IsoDate, today: IsoDate, rules: PipelineRules = PIPELINE_RULES): RuleProblem | null {
  if (appliedOn > today) return { code: 'DATE_IN_FUTURE', status: 400, field: 'appliedOn' };
  const age = ageOn(birthDate, appliedOn);
  if (age < rules.minAge) return { code: 'PIPELINE_UNDERAGE', status: 409, field: 'idNumber', params: { age, min: rules.minAge } };
  return null;
}

/** Dates that can be recorded before the step that needs them. */
export type RecordInput = Partial<Pick<ApplicantDates, 'talkedOn' | 'trainingDoneOn' | 'politicalReviewOn' | 'publicityStart' | 'publicityEnd' | 'admittedOn'>>;

function checkDates(a: ApplicantDates, input: Record<string, IsoDate | null | undefined>, today: IsoDate): RuleResult | null {
  for (const [field, v] of Object.entries(input)) {
    if (!v) continue;
    if (v > today) return fail('DATE_IN_FUTURE', 400, field);
    if (v < a.appliedOn) return fail('PIPELINE_DATE_ORDER', 400, field, { after: a.appliedOn });
  }
  return null;
}

const talkNote = (appliedOn: IsoDate, talkedOn: IsoDate, rules: PipelineRules): RuleNote[] => {
  const dueOn = addMonths(appliedOn, rules.talkWithinMonths);
  return talkedOn > dueOn ? [{ code: 'TALK_LATE', params: { dueOn, talkedOn } }] : [];
};

/** Records dates of the current stage without moving on (the talk, training, 政审, 公示, the 支部大会). */
export function checkRecord(a: ApplicantDates, input: RecordInput, today: IsoDate, rules: PipelineRules = PIPELINE_RULES): RuleResult {
  if (a.stage === 'closed') return fail('PIPELINE_CLOSED', 409);
  if (a.stage === 'probationary' || a.stage === 'full') return fail('PIPELINE_STAGE_ORDER', 409, undefined, { stage: a.stage, to: a.stage });
  const bad = checkDates(a, input, today);
  if (bad) return bad;
  if (input.admittedOn && a.stage !== 'candidate') return fail('PIPELINE_STAGE_ORDER', 409, 'admittedOn', { stage: a.stage, to: 'probationary' });
  const start = input.publicityStart ?? a.publicityStart;
  const end = input.publicityEnd ?? a.publicityEnd;
  if (start && end && end < start) return fail('PIPELINE_DATE_ORDER', 400, 'publicityEnd', { after: start });
  const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v)) as Partial<ApplicantDates>;
  const notes = input.talkedOn ? talkNote(a.appliedOn, input.talkedOn, rules) : [];
  return { ok: true, patch, notes };
}

/** A step to the next stage with its date (and the dates the step needs, if not recorded yet). */
export type AdvanceInput = RecordInput & { to: PipelineStage; date: IsoDate; approvedOn?: IsoDate | null };

/**
 * The rules of one step (DOMAIN §2): applicant → activist needs the talk (late is recorded, not
 * refused); activist → candidate needs ≥ 1 year as activist, training, a valid 政审 and ≥ 5 working
 * days of 公示; candidate → probationary is the 支部大会 (date) approved by the 党委 within 3 months
 * (up to 6; later the procedure restarts); probationary → full after the 预备期.
 */
export function checkAdvance(a: ApplicantDates, input: AdvanceInput, today: IsoDate, rules: PipelineRules = PIPELINE_RULES): RuleResult {
  if (a.stage === 'closed') return fail('PIPELINE_CLOSED', 409);
  if (NEXT_STAGE[a.stage] !== input.to) return fail('PIPELINE_STAGE_ORDER', 409, 'to', { stage: a.stage, to: input.to });
  const { to, date, approvedOn, ...rec } = input;
  const bad = checkDates(a, { ...rec, date, approvedOn }, today);
  if (bad) return bad;
  const m = { ...a, ...Object.fromEntries(Object.entries(rec).filter(([, v]) => v)) } as ApplicantDates;
  const patch: Partial<ApplicantDates> = { ...rec, stage: to };
  const notes: RuleNote[] = [];
  switch (to) {
    case 'activist': {
      if (!m.talkedOn) return fail('PIPELINE_TALK_MISSING', 400, 'talkedOn');
      if (date < m.talkedOn) return fail('PIPELINE_DATE_ORDER', 400, 'date', { after: m.talkedOn });
      notes.push(...talkNote(a.appliedOn, m.talkedOn, rules));
      patch.activistOn = date;
      break;
    }
    case 'candidate': {
      const earliest = addYears(m.activistOn!, rules.activistMinYears);
      if (date < earliest) return fail('PIPELINE_TOO_EARLY', 409, 'date', { earliest });
      if (!m.trainingDoneOn) return fail('PIPELINE_TRAINING_MISSING', 400, 'trainingDoneOn');
      if (m.trainingDoneOn > date) return fail('PIPELINE_DATE_ORDER', 400, 'trainingDoneOn', { before: date });
      if (!m.politicalReviewOn) return fail('PIPELINE_REVIEW_MISSING', 400, 'politicalReviewOn');
      if (m.politicalReviewOn > date) return fail('PIPELINE_DATE_ORDER', 400, 'politicalReviewOn', { before: date });
      const validUntil = addYears(m.politicalReviewOn, rules.politicalReviewValidYears);
      if (date > validUntil) return fail('PIPELINE_REVIEW_EXPIRED', 409, 'politicalReviewOn', { reviewedOn: m.politicalReviewOn, validUntil });
      if (!m.publicityStart || !m.publicityEnd) return fail('PIPELINE_PUBLICITY_MISSING', 400, m.publicityStart ? 'publicityEnd' : 'publicityStart');
      if (m.publicityEnd < m.publicityStart) return fail('PIPELINE_DATE_ORDER', 400, 'publicityEnd', { after: m.publicityStart });
      if (m.publicityEnd > date) return fail('PIPELINE_DATE_ORDER', 400, 'publicityEnd', { before: date });
      const days = workingDays(m.publicityStart, m.publicityEnd);
      if (days < rules.publicityMinWorkingDays) return fail('PIPELINE_PUBLICITY_SHORT', 409, 'publicityEnd', { days, min: rules.publicityMinWorkingDays });
      patch.candidateOn = date;
      break;
    }
    case 'probationary': {
      if (date < m.candidateOn!) return fail('PIPELINE_DATE_ORDER', 400, 'date', { after: m.candidateOn! });
      if (m.politicalReviewOn) {
        const validUntil = addYears(m.politicalReviewOn, rules.politicalReviewValidYears);
        if (date > validUntil) return fail('PIPELINE_REVIEW_EXPIRED', 409, 'politicalReviewOn', { reviewedOn: m.politicalReviewOn, validUntil });
      }
      if (!approvedOn) return fail('PIPELINE_APPROVAL_MISSING', 400, 'approvedOn');
      if (approvedOn < date) return fail('PIPELINE_DATE_ORDER', 400, 'approvedOn', { after: date });
      const deadline = addMonths(date, rules.approvalMaxMonths);
      if (approvedOn > deadline) return fail('PIPELINE_APPROVAL_EXPIRED', 409, 'approvedOn', { admittedOn: date, deadline });
      const dueOn = addMonths(date, rules.approvalMonths);
      if (approvedOn > dueOn) notes.push({ code: 'APPROVAL_LATE', params: { dueOn, approvedOn } });
      patch.admittedOn = date;
      patch.approvedOn = approvedOn;
      break;
    }
    case 'full': {
      const earliest = probationEndsOn(m, rules)!;
      if (date < earliest) return fail('PIPELINE_PROBATION_NOT_OVER', 409, 'date', { earliest });
      patch.confirmedOn = date;
      break;
    }
  }
  return { ok: true, patch, notes };
}

/** Extends the 预备期 once, to a date after its normal end and at most 1 year beyond it. */
export function checkExtension(a: ApplicantDates, to: IsoDate, rules: PipelineRules = PIPELINE_RULES): RuleResult {
  if (a.stage !== 'probationary') return fail('PIPELINE_STAGE_ORDER', 409, undefined, { stage: a.stage, to: 'probationary' });
  if (a.probationExtendedTo) return fail('PIPELINE_EXTENDED_ALREADY', 409);
  const normalEnd = addYears(a.admittedOn!, rules.probationYears);
  const max = addYears(normalEnd, rules.maxExtensionYears);
  if (to <= normalEnd || to > max) return fail('PIPELINE_EXTENSION_INVALID', 409, 'to', { min: normalEnd, max });
  return { ok: true, patch: { probationExtendedTo: to }, notes: [] };
}
