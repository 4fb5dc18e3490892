// Audit trail and background job endpoints.
import { api, toQueryString } from './client';
import type { AuditResult, AuditRow, Job, Page } from './types';

/** Filters shared by the list and the export. */
export type AuditFilter = {
  kind: 'login' | 'operation';
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  result?: AuditResult;
};

/** GET /api/audit/logs. */
export const listAuditLogs = (filter: AuditFilter, page: number, pageSize: number) =>
  api.get<Page<AuditRow>>('/api/audit/logs', { ...filter, page, pageSize });

/** The URL of the Excel export for the same filters (downloaded by a plain link). */
export const auditExportUrl = (filter: AuditFilter) => `/api/audit/logs/export${toQueryString(filter)}`;

/** Answer of POST /api/audit/verify. */
export type VerifyResult = { ok: boolean; checked: number; brokenAt?: { countyCode: string; seq: number; reason: string } };

/** POST /api/audit/verify. */
export const verifyAudit = () => api.post<VerifyResult>('/api/audit/verify', {});

/** GET /api/system/jobs. */
export const listJobs = (query: { status?: string; page: number; pageSize: number }) =>
  api.get<Page<Job>>('/api/system/jobs', query);

/** The URL of the Excel export of the jobs with the same status filter. */
export const jobsExportUrl = (status?: string) => `/api/system/jobs/export${toQueryString({ status })}`;
