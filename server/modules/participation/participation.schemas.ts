import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** Filters of the participation list and its export. */
export const ParticipationFilterQuery = z
  .strictObject({
    orgId: z.uuid(),
    /** First day of the period (Asia/Shanghai), inclusive. */
    from: day,
    /** Last day of the period, inclusive. */
    to: day,
    /** 'true': the organization's whole subtree; otherwise its direct members only. */
    includeSubtree: z.enum(['true', 'false']).optional(),
    /** 'true': only members below the low-participation threshold with enough obligations. */
    low: z.enum(['true', 'false']).optional(),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to must not be before from' });

export const ParticipationListQuery = z
  .strictObject({
    orgId: z.uuid(),
    from: day,
    to: day,
    includeSubtree: z.enum(['true', 'false']).optional(),
    low: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to must not be before from' });

export const ParticipationRowDto = z.object({
  memberId: z.string(),
  name: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  /** 应到: activities of the period where the member was expected (minus approved leave not attended). */
  obliged: z.number().int(),
  /** Of those, attended here or elsewhere (same type, same obligation period, as a guest). */
  attended: z.number().int(),
  /** Approved leave (请假) not attended. */
  leave: z.number().int(),
  /** Check-ins as a guest at other organizations' activities (非隶属签到). */
  guest: z.number().int(),
  /** attended / obliged, null when nothing was expected. */
  rate: z.number().nullable(),
  /** Below the threshold with at least the minimum of obligations. */
  low: z.boolean(),
});

export const ParticipationPageDto = z.object({
  items: z.array(ParticipationRowDto),
  total: z.number().int(),
  /** The low-participation rule, for the screen's legend. */
  lowRate: z.number(),
  minObliged: z.number().int(),
});

export const EvidenceQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const IdParams = z.strictObject({ id: z.uuid() });

const Counts = { obliged: z.number().int(), attended: z.number().int(), leave: z.number().int(), guest: z.number().int() };

export const EvidenceDto = z.object({
  member: z.object({ id: z.string(), name: z.string(), orgId: z.string(), orgName: z.string() }),
  year: z.number().int(),
  attendance: z.object({
    total: z.object(Counts),
    organizations: z.array(
      z.object({
        orgId: z.string(),
        orgName: z.string(),
        /** The member's own organization (obligations); otherwise an organization visited as a guest. */
        own: z.boolean(),
        ...Counts,
        months: z.array(z.object({ month: z.string(), ...Counts })),
        types: z.array(z.object({ type: z.string(), ...Counts })),
      }),
    ),
    activities: z.array(
      z.object({
        activityId: z.string(),
        orgName: z.string(),
        type: z.string(),
        title: z.string(),
        startsAt: z.string(),
        status: z.enum(['present', 'elsewhere', 'leave', 'absent', 'guest']),
      }),
    ),
  }),
  dues: z.object({
    billed: z.number().int(),
    paidOnTime: z.number().int(),
    paidLate: z.number().int(),
    unpaid: z.number().int(),
    waived: z.number().int(),
    amountFen: z.number().int(),
    paidFen: z.number().int(),
    months: z.array(z.object({ month: z.string(), amountFen: z.number().int().nullable(), paidFen: z.number().int(), state: z.string(), onTime: z.boolean() })),
  }),
  /** Sections fed by modules not built yet: shown as 尚未接入, never with invented data. */
  sections: z.array(z.object({ key: z.string(), available: z.boolean() })),
});
