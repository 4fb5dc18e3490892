// 发展党员 endpoints (server/modules/pipeline): the board of a branch, the overdue list, the steps.
import type { PipelineStage } from '../../../common/member';
import type { TimerCode } from '../../../common/pipeline-rules';
import { api, toQueryString } from './client';
import type { Page } from './types';

export { PIPELINE_STAGES, type PipelineStage } from '../../../common/member';
export { NEXT_STAGE, OPEN_STAGES, type TimerCode } from '../../../common/pipeline-rules';

/** Something due on a date; red once overdue. */
export type PipelineTimer = { code: TimerCode; dueOn: string; overdue: boolean; message: string };

/** A recorded deviation that did not block a step. */
export type PipelineRemark = { code: 'TALK_LATE' | 'APPROVAL_LATE'; params: Record<string, string | number>; message: string };

/** A person in the pipeline (ID number masked). */
export type Applicant = {
  id: string;
  orgId: string;
  orgName: string;
  name: string;
  gender: 'male' | 'female';
  age: number;
  idNumber: string;
  stage: PipelineStage;
  appliedOn: string;
  talkedOn: string | null;
  activistOn: string | null;
  candidateOn: string | null;
  trainingDoneOn: string | null;
  politicalReviewOn: string | null;
  publicityStart: string | null;
  publicityEnd: string | null;
  admittedOn: string | null;
  approvedOn: string | null;
  probationExtendedTo: string | null;
  confirmedOn: string | null;
  memberId: string | null;
  closedReason: string | null;
  timers: PipelineTimer[];
  remarks: PipelineRemark[];
  updatedAt: string;
};

/** The answer of a step: the record and the remarks noted. */
export type Step = { applicant: Applicant; notes: PipelineRemark[] };

/** The board of a branch. */
export type Board = { orgId: string; orgName: string; stages: { stage: PipelineStage; items: Applicant[] }[] };

/** GET /api/pipeline. */
export const getBoard = (orgId: string, stage?: PipelineStage) => api.get<Board>('/api/pipeline', { orgId, stage });

/** The URL of the board export. */
export const boardExportUrl = (orgId: string) => `/api/pipeline/export${toQueryString({ orgId })}`;

/** GET /api/pipeline/overdue. */
export const listOverdue = (orgId: string | undefined, page: number, pageSize: number) =>
  api.get<Page<Applicant>>('/api/pipeline/overdue', { orgId, page, pageSize });

/** The URL of the overdue export. */
export const overdueExportUrl = (orgId?: string) => `/api/pipeline/overdue/export${toQueryString({ orgId })}`;

/** POST /api/pipeline: a new application. */
export const createApplicant = (input: { orgId: string; name: string; idNumber: string; appliedOn: string }) =>
  api.post<Applicant>('/api/pipeline', input);

/** Dates that may come with a step. */
export type StageDates = {
  talkedOn?: string;
  trainingDoneOn?: string;
  politicalReviewOn?: string;
  publicityStart?: string;
  publicityEnd?: string;
};

/** Body of POST /api/pipeline/:id/advance. */
export type AdvanceInput = StageDates & { to: 'activist' | 'candidate' | 'probationary' | 'full'; date: string; approvedOn?: string };

const path = (id: string) => `/api/pipeline/${encodeURIComponent(id)}`;

/** POST /api/pipeline/:id/record: dates of the current stage. */
export const recordDates = (id: string, input: StageDates & { admittedOn?: string }) => api.post<Step>(`${path(id)}/record`, input);

/** POST /api/pipeline/:id/advance. */
export const advanceApplicant = (id: string, input: AdvanceInput) => api.post<Step>(`${path(id)}/advance`, input);

/** POST /api/pipeline/:id/extend: the 预备期 once, by at most a year. */
export const extendProbation = (id: string, to: string) => api.post<Step>(`${path(id)}/extend`, { to });

/** POST /api/pipeline/:id/close. */
export const closeApplicant = (id: string, reason: string) => api.post<Step>(`${path(id)}/close`, { reason });
