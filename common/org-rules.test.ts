import { describe, expect, it } from 'vitest';
import { ORG_RULES, type OrgRuleInput, orgWarnings, termDueOn, termYears } from './org-rules.ts';

const base: OrgRuleInput = {
  level: 'branch',
  category: 'rural',
  counts: { full: 10, probationary: 1, total: 11 },
  committeeSize: 3,
  hasSecretary: true,
  termStart: '2024-03-01',
  today: '2026-06-15',
};
const codes = (i: Partial<OrgRuleInput>, rules = ORG_RULES) => orgWarnings({ ...base, ...i }, rules).map((w) => w.code);

describe('organization size rules (DOMAIN §1)', () => {
  it('a healthy branch has no warnings', () => {
    expect(codes({})).toEqual([]);
  });

  it('a branch over 50 members', () => {
    expect(codes({ counts: { full: 48, probationary: 3, total: 51 } })).toContain('BRANCH_OVER_50');
    expect(codes({ counts: { full: 48, probationary: 2, total: 50 } })).not.toContain('BRANCH_OVER_50');
  });

  it('fewer than 3 正式党员 should be a 联合支部 (probationary members do not count)', () => {
    const w = orgWarnings({ ...base, counts: { full: 2, probationary: 4, total: 6 }, committeeSize: 1 });
    expect(w.map((x) => x.code)).toEqual(['LESS_THAN_3_FULL']);
    expect(w[0].params).toEqual({ full: 2, min: 3 });
    expect(codes({ counts: { full: 3, probationary: 0, total: 3 }, committeeSize: 1 })).toEqual([]);
  });

  it('≥ 7 正式党员 need a committee of 3–7', () => {
    expect(codes({ counts: { full: 7, probationary: 0, total: 7 }, committeeSize: 0 })).toEqual(['FULL_GE_7_NO_COMMITTEE']);
    expect(codes({ counts: { full: 7, probationary: 0, total: 7 }, committeeSize: 1 })).toEqual(['FULL_GE_7_NO_COMMITTEE']);
    expect(codes({ counts: { full: 9, probationary: 0, total: 9 }, committeeSize: 2 })).toEqual(['COMMITTEE_SIZE']);
    expect(codes({ counts: { full: 40, probationary: 0, total: 40 }, committeeSize: 8 })).toEqual(['COMMITTEE_SIZE']);
    expect(codes({ counts: { full: 7, probationary: 0, total: 7 }, committeeSize: 7 })).toEqual([]);
    // Below 7 正式党员 only a 书记 (and a 副书记): a full committee is worth a look, not an error.
    const w = orgWarnings({ ...base, counts: { full: 6, probationary: 0, total: 6 }, committeeSize: 3 });
    expect(w).toEqual([{ code: 'COMMITTEE_NOT_EXPECTED', severity: 'info', params: { full: 6, size: 3, threshold: 7 } }]);
    expect(codes({ counts: { full: 6, probationary: 0, total: 6 }, committeeSize: 2 })).toEqual([]);
  });

  it('a secretary is expected on branches, general branches and committees, not on groups or stations', () => {
    expect(codes({ hasSecretary: false })).toEqual(['NO_SECRETARY']);
    expect(codes({ level: 'party_group', hasSecretary: false, committeeSize: 0, termStart: null })).toEqual([]);
    expect(codes({ level: 'red_station', hasSecretary: false, committeeSize: 0, termStart: null })).toEqual([]);
    expect(codes({ level: 'township_committee', hasSecretary: false, termStart: null })).toEqual(['NO_SECRETARY']);
  });

  it('general branches 50–100 and party committees ≥ 100 count their whole subtree', () => {
    const gb = { level: 'general_branch' as const, counts: { full: 0, probationary: 0, total: 0 }, committeeSize: 5 };
    expect(codes({ ...gb, subtreeTotal: 30 })).toEqual(['GENERAL_BRANCH_SIZE']);
    expect(codes({ ...gb, subtreeTotal: 80 })).toEqual([]);
    expect(orgWarnings({ ...base, ...gb, subtreeTotal: 130 })[0]).toMatchObject({ code: 'GENERAL_BRANCH_SIZE', severity: 'warning', params: { total: 130 } });
    const pc = { level: 'party_committee' as const, counts: { full: 0, probationary: 0, total: 0 }, committeeSize: 7 };
    expect(codes({ ...pc, subtreeTotal: 99 })).toEqual(['PARTY_COMMITTEE_SIZE']);
    expect(codes({ ...pc, subtreeTotal: 100 })).toEqual([]);
  });

  it('换届: rural and community branches every 5 years, other branches and general branches 3, committees 5', () => {
    expect(termYears('branch', 'rural')).toBe(5);
    expect(termYears('branch', 'community')).toBe(5);
    expect(termYears('branch', 'private_enterprise')).toBe(3);
    expect(termYears('branch', null)).toBe(3);
    expect(termYears('general_branch', 'rural')).toBe(3);
    expect(termYears('township_committee', null)).toBe(5);
    expect(termYears('party_committee', 'soe')).toBe(5);
    expect(termYears('party_group', 'rural')).toBeNull();
    expect(termDueOn('branch', 'rural', '2021-06-20')).toBe('2026-06-20');
    expect(termDueOn('branch', 'government', '2023-06-20')).toBe('2026-06-20');
    expect(termDueOn('branch', 'rural', null)).toBeNull();
  });

  it('term overdue is an error, due within 90 days a warning', () => {
    const overdue = orgWarnings({ ...base, category: 'government', termStart: '2023-06-01' });
    expect(overdue).toEqual([{ code: 'TERM_OVERDUE', severity: 'error', params: { dueOn: '2026-06-01', termStart: '2023-06-01', years: 3, days: 14 } }]);
    expect(codes({ category: 'government', termStart: '2023-09-13' })).toEqual(['TERM_DUE_SOON']);
    expect(codes({ category: 'government', termStart: '2023-09-14' })).toEqual([]);
    // The same start is fine for a village branch (5 years).
    expect(codes({ category: 'rural', termStart: '2023-06-01' })).toEqual([]);
    expect(codes({ termStart: '2021-06-15' })).toEqual(['TERM_DUE_SOON']);
    expect(codes({ termStart: '2021-06-14' })).toEqual(['TERM_OVERDUE']);
  });

  it("lists the most serious first and honours a county's own numbers", () => {
    const w = orgWarnings({ ...base, counts: { full: 60, probationary: 0, total: 60 }, committeeSize: 0, hasSecretary: false, termStart: '2020-01-01' });
    expect(w.map((x) => x.severity)).toEqual(['error', 'error', 'warning', 'warning']);
    expect(w.map((x) => x.code).sort()).toEqual(['BRANCH_OVER_50', 'FULL_GE_7_NO_COMMITTEE', 'NO_SECRETARY', 'TERM_OVERDUE']);
    const strict = { ...ORG_RULES, branchMaxMembers: 30 };
    expect(codes({ counts: { full: 31, probationary: 0, total: 31 } }, strict)).toEqual(['BRANCH_OVER_50']);
  });
});

