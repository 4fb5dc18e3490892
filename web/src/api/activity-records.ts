// 会议记录 endpoints (server/modules/activity-records): the record of an activity (draft, submit,
// amendments) and its photos, videos and attachments (upload with progress, list, delete).
import { ApiError, api, readCookie } from './client';
import type { Page } from './types';

/** One decision with the outcome the server computed. */
export type Decision = {
  subject: string;
  decision: string;
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
  passed: boolean;
  /** False when a 支部党员大会 lacked its quorum. */
  valid: boolean;
};

/** A decision as entered. */
export type DecisionInput = Omit<Decision, 'passed' | 'valid'>;

/** One checklist item. */
export type ChecklistItem = { label: string; done: boolean };

/** The 主题党日 checklist (null for other types). */
export type Checklist = { kind: '5+X' | '4+X'; fixed: ChecklistItem[]; extra: ChecklistItem[] } | null;

/** The quorum of a 支部党员大会 (null for other types). */
export type Quorum = { present: number; votingMembers: number; required: number; met: boolean } | null;

/** What an amendment changed. */
export type AmendmentChanges = {
  minutesHtml?: { before: string; after: string };
  decisions?: { before: DecisionInput[]; after: DecisionInput[] };
  checklist?: { before: { fixed: ChecklistItem[]; extra: ChecklistItem[] }; after: { fixed: ChecklistItem[]; extra: ChecklistItem[] } };
};

/** One amendment to a submitted record. */
export type Amendment = { id: string; seq: number; reason: string; actorName: string; at: string; changes: AmendmentChanges };

/** The content of a record. */
export type RecordContent = { minutesHtml: string; decisions: Decision[]; checklist: Checklist };

/** The record of an activity. */
export type ActivityRecord = RecordContent & {
  activityId: string;
  activityType: string;
  activityTitle: string;
  orgId: string;
  orgName: string;
  startsAt: string;
  state: 'draft' | 'submitted';
  version: number;
  quorum: Quorum;
  /** 应到 / 实到 / 请假 / guests: live while a draft, frozen at submission. */
  figures: { expected: number; present: number; leave: number; guests: number; frozen: boolean };
  updatedName: string | null;
  updatedAt: string | null;
  submittedName: string | null;
  submittedAt: string | null;
  amendments: Amendment[];
  /** The content with every amendment applied (null without amendments). */
  current: RecordContent | null;
  canEdit: boolean;
  canAmend: boolean;
};

/** What a draft save or an amendment sends. */
export type RecordInput = {
  minutesHtml: string;
  decisions: DecisionInput[];
  checklist?: { fixed: ChecklistItem[]; extra: ChecklistItem[] };
};

/** GET /api/activities/:id/record. */
export const getRecord = (activityId: string) => api.get<ActivityRecord>(`/api/activities/${activityId}/record`);

/** PUT /api/activities/:id/record (the draft; 409 RECORD_STALE when someone saved in between). */
export const saveRecordDraft = (activityId: string, body: RecordInput & { version?: number }) => api.put<ActivityRecord>(`/api/activities/${activityId}/record`, body);

/** POST /api/activities/:id/record/submit. */
export const submitRecord = (activityId: string, version: number) => api.post<ActivityRecord>(`/api/activities/${activityId}/record/submit`, { version });

/** POST /api/activities/:id/record/amendments. */
export const amendRecord = (activityId: string, body: Partial<RecordInput> & { reason: string }) =>
  api.post<ActivityRecord>(`/api/activities/${activityId}/record/amendments`, body);

/** A photo, video or attachment. */
export type Media = {
  id: string;
  kind: 'photo' | 'video' | 'attachment';
  mime: string;
  size: number;
  fileName: string;
  width: number | null;
  height: number | null;
  url: string;
  thumbUrl: string | null;
  sha256: string;
  uploadedName: string;
  uploadedAt: string;
};

/** GET /api/activities/:id/media. */
export const listMedia = (activityId: string, page = 1, pageSize = 100) => api.get<Page<Media>>(`/api/activities/${activityId}/media`, { page, pageSize });

/** DELETE /api/activities/:id/media/:mediaId (only while the record is a draft). */
export const deleteMedia = (activityId: string, mediaId: string) => api.del<void>(`/api/activities/${activityId}/media/${mediaId}`);

/** The Excel export of the media list. */
export const mediaExportUrl = (activityId: string) => `/api/activities/${activityId}/media/export`;

/**
 * Uploads one file as multipart/form-data with progress (fetch cannot report upload progress, so
 * this uses XMLHttpRequest). Errors arrive as ApiError like every other call.
 */
export function uploadMedia(activityId: string, file: File, onProgress: (percent: number) => void, signal?: AbortSignal): Promise<Media> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/activities/${activityId}/media`);
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = readCookie('hy_csrf');
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: { error?: { code?: string; message?: string; fields?: [] } } & Partial<Media> = {};
      try {
        body = JSON.parse(xhr.responseText || '{}');
      } catch {
        // Not JSON (a proxy error page): handled below.
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as Media);
      else reject(new ApiError(xhr.status, body.error?.code ?? `HTTP_${xhr.status}`, body.error?.message ?? xhr.statusText, body.error?.fields));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network error'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
