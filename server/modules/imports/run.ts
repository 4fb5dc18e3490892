import { appendAudit } from '../../core/audit/audit.ts';
import type { Services } from '../../core/services.ts';
import { validateMembers, writeMembers } from './member-import.ts';
import { validateOrgs, writeOrgs } from './org-import.ts';
import type { ImportOptions, ImportResult, Importer, ProgressFn, RowError } from './types.ts';
import type { ParsedSheet } from './xlsx-read.ts';

const isUnique = (e: unknown) => [(e as { code?: string })?.code, (e as { cause?: { code?: string } })?.cause?.code].includes('23505');

/**
 * One import from a parsed sheet to its result, the same for the web (in the background) and the
 * CLI: validate every row first (no transaction open), then — when every row is valid, or in
 * `valid-only` mode when some are — write the valid rows in one transaction with one audit row.
 * A rejected import writes nothing but its audit row (result failure, with the counts).
 */
export async function runImport(services: Services, importer: Importer, sheet: ParsedSheet, opts: ImportOptions, progress: ProgressFn, fileName: string | null = null): Promise<ImportResult> {
  const t0 = performance.now();
  const v = sheet.kind === 'members' ? await validateMembers(services, importer, sheet, opts, progress) : await validateOrgs(services, importer, sheet, opts, progress);
  const t1 = performance.now();
  const errorRows = new Set(v.errors.map((e) => e.row)).size;
  const detail = { kind: sheet.kind, mode: opts.mode, fileName, total: sheet.rows.length, valid: v.rows.length, errorRows };
  let errors: RowError[] = v.errors;
  let written = 0;
  const write = v.errors.length === 0 || (opts.mode === 'valid-only' && v.rows.length > 0);
  if (write) {
    try {
      written =
        sheet.kind === 'members'
          ? await writeMembers(services, importer, v.rows as Parameters<typeof writeMembers>[2], detail, progress)
          : await writeOrgs(services, importer, v.rows as Parameters<typeof writeOrgs>[2], detail, progress);
    } catch (e) {
      if (!isUnique(e)) throw e;
      errors = [...errors, { row: 0, column: null, field: null, code: 'IMPORT_CONFLICT' }];
    }
  }
  if (written === 0) {
    await services.db.transaction((tx) =>
      appendAudit(tx, services.keys, importer.countyCode, importer.who, { action: 'import', result: 'failure', objectType: sheet.kind, orgId: importer.orgId, detail: { ...detail, written: 0 } }),
    );
  }
  return {
    ok: errors.length === 0,
    total: sheet.rows.length,
    valid: v.rows.length,
    written,
    errors,
    timings: { validateMs: Math.round(t1 - t0), writeMs: Math.round(performance.now() - t1) },
  };
}
