// Organization endpoints.
import { api } from './client';
import type { Org, OrgCategory, OrgLevel } from './types';

/** GET /api/orgs/tree: children of parentId, the caller's scope roots when omitted, or a name search with q. */
export const getOrgChildren = (parentId?: string, q?: string) =>
  api.get<{ items: Org[] }>('/api/orgs/tree', { parentId, q }).then((r) => r.items);

/** GET /api/orgs/:id. */
export const getOrg = (id: string) => api.get<Org>(`/api/orgs/${encodeURIComponent(id)}`);

/** Body of POST /api/orgs. */
export type CreateOrgInput = { parentId: string; name: string; level: OrgLevel; category?: OrgCategory };

/** POST /api/orgs. */
export const createOrg = (input: CreateOrgInput) => api.post<Org>('/api/orgs', input);

/** Body of PATCH /api/orgs/:id. */
export type UpdateOrgInput = { name?: string; shortName?: string | null; category?: OrgCategory | null };

/** PATCH /api/orgs/:id. */
export const updateOrg = (id: string, input: UpdateOrgInput) =>
  api.patch<Org>(`/api/orgs/${encodeURIComponent(id)}`, input);
