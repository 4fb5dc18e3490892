// API-client endpoints (docs/API-CLIENTS.md): credentials for kiosks and other government systems.
import { api } from './client';
import type { ApiClient, Page } from './types';

/**
 * Routes an API client may be named on, offered in the routes picker ("METHOD /url", exactly as the
 * server registers them). Modules that open a route to the api_client role add it here.
 */
export const API_CLIENT_ROUTES: readonly string[] = ['GET /api/orgs/tree'];

/** Shape of a route as the server accepts it. */
export const API_CLIENT_ROUTE_PATTERN = /^(GET|POST|PUT|PATCH|DELETE) \/api\/[\w/:.-]*$/;

/** GET /api/api-clients. */
export const listApiClients = (query: { page: number; pageSize: number }) =>
  api.get<Page<ApiClient>>('/api/api-clients', query);

/** Body of POST /api/api-clients. */
export type CreateApiClientInput = { name: string; orgId: string; routes: string[] };

/** A client with its secret, answered once by create and rotate. */
export type ApiClientSecret = { client: ApiClient; secret: string };

/** POST /api/api-clients: the secret is shown once. */
export const createApiClient = (input: CreateApiClientInput) => api.post<ApiClientSecret>('/api/api-clients', input);

/** POST /api/api-clients/:id/status. */
export const setApiClientStatus = (id: string, status: ApiClient['status']) =>
  api.post<ApiClient>(`/api/api-clients/${encodeURIComponent(id)}/status`, { status });

/** POST /api/api-clients/:id/rotate: a new secret (shown once); the old one stops working. */
export const rotateApiClient = (id: string) =>
  api.post<ApiClientSecret>(`/api/api-clients/${encodeURIComponent(id)}/rotate`, {});

/** The URL of the Excel export (downloaded by a plain link). */
export const apiClientsExportUrl = () => '/api/api-clients/export';
