import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, ageOn, daysBetween, isIsoDate, maxDate, todayIn, workingDays } from './calendar.ts';

describe('calendar dates', () => {
  it('checks real dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-9')).toBe(false);
  });

  it('adds months the way a "1 month" deadline is read, clamping to the month end', () => {
    expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-10', -13)).toBe('2024-12-10');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2021-06-01', 5)).toBe('2026-06-01');
  });

  it('counts days and working days (Mon–Fri, both ends included)', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    // 2026-06-01 is a Monday.
    expect(workingDays('2026-06-01', '2026-06-05')).toBe(5);
    expect(workingDays('2026-06-03', '2026-06-09')).toBe(5);
    expect(workingDays('2026-06-05', '2026-06-10')).toBe(4);
    expect(workingDays('2026-06-06', '2026-06-07')).toBe(0);
    expect(workingDays('2026-06-01', '2026-06-28')).toBe(20);
    expect(workingDays('2026-06-05', '2026-06-01')).toBe(0);
  });

  it('computes ages on a day and today in Asia/Shanghai', () => {
    expect(ageOn('2008-06-15', '2026-06-14')).toBe(17);
    expect(ageOn('2008-06-15', '2026-06-15')).toBe(18);
    // 2026-06-14T17:00Z is already the 15th in Shanghai.
    expect(todayIn(new Date('2026-06-14T17:00:00Z'))).toBe('2026-06-15');
    expect(maxDate('2026-01-01', null)).toBe('2026-01-01');
    expect(maxDate('2026-01-01', '2026-02-01')).toBe('2026-02-01');
  });
});
