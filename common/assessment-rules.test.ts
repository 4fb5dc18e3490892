import { describe, expect, it } from 'vitest';
import { duesIndicator, pctText, rankByScore, scoreOf } from './assessment-rules.ts';

const W = { threeMeetings: 40, themeDay: 20, attendance: 20, dues: 20 };

describe('the 综合考核 score', () => {
  it('weighs the indicators that apply and leaves the others out of the denominator', () => {
    expect(scoreOf({ threeMeetings: 1, themeDay: 1, attendance: 0.9, dues: null }, W)).toBe(97.5);
    expect(scoreOf({ threeMeetings: 0.5, themeDay: 0, attendance: 1, dues: 1 }, W)).toBe(60);
    expect(scoreOf({ threeMeetings: null, themeDay: null, attendance: null, dues: null }, W)).toBeNull();
    expect(scoreOf({ threeMeetings: null, themeDay: 1, attendance: null, dues: null }, { ...W, themeDay: 0 })).toBeNull();
  });
  it('takes 月月清 as 1, 补清 as a half, open or not clear as 0, nobody billed as not applicable', () => {
    expect([duesIndicator('clear'), duesIndicator('cleared_late'), duesIndicator('not_clear'), duesIndicator('pending'), duesIndicator('no_bills')]).toEqual([1, 0.5, 0, 0, null]);
  });
});

describe('the ranking', () => {
  it('is a competition ranking (1, 2, 2, 4) of those with a score and enough members', () => {
    const rows = [
      { score: 80, members: 10 },
      { score: 95, members: 10 },
      { score: 80, members: 30 },
      { score: 99, members: 4 },
      { score: null, members: 50 },
      { score: 70, members: 5 },
    ];
    expect(rankByScore(rows, 5)).toEqual([2, 1, 2, null, null, 4]);
  });
  it('prints shares with one decimal', () => {
    expect(pctText(0.875)).toBe('87.5%');
    expect(pctText(1)).toBe('100.0%');
    expect(pctText(null)).toBe('—');
  });
});
