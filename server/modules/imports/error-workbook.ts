import type { Lang } from '../../core/errors/messages.ts';
import { sheetTitle } from './columns.ts';
import { renderError } from './store.ts';
import type { RowError } from './types.ts';
import type { ParsedSheet } from './xlsx-read.ts';

const BAD_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFFFC7CE' } };
const BAD_FONT = { color: { argb: 'FF9C0006' } };

/**
 * The error workbook of an import: the uploaded rows (all, or only those with errors) with the
 * same headers plus an added 错误 column giving every problem of the row ("列：原因；…"), and the
 * cells at fault highlighted. It can be corrected and imported again as it is: the reader ignores
 * the 错误 and 原行号 columns.
 */
export async function buildErrorWorkbook(sheet: ParsedSheet, errors: RowError[], onlyErrors: boolean, lang: Lang): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const byRow = new Map<number, RowError[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  const wb = new Excel.Workbook();
  wb.creator = '红云 Hongyun';
  const ws = wb.addWorksheet(sheetTitle(sheet.kind), { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = [...sheet.headers, '错误', ...(onlyErrors ? ['原行号'] : [])];
  const head = ws.addRow(headers);
  head.font = { bold: true };
  const errCol = sheet.headers.length + 1;
  head.getCell(errCol).fill = BAD_FILL;
  head.getCell(errCol).font = { bold: true, ...BAD_FONT };
  sheet.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.kind === 'id') col.numFmt = '@';
    if (c.kind === 'date') col.numFmt = 'yyyy-mm-dd';
  });
  ws.getColumn(errCol).width = 60;
  ws.getColumn(errCol).alignment = { wrapText: true, vertical: 'top' };
  // Problems of the whole import (e.g. a conflict while writing) go on the 错误 header as a note,
  // never into a row that a re-import would read.
  const fileErrors = byRow.get(0);
  if (fileErrors) head.getCell(errCol).note = fileErrors.map((e) => renderError(e, lang).message).join('；');
  for (const r of sheet.rows) {
    const errs = byRow.get(r.row);
    if (onlyErrors && !errs) continue;
    const text = (errs ?? []).map((e) => `${e.column ? `${e.column}：` : ''}${renderError(e, lang).message}`).join('；');
    const row = ws.addRow([...r.cells.map((c) => c ?? null), text || null, ...(onlyErrors ? [r.row] : [])]);
    if (!errs) continue;
    row.getCell(errCol).font = BAD_FONT;
    for (const e of errs) {
      const i = sheet.columns.findIndex((c) => c.key === e.field);
      if (i < 0) continue;
      row.getCell(i + 1).fill = BAD_FILL;
      row.getCell(i + 1).font = BAD_FONT;
    }
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
