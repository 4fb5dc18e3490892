// The rules of dues monitoring (docs/DUES.md "Monitoring"), pure: the 月月清 status of an organization's
// month, the paid share, the arrears levels of DOMAIN §4 (3 months → warning, 6 consecutive months → a
// 自行脱党 review case, never automatic) and the yearly upward remittance. Months are 'YYYY-MM'.
import { addMonthsTo } from './bills.rules.ts';

/** The 月月清 status of an organization's month. */
export const CLEAR_STATUSES = ['clear', 'cleared_late', 'pending', 'not_clear', 'no_bills'] as const;
export type ClearStatus = (typeof CLEAR_STATUSES)[number];

/** The counts of an organization's month (dues_org_months). */
export type MonthCounts = { bills: number; due: number; paid: number; onTime: number; unpaid: number; issues: number };

/**
 * 月月清 (the seed's "党费收缴月月清"): every bill of the month that must be collected was paid in full
 * within the month. `clear`: so; `cleared_late` (补清): all paid now, some after the month ended;
 * `pending` (收缴中): the month is not over and something is still open; `not_clear` (未清): the month is
 * over and something is still unpaid — or still has no amount (a member without base or category
 * blocks 月月清 until the branch fixes the profile); `no_bills`: nobody owed dues that month. Waived
 * bills (exemptions) block nothing.
 */
export function clearStatus(c: MonthCounts, month: string, currentMonth: string): ClearStatus {
  if (c.bills === 0) return 'no_bills';
  if (c.unpaid === 0 && c.issues === 0) return c.onTime >= c.paid ? 'clear' : 'cleared_late';
  return month < currentMonth ? 'not_clear' : 'pending';
}

/** The paid share in basis points (paid in full ÷ due); 10000 when nothing is due. */
export const paidShareBp = (paid: number, due: number) => (due === 0 ? 10_000 : Math.floor((paid * 10_000) / due));

/** Months of arrears that bring a warning to the member and the branch (DOMAIN §4). */
export const ARREARS_WARNING_MONTHS = 3;
/** Consecutive months of arrears that open a 自行脱党 review case in the branch's to-do list (DOMAIN §4). */
export const LAPSE_REVIEW_MONTHS = 6;

/**
 * How many consecutive months, ending with the last closed month (the month before `currentMonth`), are
 * unpaid: the run the 自行脱党 review counts ("连续六个月不交纳党费"). `unpaidMonths` are the member's
 * unpaid months (any order); a month with no bill (not billed then) breaks the run like a paid one.
 */
export function unpaidRun(unpaidMonths: readonly string[], currentMonth: string): number {
  const set = new Set(unpaidMonths);
  let run = 0;
  for (let m = addMonthsTo(currentMonth, -1); set.has(m); m = addMonthsTo(m, -1)) run++;
  return run;
}

/** The arrears level of a member: nothing, a warning (≥ 3 closed months unpaid), or a review case (≥ 6 in a row). */
export function arrearsLevel(closedUnpaidMonths: number, run: number): 'none' | 'warning' | 'lapse_review' {
  if (run >= LAPSE_REVIEW_MONTHS) return 'lapse_review';
  return closedUnpaidMonths >= ARREARS_WARNING_MONTHS ? 'warning' : 'none';
}

/** Whether the organization warning of a month applies on `today` (YYYY-MM-DD): from the warning day of the month on, and for every past month. */
export function warningApplies(month: string, today: string, warnDay: number): boolean {
  const todayMonth = today.slice(0, 7);
  return month < todayMonth || (month === todayMonth && Number(today.slice(8, 10)) >= warnDay);
}

/** Whether an organization's month is below the warning share on `today` (when the warning applies). */
export function belowShare(c: { paid: number; due: number }, month: string, today: string, s: { warnDay: number; warnShareBp: number }): boolean {
  return c.due > 0 && warningApplies(month, today, s.warnDay) && paidShareBp(c.paid, c.due) < s.warnShareBp;
}

/** The upward remittance of a year's regular dues: the share in basis points, rounded half up to the 分. */
export const remittanceFen = (regularFen: number, shareBp: number) => Number((BigInt(regularFen) * BigInt(shareBp) + 5000n) / 10000n);
