// Account and grant endpoints.
import { api, toQueryString } from './client';
import type { Account, Grant, Page, Role } from './types';

/** Query of GET /api/accounts. */
export type AccountQuery = { q?: string; page: number; pageSize: number };

/** GET /api/accounts. */
export const listAccounts = (query: AccountQuery) => api.get<Page<Account>>('/api/accounts', query);

/** The URL of the Excel export for the same search (downloaded by a plain link). */
export const accountsExportUrl = (q?: string) => `/api/accounts/export${toQueryString({ q })}`;

/** Body of POST /api/accounts. */
export type CreateAccountInput = { username: string; displayName: string; orgId: string };

/** POST /api/accounts: the one-time password is shown once. */
export const createAccount = (input: CreateAccountInput) =>
  api.post<{ account: Account; oneTimePassword: string }>('/api/accounts', input);

/** POST /api/accounts/:id/reset-password. */
export const resetPassword = (id: string) =>
  api.post<{ oneTimePassword: string }>(`/api/accounts/${encodeURIComponent(id)}/reset-password`, {});

/** POST /api/accounts/:id/status. */
export const setAccountStatus = (id: string, status: 'active' | 'disabled') =>
  api.post<Account>(`/api/accounts/${encodeURIComponent(id)}/status`, { status });

/** GET /api/accounts/:id/grants. */
export const listGrants = (accountId: string) =>
  api.get<{ items: Grant[] }>(`/api/accounts/${encodeURIComponent(accountId)}/grants`).then((r) => r.items);

/** POST /api/grants. */
export const createGrant = (input: { accountId: string; role: Role; orgId: string }) =>
  api.post<Grant>('/api/grants', input);

/** DELETE /api/grants/:id. */
export const deleteGrant = (id: string) => api.del<void>(`/api/grants/${encodeURIComponent(id)}`);
