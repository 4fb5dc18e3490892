import { parseIdNumber } from '../../../common/id-number.ts';
import { DUES_CATEGORIES, EDUCATIONS, MEMBER_STATUSES, type MemberStatus, STANDINGS, type Standing, normalizeChipUid } from '../../../common/member.ts';
import { normalizePhone } from './member-row.ts';

// The one validation of a member's registry fields, shared by the API (create, update, corrections)
// and the Excel import. Pure: no database. Organization existence and duplicates against the
// registry are the caller's checks (they need the database and the caller's scope).

/** Registry fields that can be validated, by their API name. */
export const MEMBER_FIELDS = [
  'name', 'idNumber', 'phone', 'ethnicity', 'education', 'occupation', 'duesCategory', 'joinedOn', 'confirmedOn',
  'status', 'standing', 'cardNo', 'chipUid', 'address', 'household',
] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];

/** Raw input as typed or read from a cell: strings (or null / absent). Enums are codes, dates YYYY-MM-DD. */
export type MemberDraft = Partial<Record<MemberField, string | null>>;

/** A problem with one field; `code` is a field code with a message in core/errors/messages.ts. */
export type MemberProblem = { field: MemberField; code: string; params?: Record<string, unknown> };

/** Normalized, valid values (in partial mode only the fields that were given). */
export type MemberValues = {
  name: string;
  /** 18 characters, upper-case X (15-digit numbers upgraded). */
  idNumber: string;
  birthDate: string;
  gender: 'male' | 'female';
  phone: string | null;
  ethnicity: string | null;
  education: string | null;
  occupation: string | null;
  duesCategory: string | null;
  joinedOn: string | null;
  confirmedOn: string | null;
  status: MemberStatus;
  standing: Standing;
  cardNo: string | null;
  chipUid: string | null;
  address: string | null;
  household: string | null;
};

// Built once: constructing an Intl.DateTimeFormat costs ~40 µs, most of a row's validation in an import.
const SHANGHAI_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/** Today's date (YYYY-MM-DD) in Asia/Shanghai. */
export const shanghaiToday = (now = new Date()) => SHANGHAI_DAY.format(now);

/** True when `s` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The date `years` years after an ISO date (29 Feb → 28 Feb). */
export function addYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) + years;
  const md = iso.slice(5);
  return md === '02-29' && !isIsoDate(`${y}-02-29`) ? `${y}-02-28` : `${y}-${md}`;
}

/** Whole years between a birth date and a day (both ISO). */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

const TEXT_LIMITS: Partial<Record<MemberField, number>> = { name: 50, ethnicity: 20, occupation: 50, cardNo: 30, chipUid: 64, address: 200, household: 100 };
const ENUMS: Partial<Record<MemberField, readonly string[]>> = { education: EDUCATIONS, duesCategory: DUES_CATEGORIES, status: MEMBER_STATUSES, standing: STANDINGS };
const REQUIRED: MemberField[] = ['name', 'idNumber', 'status'];
// Control characters (C0 and DEL) never belong in a registry field.
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point of this pattern
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Options: `today` for tests; `birthDate` of the member when an update carries no ID number. */
export type ValidateOptions = { today?: Date; birthDate?: string };
/** The outcome of a validation. */
export type Validated<T> = { ok: true; value: T } | { ok: false; problems: MemberProblem[] };

/**
 * Validates and normalizes a member's registry fields (DOMAIN §2, §8): required name, ID number
 * and status; the ID number's format, birth date and check character (15-digit numbers upgraded,
 * a lower-case x accepted); an 11-digit mobile phone; known codes for education, dues category,
 * status and standing; real dates not in the future; 入党 at 18 or older; 转正 not before 入党 and
 * only for 正式党员; text lengths. With `partial`, absent fields are neither required nor returned
 * (updates); `birthDate` then stands in for the ID number in the age rule.
 */
