import { appendAudit } from '../../core/audit/audit.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Services } from '../../core/services.ts';
import { orgHistory, organizations } from '../orgs/orgs.tables.ts';
import { bulkInsert } from './bulk-insert.ts';
import { cellText } from './cells.ts';
import { cellsOf } from './member-rows.ts';
import { OrgDirectory } from './org-directory.ts';
import { type OrgCandidate, type OrgDraft, checkOrgTree, readOrgRow } from './org-rows.ts';
import { type ImportOptions, type Importer, type ProgressFn, type RowError, breathe } from './types.ts';
import type { ParsedSheet } from './xlsx-read.ts';

const BATCH = 500;

/** Validates every organization row against the county's tree and the importer's scope. */
export async function validateOrgs(services: Services, importer: Importer, sheet: ParsedSheet, opts: ImportOptions, progress: ProgressFn) {
  const access = cellsOf(sheet);
  const refs = sheet.rows.map((r) => cellText(access.get(r, 'parent'))).filter((x): x is string => !!x);
  const dir = await OrgDirectory.systemLoad(services.db, importer.countyCode, refs);
  const errors: RowError[] = [];
  const items: { draft: OrgDraft; parentRef: string | null }[] = [];
  for (const [i, r] of sheet.rows.entries()) {
    items.push(readOrgRow(access, r, uuidv7(), errors));
    if ((i + 1) % 2000 === 0) {
      progress('validating', i + 1, sheet.rows.length);
      await breathe();
    }
  }
  const defaultParent = opts.defaultOrgId ? (dir.byId.get(opts.defaultOrgId) ?? null) : null;
  const rows = checkOrgTree(
    items,
    (ref) => dir.resolve(ref, importer.scope),
    (parentId, name) => dir.hasChildNamed(parentId, name),
    defaultParent,
    access.column,
    errors,
  );
  progress('validating', sheet.rows.length, sheet.rows.length);
  const bad = new Set(errors.map((e) => e.row));
  errors.sort((a, b) => a.row - b.row);
  return { rows: rows.filter((c) => !bad.has(c.row)), errors };
}

/**
 * Creates the organizations in one transaction, parents first, each with its history row
 * ('create'), and one audit row for the import.
 */
export async function writeOrgs(services: Services, importer: Importer, rows: OrgCandidate[], detail: Record<string, unknown>, progress: ProgressFn) {
  await services.db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await bulkInsert(
        tx,
        organizations,
        batch.map((c) => ({
          countyCode: importer.countyCode,
          id: c.id,
          parentId: c.parentId,
          path: c.path,
          depth: c.depth,
          name: c.name,
          level: c.level,
          category: c.category,
          ...c.fields,
        })),
      );
      await bulkInsert(
        tx,
        orgHistory,
        batch.map((c) => ({
          countyCode: importer.countyCode,
          id: uuidv7(),
          orgId: c.id,
          action: 'create',
          actorId: importer.who.actorId,
          actorName: importer.who.actorName,
          after: { name: c.name, level: c.level, category: c.category, parentId: c.parentId, source: 'import' },
        })),
      );
      progress('writing', Math.min(i + BATCH, rows.length), rows.length);
    }
    await appendAudit(tx, services.keys, importer.countyCode, importer.who, {
      action: 'import',
      result: 'success',
      objectType: 'organizations',
      orgId: importer.orgId,
      detail: { ...detail, written: rows.length },
    });
  });
  return rows.length;
}
