import { describe, expect, it } from 'vitest';
import { type ApplicantDates, PIPELINE_RULES, checkAdvance, checkApplication, checkExtension, checkRecord, pipelineTimers } from './pipeline-rules.ts';

const fresh: ApplicantDates = {
  stage: 'applicant', appliedOn: '2025-01-10', talkedOn: null, activistOn: null, candidateOn: null, trainingDoneOn: null, politicalReviewOn: null,
  publicityStart: null, publicityEnd: null, admittedOn: null, approvedOn: null, probationExtendedTo: null, confirmedOn: null,
};
const activist: ApplicantDates = { ...fresh, stage: 'activist', talkedOn: '2025-01-20', activistOn: '2025-03-01' };
const candidate: ApplicantDates = {
  ...activist, stage: 'candidate', candidateOn: '2026-03-02', trainingDoneOn: '2026-02-20', politicalReviewOn: '2026-02-25', publicityStart: '2026-02-23', publicityEnd: '2026-02-27',
};
const probationary: ApplicantDates = { ...candidate, stage: 'probationary', admittedOn: '2026-04-01', approvedOn: '2026-05-10' };
const problem = (r: ReturnType<typeof checkAdvance>) => (r.ok ? null : r.problem.code);

describe('application', () => {
  it('refuses an applicant under 18 on the day of the application', () => {
    expect(checkApplication('2008-06-16', '2026-06-15', '2026-06-20')).toEqual({ code: 'PIPELINE_UNDERAGE', status: 409, field: 'idNumber', params: { age: 17, min: 18 } });
    expect(checkApplication('2008-06-15', '2026-06-15', '2026-06-20')).toBeNull();
    expect(checkApplication('1990-01-01', '2026-06-21', '2026-06-20')?.code).toBe('DATE_IN_FUTURE');
  });
});

describe('timers', () => {
  it('the talk is due one month after the application', () => {
    expect(pipelineTimers(fresh, '2025-02-10')).toEqual([{ code: 'TALK_DUE', dueOn: '2025-02-10', overdue: false }]);
    expect(pipelineTimers(fresh, '2025-02-11')).toEqual([{ code: 'TALK_DUE', dueOn: '2025-02-10', overdue: true }]);
    expect(pipelineTimers({ ...fresh, talkedOn: '2025-01-15' }, '2025-03-01')).toEqual([]);
  });

  it('activists are reviewed every 6 months and become eligible after a year', () => {
    expect(pipelineTimers(activist, '2025-06-01')).toEqual([
      { code: 'ACTIVIST_REVIEW', dueOn: '2025-09-01', overdue: false },
      { code: 'CANDIDATE_ELIGIBLE', dueOn: '2026-03-01', overdue: false },
    ]);
    expect(pipelineTimers(activist, '2025-09-02')[0]).toEqual({ code: 'ACTIVIST_REVIEW', dueOn: '2026-03-01', overdue: false });
  });

  it('approval is due 3 months after the 支部大会 and expires after 6', () => {
    const admitted = { ...candidate, admittedOn: '2026-01-15' };
    expect(pipelineTimers(candidate, '2026-04-01')).toEqual([]);
    expect(pipelineTimers(admitted, '2026-03-01')).toEqual([{ code: 'APPROVAL_DUE', dueOn: '2026-04-15', overdue: false }]);
    expect(pipelineTimers(admitted, '2026-05-01')).toEqual([
      { code: 'APPROVAL_DUE', dueOn: '2026-04-15', overdue: true },
      { code: 'APPROVAL_EXPIRED', dueOn: '2026-07-15', overdue: false },
    ]);
    expect(pipelineTimers(admitted, '2026-07-16')).toEqual([{ code: 'APPROVAL_EXPIRED', dueOn: '2026-07-15', overdue: true }]);
  });

  it('转正 is due a year after admission, or at the end of the extension', () => {
    expect(pipelineTimers(probationary, '2027-04-01')).toEqual([{ code: 'CONFIRMATION_DUE', dueOn: '2027-04-01', overdue: false }]);
    expect(pipelineTimers(probationary, '2027-04-02')[0].overdue).toBe(true);
    expect(pipelineTimers({ ...probationary, probationExtendedTo: '2027-10-01' }, '2027-05-01')).toEqual([{ code: 'CONFIRMATION_DUE', dueOn: '2027-10-01', overdue: false }]);
    expect(pipelineTimers({ ...probationary, stage: 'full', confirmedOn: '2027-04-02' }, '2027-05-01')).toEqual([]);
  });
});

