import { z } from 'zod';
import { CORRECTABLE_FIELDS } from '../../../common/member.ts';
import { PageQuery } from '../../core/http/pagination.ts';

/** A member's request to correct their file. */
export const CorrectionDto = z.object({
  /** Request id. */
  id: z.string(),
  /** The member asking. */
  memberId: z.string(),
  /** Their name. */
  memberName: z.string(),
  /** The member's current organization. */
  orgId: z.string(),
  /** Its name. */
  orgName: z.string(),
  /** The field to correct (other = free text the secretary handles by hand). */
  field: z.enum(CORRECTABLE_FIELDS),
  /** The value asked for (a phone is masked for administrators). */
  requestedValue: z.string(),
  /** The value on record now (masked like the record). */
  currentValue: z.string().nullable(),
  /** The member's reason. */
  reason: z.string(),
  /** pending, approved or rejected. */
  status: z.enum(['pending', 'approved', 'rejected']),
  /** When it was asked. */
  createdAt: z.string(),
  /** Who decided. */
  decidedByName: z.string().nullable(),
  /** When it was decided. */
  decidedAt: z.string().nullable(),
  /** The decision's note (required when rejected). */
  decisionNote: z.string().nullable(),
});

/** The correction queue of the caller's scope. */
export const CorrectionListQuery = PageQuery.extend({
  /** pending (default), approved or rejected. */
  status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
  /** Only members of this organization's subtree (in scope, else 404). */
  orgId: z.uuid().optional(),
});

/** Approve or reject a correction request. */
export const DecideBody = z.strictObject({
  /** approve applies the value to the record (except for `other`); reject keeps the record. */
  decision: z.enum(['approve', 'reject']),
  /** Note to the member; required when rejecting. */
  note: z.string().trim().min(1).max(500).optional(),
});

/** A member asks for a correction of their own file. */
export const MyCorrectionBody = z.strictObject({
  /** The field to correct. */
  field: z.enum(CORRECTABLE_FIELDS),
  /** The correct value (dates YYYY-MM-DD, education as its code). */
  requestedValue: z.string().trim().min(1).max(200),
  /** Why (at least 5 characters). */
  reason: z.string().trim().min(5).max(500),
});

/** Paging of the member's own requests. */
export { PageQuery as MyCorrectionsQuery };
