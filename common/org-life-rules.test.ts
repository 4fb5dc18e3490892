import { describe, expect, it } from 'vitest';
import { type CheckFacts, DEFAULT_RULES, type OrgFacts, binds, judge, periodLabelZh, periodOf, periodRange, reasonZh, rulePeriodsIn, worstOf } from './org-life-rules.ts';

const rule = (code: string) => {
  const r = DEFAULT_RULES.find((x) => x.code === code);
  if (!r) throw new Error(code);
  return r;
};
const facts = (held: number, qualifying = held): CheckFacts => ({ held, qualifying });

describe('periods', () => {
  it('knows the days of months, quarters, halves and years (leap February included)', () => {
    expect(periodRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodRange('2026-Q3')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(periodRange('2026-H1')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(periodRange('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodOf('quarter', '2026-10-05')).toBe('2026-Q4');
    expect(periodOf('half', '2026-06-30')).toBe('2026-H1');
  });
  it('lists the rule periods to judge in a selection: the months of a quarter, the quarter of a month', () => {
    expect(rulePeriodsIn('month', '2026-Q3')).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(rulePeriodsIn('quarter', '2026-08')).toEqual(['2026-Q3']);
    expect(rulePeriodsIn('quarter', '2026')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(rulePeriodsIn('year', '2026-Q2')).toEqual(['2026']);
  });
  it('names periods the way a 通报 does', () => {
    expect(periodLabelZh('2024-Q3')).toBe('2024年第三季度');
    expect(periodLabelZh('2026-09')).toBe('2026年9月');
    expect(periodLabelZh('2026-H2')).toBe('2026年下半年');
  });
});

describe('judge', () => {
  const assembly = rule('branch_assembly');
  it('is green once enough qualifying activities were held, whatever the day', () => {
    expect(judge(assembly, '2024-Q3', facts(1), '2024-07-02')).toMatchObject({ status: 'green', reason: 'met' });
  });
  it('turns red the day after the period end plus the grace days, naming the missing meeting', () => {
    const inGrace = judge(assembly, '2024-Q3', facts(0), '2024-10-05');
    expect(inGrace).toMatchObject({ status: 'amber', reason: 'in_grace', deadline: '2024-10-05' });
    const red = judge(assembly, '2024-Q3', facts(0), '2024-10-06');
    expect(red).toMatchObject({ status: 'red', reason: 'none_held', shortfall: 'none_held' });
    expect(reasonZh(red, assembly)).toBe('2024年第三季度 无支部党员大会');
  });
  it('does not count an assembly where no more than half attended', () => {
    const c = judge(assembly, '2024-Q3', facts(1, 0), '2024-11-01');
    expect(c).toMatchObject({ status: 'red', reason: 'below_threshold' });
    expect(reasonZh(c, assembly)).toBe('2024年第三季度 支部党员大会到会率均未超过50%');
  });
  it('is amber in the last week of the period and pending before it', () => {
    const committee = rule('committee');
    expect(judge(committee, '2026-09', facts(0), '2026-09-23')).toMatchObject({ status: 'pending', reason: 'in_progress' });
    expect(judge(committee, '2026-09', facts(0), '2026-09-24')).toMatchObject({ status: 'amber', reason: 'due_soon' });
  });
  it('counts too few when the minimum is above one', () => {
    const twice = { ...rule('party_lecture'), minCount: 2 };
    const c = judge(twice, '2026-Q1', facts(1), '2026-06-01');
    expect(c).toMatchObject({ status: 'red', reason: 'too_few' });
    expect(reasonZh(c, twice)).toBe('2026年第一季度 党课仅1次，应不少于2次');
  });
  it('colours an organization by its worst check; pending is not a fault', () => {
    expect(worstOf([])).toBeNull();
    expect(worstOf([{ status: 'pending' }])).toBe('green');
    expect(worstOf([{ status: 'green' }, { status: 'amber' }, { status: 'pending' }])).toBe('amber');
    expect(worstOf([{ status: 'amber' }, { status: 'red' }])).toBe('red');
  });
});

describe('binds', () => {
  const branch: OrgFacts = { level: 'branch', category: 'rural', ownMembers: 12, unitMembers: 12, committee: 3, since: '2000-01-01', until: null };
  it('binds a branch with a committee to the 支委会, one with only a secretary not', () => {
    expect(binds(rule('committee'), branch, '2026-09')).toBe(true);
    expect(binds(rule('committee'), { ...branch, committee: 1 }, '2026-09')).toBe(false);
  });
  it('binds a 党总支 to 支部 meetings only when it has members of its own unit', () => {
    const total = { ...branch, level: 'general_branch', ownMembers: 0, unitMembers: 0 };
    expect(binds(rule('branch_assembly'), total, '2026-Q3')).toBe(false);
    expect(binds(rule('branch_assembly'), { ...total, unitMembers: 40 }, '2026-Q3')).toBe(true);
    expect(binds(rule('theme_day'), { ...total, unitMembers: 40 }, '2026-09')).toBe(false);
  });
  it('does not bind before an organization existed or after it was dissolved, nor outside its categories', () => {
    expect(binds(rule('theme_day'), { ...branch, since: '2026-09-10' }, '2026-09')).toBe(false);
    expect(binds(rule('theme_day'), { ...branch, since: '2026-09-10' }, '2026-10')).toBe(true);
    expect(binds(rule('theme_day'), { ...branch, until: '2026-09-20' }, '2026-09')).toBe(false);
    expect(binds({ ...rule('theme_day'), categories: ['community'] }, branch, '2026-09')).toBe(false);
    expect(binds({ ...rule('theme_day'), enabled: false }, branch, '2026-09')).toBe(false);
  });
});
