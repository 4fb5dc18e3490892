// 月度通报 and 综合考核 endpoints (server/modules/supervision/bulletin.schemas.ts): the list of 通报, one
// 通报 within the caller's scope, its formal export, generating one by hand, the supervision settings
// (通报 day, ranking minimum, issuer, weights per category) and the 综合考核 of a subtree and of one
// organization.
import { INDICATORS, type Indicators, type Weights, pctText } from '../../../common/assessment-rules';
import { api, toQueryString } from './client';

export { INDICATORS, type Indicators, type Weights };

export type Color = 'green' | 'amber' | 'red';

/** A 通报 as listed. */
export type BulletinHead = {
  id: string;
  month: string;
  version: number;
  serial: string;
  title: string;
  issuer: string;
  asOf: string;
  generatedAt: string;
  generatedBy: string;
};

/** Figures of a county or a township. */
export type Aggregate = {
  orgs: { total: number; green: number; amber: number; red: number };
  threeMeetingsRate: number | null;
  themeDayRequired: number;
  themeDayHeld: number;
  themeDayAttendanceRate: number | null;
  attendanceRate: number | null;
  duesOrgs: number;
  duesClear: number;
  duesClearRate: number | null;
  members: number;
  score: number | null;
  ranked: number;
};

/** An organization of the ranking. */
export type BulletinBranch = {
  orgId: string;
  name: string;
  level: string;
  category: string | null;
  townshipName: string | null;
  members: number;
  color: Color | null;
  threeDecided: number;
  threeMet: number;
  themeDayRequired: number;
  themeDayHeld: number;
  themeDayObliged: number;
  themeDayAttended: number;
  obliged: number;
  attended: number;
  dues: string;
  indicators: Indicators;
  score: number | null;
  /** Null: not ranked (fewer members than `minRankedMembers`, or no score). */
  rank: number | null;
};

/** GET /api/supervision/bulletins/:id. */
export type Bulletin = BulletinHead & {
  scope: 'county' | 'part';
  minRankedMembers: number;
  county: (Aggregate & { orgId: string; name: string }) | null;
  townships: (Aggregate & { orgId: string; name: string; rank: number | null })[];
  branches: BulletinBranch[];
  redList: { orgId: string; name: string; townshipName: string | null; reasons: string[] }[];
};

/** GET /api/supervision/settings. */
export type SupervisionSettings = {
  bulletinDay: number;
  minRankedMembers: number;
  issuer: string;
  /** '*' for every category without its own. */
  weights: Record<string, Weights>;
  /** The day the county's supervision starts: rule periods beginning earlier are not judged (null: no limit). */
  startOn: string | null;
  custom: boolean;
  editable: boolean;
};
export type SettingsInput = Partial<Pick<SupervisionSettings, 'bulletinDay' | 'minRankedMembers' | 'issuer' | 'weights' | 'startOn'>>;

/** GET /api/supervision/assessment. */
export type Assessment = {
  org: { id: string; name: string; level: string };
  year: number;
  months: string[];
  rows: AssessmentRow[];
};
export type AssessmentRow = {
  orgId: string;
  name: string;
  level: string;
  category: string | null;
  members: number;
  scores: (number | null)[];
  ranks: (number | null)[];
  yearScore: number | null;
  yearRank: number | null;
};

/** GET /api/supervision/assessment/orgs/:id. */
export type AssessmentOrg = {
  org: { id: string; name: string; level: string; category: string | null };
  weights: Weights;
  history: { month: string; members: number; score: number | null; rank: number | null; indicators: Indicators }[];
};

export type ExportFormat = 'pdf' | 'docx' | 'xlsx';

/** GET /api/supervision/bulletins (newest first). */
export const listBulletins = (year?: number) => api.get<{ items: BulletinHead[]; canGenerate: boolean }>('/api/supervision/bulletins', { year });
/** POST /api/supervision/bulletins: the 通报 of an ended month, as a new version. */
export const generateBulletin = (month: string) => api.post<Bulletin>('/api/supervision/bulletins', { month });
/** GET /api/supervision/bulletins/:id. */
export const getBulletin = (id: string) => api.get<Bulletin>(`/api/supervision/bulletins/${encodeURIComponent(id)}`);
/** The formal document of a 通报 (within the caller's scope). */
export const bulletinExportUrl = (id: string, format: ExportFormat) => `/api/supervision/bulletins/${encodeURIComponent(id)}/export${toQueryString({ format })}`;

/** GET /api/supervision/settings. */
export const getSupervisionSettings = () => api.get<SupervisionSettings>('/api/supervision/settings');
/** PUT /api/supervision/settings (county administrators at the root). */
export const updateSupervisionSettings = (input: SettingsInput) => api.put<SupervisionSettings>('/api/supervision/settings', input);

/** GET /api/supervision/assessment. */
export const getAssessment = (filter: { orgId?: string; year?: number }) => api.get<Assessment>('/api/supervision/assessment', filter);
/** GET /api/supervision/assessment/export (Excel). */
export const assessmentExportUrl = (filter: { orgId?: string; year?: number }) => `/api/supervision/assessment/export${toQueryString(filter)}`;
/** GET /api/supervision/assessment/orgs/:id. */
export const getAssessmentOrg = (id: string, months = 24) => api.get<AssessmentOrg>(`/api/supervision/assessment/orgs/${encodeURIComponent(id)}`, { months });

/** A share 0–1 as the 通报 prints it ("87.5%"), or a dash. */
export const pct = (v: number | null | undefined) => pctText(v ?? null);
/** A score with two decimals at most, or a dash. */
export const scoreText = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));
