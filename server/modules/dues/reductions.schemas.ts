import { z } from 'zod';
import { PageQuery } from '../../core/http/pagination.ts';
import { Month } from './profiles.schemas.ts';

export const REDUCTION_KINDS = ['reduction', 'exemption'] as const;
export const REDUCTION_STATES = ['proposed', 'approved', 'rejected', 'revoked'] as const;

/** POST /api/dues/reductions: the branch's decision, proposed for approval by the organization above. */
export const ReductionBody = z.strictObject({
  memberId: z.uuid(),
  /** reduction (减交: a lower monthly amount) or exemption (免交). */
  kind: z.enum(REDUCTION_KINDS),
  /** A reduction: the monthly amount still to pay, in 分 (less than the normal amount). Not given for an exemption. */
  amountFen: z.number().optional(),
  /** First month covered, 'YYYY-MM'. */
  fromMonth: Month,
  /** Last month covered (inclusive); at most 12 months from fromMonth. */
  toMonth: Month,
  /** Why (e.g. 生活困难). */
  reason: z.string().trim().min(1).max(200),
  /** The branch's decision as recorded (e.g. "支委会 2026-03-05 决定"). */
  branchDecision: z.string().trim().min(1).max(200),
});

/** POST /api/dues/reductions/:id/approve. */
export const ApproveBody = z.strictObject({ note: z.string().trim().max(200).optional() });
/** POST /api/dues/reductions/:id/reject: why (required). */
export const RejectBody = z.strictObject({ note: z.string().trim().min(1).max(200) });
/** POST /api/dues/reductions/:id/revoke: no longer applies from fromMonth on (within its months). */
export const RevokeBody = z.strictObject({ fromMonth: Month, reason: z.string().trim().min(1).max(200) });

export const ReductionParams = z.strictObject({ id: z.uuid() });

/** GET /api/dues/reductions (and /export without the page). */
export const ReductionFilter = z.strictObject({
  state: z.enum(REDUCTION_STATES).optional(),
  /** Decisions of this organization's subtree (404 outside scope). */
  orgId: z.uuid().optional(),
  memberId: z.uuid().optional(),
});
export const ReductionListQuery = z.strictObject({ ...ReductionFilter.shape, ...PageQuery.shape });

/** One decision. */
export const ReductionDto = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  kind: z.enum(REDUCTION_KINDS),
  /** 分 a month (a reduction); null for an exemption. */
  amountFen: z.number().int().nullable(),
  fromMonth: z.string(),
  toMonth: z.string(),
  reason: z.string(),
  branchDecision: z.string(),
  state: z.enum(REDUCTION_STATES),
  proposedByName: z.string(),
  proposedAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  revokedFromMonth: z.string().nullable(),
  revokedByName: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  /** The caller may approve or reject it (proposed, and the caller's grant is on an organization above it). */
  decidable: z.boolean(),
  /** The caller may revoke it (approved, same rule). */
  revocable: z.boolean(),
});

/** The answer of a write: the decision and how many bills it changed. */
export const ReductionResultDto = z.object({ reduction: ReductionDto, bills: z.number().int() });
export const ReductionPageDto = z.object({ items: z.array(ReductionDto), total: z.number().int() });
