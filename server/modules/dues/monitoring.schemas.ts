import { z } from 'zod';
import { PageQuery } from '../../core/http/pagination.ts';
import { CLEAR_STATUSES } from './monitoring.rules.ts';
import { Month } from './profiles.schemas.ts';

/** The organization and month a view is about (defaults: the caller's first scope root, this month). */
export const MonitorQuery = z.strictObject({
  /** 'YYYY-MM'; this month when left out. */
  month: Month.optional(),
  /** An organization in scope; the caller's first scope root when left out. */
  orgId: z.uuid().optional(),
});

/** The per-organization month list: filter by 月月清 status, paged. */
export const OrgMonthQuery = MonitorQuery.extend({ status: z.enum(CLEAR_STATUSES).optional() }).extend(PageQuery.shape);
export const OrgMonthFilter = MonitorQuery.extend({ status: z.enum(CLEAR_STATUSES).optional() });

/** The early warning, with the level of the members listed. */
export const WarningQuery = MonitorQuery.extend({ level: z.enum(['warning', 'lapse_review']).optional() }).extend(PageQuery.shape);
export const WarningExportQuery = MonitorQuery.extend({ list: z.enum(['orgs', 'members']), level: z.enum(['warning', 'lapse_review']).optional() });

/** A year ('YYYY') and an organization. */
export const YearlyQuery = z.strictObject({ year: z.string().regex(/^20\d\d$/, 'YYYY'), orgId: z.uuid().optional() });

/** The branch's one-click reminder for a month; only the listed members when given. */
export const ReminderBody = z.strictObject({
  month: Month,
  orgId: z.uuid(),
  memberIds: z.array(z.uuid()).min(1).max(500).optional(),
});

const counts = {
  bills: z.number().int(),
  /** Bills that must be collected (an amount, not waived). */
  due: z.number().int(),
  /** Paid in full; of those paid before the month ended. */
  paid: z.number().int(),
  onTime: z.number().int(),
  /** Due or partly paid. */
  unpaid: z.number().int(),
  /** Without an amount yet (no base / no category). */
  issues: z.number().int(),
  waived: z.number().int(),
  /** 应交 and 实交 in 分. */
  shouldFen: z.number().int(),
  paidFen: z.number().int(),
  /** Paid in full ÷ due, in basis points. */
  paidShareBp: z.number().int(),
  /** 月月清: clear, cleared_late (补清), pending (收缴中), not_clear (未清), no_bills. */
  status: z.enum(CLEAR_STATUSES),
};
const orgCounts = {
  ...counts,
  /** Organizations with bills, and of them 月月清 / cleared late / still open. */
  orgs: z.number().int(),
  clearOrgs: z.number().int(),
  lateOrgs: z.number().int(),
  openOrgs: z.number().int(),
};
const OrgRef = z.object({ id: z.string(), name: z.string(), level: z.string() });

export const OverviewDto = z.object({
  month: z.string(),
  org: OrgRef,
  totals: z.object(orgCounts),
  /** One row per child organization (its subtree summed); `own` = the organization's own members. */
  children: z.array(z.object({ orgId: z.string(), name: z.string(), level: z.string(), own: z.boolean(), hasChildren: z.boolean(), ...orgCounts })),
  /** The 12 months ending with the month. */
  trend: z.array(z.object({ month: z.string(), ...orgCounts })),
});

export const OrgMonthDto = z.object({ orgId: z.string(), name: z.string(), parentName: z.string().nullable(), month: z.string(), ...counts });
export const OrgMonthPageDto = z.object({ month: z.string(), items: z.array(OrgMonthDto), total: z.number().int() });

export const ArrearsDto = z.object({
  memberId: z.string(),
  name: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  /** Closed months unpaid, and the run of them ending last month. */
  months: z.number().int(),
  run: z.number().int(),
  firstMonth: z.string(),
  lastMonth: z.string(),
  owedFen: z.number().int(),
  /** warning: ≥ 3 months (member and branch warned); lapse_review: ≥ 6 in a row (a 自行脱党 review case). */
  level: z.enum(['warning', 'lapse_review']),
});

export const WarningsDto = z.object({
  month: z.string(),
  org: OrgRef,
  settings: z.object({ warnDay: z.number().int(), warnShareBp: z.number().int() }),
  /** False before the warning day of the current month: organizations are not warned yet. */
  orgWarningActive: z.boolean(),
  orgs: z.object({ items: z.array(OrgMonthDto), total: z.number().int() }),
  members: z.object({ items: z.array(ArrearsDto), total: z.number().int(), warning: z.number().int(), lapseReview: z.number().int() }),
});

const yearly = {
  shouldFen: z.number().int(),
  paidFen: z.number().int(),
  /** Voluntary payments entered in the year (reversals deducted); of them remitted in full to the centre (> 1,000 元). */
  voluntaryFen: z.number().int(),
  centreFen: z.number().int(),
  /** The upward remittance of the regular dues paid; what stays. */
  remitFen: z.number().int(),
  retainedFen: z.number().int(),
};
export const YearlyDto = z.object({
  year: z.string(),
  org: OrgRef,
  remitShareBp: z.number().int(),
  rows: z.array(z.object({ orgId: z.string(), name: z.string(), own: z.boolean(), unpaidBills: z.number().int(), paidShareBp: z.number().int(), clearMonths: z.number().int(), ...yearly })),
  totals: z.object(yearly),
});

export const ReminderDto = z.object({ unpaid: z.number().int(), reminded: z.number().int(), alreadyToday: z.number().int() });
