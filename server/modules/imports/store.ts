import type { Ctx } from '../../core/access/context.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { type Lang, fieldMessage } from '../../core/errors/messages.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Logger } from '../../core/services.ts';
import type { ImportKind } from './columns.ts';
import { type ImportMode, type ImportPhase, type ImportResult, type RowError, importPermission } from './types.ts';
import type { ParsedSheet } from './xlsx-read.ts';

// Imports in progress and their results live in this process's memory for an hour after they
// finish (the uploaded rows hold ID numbers in clear, so they are never written to the database;
// the audit trail keeps the record of every import). The work runs in the background, one import
// at a time per process (PGlite has one connection; two imports of the same people would race).

/** How long a finished import (its result and error workbook) stays available. */
export const KEEP_MS = 60 * 60 * 1000;
/** At most this many imports are remembered; the oldest finished ones go first. */
const MAX_RECORDS = 200;
/** Uploaded rows kept for error workbooks, all imports together (newest first; older ones expire). */
const MAX_KEPT_ROWS = 300_000;
/** At most this many rows wait or are being imported at once in this process (memory bound). */
const MAX_PENDING_ROWS = 200_000;
/** At most this many row errors are sent in a status answer (the error workbook has all). */
export const MAX_ERRORS_SHOWN = 1000;

export type ImportStatus = 'queued' | ImportPhase | 'done';

/** One import as remembered. */
export type ImportRecord = {
  id: string;
  kind: ImportKind;
  mode: ImportMode;
  countyCode: string;
  ownerId: string | null;
  /** The importer's write scope: who else may look (same scope or wider). */
  scope: string[];
  fileName: string | null;
  status: ImportStatus;
  processed: number;
  total: number;
  createdAt: Date;
  finishedAt: Date | null;
  result: Omit<ImportResult, 'timings'> | null;
  /** The uploaded rows, kept while there are errors to show in the error workbook (null once expired). */
  sheet: ParsedSheet | null;
};

const records = new Map<string, ImportRecord>();
let chain: Promise<void> = Promise.resolve();
const running = new Set<Promise<void>>();

function prune(now = Date.now()) {
  for (const [id, r] of records) if (r.finishedAt && now - r.finishedAt.getTime() > KEEP_MS) records.delete(id);
  let kept = 0;
  for (const r of [...records.values()].reverse()) {
    if (!r.finishedAt || !r.sheet) continue;
    kept += r.sheet.rows.length;
    if (kept > MAX_KEPT_ROWS) r.sheet = null;
  }
  if (records.size < MAX_RECORDS) return;
  const finished = [...records.values()].filter((r) => r.finishedAt).sort((a, b) => a.finishedAt!.getTime() - b.finishedAt!.getTime());
  for (const r of finished.slice(0, records.size - MAX_RECORDS + 1)) records.delete(r.id);
}

/** What a new record is made from. */
export type NewImport = Pick<ImportRecord, 'kind' | 'mode' | 'countyCode' | 'ownerId' | 'scope' | 'fileName'> & { sheet: ParsedSheet | null; total: number };

function create(n: NewImport): ImportRecord {
  prune();
  const rec: ImportRecord = { ...n, id: uuidv7(), status: 'queued', processed: 0, createdAt: new Date(), finishedAt: null, result: null };
  records.set(rec.id, rec);
  return rec;
}

/**
 * Queues an import: `work` runs after the imports before it, reporting progress into the record;
 * an unexpected failure becomes a result with the single error IMPORT_FAILED (nothing written).
 */
export function startImport(n: NewImport, work: (progress: (phase: ImportPhase, done: number, total: number) => void) => Promise<ImportResult>, log: Logger): ImportRecord {
  const pending = [...records.values()].filter((r) => !r.finishedAt).reduce((sum, r) => sum + r.total, 0);
  if (pending + n.total > MAX_PENDING_ROWS) throw new AppError(429, 'IMPORT_BUSY');
  const rec = create(n);
  const task = chain.then(async () => {
    rec.status = 'validating';
    let result: Omit<ImportResult, 'timings'>;
    try {
      const { timings: _t, ...r } = await work((phase, done, total) => {
        rec.status = phase;
        rec.processed = done;
        rec.total = total;
      });
      result = r;
    } catch (e) {
      log.error({ err: e instanceof Error ? { type: e.name, message: e.message.replace(/params:[\s\S]*/, 'params: [redacted]') } : String(e) }, 'import failed');
      result = { ok: false, total: rec.total, valid: 0, written: 0, errors: [{ row: 0, column: null, field: null, code: 'IMPORT_FAILED' }] };
    }
    rec.result = result;
    if (result.errors.length === 0) rec.sheet = null;
    rec.status = 'done';
    rec.finishedAt = new Date();
  });
  chain = task.catch(() => {});
  running.add(task);
  void task.finally(() => running.delete(task));
  return rec;
}

/** Waits for every queued and running import (the app's onClose, before the database closes). */
export async function drainImports() {
  while (running.size > 0) await Promise.allSettled([...running]);
}

/**
 * The import if the caller may see it: its importer, or an account of the same county holding the
 * kind's import permission over the importer's whole scope. Otherwise null (answered as 404).
 */
export function visibleImport(ctx: Ctx, id: string): ImportRecord | null {
  prune();
  const rec = records.get(id);
  const a = ctx.actor;
  if (!rec || !a || a.countyCode !== rec.countyCode) return null;
  if (rec.ownerId && a.accountId === rec.ownerId) return rec;
  const perm = importPermission(rec.kind);
  return rec.scope.length > 0 && rec.scope.every((p) => ctx.inScope(perm, p)) ? rec : null;
}

/** A finished import remembered directly (tests and the authorization matrix). */
export function rememberFinishedImport(n: NewImport & { result: Omit<ImportResult, 'timings'> }): string {
  const rec = create(n);
  Object.assign(rec, { status: 'done', finishedAt: new Date(), processed: n.total, result: n.result });
  return rec.id;
}

/** Overall progress 0–100 for one bar: validation takes the first 60 %, writing the rest. */
export function percentOf(r: ImportRecord): number {
  if (r.status === 'done') return 100;
  if (r.status === 'queued' || r.total === 0) return 0;
  const part = r.processed / r.total;
  return Math.min(99, Math.floor(r.status === 'validating' ? part * 60 : 60 + part * 40));
}

/** A row error with its message in the caller's language. */
export const renderError = (e: RowError, lang: Lang) => ({
  row: e.row,
  column: e.column,
  field: e.field,
  code: e.code,
  message: fieldMessage(e.code, lang, e.params),
});

/** The status answer of GET /api/imports/:id and POST. */
export function statusDto(r: ImportRecord, lang: Lang) {
  const res = r.result;
  return {
    id: r.id,
    kind: r.kind,
    mode: r.mode,
    status: r.status,
    processed: r.processed,
    total: r.total,
    percent: percentOf(r),
    fileName: r.fileName,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    result: res
      ? {
          ok: res.ok,
          total: res.total,
          valid: res.valid,
          written: res.written,
          errorRows: new Set(res.errors.map((e) => e.row)).size,
          errorCount: res.errors.length,
          truncated: res.errors.length > MAX_ERRORS_SHOWN,
          errors: res.errors.slice(0, MAX_ERRORS_SHOWN).map((e) => renderError(e, lang)),
        }
      : null,
  };
}
