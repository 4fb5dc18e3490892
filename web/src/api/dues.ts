// 党费 endpoints (server/modules/dues): the quote of the dues engine (common/dues.ts), the county's
// dues settings (the 农民 flat amount), dues profiles, the monthly bills and the member's own dues.
import type { DuesCategory, DuesQuote, DuesRule } from '../../../common/dues';
import { api, toQueryString } from './client';
import type { Page } from './types';

export {
  DUES_CATEGORIES,
  DUES_RULES,
  FARMER_FLAT_FEN,
  INCOME_CATEGORIES,
  MINIMUM_CATEGORIES,
  formatFen,
  formatRateBp,
  isRatedCategory,
  parseYuanToFen,
  type DuesCategory,
  type DuesQuote,
  type DuesRule,
} from '../../../common/dues';

/** The permission of the calculator (every account that logs in). */
export const DUES_QUOTE_PERMISSION = 'dues.quote';

/** The county's dues settings. */
export type DuesSettings = { farmerFlatFen: number; editable: boolean };

/** POST /api/dues/quote: the monthly dues of a category and base (the base may be left out for flat categories). */
export const quoteDues = (input: { category: DuesCategory; baseFen?: number }) => api.post<DuesQuote>('/api/dues/quote', input);

/** GET /api/dues/settings. */
export const getDuesSettings = () => api.get<DuesSettings>('/api/dues/settings');

/** PUT /api/dues/settings (county administrators at the county root). */
export const updateDuesSettings = (input: { farmerFlatFen: number }) => api.put<DuesSettings>('/api/dues/settings', input);

// Dues profiles, the base history, the reassessment list, the monthly bills and the member's own dues.

/** The states of a bill and why one may have no amount yet. */
export const BILL_STATES = ['due', 'paid', 'partially_paid', 'waived'] as const;
export type BillState = (typeof BILL_STATES)[number];
export type BillIssue = 'base_missing' | 'category_missing';

/** Reading profiles and bills; changing profiles; exports (server/modules/dues). */
export const DUES_READ_PERMISSION = 'dues.read';
export const DUES_PROFILE_PERMISSION = 'dues.profile';
export const DUES_EXPORT_PERMISSION = 'dues.export';
export const SELF_DUES_PERMISSION = 'self.dues';

/** A row of a member's base history. */
export type DuesBase = { id: string; effectiveMonth: string; baseFen: number; reason: string; createdByName: string; createdAt: string };
/** A monthly amount. */
export type DuesMonthly = { amountFen: number; rateBp: number | null; rule: DuesRule };

/** A member's dues profile (the category is the member record's). */
export type DuesProfile = {
  memberId: string;
  memberName: string;
  orgId: string;
  orgName: string;
  status: string;
  standing: string;
  joinedOn: string | null;
  owes: boolean;
  billedFrom: string | null;
  category: DuesCategory | null;
  base: DuesBase | null;
  upcomingBase: DuesBase | null;
  monthly: DuesMonthly | null;
  issue: BillIssue | null;
  reassessmentDue: boolean;
  proxy: { payerId: string; payerName: string; consent: string; consentedByName: string | null; consentedAt: string | null } | null;
  editable: boolean;
};

/** One monthly bill. */
export type DuesBill = {
  id: string;
  month: string;
  memberId: string;
  memberName: string;
  orgId: string;
  orgName: string;
  category: DuesCategory | null;
  baseFen: number | null;
  rule: DuesRule | null;
  rateBp: number | null;
  amountFen: number | null;
  paidFen: number;
  state: BillState;
  issue: BillIssue | null;
  reductionId: string | null;
};

/** Totals of a bill list (the whole filter). */
export type BillTotals = { bills: number; shouldFen: number; paidFen: number; due: number; paid: number; partiallyPaid: number; waived: number; issues: number };

/** Filters of the bill list and its export. */
export type BillFilter = { month: string; orgId?: string; includeSubtree?: 'true' | 'false'; state?: BillState; issue?: BillIssue };

/** A member whose base is due for reassessment. */
export type ReassessmentItem = {
  memberId: string;
  memberName: string;
  orgId: string;
  orgName: string;
  category: DuesCategory;
  lastEffectiveMonth: string | null;
  lastBaseFen: number | null;
  monthsSince: number | null;
};

/** The member's own dues. */
export type MyDues = {
  memberName: string;
  orgName: string;
  category: DuesCategory | null;
  owes: boolean;
  billedFrom: string | null;
  base: { effectiveMonth: string; baseFen: number } | null;
  monthly: DuesMonthly | null;
  issue: BillIssue | null;
  proxyPayerName: string | null;
  /** Bills not settled that have an amount; `unquoted`: open bills still waiting for their amount. */
  outstanding: { bills: number; amountFen: number; months: string[]; unquoted: number };
  items: DuesBill[];
  total: number;
};

const profilePath = (memberId: string) => `/api/dues/profiles/${encodeURIComponent(memberId)}`;

/** GET /api/dues/profiles/:memberId. */
export const getDuesProfile = (memberId: string) => api.get<DuesProfile>(profilePath(memberId));
/** PUT /api/dues/profiles/:memberId: the category (on the member record) and the proxy payer. */
export const updateDuesProfile = (memberId: string, input: { category: DuesCategory | null; proxyPayerId: string | null; proxyConsent?: string }) =>
  api.put<DuesProfile>(profilePath(memberId), input);
/** GET the base history, the latest effective month first. */
export const listDuesBases = (memberId: string, page: number, pageSize: number) =>
  api.get<Page<DuesBase & { current: boolean }>>(`${profilePath(memberId)}/bases`, { page, pageSize });
/** POST a new base from a month on. */
export const addDuesBase = (memberId: string, input: { baseFen: number; effectiveMonth: string; reason: string }) =>
  api.post<{ base: DuesBase; requotedBills: number }>(`${profilePath(memberId)}/bases`, input);

/** GET /api/dues/reassessment. */
export const listReassessment = (orgId: string | undefined, page: number, pageSize: number) => api.get<Page<ReassessmentItem>>('/api/dues/reassessment', { orgId, page, pageSize });
/** The Excel export of the reassessment list. */
export const reassessmentExportUrl = (orgId: string | undefined) => `/api/dues/reassessment/export${toQueryString({ orgId })}`;

/** GET /api/dues/bills: a page with the totals. */
export const listBills = (filter: BillFilter, page: number, pageSize: number) =>
  api.get<Page<DuesBill> & { totals: BillTotals }>('/api/dues/bills', { ...filter, page, pageSize });
/** The Excel export of the same bills. */
export const billsExportUrl = (filter: BillFilter) => `/api/dues/bills/export${toQueryString(filter)}`;

/** GET /api/my/dues. */
export const getMyDues = (page: number, pageSize: number) => api.get<MyDues>('/api/my/dues', { page, pageSize });
