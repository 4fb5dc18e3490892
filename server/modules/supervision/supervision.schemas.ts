import { z } from 'zod';

/** A calendar day 'YYYY-MM-DD' (Asia/Shanghai). */
export const Day = z.iso.date();

/** The activity summary of an organization's subtree over [from, to], by day or by month. */
export const SummaryQuery = z.strictObject({
  /** An organization in scope; the caller's first scope root when left out. */
  orgId: z.uuid().optional(),
  /** First day; the 1st of January of `to`'s year (month) or the 1st of `to`'s month (day) when left out. */
  from: Day.optional(),
  /** Last day (inclusive); today when left out. */
  to: Day.optional(),
  groupBy: z.enum(['day', 'month']).default('month'),
});

const figures = {
  /** Activities held (not cancelled, started). */
  held: z.number().int(),
  /** Activities held by type code (activity_types). */
  heldByType: z.record(z.string(), z.number().int()),
  /** 应到 and 实到 summed (DOMAIN §3; a submitted record's frozen figures). */
  obliged: z.number().int(),
  attended: z.number().int(),
  /** 请假 (approved leave). */
  leave: z.number().int(),
  /** 实到 / 应到, or null when nobody was expected. */
  rate: z.number().nullable(),
  /** 非隶属 check-ins at the activities (never in the rate). */
  guests: z.number().int(),
  /** Dues 应交 / 实交 in 分 of the months (groupBy=month; null by day), from the dues rollup. */
  shouldFen: z.number().int().nullable(),
  paidFen: z.number().int().nullable(),
};

export const SummaryRowDto = z.object({
  orgId: z.uuid(),
  name: z.string(),
  level: z.string(),
  /** The organization's own activities (not a child's). */
  own: z.boolean(),
  hasChildren: z.boolean(),
  ...figures,
});

export const SummaryDto = z.object({
  org: z.object({ id: z.uuid(), name: z.string(), level: z.string() }),
  from: Day,
  to: Day,
  groupBy: z.enum(['day', 'month']),
  totals: z.object(figures),
  /** One row per child organization, each summing its subtree. */
  children: z.array(SummaryRowDto),
  /** One row per day or month of the range with the whole subtree's figures. */
  periods: z.array(z.object({ period: z.string(), ...figures })),
});
