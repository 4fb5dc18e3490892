import { z } from 'zod';
import { DUES_CATEGORIES, DUES_RULES } from '../../../common/dues.ts';
import { PageQuery } from '../../core/http/pagination.ts';
import { BILL_ISSUES, BILL_STATES } from './bills.rules.ts';
import { BaseDto, Month, MonthlyDto } from './profiles.schemas.ts';

/** The filters of the bill list and its export. */
export const BillFilter = z.strictObject({
  /** The month ('YYYY-MM'). */
  month: Month,
  /** An organization in scope; the caller's whole scope when left out. */
  orgId: z.uuid().optional(),
  /** 'false': the organization's own members only (a branch's month table); its whole subtree by default. */
  includeSubtree: z.enum(['true', 'false']).optional(),
  /** Only bills in this state. */
  state: z.enum(BILL_STATES).optional(),
  /** Only bills with this issue (no amount yet). */
  issue: z.enum(BILL_ISSUES).optional(),
});

/** A page of the bill list. */
export const BillListQuery = BillFilter.extend(PageQuery.shape);

/** One monthly bill. */
export const BillDto = z.object({
  id: z.string(),
  month: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  /** The organization that collects it (the member's when the bill was made). */
  orgId: z.string(),
  orgName: z.string(),
  category: z.enum(DUES_CATEGORIES).nullable(),
  /** The base applied, in 分 (rated categories). */
  baseFen: z.number().int().nullable(),
  rule: z.enum(DUES_RULES).nullable(),
  rateBp: z.number().int().nullable(),
  /** What is due, in 分; null while an issue stops it. */
  amountFen: z.number().int().nullable(),
  paidFen: z.number().int(),
  state: z.enum(BILL_STATES),
  issue: z.enum(BILL_ISSUES).nullable(),
  /** The reduction or exemption decision that applies (a later task). */
  reductionId: z.string().nullable(),
});

/** Totals of the listed bills (the whole filter, not the page). */
export const BillTotalsDto = z.object({
  bills: z.number().int(),
  /** 应交: the amounts of the bills that are not waived, in 分. */
  shouldFen: z.number().int(),
  /** 实交: what was paid, in 分. */
  paidFen: z.number().int(),
  due: z.number().int(),
  paid: z.number().int(),
  partiallyPaid: z.number().int(),
  waived: z.number().int(),
  /** Bills without an amount yet (base or category missing). */
  issues: z.number().int(),
});

/** A page of bills with the totals of the whole filter. */
export const BillPageDto = z.object({ items: z.array(BillDto), total: z.number().int(), totals: BillTotalsDto });

/** GET /api/my/dues: the paging of the history. */
export const MyDuesQuery = PageQuery;

/** What a member sees of their own dues: the profile in short, what is due, and the history. */
export const MyDuesDto = z.object({
  memberName: z.string(),
  orgName: z.string(),
  category: z.enum(DUES_CATEGORIES).nullable(),
  /** The member owes dues this month. */
  owes: z.boolean(),
  billedFrom: z.string().nullable(),
  base: BaseDto.pick({ effectiveMonth: true, baseFen: true }).nullable(),
  /** This month's amount, or null when an issue stops it (the branch fixes the profile). */
  monthly: MonthlyDto.nullable(),
  issue: z.enum(BILL_ISSUES).nullable(),
  /** The member's dues are paid by another member (代缴). */
  proxyPayerName: z.string().nullable(),
  /**
   * What is still due: the bills not settled that have an amount, their remaining amount in 分 and their
   * months; `unquoted` counts the open bills still waiting for their amount (an issue the branch fixes).
   */
  outstanding: z.object({ bills: z.number().int(), amountFen: z.number().int(), months: z.array(z.string()), unquoted: z.number().int() }),
  /** The bills, newest month first (a page). */
  items: z.array(BillDto),
  total: z.number().int(),
});
