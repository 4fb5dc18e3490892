// The rules of the monthly bills as pure functions (docs/DUES.md "Monthly bills"): who owes dues in a
// month, from which month, the base that applies, the amount of a bill (quoteDues of common/dues.ts)
// or the issue that stops it, and when a base is due for its yearly reassessment.
import { todayIn } from '../../../common/calendar.ts';
import { type DuesCategory, type DuesRule, isDuesCategory, isRatedCategory, quoteDues } from '../../../common/dues.ts';
import type { MemberStatus, Standing } from '../../../common/member.ts';

/** The states of a bill: 待缴, 已缴, 部分缴纳, 已减免. Payments and reductions (later tasks) move them. */
export const BILL_STATES = ['due', 'paid', 'partially_paid', 'waived'] as const;
export type BillState = (typeof BILL_STATES)[number];

/**
 * Why a bill has no amount yet: the member has no dues category (缺少党费类别), or a category paid as
 * a share of an income without a base (缺少计算基数). The branch fixes the profile; the bill is then
 * quoted again.
 */
export const BILL_ISSUES = ['base_missing', 'category_missing'] as const;
export type BillIssue = (typeof BILL_ISSUES)[number];

/** 预备党员 and 正式党员 both owe dues (DOMAIN §4: 预备党员 from the month of admission). */
export const BILLED_STATUSES: readonly MemberStatus[] = ['probationary', 'full'];

/**
 * The 党籍 standings whose members owe dues: 正常 and 恢复党籍. Not billed: 停止党籍 (a member whose
 * membership is stopped has no rights or duties: no organizational life, no dues), 保留党籍 (kept for
 * members settled abroad, who by the rules on retained membership take no part in organizational life
 * and pay no dues while it is retained), and 除名 / 开除 / 自行脱党 / 死亡 (no longer members).
 * common/member.ts ACTIVE_STANDINGS counts 保留党籍 as a member for the organization's size; dues
 * deliberately do not follow it.
 */
export const BILLED_STANDINGS: readonly Standing[] = ['normal', 'restored'];

/** Months of a base after which it is due for reassessment (DOMAIN §4: at least once a year). */
export const REASSESS_MONTHS = 12;

/** A month written 'YYYY-MM' (2000-01 … 2100-12). */
export const MONTH_PATTERN = /^(20\d\d|2100)-(0[1-9]|1[0-2])$/;
/** True when `s` is a month written 'YYYY-MM' in the supported range. */
export const isMonth = (s: string) => MONTH_PATTERN.test(s);

/** The current month of the county (Asia/Shanghai), 'YYYY-MM'. */
export const currentMonth = (now = new Date()) => todayIn(now).slice(0, 7);

/** `month` plus `n` months (n may be negative). */
export function addMonthsTo(month: string, n: number): string {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** Whole months from `a` to `b` (positive when b is later). */
export const monthsBetween = (a: string, b: string) => (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));

/** The first day of the month after `month` (the exclusive end of the month, as a date). */
export const nextMonthStart = (month: string) => `${addMonthsTo(month, 1)}-01`;

/** What decides whether a member owes dues in a month. */
export type Billable = { status: string; standing: string; joinedOn: string | null };

/**
 * True when the member owes dues for `month`: 预备党员 or 正式党员, in a billed standing, and admitted
 * (joined_on, the 支部大会 date) in that month or before. A member whose admission date is not recorded
 * owes from any month (the registry lacks the date; the branch should fill it in).
 */
export function owesDues(m: Billable, month: string): boolean {
  return (
    (BILLED_STATUSES as readonly string[]).includes(m.status) &&
    (BILLED_STANDINGS as readonly string[]).includes(m.standing) &&
    (m.joinedOn === null || m.joinedOn.slice(0, 7) <= month)
  );
}

/** A row of a member's base history. */
export type BaseRow = { id: string; effectiveMonth: string; baseFen: number };

/**
 * The base of `month`: the latest row effective in that month or before; among rows of the same
 * month the newest (ids are UUIDv7, so the larger id is the later row). Null when none applies yet.
 */
export function baseFor<T extends BaseRow>(rows: readonly T[], month: string): T | null {
  let best: T | null = null;
  for (const r of rows) {
    if (r.effectiveMonth > month) continue;
    if (!best || r.effectiveMonth > best.effectiveMonth || (r.effectiveMonth === best.effectiveMonth && r.id > best.id)) best = r;
  }
  return best;
}

/** The amount part of a bill: what was quoted, or the issue that stops it (then no amount). */
export type BillQuote = {
  category: DuesCategory | null;
  /** The base applied (rated categories only). */
  baseFen: number | null;
  rule: DuesRule | null;
  rateBp: number | null;
  amountFen: number | null;
  issue: BillIssue | null;
};

/**
 * The amount of a bill with quoteDues (common/dues.ts) for a category and the base of the month.
 * No category (or an unknown code) → `category_missing`; a rated category without a base, or with a
 * base too small to owe a whole 分 → `base_missing`. A bill never carries an amount of 0.
 */
export function quoteBill(category: string | null, baseFen: number | null, farmerFlatFen: number): BillQuote {
  const none = { baseFen: null, rule: null, rateBp: null, amountFen: null };
  if (!category || !isDuesCategory(category)) return { category: null, ...none, issue: 'category_missing' };
  const rated = isRatedCategory(category);
  if (rated && baseFen === null) return { category, ...none, issue: 'base_missing' };
  const q = quoteDues({ category, baseFen: rated ? (baseFen as number) : 0, farmerFlatFen });
  if (q.amountFen <= 0) return { category, ...none, baseFen, issue: 'base_missing' };
  return { category, baseFen: rated ? baseFen : null, rule: q.rule, rateBp: q.rateBp, amountFen: q.amountFen, issue: null };
}

/**
 * True when a rated category's base is due for reassessment in `month`: none was ever set, or the
 * latest one took effect 12 months or more before. Flat categories need no base.
 */
export function reassessmentDue(category: string | null, lastEffectiveMonth: string | null, month: string): boolean {
  if (!category || !isDuesCategory(category) || !isRatedCategory(category)) return false;
  return lastEffectiveMonth === null || monthsBetween(lastEffectiveMonth, month) >= REASSESS_MONTHS;
}
