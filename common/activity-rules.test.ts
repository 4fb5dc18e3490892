import { describe, expect, it } from 'vitest';
import { THEME_DAY_DEFAULT_ITEMS, assemblyQuorum, decisionOutcome, decisionPassed, themeDayFixedItems, themeDayKind } from './activity-rules.ts';

describe('主题党日 checklist (DOMAIN §3)', () => {
  it('is 5+X for villages and communities, 4+X for everyone else', () => {
    expect(themeDayKind('rural')).toBe('5+X');
    expect(themeDayKind('community')).toBe('5+X');
    for (const c of ['government', 'institution', 'soe', 'private_enterprise', 'social_org', null]) expect(themeDayKind(c)).toBe('4+X');
  });

  it('ships the five fixed items for 5+X and the first four for 4+X', () => {
    expect(themeDayFixedItems('rural')).toEqual(['重温入党誓词', '诵读党章', '交纳党费', '理论学习', '政治生日']);
    expect(themeDayFixedItems('soe')).toEqual(THEME_DAY_DEFAULT_ITEMS.slice(0, 4));
  });

  it('uses the county’s configured list of a category instead of the defaults', () => {
    expect(themeDayFixedItems('rural', ['重温入党誓词', '学习党章', '志愿服务'])).toEqual(['重温入党誓词', '学习党章', '志愿服务']);
  });
});

describe('decisions (重大事项决策)', () => {
  it('a 支部党员大会 needs more than half of its voting members present', () => {
    expect(assemblyQuorum(5, 10)).toMatchObject({ required: 6, met: false });
    expect(assemblyQuorum(6, 10)).toMatchObject({ required: 6, met: true });
    expect(assemblyQuorum(5, 9)).toMatchObject({ required: 5, met: true });
    expect(assemblyQuorum(0, 0).met).toBe(false);
  });

  it('at a 支部党员大会 a decision needs the assent of more than half of all voting members', () => {
    // 7 present of 12; 6 for, 1 against: a majority of those present, but not of the 12.
    expect(decisionPassed({ votesFor: 6, votesAgainst: 1, votesAbstain: 0 }, { votingMembers: 12 })).toBe(false);
    expect(decisionPassed({ votesFor: 7, votesAgainst: 0, votesAbstain: 0 }, { votingMembers: 12 })).toBe(true);
  });

  it('elsewhere a decision passes with more than half of the votes cast, abstentions included', () => {
    expect(decisionPassed({ votesFor: 3, votesAgainst: 2, votesAbstain: 0 }, null)).toBe(true);
    expect(decisionPassed({ votesFor: 3, votesAgainst: 1, votesAbstain: 2 }, null)).toBe(false);
    expect(decisionPassed({ votesFor: 0, votesAgainst: 0, votesAbstain: 0 }, null)).toBe(false);
  });

  it('a decision of a 支部党员大会 without its quorum is invalid and does not pass, whatever the votes', () => {
    const q = assemblyQuorum(4, 10);
    expect(decisionOutcome({ votesFor: 4, votesAgainst: 0, votesAbstain: 0 }, q)).toEqual({ passed: false, valid: false });
    expect(decisionOutcome({ votesFor: 6, votesAgainst: 0, votesAbstain: 0 }, assemblyQuorum(7, 10))).toEqual({ passed: true, valid: true });
    expect(decisionOutcome({ votesFor: 2, votesAgainst: 1, votesAbstain: 0 }, null)).toEqual({ passed: true, valid: true });
  });
});
