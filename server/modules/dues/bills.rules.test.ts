import { describe, expect, it } from 'vitest';
import { STANDINGS } from '../../../common/member.ts';
import { addMonthsTo, baseFor, currentMonth, isMonth, monthsBetween, nextMonthStart, owesDues, quoteBill, reassessmentDue } from './bills.rules.ts';
import { monthOfJob } from './bills.ts';

describe('months', () => {
  it('reads and writes YYYY-MM and counts across years', () => {
    for (const ok of ['2000-01', '2026-12', '2100-12']) expect(isMonth(ok), ok).toBe(true);
    for (const bad of ['2026-13', '2026-00', '2026-1', '1999-12', '2101-01', '2026-03-01', '']) expect(isMonth(bad), bad).toBe(false);
    expect(addMonthsTo('2026-01', -1)).toBe('2025-12');
    expect(addMonthsTo('2025-12', 1)).toBe('2026-01');
    expect(addMonthsTo('2026-03', -12)).toBe('2025-03');
    expect(addMonthsTo('2026-03', 25)).toBe('2028-04');
    expect(monthsBetween('2025-03', '2026-03')).toBe(12);
    expect(monthsBetween('2025-12', '2026-01')).toBe(1);
    expect(monthsBetween('2026-05', '2026-02')).toBe(-3);
    expect(nextMonthStart('2026-12')).toBe('2027-01-01');
  });

  it('takes the current month in Asia/Shanghai: 16:30 UTC on 31 January is already February there', () => {
    expect(currentMonth(new Date('2026-01-31T16:30:00Z'))).toBe('2026-02');
    expect(currentMonth(new Date('2026-01-31T15:59:00Z'))).toBe('2026-01');
  });

  it('bills a scheduled run for the month of its slot (a late retry keeps it), or the month named', () => {
    // 01:00 on 1 March in Shanghai is 17:00 UTC on 28 February.
    expect(monthOfJob({ scheduledFor: '2026-02-28T17:00:00.000Z' }, new Date('2026-03-05T00:00:00Z'))).toBe('2026-03');
    expect(monthOfJob({ month: '2025-11' })).toBe('2025-11');
    expect(monthOfJob({}, new Date('2026-07-10T00:00:00Z'))).toBe('2026-07');
  });
});

describe('who owes dues in a month', () => {
  const full = { status: 'full', standing: 'normal', joinedOn: '2010-07-01' };

  it('bills a 预备党员 from the month the 支部大会 admitted them, not the month before', () => {
    const p = { status: 'probationary', standing: 'normal', joinedOn: '2026-03-31' };
    expect(owesDues(p, '2026-02')).toBe(false);
    expect(owesDues(p, '2026-03')).toBe(true);
    expect(owesDues(p, '2026-04')).toBe(true);
    expect(owesDues({ ...p, joinedOn: '2026-03-01' }, '2026-03')).toBe(true);
  });

  it('bills full members from their admission month on, and members without a recorded date in any month', () => {
    expect(owesDues(full, '2026-03')).toBe(true);
    expect(owesDues({ ...full, joinedOn: '2026-05-10' }, '2026-04')).toBe(false);
    expect(owesDues({ ...full, joinedOn: null }, '2026-03')).toBe(true);
  });

  it('bills 正常 and 恢复党籍 only: not 停止党籍, 保留党籍, 除名, 开除, 自行脱党 or 死亡', () => {
    const billed = STANDINGS.filter((standing) => owesDues({ ...full, standing }, '2026-03'));
    expect(billed).toEqual(['normal', 'restored']);
  });

  it('bills nobody who is not yet a member (an unknown status)', () => {
    expect(owesDues({ ...full, status: 'applicant' }, '2026-03')).toBe(false);
  });
});

describe('the base of a month', () => {
  const rows = [
    { id: '01900000-0000-7000-8000-000000000001', effectiveMonth: '2025-01', baseFen: 300_000 },
    { id: '01900000-0000-7000-8000-000000000002', effectiveMonth: '2026-03', baseFen: 500_000 },
    // A correction of March, recorded later: it wins.
    { id: '01900000-0000-7000-8000-000000000003', effectiveMonth: '2026-03', baseFen: 520_000 },
    { id: '01900000-0000-7000-8000-000000000004', effectiveMonth: '2026-07', baseFen: 600_000 },
  ];

  it('is the latest row effective in that month or before; a new base applies from the month the new pay starts', () => {
    expect(baseFor(rows, '2024-12')).toBeNull();
    expect(baseFor(rows, '2025-01')?.baseFen).toBe(300_000);
    expect(baseFor(rows, '2026-02')?.baseFen).toBe(300_000);
    expect(baseFor(rows, '2026-03')?.baseFen).toBe(520_000);
    expect(baseFor(rows, '2026-06')?.baseFen).toBe(520_000);
    expect(baseFor(rows, '2026-07')?.baseFen).toBe(600_000);
    expect(baseFor([...rows].reverse(), '2026-03')?.baseFen).toBe(520_000);
  });
});

describe('the amount of a bill', () => {
  it('is quoteDues of the category and the base, and the county’s 农民 amount', () => {
    expect(quoteBill('employed', 400_000, 20)).toEqual({ category: 'employed', baseFen: 400_000, rule: 'income_le_5000', rateBp: 100, amountFen: 4000, issue: null });
    expect(quoteBill('retired', 500_000, 20)).toEqual({ category: 'retired', baseFen: 500_000, rule: 'pension_le_5000', rateBp: 50, amountFen: 2500, issue: null });
    expect(quoteBill('farmer', null, 100)).toEqual({ category: 'farmer', baseFen: null, rule: 'farmer_flat', rateBp: null, amountFen: 100, issue: null });
    // A flat category keeps no base on the bill even when one is recorded.
    expect(quoteBill('student', 900_000, 20)).toEqual({ category: 'student', baseFen: null, rule: 'flat_minimum', rateBp: null, amountFen: 20, issue: null });
  });

  it('is missing, never 0, when the category or a needed base is missing', () => {
    expect(quoteBill(null, 400_000, 20)).toMatchObject({ category: null, amountFen: null, issue: 'category_missing' });
    expect(quoteBill('rich', 400_000, 20)).toMatchObject({ category: null, amountFen: null, issue: 'category_missing' });
    expect(quoteBill('employed', null, 20)).toMatchObject({ category: 'employed', amountFen: null, issue: 'base_missing' });
    // 0.99 元 at 0.5 % rounds to 0 分: no bill of 0, the base must be fixed.
    expect(quoteBill('employed', 99, 20)).toMatchObject({ amountFen: null, issue: 'base_missing' });
    expect(quoteBill('employed', 100, 20)).toMatchObject({ amountFen: 1, issue: null });
  });
});

describe('the yearly reassessment', () => {
  it('is due for a rated category whose base is missing or took effect 12 months or more ago', () => {
    expect(reassessmentDue('employed', null, '2026-03')).toBe(true);
    expect(reassessmentDue('employed', '2025-03', '2026-03')).toBe(true);
    expect(reassessmentDue('retired', '2025-04', '2026-03')).toBe(false);
    expect(reassessmentDue('self_employed', '2026-03', '2026-03')).toBe(false);
  });

  it('is never due for flat categories or without a category', () => {
    for (const c of ['farmer', 'student', 'unemployed', 'relief', 'subsistence', null]) expect(reassessmentDue(c, null, '2026-03'), String(c)).toBe(false);
  });
});
