// Member registry vocabulary (DOMAIN §2, §4). Codes are used in the API and in files; the UI shows
// the Chinese names from the locale files.

/** 预备党员 / 正式党员. */
export const MEMBER_STATUSES = ['probationary', 'full'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** 党籍 state: 正常, 停止党籍, 保留党籍, 恢复, 除名, 开除, 自行脱党, 死亡. */
export const STANDINGS = ['normal', 'suspended', 'retained', 'restored', 'removed', 'expelled', 'lapsed', 'deceased'] as const;
export type Standing = (typeof STANDINGS)[number];

/** Standings that still count as a member of the organization. */
export const ACTIVE_STANDINGS: readonly Standing[] = ['normal', 'retained', 'restored'];

export const GENDERS = ['male', 'female'] as const;

/** Education levels (学历). */
export const EDUCATIONS = ['primary', 'junior_high', 'senior_high', 'vocational', 'college', 'bachelor', 'master', 'doctorate'] as const;

/** Dues categories with the codes of DOMAIN §4: defined once, with the dues engine, in common/dues.ts. */
export { DUES_CATEGORIES, type DuesCategory } from './dues.ts';

/** Committee positions. */
export const COMMITTEE_POSITIONS = ['secretary', 'deputy_secretary', 'organization', 'propaganda', 'discipline', 'member'] as const;

/** Sections of the electronic file (the national system's record sections). */
export const FILE_SECTIONS = [
  'basic', 'position', 'reward', 'abroad', 'hardship', 'family', 'activity', 'dues', 'development', 'transfer', 'mobility', 'evaluation', 'study',
] as const;
export type FileSection = (typeof FILE_SECTIONS)[number];

/** Stages of 发展党员. */
export const PIPELINE_STAGES = ['applicant', 'activist', 'candidate', 'probationary', 'full', 'closed'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

/** Fields a member may ask to correct in their own file. */
export const CORRECTABLE_FIELDS = ['name', 'ethnicity', 'phone', 'education', 'occupation', 'address', 'household', 'joinedOn', 'confirmedOn', 'other'] as const;

/** A card chip's UID as stored and matched: upper case, without the separators readers print (: - space); null if not alphanumeric. */
export function normalizeChipUid(raw: string): string | null {
  const u = raw.trim().toUpperCase().replace(/[:\-\s]/g, '');
  return /^[0-9A-Z]{4,64}$/.test(u) ? u : null;
}
