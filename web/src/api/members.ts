// Member registry endpoints (server/modules/members): list and search, record, unmask, flags, the
// electronic file (电子档案), the view log, member logins and correction requests.
import type {
  CORRECTABLE_FIELDS,
  DuesCategory,
  EDUCATIONS,
  FileSection,
  GENDERS,
  MemberStatus,
  Standing,
} from '../../../common/member';
import { api, toQueryString } from './client';
import type { Page } from './types';

export {
  CORRECTABLE_FIELDS,
  DUES_CATEGORIES,
  EDUCATIONS,
  FILE_SECTIONS,
  MEMBER_STATUSES,
  STANDINGS,
  type DuesCategory,
  type FileSection,
  type MemberStatus,
  type Standing,
} from '../../../common/member';

export type Education = (typeof EDUCATIONS)[number];
export type Gender = (typeof GENDERS)[number];
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** 不计到会率 and 失联. */
export type MemberFlags = {
  excludeAttendance: boolean;
  excludeReason: string | null;
  excludeApprover: string | null;
  lostContactSince: string | null;
};

/** One member in a list (ID number and phone masked). */
export type MemberItem = {
  id: string;
  orgId: string;
  orgName: string;
  name: string;
  gender: Gender;
  age: number;
  idNumber: string;
  phone: string | null;
  status: MemberStatus;
  standing: Standing;
  joinedOn: string | null;
  confirmedOn: string | null;
  cardNo: string | null;
  flags: MemberFlags;
};

/** The registry fields beyond the list columns. */
type RecordFields = {
  ethnicity: string | null;
  education: Education | null;
  occupation: string | null;
  duesCategory: DuesCategory | null;
  chipUid: string | null;
  address: string | null;
  household: string | null;
  hasAccount: boolean;
  createdAt: string;
  updatedAt: string;
};

/** A member's record as administrators see it (masked). */
export type MemberRecord = MemberItem & RecordFields & { can: { write: boolean; unmask: boolean } };

/** The member's own record, in full. */
export type MyRecord = MemberItem & RecordFields & { birthDate: string };

/** Sort keys of the list. */
export type MemberSort = 'name' | 'joinedOn' | 'birthDate' | 'org';

/** Filters of the list and the export. */
export type MemberFilter = {
  q?: string;
  orgId?: string;
  status?: MemberStatus;
  standing?: Standing;
  sort?: MemberSort;
  order?: 'asc' | 'desc';
};

/** GET /api/members. */
export const listMembers = (filter: MemberFilter, page: number, pageSize: number) =>
  api.get<Page<MemberItem>>('/api/members', { ...filter, page, pageSize });

/** The URL of the Excel export for the same filters (downloaded by a plain link). */
export const membersExportUrl = (filter: MemberFilter) => `/api/members/export${toQueryString(filter)}`;

const path = (id: string) => `/api/members/${encodeURIComponent(id)}`;

/** GET /api/members/:id (masked; the view is logged). */
export const getMember = (id: string) => api.get<MemberRecord>(path(id));

/** POST /api/members/:id/unmask: one field in clear, with a reason (audited, shown to the member). */
export const unmaskMember = (id: string, field: 'idNumber' | 'phone', reason: string) =>
  api.post<{ field: 'idNumber' | 'phone'; value: string | null }>(`${path(id)}/unmask`, { field, reason });

/** Registry fields of a create or an update (null clears a field). */
export type MemberInput = {
  orgId?: string;
  name?: string;
  idNumber?: string;
  phone?: string | null;
  ethnicity?: string | null;
  education?: Education | null;
  occupation?: string | null;
  duesCategory?: DuesCategory | null;
  joinedOn?: string | null;
  confirmedOn?: string | null;
  status?: MemberStatus;
  standing?: Standing;
  cardNo?: string | null;
  chipUid?: string | null;
  address?: string | null;
  household?: string | null;
  note?: string;
};

/** POST /api/members. */
export const createMember = (input: MemberInput) => api.post<MemberRecord>('/api/members', input);

/** PATCH /api/members/:id (not the ID number; each change goes to the file). */
export const updateMember = (id: string, input: MemberInput) => api.patch<MemberRecord>(path(id), input);

/** Body of PUT /api/members/:id/flags. */
export type FlagsInput = {
  excludeAttendance: boolean;
  excludeReason?: string | null;
  excludeApprover?: string | null;
  lostContactSince: string | null;
};

/** PUT /api/members/:id/flags. */
export const setMemberFlags = (id: string, input: FlagsInput) => api.put<MemberRecord>(`${path(id)}/flags`, input);

/** One entry of the electronic file. */
export type FileEvent = {
  id: string;
  at: string;
  occurredOn: string | null;
  section: FileSection;
  type: string;
  title: string;
  detail: Record<string, unknown> | null;
  orgId: string | null;
  actorName: string;
  source: string;
};

/** Paging of the file with an optional section. */
export type FileQuery = { section?: FileSection; page: number; pageSize: number };

/** GET /api/members/:id/file (newest first). */
export const getMemberFile = (id: string, query: FileQuery) => api.get<Page<FileEvent>>(`${path(id)}/file`, query);

/** One view of a member's record or file. */
export type FileView = {
  id: string;
  at: string;
  viewerName: string;
  viewerRoles: string[];
  what: 'record' | 'file' | 'idNumber' | 'phone';
  reason: string | null;
};

/** GET /api/members/:id/views. */
export const getMemberViews = (id: string, query: { page: number; pageSize: number }) =>
  api.get<Page<FileView>>(`${path(id)}/views`, query);

/** POST /api/members/:id/account: the member logs in with the ID number; the password is shown once. */
export const enableMemberLogin = (id: string) =>
  api.post<{ accountId: string; username: string; oneTimePassword: string }>(`${path(id)}/account`, {});

/** A correction request. */
export type Correction = {
  id: string;
  memberId: string;
  memberName: string;
  orgId: string;
  orgName: string;
  field: CorrectableField;
  requestedValue: string;
  currentValue: string | null;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  createdAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
};

/** GET /api/corrections (the queue of the caller's scope). */
export const listCorrections = (query: { status: Correction['status']; page: number; pageSize: number }) =>
  api.get<Page<Correction>>('/api/corrections', query);

/** GET /api/corrections/export (an .xlsx link with the same status filter). */
export const correctionsExportUrl = (status: Correction['status']) => `/api/corrections/export${toQueryString({ status })}`;

/** POST /api/corrections/:id/decide (a note is required to reject). */
export const decideCorrection = (id: string, decision: 'approve' | 'reject', note?: string) =>
  api.post<Correction>(`/api/corrections/${encodeURIComponent(id)}/decide`, { decision, note });

/** GET /api/my/record. */
export const getMyRecord = () => api.get<MyRecord>('/api/my/record');

/** GET /api/my/file. */
export const getMyFile = (query: FileQuery) => api.get<Page<FileEvent>>('/api/my/file', query);

/** GET /api/my/views. */
export const getMyViews = (query: { page: number; pageSize: number }) => api.get<Page<FileView>>('/api/my/views', query);

/** GET /api/my/corrections. */
export const getMyCorrections = (query: { page: number; pageSize: number }) =>
  api.get<Page<Correction>>('/api/my/corrections', query);

/** POST /api/my/corrections. */
export const requestCorrection = (input: { field: CorrectableField; requestedValue: string; reason: string }) =>
  api.post<Correction>('/api/my/corrections', input);
