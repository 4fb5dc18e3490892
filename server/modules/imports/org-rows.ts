import { canNest, type OrgLevel } from '../../../common/org.ts';
import { cellText } from './cells.ts';
import type { SheetAccess } from './member-rows.ts';
import type { DirOrg, OrgResolution } from './org-directory.ts';
import type { RowError } from './types.ts';
import { allowedLabels, codeOf, levelLabel, squash } from './vocab.ts';
import type { SheetRow } from './xlsx-read.ts';

/** An organization row as read, with its new id and where its parent points. */
export type OrgDraft = {
  row: number;
  id: string;
  name: string | null;
  level: string | null;
  category: string | null;
  fields: { shortName: string | null; code: string | null; address: string | null; contactName: string | null; contactPhone: string | null };
  parent: { existing: DirOrg } | { file: OrgDraft } | null;
  bad: boolean;
};

/** A valid organization ready to insert (parents come before their children). */
export type OrgCandidate = OrgDraft & { parentId: string; path: string; depth: number; level: string; name: string };

const LIMITS = { name: 100, shortName: 50, code: 30, address: 200, contactName: 50 } as const;
// Control characters (an _x0000_ escape in the XML can make one) never belong in a field.
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point of this pattern
const CONTROL = /[\u0000-\u001f\u007f]/;
const PHONE = /^(?:1[3-9]\d{9}|(?:0\d{2,3}-?)?\d{7,8}(?:-\d{1,6})?)$/;

/** Reads one organization row (pure): required fields, vocabularies, lengths, phone. */
export function readOrgRow({ get, column }: SheetAccess, r: SheetRow, id: string, errors: RowError[]): { draft: OrgDraft; parentRef: string | null } {
  const fail = (field: string, code: string, params?: Record<string, unknown>) => errors.push({ row: r.row, column: column(field), field, code, ...(params ? { params } : {}) });
  const before = errors.length;
  const text = (k: keyof typeof LIMITS) => {
    const t = cellText(get(r, k));
    if (t && CONTROL.test(t)) fail(k, 'invalid_format', { format: 'text' });
    else if (t && [...t].length > LIMITS[k]) fail(k, 'IMPORT_TEXT_TOO_LONG', { max: LIMITS[k] });
    return t;
  };
  const name = text('name');
  if (!name) fail('name', 'required');
  else if ([...name].length < 2) fail('name', 'too_small', { minimum: 2 });
  const vocab = (k: 'level' | 'category', required: boolean) => {
    const t = cellText(get(r, k));
    if (!t) {
      if (required) fail(k, 'required');
      return null;
    }
    const code = codeOf(k, t);
    if (!code) fail(k, 'IMPORT_INVALID_VALUE', { value: t, allowed: allowedLabels(k) });
    return code;
  };
  const level = vocab('level', true);
  const category = vocab('category', false);
  const phoneText = cellText(get(r, 'contactPhone'));
  const phone = phoneText ? phoneText.replace(/[\s()（）]/g, '').replace(/^\+?86(?=1)/, '') : null;
  if (phone && !PHONE.test(phone)) fail('contactPhone', 'IMPORT_CONTACT_PHONE');
  const fields = { shortName: text('shortName'), code: text('code'), address: text('address'), contactName: text('contactName'), contactPhone: phone };
  const draft: OrgDraft = { row: r.row, id, name, level, category, fields, parent: null, bad: errors.length > before };
  return { draft, parentRef: cellText(get(r, 'parent')) };
}

/**
 * Resolves parents and checks the tree (pure): a parent is a row of the same file (by name; the
 * file wins over existing organizations) or an existing organization in the importer's scope (id,
 * code or name). Then: no cycles, each level may sit under its parent's level, no two
 * organizations with one name under one parent (file or registry), and a row under a bad row is
 * bad too. Returns the valid rows ordered parents first.
 */
