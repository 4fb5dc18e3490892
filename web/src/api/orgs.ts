// Organization endpoints: tree, details, structure changes, history, committee, warnings and to-dos.
import type { COMMITTEE_POSITIONS } from '../../../common/member';
import type { OrgWarningCode } from '../../../common/org-rules';
import { api, toQueryString } from './client';
import type { Org, OrgCategory, OrgLevel, Page } from './types';

export { COMMITTEE_POSITIONS } from '../../../common/member';
export { ORG_WARNING_CODES, type OrgWarningCode } from '../../../common/org-rules';

/** A committee position code (书记, 副书记, …). */
export type CommitteePosition = (typeof COMMITTEE_POSITIONS)[number];

/** GET /api/orgs/tree: children of parentId, the caller's scope roots when omitted, or a name search with q. */
export const getOrgChildren = (parentId?: string, q?: string) =>
  api.get<{ items: Org[] }>('/api/orgs/tree', { parentId, q }).then((r) => r.items);

/** One size or term warning (DOMAIN §1). */
export type OrgWarning = {
  code: OrgWarningCode;
  severity: 'error' | 'warning' | 'info';
  params: Record<string, string | number>;
  /** The server's text in the caller's language (the console uses its own catalogue first). */
  message: string;
};

/** Members with an active standing, by status. */
export type MemberCounts = { full: number; probationary: number; total: number };

/** An organization with its details, member counts and warnings. */
export type OrgDetail = Org & {
  address: string | null;
  longitude: number | null;
  latitude: number | null;
  contactName: string | null;
  contactPhone: string | null;
  establishedOn: string | null;
  termStart: string | null;
  termYears: number | null;
  termDueOn: string | null;
  dissolvedAt: string | null;
  mergedInto: string | null;
  memberCounts: MemberCounts;
  subtreeMemberCount: number;
  warnings: OrgWarning[];
};

const path = (id: string) => `/api/orgs/${encodeURIComponent(id)}`;

/** GET /api/orgs/:id. */
export const getOrg = (id: string) => api.get<OrgDetail>(path(id));

/** Body of POST /api/orgs. */
export type CreateOrgInput = { parentId: string; name: string; level: OrgLevel; category?: OrgCategory };

/** POST /api/orgs. */
export const createOrg = (input: CreateOrgInput) => api.post<Org>('/api/orgs', input);

/** Body of PATCH /api/orgs/:id (null clears a field). */
export type UpdateOrgInput = {
  name?: string;
  shortName?: string | null;
  category?: OrgCategory | null;
  address?: string | null;
  longitude?: number | null;
  latitude?: number | null;
  contactName?: string | null;
  contactPhone?: string | null;
  establishedOn?: string | null;
  termStart?: string | null;
};

/** PATCH /api/orgs/:id. */
export const updateOrg = (id: string, input: UpdateOrgInput) => api.patch<OrgDetail>(path(id), input);

/** POST /api/orgs/:id/move: the organization and its subtree go under another parent. */
export const moveOrg = (id: string, parentId: string) => api.post<OrgDetail>(`${path(id)}/move`, { parentId });

/** POST /api/orgs/:id/merge: members and children move into `intoId`; the source is dissolved. */
export const mergeOrg = (id: string, intoId: string) => api.post<OrgDetail>(`${path(id)}/merge`, { intoId });

/** POST /api/orgs/:id/dissolve (only without members or children). */
export const dissolveOrg = (id: string, reason: string) => api.post<OrgDetail>(`${path(id)}/dissolve`, { reason });

/** One entry of an organization's history. */
export type OrgHistoryEntry = {
  id: string;
  at: string;
  action: string;
  actorName: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

/** GET /api/orgs/:id/history. */
export const getOrgHistory = (id: string) => api.get<{ items: OrgHistoryEntry[] }>(`${path(id)}/history`).then((r) => r.items);

/** One committee position. */
export type CommitteeEntry = {
  id: string;
  memberId: string;
  memberName: string;
  position: CommitteePosition;
  termStart: string;
  termEnd: string | null;
  active: boolean;
};

/** The committee with the term. */
export type Committee = { items: CommitteeEntry[]; termStart: string | null; termDueOn: string | null };

/** GET /api/orgs/:id/committee. */
export const getCommittee = (id: string) => api.get<Committee>(`${path(id)}/committee`);

/** POST /api/orgs/:id/committee. */
export const addCommitteePosition = (id: string, input: { memberId: string; position: CommitteePosition; termStart: string }) =>
  api.post<Committee>(`${path(id)}/committee`, input);

/** DELETE /api/orgs/:id/committee/:entryId: the position ends today. */
export const endCommitteePosition = (id: string, entryId: string) =>
  api.del<void>(`${path(id)}/committee/${encodeURIComponent(entryId)}`);

/** An organization in the warnings list. */
export type WarningItem = { org: Org; memberCounts: MemberCounts; subtreeMemberCount: number; warnings: OrgWarning[] };

/** Filter of the warnings list and its export. */
export type WarningsFilter = { code?: OrgWarningCode; orgId?: string };

/** GET /api/orgs/warnings. */
export const listOrgWarnings = (filter: WarningsFilter, page: number, pageSize: number) =>
  api.get<Page<WarningItem>>('/api/orgs/warnings', { ...filter, page, pageSize });

/** The URL of the warnings export. */
export const orgWarningsExportUrl = (filter: WarningsFilter) => `/api/orgs/warnings/export${toQueryString(filter)}`;

/** Status of a to-do. */
export type TodoStatus = 'open' | 'accepted' | 'dismissed' | 'cancelled';

/** A proposal in an organization's to-do list (e.g. 停止党籍 after 6 months of 失联). */
export type Todo = {
  id: string;
  orgId: string;
  kind: string;
  memberId: string | null;
  memberName: string | null;
  title: string;
  detail: Record<string, unknown> | null;
  dueOn: string | null;
  status: TodoStatus;
  createdAt: string;
  decidedAt: string | null;
  decision: string | null;
};

/** GET /api/orgs/:id/todos. */
export const listTodos = (id: string, query: { status?: TodoStatus; page: number; pageSize: number }) =>
  api.get<Page<Todo>>(`${path(id)}/todos`, query);

/** POST /api/todos/:id/decide. */
export const decideTodo = (id: string, decision: 'accept' | 'dismiss', note?: string) =>
  api.post<Todo>(`/api/todos/${encodeURIComponent(id)}/decide`, { decision, note });

/** One unit of a split suggestion. */
export type SplitUnit = {
  no: number;
  label: string;
  /** Village groups / grids / places ('' = members without an address). */
  groupKeys: string[];
  partialGroups: string[];
  size: number;
  members: { id: string; name: string; group: string | null }[];
};

/** GET /api/orgs/:id/split-suggestion. */
export type SplitSuggestion = {
  orgId: string;
  orgName: string;
  total: number;
  min: number;
  max: number;
  feasible: boolean;
  reason?: 'TOTAL_BELOW_MIN' | 'NO_UNIT_COUNT';
  reasonMessage?: string;
  householdsSplit: number;
  groupsSplit: number;
  units: SplitUnit[];
};

/** GET /api/orgs/:id/split-suggestion: units of min–max members by village group and household. */
export const getSplitSuggestion = (id: string, min: number, max: number) => api.get<SplitSuggestion>(`${path(id)}/split-suggestion`, { min, max });

/** Excel export of the suggestion (the server's, not on-screen edits). */
export const splitSuggestionExportUrl = (id: string, min: number, max: number) => `${path(id)}/split-suggestion/export${toQueryString({ min, max })}`;
