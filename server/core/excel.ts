import type { FastifyReply } from 'fastify';
import type { Ctx } from './access/context.ts';
import { audit } from './audit/audit.ts';
import { AppError } from './errors/app-error.ts';

/** One column of an export: header text (already localized), key and width. */
export type ExportColumn<T> = { header: string; value: (row: T) => string | number | Date | null | undefined; width?: number };

/** Formats a time in Asia/Shanghai for exports and reports. */
export const shanghaiTime = (d: Date | string | null | undefined) =>
  d ? new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium', hourCycle: 'h23' }).format(new Date(d)) : '';

/**
 * The one way to export a list to Excel (SECURITY.md 15): checks the row cap, writes a sheet
 * whose first row and page header carry the exporter's name as a watermark, audits the export,
 * and streams the file. `count` runs first so an oversize export fails before any work.
 */
export async function exportXlsx<T>(
  ctx: Ctx,
  reply: FastifyReply,
  spec: { name: string; title: string; count: () => Promise<number>; rows: (limit: number) => Promise<T[]>; columns: ExportColumn<T>[]; filters?: Record<string, unknown> },
) {
  const max = ctx.services.config.exportMaxRows;
  const total = await spec.count();
  if (total > max) throw new AppError(400, 'EXPORT_TOO_LARGE', { max });
  const rows = await spec.rows(max);
  const who = ctx.actor ? `${ctx.actor.displayName}（${ctx.actor.username}）` : 'system';
  const stamp = `${who} ${shanghaiTime(new Date())}`;
  // Loaded on first export: exceljs costs ~200 ms of CPU at start-up otherwise.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = who;
  // A sheet name holds at most 31 characters and none of * ? : \ / [ ] (a title typed by a user may).
  const ws = wb.addWorksheet(spec.title.replace(/[*?:\\/[\]]/g, '-').slice(0, 31) || 'Sheet1', {
    headerFooter: { oddHeader: `&L${spec.title}&R导出人 Exported by: ${stamp}`, oddFooter: '&C&P / &N' },
  });
  ws.addRow([`${spec.title} — 导出人 Exported by: ${stamp} — 共 ${rows.length} 行`]).font = { italic: true, color: { argb: 'FF888888' } };
  const header = ws.addRow(spec.columns.map((c) => c.header));
  header.font = { bold: true };
  for (const r of rows) ws.addRow(spec.columns.map((c) => c.value(r) ?? ''));
  spec.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width ?? 18;
  });
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  await ctx.services.db.transaction((tx) =>
    audit(ctx, tx, { action: 'export', result: 'success', objectType: spec.name, detail: { rows: rows.length, filters: spec.filters ?? {} } }),
  );
  const filename = `${spec.name}-${new Date().toISOString().slice(0, 10)}.xlsx`;
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(buf);
}
