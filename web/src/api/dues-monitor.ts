// 党费监控 endpoints (server/modules/dues/monitoring.routes.ts): the overview of an organization's
// subtree for a month with 月月清 and the 12-month trend, the organizations' months, the early warning,
// the yearly summary, their Excel exports, the one-click reminder and the monitoring settings.
import { api, toQueryString } from './client';
import type { DuesSettings } from './dues';

/** The 月月清 status of an organization's month (server/modules/dues/monitoring.rules.ts). */
export const CLEAR_STATUSES = ['clear', 'cleared_late', 'pending', 'not_clear', 'no_bills'] as const;
export type ClearStatus = (typeof CLEAR_STATUSES)[number];

/** The arrears levels: ≥ 3 closed months unpaid, ≥ 6 in a row (a 自行脱党 review case). */
export const ARREARS_LEVELS = ['warning', 'lapse_review'] as const;
export type ArrearsLevel = (typeof ARREARS_LEVELS)[number];
/** Months of arrears that warn the member and the branch; consecutive months that open a review (DOMAIN §4). */
export const ARREARS_WARNING_MONTHS = 3;
export const LAPSE_REVIEW_MONTHS = 6;

/** An organization as the monitoring views name it. */
export type MonitorOrg = { id: string; name: string; level: string };

/** The counts of a month (one organization or a sum). */
export type MonthCounts = {
  bills: number;
  /** Bills that must be collected (an amount, not waived). */
  due: number;
  paid: number;
  onTime: number;
  unpaid: number;
  /** Bills without an amount yet (no base / no category). */
  issues: number;
  waived: number;
  shouldFen: number;
  paidFen: number;
  /** Paid in full ÷ due, in basis points. */
  paidShareBp: number;
  status: ClearStatus;
};

/** Summed counts with the organizations by 月月清 status. */
export type OrgCounts = MonthCounts & { orgs: number; clearOrgs: number; lateOrgs: number; openOrgs: number };

/** A row of the overview: a child organization's subtree, or (`own`) the organization's own members. */
export type OverviewChild = OrgCounts & { orgId: string; name: string; level: string; own: boolean; hasChildren: boolean };

/** GET /api/dues/overview. */
export type Overview = { month: string; org: MonitorOrg; totals: OrgCounts; children: OverviewChild[]; trend: (OrgCounts & { month: string })[] };

/** One organization's month. */
export type OrgMonth = MonthCounts & { orgId: string; name: string; parentName: string | null; month: string };

/** A member in arrears. */
export type ArrearsItem = {
  memberId: string;
  name: string;
  orgId: string;
  orgName: string;
  months: number;
  run: number;
  firstMonth: string;
  lastMonth: string;
  owedFen: number;
  level: ArrearsLevel;
};

/** GET /api/dues/warnings. */
export type Warnings = {
  month: string;
  org: MonitorOrg;
  settings: { warnDay: number; warnShareBp: number };
  /** False before the warning day of the current month. */
  orgWarningActive: boolean;
  orgs: { items: OrgMonth[]; total: number };
  members: { items: ArrearsItem[]; total: number; warning: number; lapseReview: number };
};

/** The money of a year (分). */
export type YearlyMoney = { shouldFen: number; paidFen: number; voluntaryFen: number; centreFen: number; remitFen: number; retainedFen: number };
/** A row of the yearly summary. */
export type YearlyRow = YearlyMoney & { orgId: string; name: string; own: boolean; unpaidBills: number; paidShareBp: number; clearMonths: number };
/** GET /api/dues/yearly. */
export type Yearly = { year: string; org: MonitorOrg; remitShareBp: number; rows: YearlyRow[]; totals: YearlyMoney };

/** POST /api/dues/reminders. */
export type ReminderResult = { unpaid: number; reminded: number; alreadyToday: number };

/** The county's dues settings with the monitoring ones. */
export type MonitorSettings = DuesSettings & { warnDay: number; warnShareBp: number; remitShareBp: number };

/** The organization and month of a view (defaults: the caller's scope root, this month). */
export type MonitorFilter = { month?: string; orgId?: string };
export type OrgMonthFilter = MonitorFilter & { status?: ClearStatus };
export type WarningFilter = MonitorFilter & { level?: ArrearsLevel };
export type YearlyFilter = { year: string; orgId?: string };

/** GET /api/dues/overview. */
export const getOverview = (filter: MonitorFilter) => api.get<Overview>('/api/dues/overview', filter);

/** GET /api/dues/org-months: a page. */
export const listOrgMonths = (filter: OrgMonthFilter, page: number, pageSize: number) =>
  api.get<{ month: string; items: OrgMonth[]; total: number }>('/api/dues/org-months', { ...filter, page, pageSize });
/** The Excel export of the same organizations. */
export const orgMonthsExportUrl = (filter: OrgMonthFilter) => `/api/dues/org-months/export${toQueryString(filter)}`;

/** GET /api/dues/warnings: one page of each list. */
export const getWarnings = (filter: WarningFilter, page: number, pageSize: number) => api.get<Warnings>('/api/dues/warnings', { ...filter, page, pageSize });
/** The Excel export of one warning list. */
export const warningsExportUrl = (list: 'orgs' | 'members', filter: WarningFilter) => `/api/dues/warnings/export${toQueryString({ list, ...filter })}`;

/** GET /api/dues/yearly. */
export const getYearly = (filter: YearlyFilter) => api.get<Yearly>('/api/dues/yearly', filter);
/** The Excel export of the yearly summary. */
export const yearlyExportUrl = (filter: YearlyFilter) => `/api/dues/yearly/export${toQueryString(filter)}`;

/** POST /api/dues/reminders: remind the unpaid members of an organization (only the listed ones when given). */
export const sendReminders = (input: { month: string; orgId: string; memberIds?: string[] }) => api.post<ReminderResult>('/api/dues/reminders', input);

/** GET /api/dues/settings with the monitoring settings. */
export const getMonitorSettings = () => api.get<MonitorSettings>('/api/dues/settings');
/** PUT /api/dues/settings: any subset (county administrators at the county root). */
export const updateMonitorSettings = (input: Partial<Pick<MonitorSettings, 'farmerFlatFen' | 'warnDay' | 'warnShareBp' | 'remitShareBp'>>) =>
  api.put<MonitorSettings>('/api/dues/settings', input);

/** Basis points as a percentage text (8000 → "80", 550 → "5.5"). */
export const bpToPercent = (bp: number) => String(bp / 100);
/** A percentage typed with at most two decimals as whole basis points (80 → 8000, 5.5 → 550). */
export const percentToBp = (percent: number) => Math.round(percent * 100);
