import { z } from 'zod';
import { ROLES } from '../../../common/roles.ts';
import { PageQuery } from '../../core/http/pagination.ts';

/** An account as administrators see it. */
export const AccountDto = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  kind: z.enum(['admin', 'member']),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  totpEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
});

/** Search and paging of accounts. */
export const AccountListQuery = PageQuery.extend({ q: z.string().trim().min(1).max(64).optional() });

/** Create an administrator account at an organization in scope (roles are granted separately). */
export const CreateAccountBody = z.strictObject({
  username: z.string().trim().min(3).max(32).regex(/^[a-zA-Z][a-zA-Z0-9_.-]*$/),
  displayName: z.string().trim().min(1).max(50),
  orgId: z.uuid(),
});

/** Enable or disable an account. */
export const StatusBody = z.strictObject({ status: z.enum(['active', 'disabled']) });

/** A grant: role over an organization subtree. */
export const GrantDto = z.object({
  id: z.string(),
  accountId: z.string(),
  role: z.enum(ROLES),
  orgId: z.string(),
  orgName: z.string(),
  createdAt: z.string(),
});

/** Add a grant. */
export const CreateGrantBody = z.strictObject({ accountId: z.uuid(), role: z.enum(ROLES), orgId: z.uuid() });

/** Path parameter: an id. */
export const IdParams = z.strictObject({ id: z.uuid() });
