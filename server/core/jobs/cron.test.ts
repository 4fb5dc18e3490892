import { describe, expect, it } from 'vitest';
import { nextRun, parseCron } from './cron.ts';

/** The next run of `expr` after `from` (ISO), in Asia/Shanghai (+08:00), as ISO UTC. */
const next = (expr: string, from: string) => nextRun(parseCron(expr), new Date(from)).toISOString();
/** The first `n` runs after `from`. */
function runs(expr: string, from: string, n: number): string[] {
  const c = parseCron(expr);
  const out: string[] = [];
  let t = new Date(from);
  for (let i = 0; i < n; i++) {
    t = nextRun(c, t);
    out.push(t.toISOString());
  }
  return out;
}

describe('parseCron', () => {
  it('refuses the wrong number of fields', () => {
    for (const e of ['', '* * * *', '* * * * * *', '0 2 * *']) expect(() => parseCron(e), e).toThrow(/expected 5 fields/);
  });

  it('refuses values out of range, naming the field', () => {
    for (const [e, f] of [['60 * * * *', '60'], ['* 24 * * *', '24'], ['* * 0 * *', '0'], ['* * 32 * *', '32'], ['* * * 0 *', '0'], ['* * * 13 *', '13'], ['* * * * 8', '8']])
      expect(() => parseCron(e), e).toThrow(`out of range "${f}"`);
  });

  it('refuses reversed ranges and zero steps', () => {
    expect(() => parseCron('5-1 * * * *')).toThrow(/out of range/);
    expect(() => parseCron('*/0 * * * *')).toThrow(/out of range/);
  });

  it('refuses malformed fields', () => {
    for (const e of ['a * * * *', '1,,2 * * * *', '1- * * * *', '*/ * * * *', '-1 * * * *', '* * * JAN *', '* * * * MON', '1.5 * * * *'])
      expect(() => parseCron(e), e).toThrow(/bad field/);
  });

  it('expands lists, ranges and steps', () => {
    const c = parseCron('*/15 9-17/4 1,15 1-3 1-5');
    expect([...c.sets[0]]).toEqual([0, 15, 30, 45]);
    expect([...c.sets[1]]).toEqual([9, 13, 17]);
    expect([...c.sets[2]]).toEqual([1, 15]);
    expect([...c.sets[3]]).toEqual([1, 2, 3]);
    expect([...c.sets[4]]).toEqual([1, 2, 3, 4, 5]);
  });

  it('treats 7 as Sunday', () => {
    expect(parseCron('0 0 * * 7').sets[4].has(0)).toBe(true);
  });
});

