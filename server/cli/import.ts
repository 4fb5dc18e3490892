import fs from 'node:fs';
import path from 'node:path';
import { ensureCountyRoot } from '../bootstrap/bootstrap.ts';
import { AppError } from '../core/errors/app-error.ts';
import { errorMessage, fieldMessage } from '../core/errors/messages.ts';
import { progress } from '../core/progress.ts';
import type { ImportKind } from '../modules/imports/columns.ts';
import { OrgDirectory } from '../modules/imports/org-directory.ts';
import { runImport } from '../modules/imports/run.ts';
import type { Importer, ImportPhase } from '../modules/imports/types.ts';
import { readSheet } from '../modules/imports/xlsx-read.ts';
import { openForCli } from './context.ts';

const say = (s: string) => process.stdout.write(`${s}\n`);

/** Exit status: everything written, nothing written (errors), or only the valid rows (--valid-only). */
export const IMPORT_EXIT = { ok: 0, rejected: 1, partial: 2 } as const;

/**
 * `hongyun import members|organizations FILE.xlsx [--org <id|code|name>] [--valid-only]`: the same
 * checks and writes as the web import, run as the system actor with the county's whole scope,
 * with a progress bar on stderr. Prints every row error ("第 N 行 列：原因 [CODE]"); exits 1 when
 * anything is wrong and nothing was written, 2 when --valid-only wrote the valid rows only.
 */
export async function importCmd(kind: ImportKind, file: string, opts: { org?: string; validOnly?: boolean }) {
  const src = path.resolve(file);
  if (!fs.existsSync(src)) throw new Error(`no such file: ${src}`);
  const buf = fs.readFileSync(src);
  const { config, database, services } = await openForCli({}, true);
  try {
    const root = await ensureCountyRoot(services);
    let sheet: Awaited<ReturnType<typeof readSheet>>;
    try {
      sheet = await readSheet(kind, buf, config.importMaxRows);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      say(`导入失败：${errorMessage(e.code, 'zh-CN', e.params)} [${e.code}]`);
      process.exitCode = IMPORT_EXIT.rejected;
      return;
    }
    const importer: Importer = {
      countyCode: root.countyCode,
      who: { actorId: null, actorName: 'cli', roles: 'system', ip: null },
      orgId: root.id,
      scope: [root.path],
    };
    let defaultOrgId: string | null = null;
    if (opts.org) {
      const res = (await OrgDirectory.systemLoad(services.db, root.countyCode, [opts.org])).resolve(opts.org, importer.scope);
      if (!res.ok) throw new Error(`--org ${opts.org}: ${fieldMessage(res.code, 'zh-CN', res.params)}`);
      defaultOrgId = res.org.id;
    }
    const bars: Record<ImportPhase, ReturnType<typeof progress>> = { validating: progress('校验 validate'), writing: progress('写入 write') };
    const result = await runImport(
      services,
      importer,
      sheet,
      { mode: opts.validOnly ? 'valid-only' : 'all', defaultOrgId },
      (phase, done, total) => bars[phase](done, total),
      path.basename(src),
    );
    for (const e of result.errors) {
      const where = e.row > 0 ? `第 ${e.row} 行${e.column ? ` ${e.column}` : ''}：` : '';
      say(`${where}${fieldMessage(e.code, 'zh-CN', e.params)} [${e.code}]`);
    }
    const errorRows = new Set(result.errors.map((e) => e.row)).size;
    if (result.ok) say(`导入完成：共 ${result.total} 行，已写入 ${result.written} 行`);
    else if (result.written > 0) say(`部分导入：共 ${result.total} 行，${errorRows} 行有错误未写入，已写入 ${result.written} 行`);
    else say(`导入失败：共 ${result.total} 行，${errorRows} 行有错误，未写入任何数据`);
    process.exitCode = result.ok ? IMPORT_EXIT.ok : result.written > 0 ? IMPORT_EXIT.partial : IMPORT_EXIT.rejected;
  } finally {
    await database.close();
  }
}
