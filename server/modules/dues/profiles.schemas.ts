import { z } from 'zod';
import { DUES_CATEGORIES, DUES_RULES } from '../../../common/dues.ts';
import { PageQuery } from '../../core/http/pagination.ts';
import { BILL_ISSUES, MONTH_PATTERN } from './bills.rules.ts';

/** The member a profile route is about. */
export const MemberParams = z.strictObject({
  /** The member's id. */
  memberId: z.uuid(),
});

/** A month 'YYYY-MM' (2000-01 … 2100-12). */
export const Month = z.string().regex(MONTH_PATTERN, 'YYYY-MM');

/** One row of a member's base history. */
export const BaseDto = z.object({
  id: z.string(),
  /** The month the base takes effect ('YYYY-MM'): the month the new pay starts. */
  effectiveMonth: z.string(),
  /** The monthly base in 分. */
  baseFen: z.number().int(),
  /** Why it was set (e.g. 2026 年调资). */
  reason: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
});

/** A row of the base history, and whether it is the base of the current month. */
export const BaseHistoryItemDto = BaseDto.extend({
  /** The base that applies this month. */
  current: z.boolean(),
});

/** The monthly amount of a profile (what this month's bill comes to). */
export const MonthlyDto = z.object({ amountFen: z.number().int(), rateBp: z.number().int().nullable(), rule: z.enum(DUES_RULES) });

/** The proxy payer (代缴) with the branch's consent. */
export const ProxyDto = z.object({
  payerId: z.string(),
  payerName: z.string(),
  /** The branch's consent as recorded. */
  consent: z.string(),
  consentedByName: z.string().nullable(),
  consentedAt: z.string().nullable(),
});

/** A member's dues profile. The category is the member's (members.dues_category). */
export const ProfileDto = z.object({
  memberId: z.string(),
  memberName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  /** probationary (预备党员) or full (正式党员). */
  status: z.string(),
  /** 党籍 state. */
  standing: z.string(),
  joinedOn: z.string().nullable(),
  /** The member owes dues this month (status, standing and admission month; docs/DUES.md). */
  owes: z.boolean(),
  /** The first month the member owes (the month of admission), when known. */
  billedFrom: z.string().nullable(),
  /** The dues category, read from and written to the member record. */
  category: z.enum(DUES_CATEGORIES).nullable(),
  /** The base of the current month. */
  base: BaseDto.nullable(),
  /** A base that takes effect in a later month, if one is recorded. */
  upcomingBase: BaseDto.nullable(),
  /** This month's amount, or null when an issue stops it. */
  monthly: MonthlyDto.nullable(),
  /** Why no amount can be computed: base_missing or category_missing. */
  issue: z.enum(BILL_ISSUES).nullable(),
  /** A rated category whose base is missing or took effect 12 months or more ago. */
  reassessmentDue: z.boolean(),
  proxy: ProxyDto.nullable(),
  /** The caller may change the profile and add a base. */
  editable: z.boolean(),
});

/** The editable profile: the category and the proxy payer. */
export const ProfileBody = z.strictObject({
  /** The dues category (written to the member record; null clears it). */
  category: z.enum(DUES_CATEGORIES).nullable(),
  /** Another member who pays this member's dues (代缴), or null. Must be in the caller's scope. */
  proxyPayerId: z.uuid().nullable(),
  /** The branch's consent to the proxy (required when a new payer is named), e.g. "支委会 2026-03-05 同意". */
  proxyConsent: z.string().trim().min(1).max(200).optional(),
});

/** A new base. The values are checked by the service, which names the field in its error. */
export const NewBaseBody = z.strictObject({
  /** The monthly base in 分 (an integer, at least 100 = 1 元). */
  baseFen: z.number(),
  /** The month the new pay starts ('YYYY-MM'); at most 12 months ahead. */
  effectiveMonth: Month,
  /** Why (e.g. 2026 年调资, 退休). */
  reason: z.string().trim().min(2).max(200),
});

/** A new base and how many open bills it re-quoted. */
export const NewBaseDto = z.object({
  base: BaseDto,
  /** Open bills (due, nothing paid) from the effective month on whose amount was computed again. */
  requotedBills: z.number().int(),
});

/** The reassessment list: members in scope (or under one organization) whose base is due for review. */
export const ReassessmentQuery = PageQuery.extend({
  /** An organization in scope (its subtree); the caller's whole scope when left out. */
  orgId: z.uuid().optional(),
});

/** A member whose base is due for its yearly reassessment. */
export const ReassessmentItemDto = z.object({
  memberId: z.string(),
  memberName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  category: z.enum(DUES_CATEGORIES),
  /** The effective month of the latest base, or null when none was ever set. */
  lastEffectiveMonth: z.string().nullable(),
  lastBaseFen: z.number().int().nullable(),
  /** Months since the latest base took effect (null: none). */
  monthsSince: z.number().int().nullable(),
});
