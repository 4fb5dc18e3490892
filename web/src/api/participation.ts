// 党员参与度 and 民主评议依据 endpoints (server/modules/participation).
import { api, toQueryString } from './client';

/** Filters of the participation list (the period is inclusive, days in Asia/Shanghai). */
export type ParticipationFilter = { orgId?: string; from: string; to: string; includeSubtree?: boolean; low?: boolean };

/** One member's participation over the period. */
export type ParticipationRow = {
  memberId: string;
  name: string;
  orgId: string;
  orgName: string;
  obliged: number;
  attended: number;
  leave: number;
  guest: number;
  rate: number | null;
  low: boolean;
};

export type ParticipationPage = { items: ParticipationRow[]; total: number; lowRate: number; minObliged: number };

const filterQuery = (f: ParticipationFilter) => ({
  orgId: f.orgId,
  from: f.from,
  to: f.to,
  includeSubtree: f.includeSubtree ? 'true' : undefined,
  low: f.low ? 'true' : undefined,
});

/** GET /api/participation. */
export const listParticipation = (f: ParticipationFilter, page: number, pageSize: number) =>
  api.get<ParticipationPage>('/api/participation', { ...filterQuery(f), page, pageSize });

/** The URL of the Excel export for the same filters. */
export const participationExportUrl = (f: ParticipationFilter) => `/api/participation/export${toQueryString(filterQuery(f))}`;

type Counts = { obliged: number; attended: number; leave: number; guest: number };

/** A member's year for 民主评议. */
export type Evidence = {
  member: { id: string; name: string; orgId: string; orgName: string };
  year: number;
  attendance: {
    total: Counts;
    organizations: (Counts & { orgId: string; orgName: string; own: boolean; months: (Counts & { month: string })[]; types: (Counts & { type: string })[] })[];
    activities: { activityId: string; orgName: string; type: string; title: string; startsAt: string; status: 'present' | 'elsewhere' | 'leave' | 'absent' | 'guest' }[];
  };
  dues: {
    billed: number;
    paidOnTime: number;
    paidLate: number;
    unpaid: number;
    waived: number;
    amountFen: number;
    paidFen: number;
    months: { month: string; amountFen: number | null; paidFen: number; state: string; onTime: boolean }[];
  };
  sections: { key: string; available: boolean }[];
};

/** GET /api/members/:id/evidence. */
export const getMemberEvidence = (id: string, year: number) => api.get<Evidence>(`/api/members/${id}/evidence`, { year });
export const memberEvidenceExportUrl = (id: string, year: number) => `/api/members/${id}/evidence/export${toQueryString({ year })}`;
/** GET /api/my/evidence. */
export const getMyEvidence = (year: number) => api.get<Evidence>('/api/my/evidence', { year });
export const myEvidenceExportUrl = (year: number) => `/api/my/evidence/export${toQueryString({ year })}`;
