// 党费减免 endpoints (server/modules/dues/reductions.*): the branch proposes a reduction or exemption, the
// organization above approves or rejects it, an approved one may be revoked from a month on.
import { api, toQueryString } from './client';
import type { Page } from './types';

/** Proposing (the branch) and deciding (the organization above) reductions. */
export const DUES_REDUCE_PERMISSION = 'dues.reduce';
export const DUES_REDUCE_APPROVE_PERMISSION = 'dues.reduce.approve';

export const REDUCTION_STATES = ['proposed', 'approved', 'rejected', 'revoked'] as const;
export type ReductionState = (typeof REDUCTION_STATES)[number];
export type ReductionKind = 'reduction' | 'exemption';

/** One decision as the server answers it. */
export type DuesReduction = {
  id: string;
  memberId: string;
  memberName: string;
  orgId: string;
  orgName: string;
  kind: ReductionKind;
  amountFen: number | null;
  fromMonth: string;
  toMonth: string;
  reason: string;
  branchDecision: string;
  state: ReductionState;
  proposedByName: string;
  proposedAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  revokedFromMonth: string | null;
  revokedByName: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
  decidable: boolean;
  revocable: boolean;
};

export type ReductionResult = { reduction: DuesReduction; bills: number };
export type ReductionFilter = { state?: ReductionState; orgId?: string; memberId?: string };
export type ReductionInput = { memberId: string; kind: ReductionKind; amountFen?: number; fromMonth: string; toMonth: string; reason: string; branchDecision: string };

export const listReductions = (filter: ReductionFilter, page: number, pageSize: number) => api.get<Page<DuesReduction>>('/api/dues/reductions', { ...filter, page, pageSize });
export const reductionsExportUrl = (filter: ReductionFilter) => `/api/dues/reductions/export${toQueryString(filter)}`;
export const proposeReduction = (input: ReductionInput) => api.post<ReductionResult>('/api/dues/reductions', input);
export const approveReduction = (id: string, note?: string) => api.post<ReductionResult>(`/api/dues/reductions/${id}/approve`, { note });
export const rejectReduction = (id: string, note: string) => api.post<ReductionResult>(`/api/dues/reductions/${id}/reject`, { note });
export const revokeReduction = (id: string, fromMonth: string, reason: string) => api.post<ReductionResult>(`/api/dues/reductions/${id}/revoke`, { fromMonth, reason });
