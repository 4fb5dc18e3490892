import { z } from 'zod';
import { PageQuery } from '../../core/http/pagination.ts';

/** Status of a to-do. */
export const TODO_STATUSES = ['open', 'accepted', 'dismissed', 'cancelled'] as const;

/** A proposal in an organization's to-do list, decided by a person. */
export const TodoDto = z.object({
  id: z.string(),
  orgId: z.string(),
  /** suspend_proposal: 失联 ≥ 6 months → 停止党籍 (DOMAIN §2). */
  kind: z.string(),
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  title: z.string(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  dueOn: z.string().nullable(),
  status: z.enum(TODO_STATUSES),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  /** accept or dismiss, once decided. */
  decision: z.string().nullable(),
});

/** Filter and page of a to-do list. */
export const TodoQuery = PageQuery.extend({ status: z.enum(TODO_STATUSES).optional() });

/** Accept (carry the proposal out) or dismiss it, with an optional note. */
export const DecideBody = z.strictObject({
  decision: z.enum(['accept', 'dismiss']),
  note: z.string().trim().min(1).max(500).optional(),
});
