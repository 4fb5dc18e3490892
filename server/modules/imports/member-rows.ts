import { parseIdNumber } from '../../../common/id-number.ts';
import { type MemberDraft, type MemberValues, validateMemberInput } from '../members/member-validate.ts';
import { type Cell, cellDate, cellText } from './cells.ts';
import { columnName } from './columns.ts';
import type { OrgResolution } from './org-directory.ts';
import type { RowError } from './types.ts';
import { allowedLabels, codeOf, VOCABS, type VocabName } from './vocab.ts';
import type { ParsedSheet, SheetRow } from './xlsx-read.ts';

/** A member row that passed every row-level check. */
export type MemberCandidate = { row: number; values: MemberValues; orgId: string };

/** What checking a row needs besides the row: organization lookup and defaults. */
export type MemberRowContext = {
  resolveOrg: (ref: string) => OrgResolution;
  defaultOrgId?: string | null;
  today?: Date;
};

const TEXT = ['name', 'occupation', 'address', 'cardNo', 'phone'] as const;
const ENUMS: Partial<Record<keyof MemberDraft, VocabName>> = { education: 'education', duesCategory: 'duesCategory', status: 'status' };

/** Cell access by column key for one sheet (columns the file leaves out read as empty). */
export type SheetAccess = ReturnType<typeof cellsOf>;
export function cellsOf(sheet: ParsedSheet) {
  const at = new Map(sheet.columns.map((c, i) => [c.key, i]));
  const names = new Map(sheet.columns.map((c) => [c.key, columnName(c)]));
  return {
    get: (r: SheetRow, key: string): Cell => {
      const i = at.get(key);
      return i === undefined ? null : r.cells[i];
    },
    column: (key: string) => names.get(key) ?? null,
  };
}

/**
 * Checks one member row (pure): reads the cells (labels → codes, dates in the usual spellings,
 * an ID number typed as a number refused because Excel dropped its last digits), runs the shared
 * registry validation (`validateMemberInput`: ID checksum and birth date, 15-digit upgrade,
 * lower-case x, phone, dates, 入党 at 18, 转正 rules), checks a given gender against the ID
 * number, and resolves the organization within the importer's scope. Duplicates are checked later
 * across rows (`duplicateErrors`) and against the registry by the caller.
 */
export function checkMemberRow(
  { get, column }: SheetAccess,
  r: SheetRow,
  ctx: MemberRowContext,
): { ok: MemberCandidate | null; errors: RowError[]; keys: MemberKeys } {
  const errors: RowError[] = [];
  const own = new Set<string>();
  const fail = (field: string, code: string, params?: Record<string, unknown>) => {
    errors.push({ row: r.row, column: column(field), field, code, ...(params ? { params } : {}) });
    own.add(field);
  };
  const draft: MemberDraft = {};
  for (const k of TEXT) draft[k] = cellText(get(r, k));
  const id = get(r, 'idNumber');
  if (typeof id === 'number' && !(Number.isSafeInteger(id) && String(id).length === 15)) fail('idNumber', 'IMPORT_ID_NUMERIC');
  else draft.idNumber = cellText(id);
  const eth = cellText(get(r, 'ethnicity'));
  draft.ethnicity = eth ? (codeOf('ethnicity', eth) ?? eth) : null;
  for (const [k, vocab] of Object.entries(ENUMS) as [keyof MemberDraft, VocabName][]) {
    const t = cellText(get(r, k));
    const code = t ? codeOf(vocab, t) : null;
    if (t && !code) fail(k, 'IMPORT_INVALID_VALUE', { value: t, allowed: allowedLabels(vocab) });
    draft[k] = code;
  }
  draft.joinedOn = cellDate(get(r, 'joinedOn'));
  draft.confirmedOn = cellDate(get(r, 'confirmedOn'));
  const genderText = cellText(get(r, 'gender'));
  const gender = genderText ? codeOf('gender', genderText) : null;
  if (genderText && !gender) fail('gender', 'IMPORT_INVALID_VALUE', { value: genderText, allowed: allowedLabels('gender') });

  const v = validateMemberInput(draft, { today: ctx.today });
  if (!v.ok) {
    for (const p of v.problems) {
      if (own.has(p.field)) continue;
      const code = p.code === 'DATE_INVALID' ? 'IMPORT_DATE_INVALID' : p.code;
      errors.push({ row: r.row, column: column(p.field), field: p.field, code, ...(p.params ? { params: p.params } : {}) });
    }
  } else if (gender && gender !== v.value.gender) {
    fail('gender', 'IMPORT_GENDER_MISMATCH', { expected: VOCABS.gender.entries.find((e) => e.code === v.value.gender)?.label });
  }

  let orgId: string | null = null;
  const ref = cellText(get(r, 'org'));
  if (!ref) {
    if (ctx.defaultOrgId) orgId = ctx.defaultOrgId;
    else fail('org', 'required');
  } else {
    const res = ctx.resolveOrg(ref);
    if (res.ok) orgId = res.org.id;
    else fail('org', res.code, res.params);
  }
  const parsedId = draft.idNumber ? parseIdNumber(draft.idNumber, ctx.today) : null;
  const keys = { row: r.row, idNumber: parsedId?.ok ? parsedId.value.id : null, cardNo: draft.cardNo ?? null };
  if (errors.length > 0 || !v.ok || !orgId) return { ok: null, errors, keys };
  return { ok: { row: r.row, values: v.value, orgId }, errors, keys };
}

/** The keys that must be unique, read from every row that has them (valid or not). */
export type MemberKeys = { row: number; idNumber: string | null; cardNo: string | null };

/**
 * Rows sharing a key (ID number, card number) inside the file: every row of a group gets an error
 * naming the other rows, so the person fixing the file sees all of them.
 */
export function duplicateErrors<T extends { row: number }>(items: T[], keyOf: (t: T) => string | null, field: string, column: string): RowError[] {
  const groups = new Map<string, number[]>();
  for (const it of items) {
    const k = keyOf(it);
    if (!k) continue;
    const g = groups.get(k);
    if (g) g.push(it.row);
    else groups.set(k, [it.row]);
  }
  const out: RowError[] = [];
  for (const rows of groups.values()) {
    if (rows.length < 2) continue;
    for (const row of rows) out.push({ row, column, field, code: 'IMPORT_DUPLICATE_IN_FILE', params: { rows: rows.filter((x) => x !== row).join('、'), column } });
  }
  return out;
}