describe('nextRun in Asia/Shanghai (UTC+8, no DST)', () => {
  it('"0 2 * * *" from 2026-11-28T10:00Z (18:00 local) runs at 02:00 local = 2026-11-28T18:00Z', () => {
    expect(next('0 2 * * *', '2026-11-28T10:00:00Z')).toBe('2026-11-28T18:00:00.000Z');
  });

  it('runs daily at the same local time', () => {
    expect(runs('0 2 * * *', '2026-11-28T10:00:00Z', 3)).toEqual(['2026-11-28T18:00:00.000Z', '2026-11-29T18:00:00.000Z', '2026-11-30T18:00:00.000Z']);
  });

  it('is strictly after `from`, even when `from` is a matching minute or has seconds', () => {
    expect(next('0 2 * * *', '2026-11-28T18:00:00Z')).toBe('2026-11-29T18:00:00.000Z');
    expect(next('* * * * *', '2026-11-28T10:00:30.500Z')).toBe('2026-11-28T10:01:00.000Z');
    expect(next('* * * * *', '2026-11-28T10:00:00Z')).toBe('2026-11-28T10:01:00.000Z');
  });

  it('handles minute and hour steps', () => {
    expect(next('*/15 * * * *', '2026-11-28T10:07:00Z')).toBe('2026-11-28T10:15:00.000Z');
    expect(next('*/15 * * * *', '2026-11-28T10:45:00Z')).toBe('2026-11-28T11:00:00.000Z');
    // Every 6 local hours: 00, 06, 12, 18 local = 16, 22, 04, 10 UTC.
    expect(runs('0 */6 * * *', '2026-11-28T10:00:00Z', 3)).toEqual(['2026-11-28T16:00:00.000Z', '2026-11-28T22:00:00.000Z', '2026-11-29T04:00:00.000Z']);
  });

  it('monthly "0 8 5 * *" runs at 08:00 local on the 5th', () => {
    expect(runs('0 8 5 * *', '2026-11-28T10:00:00Z', 3)).toEqual(['2026-12-05T00:00:00.000Z', '2027-01-05T00:00:00.000Z', '2027-02-05T00:00:00.000Z']);
  });

  it('takes the date in local time: 07:00 local on the 1st is 23:00 UTC on the last day of the month before', () => {
    expect(next('0 7 1 * *', '2026-11-28T10:00:00Z')).toBe('2026-11-30T23:00:00.000Z');
  });

  it('takes the weekday in local time: Monday 07:00 local is Sunday 23:00 UTC', () => {
    // 2026-11-30 is a Monday.
    expect(next('0 7 * * 1', '2026-11-28T10:00:00Z')).toBe('2026-11-29T23:00:00.000Z');
  });

  it('day-of-week only: every Friday', () => {
    // 2026-12-04 and 2026-12-11 are Fridays.
    expect(runs('0 9 * * 5', '2026-11-28T10:00:00Z', 2)).toEqual(['2026-12-04T01:00:00.000Z', '2026-12-11T01:00:00.000Z']);
  });

  it('day-of-month and day-of-week both restricted: either matches (Vixie cron rule)', () => {
    // The 1st of the month OR a Friday: Tue 1 Dec, Fri 4 Dec, Fri 11 Dec.
    expect(runs('0 9 1 * 5', '2026-11-28T10:00:00Z', 3)).toEqual(['2026-12-01T01:00:00.000Z', '2026-12-04T01:00:00.000Z', '2026-12-11T01:00:00.000Z']);
  });

  it('day-of-month restricted, weekday "*": only that date', () => {
    expect(runs('0 9 1 * *', '2026-11-28T10:00:00Z', 2)).toEqual(['2026-12-01T01:00:00.000Z', '2027-01-01T01:00:00.000Z']);
  });

  it('Sunday as 0 and as 7 give the same runs', () => {
    expect(runs('0 0 * * 7', '2026-11-28T10:00:00Z', 2)).toEqual(runs('0 0 * * 0', '2026-11-28T10:00:00Z', 2));
    expect(next('0 0 * * 0', '2026-11-28T10:00:00Z')).toBe('2026-11-28T16:00:00.000Z');
  });

  it('weekdays only: skips the weekend', () => {
    // From Friday 4 Dec 10:00 local the next weekday 09:30 is Monday 7 Dec.
    expect(next('30 9 * * 1-5', '2026-12-04T02:00:00Z')).toBe('2026-12-07T01:30:00.000Z');
  });

  it('crosses the year and skips months not listed', () => {
    expect(next('0 0 1 1 *', '2026-06-15T00:00:00Z')).toBe('2026-12-31T16:00:00.000Z');
    expect(runs('0 8 1 3,9 *', '2026-06-15T00:00:00Z', 2)).toEqual(['2026-09-01T00:00:00.000Z', '2027-03-01T00:00:00.000Z']);
  });

  it('skips months without the day: the 31st runs only in long months', () => {
    expect(runs('0 0 31 * *', '2026-11-28T10:00:00Z', 3)).toEqual(['2026-12-30T16:00:00.000Z', '2027-01-30T16:00:00.000Z', '2027-03-30T16:00:00.000Z']);
  });

  it('finds 29 February in the next leap year', () => {
    expect(next('0 0 29 2 *', '2026-03-01T00:00:00Z')).toBe('2028-02-28T16:00:00.000Z');
  });

  it('throws for a date that never occurs instead of looping', () => {
    expect(() => next('0 0 30 2 *', '2026-01-01T00:00:00Z')).toThrow(/no run within 5 years/);
  });

  it('honours another offset (0 = UTC)', () => {
    expect(nextRun(parseCron('0 2 * * *'), new Date('2026-11-28T10:00:00Z'), 0).toISOString()).toBe('2026-11-29T02:00:00.000Z');
  });
});