export function validateMemberInput(draft: MemberDraft, opts?: ValidateOptions & { partial?: false }): Validated<MemberValues>;
export function validateMemberInput(draft: MemberDraft, opts: ValidateOptions & { partial: true }): Validated<Partial<MemberValues>>;
export function validateMemberInput(draft: MemberDraft, opts: ValidateOptions & { partial?: boolean } = {}): Validated<Partial<MemberValues>> {
  const problems: MemberProblem[] = [];
  const out: Record<string, unknown> = {};
  const today = shanghaiToday(opts.today);
  const has = (f: MemberField) => draft[f] !== undefined;
  const text = (f: MemberField) => {
    const v = draft[f];
    return v === undefined || v === null ? null : String(v).trim() || null;
  };

  for (const f of MEMBER_FIELDS) {
    if (!has(f) && opts.partial) continue;
    const v = text(f);
    if (v === null) {
      if (REQUIRED.includes(f)) problems.push({ field: f, code: 'required' });
      else out[f] = null;
      continue;
    }
    if (CONTROL.test(v)) {
      problems.push({ field: f, code: 'invalid_format', params: { format: 'text' } });
      continue;
    }
    const max = TEXT_LIMITS[f];
    if (max && [...v].length > max) {
      problems.push({ field: f, code: 'too_big', params: { maximum: max } });
      continue;
    }
    const allowed = ENUMS[f];
    if (allowed && !allowed.includes(v)) {
      problems.push({ field: f, code: 'invalid_value' });
      continue;
    }
    if (f === 'idNumber') {
      const p = parseIdNumber(v, opts.today);
      if (!p.ok) problems.push({ field: f, code: `ID_NUMBER_${p.error}`, params: { reason: p.error } });
      else Object.assign(out, { idNumber: p.value.id, birthDate: p.value.birthDate, gender: p.value.gender });
    } else if (f === 'phone') {
      const phone = normalizePhone(v);
      if (!phone) problems.push({ field: f, code: 'PHONE_INVALID' });
      else out.phone = phone;
    } else if (f === 'chipUid') {
      const uid = normalizeChipUid(v);
      if (!uid) problems.push({ field: f, code: 'CHIP_UID_INVALID' });
      else out.chipUid = uid;
    } else if (f === 'joinedOn' || f === 'confirmedOn') {
      if (!isIsoDate(v)) problems.push({ field: f, code: 'DATE_INVALID' });
      else if (v > today) problems.push({ field: f, code: 'DATE_IN_FUTURE' });
      else out[f] = v;
    } else out[f] = v;
  }

  // Cross-field rules, on the values that are valid.
  const birth = (out.birthDate as string | undefined) ?? opts.birthDate;
  const joined = out.joinedOn as string | null | undefined;
  const confirmed = out.confirmedOn as string | null | undefined;
  if (birth && joined && joined < addYears(birth, 18)) problems.push({ field: 'joinedOn', code: 'JOINED_UNDER_18' });
  if (joined && confirmed && confirmed < joined) problems.push({ field: 'confirmedOn', code: 'CONFIRMED_BEFORE_JOINED' });
  if (out.status === 'probationary' && confirmed) problems.push({ field: 'confirmedOn', code: 'PROBATIONARY_CONFIRMED' });
  if (!opts.partial && out.standing === null) out.standing = 'normal';

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: out as Partial<MemberValues> };
}

/** Field problems as the API names them (`body.<field>`). */
export const asFieldProblems = (problems: MemberProblem[], prefix = 'body') =>
  problems.map((p) => ({ path: `${prefix}.${p.field}`, code: p.code, params: p.params }));

const ID_LIKE = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
const PHONE_LIKE = /(?<![0-9A-Za-z])(?:\+?86)?(1[3-9]\d{9})(?![0-9A-Za-z])/g;

/**
 * Masks ID numbers and phones inside free text (reasons, notes) before it is stored or audited,
 * so no table ever holds one in clear (SECURITY.md 10, 12).
 */
export function redactSensitive(text: string): string {
  return text
    .replace(ID_LIKE, (m) => `${m.slice(0, 4)}${'*'.repeat(m.length - 8)}${m.slice(-4)}`)
    .replace(PHONE_LIKE, (_m, p: string) => `${p.slice(0, 3)}****${p.slice(-4)}`);
}
