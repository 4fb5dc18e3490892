import { describe, expect, it } from 'vitest';
import { type PlanOrgFacts, missingSlots, planKind, requiredCounts, requiredSlots, themeDayFormula } from './plan-rules.ts';

const rural: PlanOrgFacts = { level: 'branch', category: 'rural', themeDay: 15, hasGroups: false, lecturesPerYear: 4 };
const dates = (facts: PlanOrgFacts, type: string, year = 2026) => requiredSlots(facts, year).filter((s) => s.type === type).map((s) => s.plannedOn);

describe('yearly plan of a branch (DOMAIN §3)', () => {
  it('a rural branch without 党小组: 12 主题党日, 4 党员大会, 12 支委会, 4 党课, one 组织生活会 and one 民主评议, no 党小组会', () => {
    expect(requiredCounts(rural, 2026)).toEqual({ theme_day: 12, branch_assembly: 4, committee: 12, party_lecture: 4, life_meeting: 1, evaluation: 1 });
    expect(requiredSlots(rural, 2026)).toHaveLength(34);
  });

  it('a rural branch with 党小组 adds 12 党小组会', () => {
    expect(requiredCounts({ ...rural, hasGroups: true }, 2026)).toEqual({
      theme_day: 12, branch_assembly: 4, committee: 12, group_meeting: 12, party_lecture: 4, life_meeting: 1, evaluation: 1,
    });
  });

  it('puts every 主题党日 on the fixed day, weekends included', () => {
    const days = dates(rural, 'theme_day');
    expect(days).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-15`));
    // 2026-02-15 and 2026-03-15 are Sundays: kept.
    expect(new Date('2026-03-15T00:00:00Z').getUTCDay()).toBe(0);
    expect(dates({ ...rural, themeDay: 28 }, 'theme_day', 2027)[1]).toBe('2027-02-28');
  });

  it('titles the 主题党日 with its checklist: 5+X in villages and communities, 4+X elsewhere', () => {
    expect(requiredSlots(rural, 2026).find((s) => s.type === 'theme_day')?.title).toBe('1月主题党日（5+X）');
    expect(requiredSlots({ ...rural, category: 'government' }, 2026).find((s) => s.type === 'theme_day')?.title).toBe('1月主题党日（4+X）');
    expect(themeDayFormula('community')).toBe('5+X');
    expect(themeDayFormula('private_enterprise')).toBe('4+X');
    expect(themeDayFormula(null)).toBeNull();
  });

  it('holds the 党员大会 with the 主题党日 of each quarter’s last month and the 党课 in the middle month', () => {
    expect(dates(rural, 'branch_assembly')).toEqual(['2026-03-15', '2026-06-15', '2026-09-15', '2026-12-15']);
    expect(dates(rural, 'party_lecture')).toEqual(['2026-02-15', '2026-05-15', '2026-08-15', '2026-11-15']);
    expect(requiredSlots(rural, 2026).filter((s) => s.type === 'party_lecture').map((s) => s.title)).toEqual(['第一季度党课', '第二季度党课', '第三季度党课', '第四季度党课']);
  });

  it('follows the county’s 党课 frequency', () => {
    expect(dates({ ...rural, lecturesPerYear: 1 }, 'party_lecture')).toEqual(['2026-07-15']);
    expect(dates({ ...rural, lecturesPerYear: 2 }, 'party_lecture')).toEqual(['2026-04-15', '2026-10-15']);
    expect(dates({ ...rural, lecturesPerYear: 12 }, 'party_lecture')).toHaveLength(12);
  });

  it('puts the 支委会 5 days before the 主题党日 (not before the 1st) and the 党小组会 5 days after (not past the month)', () => {
    expect(dates(rural, 'committee')[0]).toBe('2026-01-10');
    expect(dates({ ...rural, themeDay: 3 }, 'committee')[0]).toBe('2026-01-01');
    expect(dates({ ...rural, hasGroups: true, themeDay: 26 }, 'group_meeting')[1]).toBe('2026-02-28');
  });

  it('holds the 组织生活会 and 民主评议 together in December', () => {
    expect(dates(rural, 'life_meeting')).toEqual(['2026-12-25']);
    expect(dates(rural, 'evaluation')).toEqual(['2026-12-25']);
  });

  it('a 党小组 plans only its monthly 党小组会; committees and 红色驿站 have no plan', () => {
    expect(requiredCounts({ ...rural, level: 'party_group', hasGroups: false }, 2026)).toEqual({ group_meeting: 12 });
    expect(planKind('general_branch')).toBe('branch');
    expect(planKind('sub_branch')).toBe('branch');
    expect(requiredSlots({ ...rural, level: 'township_committee' }, 2026)).toEqual([]);
    expect(requiredSlots({ ...rural, level: 'red_station' }, 2026)).toEqual([]);
  });
});

describe('regenerating a plan', () => {
  it('adds nothing to a complete plan, so generating twice is idempotent', () => {
    const all = requiredSlots(rural, 2026);
    expect(missingSlots(rural, 2026, [])).toEqual(all);
    expect(missingSlots(rural, 2026, all)).toEqual([]);
  });

  it('a moved item still covers its period; a deleted one or one moved out of its period is missing again', () => {
    const all = requiredSlots(rural, 2026);
    const moved = all.map((s) => (s.type === 'theme_day' && s.plannedOn === '2026-05-15' ? { ...s, plannedOn: '2026-05-20' } : s));
    expect(missingSlots(rural, 2026, moved)).toEqual([]);
    const withoutMarch = all.filter((s) => !(s.type === 'theme_day' && s.plannedOn === '2026-03-15'));
    expect(missingSlots(rural, 2026, withoutMarch).map((s) => `${s.type} ${s.plannedOn}`)).toEqual(['theme_day 2026-03-15']);
    // Two 党课 in Q1 and none in Q2: Q2 is still missing.
    const lectures = all.map((s) => (s.type === 'party_lecture' && s.plannedOn === '2026-05-15' ? { ...s, plannedOn: '2026-03-01' } : s));
    expect(missingSlots(rural, 2026, lectures).map((s) => `${s.type} ${s.plannedOn}`)).toEqual(['party_lecture 2026-05-15']);
  });

  it('items of other types cover nothing', () => {
    const missing = missingSlots(rural, 2026, [{ type: 'other', plannedOn: '2026-01-15' }, { type: 'volunteer', plannedOn: '2026-01-15' }]);
    expect(missing).toHaveLength(34);
  });
});
