import { describe, expect, it } from 'vitest';
import { classifyAttendance, obligationPeriod } from './attendance.ts';

const m = (id: string, excluded = false) => ({ id, excluded });
const set = (...ids: string[]) => new Set(ids);

describe('attendance (DOMAIN §3)', () => {
  it('rate = 实到 / 应到 with 不计到会率 and approved leave outside 应到', () => {
    const { counts, statuses } = classifyAttendance([m('a'), m('b'), m('c', true), m('d'), m('e')], set('a', 'b'), set(), set('d'));
    expect(counts).toMatchObject({ expected: 3, present: 2, leave: 1, excluded: 1, absent: 1, guests: 0 });
    expect(counts.rate).toBeCloseTo(2 / 3);
    expect(statuses.get('c')).toBe('excluded');
    expect(statuses.get('d')).toBe('leave');
    expect(statuses.get('e')).toBe('absent');
  });

  it('a guest check-in at another organization satisfies the home obligation of the same period', () => {
    const { counts, statuses } = classifyAttendance([m('a'), m('b')], set('a'), set('b'), set());
    expect(statuses.get('b')).toBe('elsewhere');
    expect(counts).toMatchObject({ expected: 2, present: 2, elsewhere: 1, absent: 0 });
    expect(counts.rate).toBe(1);
  });

  it('someone excluded or on leave who came anyway is present and expected', () => {
    const { counts } = classifyAttendance([m('a', true), m('b')], set('a', 'b'), set(), set('b'));
    expect(counts).toMatchObject({ expected: 2, present: 2, leave: 0, excluded: 0 });
  });

  it('check-ins of people not obliged here are guests, outside the rate', () => {
    const { counts, statuses } = classifyAttendance([m('a'), m('b')], set('a', 'x', 'y'), set(), set());
    expect(counts).toMatchObject({ expected: 2, present: 1, guests: 2 });
    expect(counts.rate).toBe(0.5);
    expect(statuses.get('x')).toBe('guest');
  });

  it('nobody expected gives no rate rather than 0 % or 100 %', () => {
    expect(classifyAttendance([m('a', true)], set(), set(), set()).counts.rate).toBeNull();
  });
});

describe('obligation periods in Asia/Shanghai', () => {
  it('a theme day counts for its calendar month, a branch assembly for its quarter, a life meeting for its year', () => {
    // 2026-03-31 20:00 UTC is already 1 April in Shanghai.
    const at = new Date('2026-03-31T20:00:00Z');
    expect(obligationPeriod('theme_day', at)).toEqual({ from: new Date('2026-03-31T16:00:00Z'), to: new Date('2026-04-30T16:00:00Z') });
    expect(obligationPeriod('branch_assembly', at)).toEqual({ from: new Date('2026-03-31T16:00:00Z'), to: new Date('2026-06-30T16:00:00Z') });
    expect(obligationPeriod('life_meeting', at)).toEqual({ from: new Date('2025-12-31T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') });
    expect(obligationPeriod('volunteer', at)).toBeNull();
  });
});