describe('steps', () => {
  it('moves one stage at a time and never from a closed record', () => {
    expect(problem(checkAdvance(fresh, { to: 'candidate', date: '2025-03-01' }, '2026-06-15'))).toBe('PIPELINE_STAGE_ORDER');
    expect(problem(checkAdvance({ ...fresh, stage: 'closed' }, { to: 'activist', date: '2025-03-01' }, '2026-06-15'))).toBe('PIPELINE_CLOSED');
    expect(problem(checkAdvance(fresh, { to: 'activist', date: '2026-07-01', talkedOn: '2025-01-20' }, '2026-06-15'))).toBe('DATE_IN_FUTURE');
  });

  it('an activist needs the talk; a late talk is recorded, not refused', () => {
    expect(problem(checkAdvance(fresh, { to: 'activist', date: '2025-03-01' }, '2026-06-15'))).toBe('PIPELINE_TALK_MISSING');
    const ok = checkAdvance(fresh, { to: 'activist', date: '2025-03-01', talkedOn: '2025-01-20' }, '2026-06-15');
    expect(ok).toEqual({ ok: true, patch: { stage: 'activist', talkedOn: '2025-01-20', activistOn: '2025-03-01' }, notes: [] });
    const late = checkAdvance(fresh, { to: 'activist', date: '2025-04-01', talkedOn: '2025-03-01' }, '2026-06-15');
    expect(late.ok && late.notes).toEqual([{ code: 'TALK_LATE', params: { dueOn: '2025-02-10', talkedOn: '2025-03-01' } }]);
    expect(problem(checkAdvance(fresh, { to: 'activist', date: '2025-01-15', talkedOn: '2025-01-20' }, '2026-06-15'))).toBe('PIPELINE_DATE_ORDER');
  });

  it('a candidate needs a year as activist, training, a valid 政审 and 5 working days of 公示', () => {
    const all = { trainingDoneOn: '2026-02-20', politicalReviewOn: '2026-02-25', publicityStart: '2026-02-23', publicityEnd: '2026-02-27' };
    const at = (date: string, extra = {}) => checkAdvance(activist, { to: 'candidate', date, ...all, ...extra }, '2026-06-15');
    expect(at('2026-02-28', { trainingDoneOn: '2026-02-01', politicalReviewOn: '2026-02-01', publicityStart: '2026-02-02', publicityEnd: '2026-02-06' }).ok).toBe(false);
    expect(!at('2026-02-28').ok && (at('2026-02-28') as { problem: { params: unknown } }).problem.params).toEqual({ earliest: '2026-03-01' });
    expect(problem(at('2026-03-02'))).toBeNull();
    expect(problem(checkAdvance(activist, { to: 'candidate', date: '2026-03-02' }, '2026-06-15'))).toBe('PIPELINE_TRAINING_MISSING');
    expect(problem(at('2026-03-02', { politicalReviewOn: undefined }))).toBe('PIPELINE_REVIEW_MISSING');
    expect(problem(at('2026-03-02', { politicalReviewOn: '2025-03-01' }))).toBe('PIPELINE_REVIEW_EXPIRED');
    expect(problem(at('2026-03-02', { publicityEnd: undefined }))).toBe('PIPELINE_PUBLICITY_MISSING');
    // Thu 02-26 … Tue 03-03 is only 4 working days.
    const short = at('2026-03-04', { publicityStart: '2026-02-26', publicityEnd: '2026-03-03' });
    expect(!short.ok && short.problem).toEqual({ code: 'PIPELINE_PUBLICITY_SHORT', status: 409, field: 'publicityEnd', params: { days: 4, min: 5 } });
    expect(problem(at('2026-03-04', { publicityStart: '2026-02-26', publicityEnd: '2026-03-04' }))).toBeNull();
  });

  it('probationary needs 党委 approval within 3 months (late up to 6 is noted) and refuses beyond 6', () => {
    const adm = (approvedOn?: string) => checkAdvance(candidate, { to: 'probationary', date: '2026-01-15', approvedOn }, '2026-12-31');
    expect(problem(checkAdvance(candidate, { to: 'probationary', date: '2026-04-01' }, '2026-06-15'))).toBe('PIPELINE_APPROVAL_MISSING');
    const c2 = { ...candidate, candidateOn: '2026-01-02', politicalReviewOn: '2025-12-20' };
    const at = (date: string, approvedOn: string) => checkAdvance(c2, { to: 'probationary', date, approvedOn }, '2026-12-31');
    expect(at('2026-01-15', '2026-04-15')).toEqual({ ok: true, patch: { stage: 'probationary', admittedOn: '2026-01-15', approvedOn: '2026-04-15' }, notes: [] });
    expect((at('2026-01-15', '2026-05-20') as { notes: unknown[] }).notes).toEqual([{ code: 'APPROVAL_LATE', params: { dueOn: '2026-04-15', approvedOn: '2026-05-20' } }]);
    const expired = at('2026-01-15', '2026-07-16');
    expect(!expired.ok && expired.problem).toEqual({ code: 'PIPELINE_APPROVAL_EXPIRED', status: 409, field: 'approvedOn', params: { admittedOn: '2026-01-15', deadline: '2026-07-15' } });
    expect(problem(adm('2026-02-01'))).toBe('PIPELINE_DATE_ORDER');
    // A 政审 older than a year at the 支部大会 must be redone.
    expect(problem(checkAdvance(candidate, { to: 'probationary', date: '2027-03-01', approvedOn: '2027-03-10' }, '2027-06-01'))).toBe('PIPELINE_REVIEW_EXPIRED');
  });

  it('转正 after the 预备期; the extension is once and at most a year', () => {
    expect(problem(checkAdvance(probationary, { to: 'full', date: '2027-03-31' }, '2027-06-01'))).toBe('PIPELINE_PROBATION_NOT_OVER');
    expect(checkAdvance(probationary, { to: 'full', date: '2027-04-01' }, '2027-06-01')).toEqual({ ok: true, patch: { stage: 'full', confirmedOn: '2027-04-01' }, notes: [] });
    const ext = { ...probationary, probationExtendedTo: '2027-10-01' };
    expect(problem(checkAdvance(ext, { to: 'full', date: '2027-06-01' }, '2027-06-01'))).toBe('PIPELINE_PROBATION_NOT_OVER');
    expect(checkExtension(probationary, '2027-10-01').ok).toBe(true);
    expect(checkExtension(probationary, '2028-04-01').ok).toBe(true);
    expect(!checkExtension(probationary, '2028-04-02').ok && (checkExtension(probationary, '2028-04-02') as { problem: unknown }).problem).toEqual({
      code: 'PIPELINE_EXTENSION_INVALID', status: 409, field: 'to', params: { min: '2027-04-01', max: '2028-04-01' },
    });
    expect(problem(checkExtension(probationary, '2027-04-01'))).toBe('PIPELINE_EXTENSION_INVALID');
    expect(problem(checkExtension(ext, '2027-12-01'))).toBe('PIPELINE_EXTENDED_ALREADY');
    expect(problem(checkExtension(candidate, '2027-12-01'))).toBe('PIPELINE_STAGE_ORDER');
  });

  it('records dates of the current stage without moving on', () => {
    expect(checkRecord(fresh, { talkedOn: '2025-03-01' }, '2026-06-15')).toEqual({ ok: true, patch: { talkedOn: '2025-03-01' }, notes: [{ code: 'TALK_LATE', params: { dueOn: '2025-02-10', talkedOn: '2025-03-01' } }] });
    expect(problem(checkRecord(fresh, { talkedOn: '2025-01-01' }, '2026-06-15'))).toBe('PIPELINE_DATE_ORDER');
    expect(problem(checkRecord(activist, { admittedOn: '2026-01-01' }, '2026-06-15'))).toBe('PIPELINE_STAGE_ORDER');
    expect(checkRecord(candidate, { admittedOn: '2026-04-01' }, '2026-06-15').ok).toBe(true);
    expect(problem(checkRecord(probationary, { talkedOn: '2025-01-20' }, '2026-06-15'))).toBe('PIPELINE_STAGE_ORDER');
    expect(PIPELINE_RULES.minAge).toBe(18);
  });
});