export function checkOrgTree(
  items: { draft: OrgDraft; parentRef: string | null }[],
  resolveExisting: (ref: string) => OrgResolution,
  hasChildNamed: (parentId: string, name: string) => boolean,
  defaultParent: DirOrg | null,
  columnOf: (field: string) => string | null,
  errors: RowError[],
): OrgCandidate[] {
  const fail = (d: OrgDraft, field: string, code: string, params?: Record<string, unknown>) => {
    errors.push({ row: d.row, column: columnOf(field), field, code, ...(params ? { params } : {}) });
    d.bad = true;
  };
  const byName = new Map<string, OrgDraft[]>();
  for (const { draft } of items) if (draft.name) byName.set(squash(draft.name), [...(byName.get(squash(draft.name)) ?? []), draft]);
  for (const { draft, parentRef } of items) {
    if (!parentRef) {
      if (defaultParent) draft.parent = { existing: defaultParent };
      else fail(draft, 'parent', 'required');
      continue;
    }
    const inFile = byName.get(squash(parentRef));
    if (inFile && inFile.length > 1) fail(draft, 'parent', 'IMPORT_PARENT_AMBIGUOUS', { value: parentRef });
    else if (inFile) draft.parent = { file: inFile[0] };
    else {
      const res = resolveExisting(parentRef);
      if (res.ok) draft.parent = { existing: res.org };
      else fail(draft, 'parent', res.code, res.params);
    }
  }
  // Siblings with one name (the registry's children, then the file's own rows).
  const siblings = new Map<string, OrgDraft[]>();
  for (const { draft: d } of items) {
    if (!d.parent || !d.name) continue;
    if ('existing' in d.parent && hasChildNamed(d.parent.existing.id, d.name)) fail(d, 'name', 'IMPORT_NAME_TAKEN', { value: d.name });
    const key = `${'existing' in d.parent ? d.parent.existing.id : `row:${d.parent.file.row}`}|${squash(d.name)}`;
    siblings.set(key, [...(siblings.get(key) ?? []), d]);
  }
  for (const group of siblings.values()) {
    if (group.length < 2) continue;
    for (const d of group) fail(d, 'name', 'IMPORT_DUPLICATE_IN_FILE', { rows: group.filter((x) => x !== d).map((x) => x.row).join('、'), column: columnOf('name') });
  }
  // Walk up each chain once: cycles, then levels, paths and inherited badness.
  const placed = new Map<OrgDraft, OrgCandidate | null>();
  const place = (d: OrgDraft, trail: Set<OrgDraft>): OrgCandidate | null => {
    if (placed.has(d)) return placed.get(d)!;
    if (trail.has(d)) {
      // Only the rows on the loop itself; rows leading into it get IMPORT_PARENT_INVALID.
      let onLoop = false;
      for (const x of trail) {
        onLoop ||= x === d;
        if (onLoop && !placed.has(x)) fail(x, 'parent', 'IMPORT_PARENT_CYCLE');
      }
      return null;
    }
    trail.add(d);
    let parent: { id: string; path: string; depth: number; level: string; category: string | null } | null = null;
    if (d.parent && 'existing' in d.parent) parent = d.parent.existing;
    else if (d.parent) {
      const p = place(d.parent.file, trail);
      if (p) parent = p;
      else if (!d.bad) fail(d, 'parent', 'IMPORT_PARENT_INVALID', { row: d.parent.file.row });
    }
    if (parent && d.level && !canNest(parent.level as OrgLevel, d.level as OrgLevel))
      fail(d, 'level', 'IMPORT_LEVEL_NESTING', { level: levelLabel(d.level), parentLevel: levelLabel(parent.level) });
    const ok = !d.bad && parent && d.level && d.name;
    const c: OrgCandidate | null = ok
      ? { ...d, parentId: parent!.id, path: `${parent!.path}${d.id}/`, depth: parent!.depth + 1, level: d.level!, name: d.name!, category: d.category ?? parent!.category }
      : null;
    placed.set(d, c);
    return c;
  };
  for (const { draft } of items) place(draft, new Set());
  return [...placed.values()].filter((c): c is OrgCandidate => !!c).sort((a, b) => a.depth - b.depth || a.row - b.row);
}
