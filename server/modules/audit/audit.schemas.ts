import { z } from 'zod';
import { PageQuery } from '../../core/http/pagination.ts';

/** Filters of the login log (登录日志) and operation log (操作日志). */
export const AuditFilter = z.strictObject({
  /** login = 登录日志 (log in / log out / failures); operation = 操作日志 (everything else). */
  kind: z.enum(['login', 'operation']).default('operation'),
  /** From this time (ISO 8601). */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Until this time (ISO 8601). */
  to: z.iso.datetime({ offset: true }).optional(),
  /** Actor name contains. */
  actor: z.string().trim().min(1).max(64).optional(),
  /** Action starts with, e.g. "org." */
  action: z.string().trim().min(1).max(64).optional(),
  result: z.enum(['success', 'failure', 'denied']).optional(),
});

/** List query: filters plus paging. */
export const AuditListQuery = AuditFilter.extend(PageQuery.shape);

/** One audit row as shown. */
export const AuditRowDto = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorName: z.string(),
  roles: z.string(),
  ip: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  orgId: z.string().nullable(),
  result: z.enum(['success', 'failure', 'denied']),
  reason: z.string().nullable(),
  detail: z.unknown().nullable(),
});

/** The result of a chain verification. */
export const VerifyDto = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  brokenAt: z.object({ countyCode: z.string(), seq: z.number().int(), reason: z.string() }).optional(),
});
