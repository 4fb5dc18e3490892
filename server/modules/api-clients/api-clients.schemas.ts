import { z } from 'zod';
import { PageQuery } from '../../core/http/pagination.ts';

/** An API client as the security administrator sees it (never the secret). */
export const ApiClientDto = z.object({
  id: z.string(),
  keyId: z.string(),
  name: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  /** Allowed routes, "METHOD /url". */
  routes: z.array(z.string()),
  status: z.enum(['active', 'disabled']),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

/** Register a client at an organization with the routes it may call. */
export const CreateApiClientBody = z.strictObject({
  name: z.string().trim().min(2).max(50),
  orgId: z.uuid(),
  routes: z.array(z.string().trim().regex(/^(GET|POST|PUT|PATCH|DELETE) \/api\/[\w/:.-]*$/)).min(1).max(50),
});

/** The created client and its secret, shown once. */
export const ApiClientSecretDto = z.object({ client: ApiClientDto, secret: z.string() });

/** Enable or disable a client. */
export const ApiClientStatusBody = z.strictObject({ status: z.enum(['active', 'disabled']) });

/** Paging of the client list. */
export const ApiClientListQuery = PageQuery;

/** Path parameter. */
export const IdParams = z.strictObject({ id: z.uuid() });
