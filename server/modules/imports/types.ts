import type { Ctx } from '../../core/access/context.ts';
import { type AuditActor, actorOf } from '../../core/audit/audit.ts';
import type { ImportKind } from './columns.ts';

/** Who imports: the request's actor or the CLI's system actor, with the write scope it holds. */
export type Importer = {
  countyCode: string;
  /** Audit actor (who, roles, IP). */
  who: AuditActor;
  /** Organization the audit row is filed under. */
  orgId: string | null;
  /** Organization paths (subtree roots) the importer may write to for this kind. */
  scope: string[];
};

/** The permission that allows importing a kind. */
export const importPermission = (kind: ImportKind) => (kind === 'members' ? 'member.import' : 'org.import');

/** The importer behind a request. */
export function importerOf(ctx: Ctx, kind: ImportKind): Importer {
  const a = ctx.actor!;
  return { countyCode: a.countyCode, who: actorOf(ctx), orgId: a.orgId, scope: ctx.scope(importPermission(kind)) };
}

/** One problem of one row; `code` has a message in core/errors/messages.ts (row 0: the whole file). */
export type RowError = { row: number; column: string | null; field: string | null; code: string; params?: Record<string, unknown> };

/** all-or-nothing (default) or write the valid rows only. */
export type ImportMode = 'all' | 'valid-only';
export const IMPORT_MODES = ['all', 'valid-only'] as const;

/** Options of one import. */
export type ImportOptions = {
  mode: ImportMode;
  /** Organization (members) or parent (organizations) for rows that leave the column empty; already checked to be in scope. */
  defaultOrgId?: string | null;
  /** "Today" for date checks (tests). */
  today?: Date;
};

/** Where an import stands. */
export type ImportPhase = 'validating' | 'writing';
export type ProgressFn = (phase: ImportPhase, done: number, total: number) => void;

/** The outcome of an import. */
export type ImportResult = {
  ok: boolean;
  total: number;
  valid: number;
  written: number;
  errors: RowError[];
  /** Milliseconds spent validating and writing (benchmarks). */
  timings: { validateMs: number; writeMs: number };
};

/** Lets the event loop breathe between chunks of CPU work (progress requests stay answered). */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