describe('organization health: inactivity and village 下设支部 size', () => {
  const activity = (lastHeldOn: string | null, registeredOn = '2020-01-01') => ({ activity: { lastHeldOn, registeredOn } });

  it('INACTIVE when nothing was held in the last 3 months, counted from the last activity or the registration', () => {
    // today 2026-06-15: the cutoff is 2026-03-15.
    expect(codes(activity('2026-03-15'))).toEqual([]);
    const w = orgWarnings({ ...base, ...activity('2026-03-14') });
    expect(w).toEqual([{ code: 'INACTIVE', severity: 'warning', params: { months: 3, since: '2026-03-14', lastHeldOn: '2026-03-14' } }]);
    // never held: counted from the registration; a newly registered organization is not inactive yet
    expect(orgWarnings({ ...base, ...activity(null) })[0].params).toEqual({ months: 3, since: '2020-01-01', lastHeldOn: '' });
    expect(codes(activity(null, '2026-05-01'))).toEqual([]);
    // without activity figures the check is skipped; levels above the branch are not checked
    expect(codes({})).toEqual([]);
    expect(codes({ level: 'general_branch', counts: { full: 60, probationary: 0, total: 60 }, ...activity(null) })).not.toContain('INACTIVE');
    expect(codes({ level: 'party_group', hasSecretary: false, committeeSize: 0, termStart: null, ...activity(null) })).toEqual(['INACTIVE']);
    expect(codes({ ...activity('2026-01-10') }, { ...ORG_RULES, inactiveMonths: 6 })).toEqual([]);
  });

  it('SUB_BRANCH_SIZE for a village 下设支部 outside 20–25 members only', () => {
    const sub = (total: number, category: 'rural' | 'community' = 'rural') =>
      codes({ level: 'sub_branch', category, counts: { full: total, probationary: 0, total }, committeeSize: 0, hasSecretary: false, termStart: null });
    expect(sub(19)).toEqual(['SUB_BRANCH_SIZE']);
    expect(sub(20)).toEqual([]);
    expect(sub(25)).toEqual([]);
    expect(sub(26)).toEqual(['SUB_BRANCH_SIZE']);
    expect(sub(30, 'community')).toEqual([]);
    const w = orgWarnings({ ...base, level: 'sub_branch', counts: { full: 26, probationary: 2, total: 28 }, committeeSize: 0, termStart: null });
    expect(w).toEqual([{ code: 'SUB_BRANCH_SIZE', severity: 'info', params: { total: 28, min: 20, max: 25 } }]);
  });
});
