import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../core/access/context.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { MEMBER_COLUMNS } from './columns.ts';
import { type NewImport, drainImports, percentOf, rememberFinishedImport, startImport, visibleImport } from './store.ts';
import type { ImportResult } from './types.ts';
import type { ParsedSheet } from './xlsx-read.ts';

const log = { info() {}, warn() {}, error() {} };
const sheetOf = (n: number): ParsedSheet => ({ kind: 'members', sheetName: 's', headerRow: 1, headers: ['姓名'], columns: [MEMBER_COLUMNS[0]], rows: Array.from({ length: n }, (_, i) => ({ row: i + 2, cells: ['x'] })) });
const base = (total: number): NewImport => ({ kind: 'members', mode: 'all', countyCode: '330522', ownerId: 'owner', scope: ['/r/t1/'], fileName: null, sheet: sheetOf(total), total });
const result = (total: number): Omit<ImportResult, 'timings'> => ({ ok: false, total, valid: 0, written: 0, errors: [{ row: 2, column: '姓名', field: 'name', code: 'required' }] });

/** A request context with an actor whose member.import scope is `paths`. */
const ctxOf = (accountId: string, paths: string[], countyCode = '330522') =>
  ({ actor: { accountId, countyCode }, inScope: (perm: string, p: string) => perm === 'member.import' && paths.some((s) => p.startsWith(s)) }) as unknown as Ctx;

describe('import store', () => {
  it('runs queued imports one at a time and reports progress as one bar', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const a = startImport(base(10), async (progress) => {
      progress('validating', 5, 10);
      await gate;
      progress('writing', 5, 10);
      return { ...result(10), timings: { validateMs: 0, writeMs: 0 } };
    }, log);
    const b = startImport(base(10), async () => ({ ...result(10), timings: { validateMs: 0, writeMs: 0 } }), log);
    await new Promise((r) => setTimeout(r, 10));
    expect([a.status, percentOf(a), b.status, percentOf(b)]).toEqual(['validating', 30, 'queued', 0]);
    release();
    await drainImports();
    expect([a.status, b.status, percentOf(a)]).toEqual(['done', 'done', 100]);
  });

  it('turns a crash into IMPORT_FAILED and refuses more work than it can hold', async () => {
    const crash = startImport(base(3), async () => {
      throw new Error('database went away');
    }, log);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const big = startImport(base(150_000), async () => {
      await gate;
      return { ...result(150_000), timings: { validateMs: 0, writeMs: 0 } };
    }, log);
    let refused: unknown = null;
    try {
      startImport(base(60_000), async () => ({ ...result(1), timings: { validateMs: 0, writeMs: 0 } }), log);
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(429);
    release();
    await drainImports();
    expect(crash.result?.errors.map((e) => e.code)).toEqual(['IMPORT_FAILED']);
    expect(big.status).toBe('done');
  });

  it('shows an import to its importer and to wider or equal scopes of the same county only', () => {
    const id = rememberFinishedImport({ ...base(1), result: result(1) });
    expect(visibleImport(ctxOf('owner', []), id)?.id).toBe(id);
    expect(visibleImport(ctxOf('peer', ['/r/t1/']), id)?.id).toBe(id);
    expect(visibleImport(ctxOf('county', ['/r/']), id)?.id).toBe(id);
    expect(visibleImport(ctxOf('branch', ['/r/t1/b1/']), id)).toBeNull();
    expect(visibleImport(ctxOf('sibling', ['/r/t2/']), id)).toBeNull();
    expect(visibleImport(ctxOf('owner', [], '330523'), id)).toBeNull();
  });

  it('lets the uploaded rows of older imports expire beyond the memory budget', () => {
    const old = rememberFinishedImport({ ...base(200_000), result: result(200_000) });
    const recent = rememberFinishedImport({ ...base(200_000), result: result(200_000) });
    rememberFinishedImport({ ...base(1), result: result(1) });
    const who = ctxOf('owner', []);
    expect(visibleImport(who, recent)?.sheet).not.toBeNull();
    expect(visibleImport(who, old)?.sheet).toBeNull();
    expect(visibleImport(who, old)?.result?.errors).toHaveLength(1);
  });
});
