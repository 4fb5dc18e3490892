import type { Worksheet } from 'exceljs';
import { cellText, columnWeights, formatDocDate, OFFICIAL_RED, type ReportDocument } from './model.ts';

const RED = `FF${OFFICIAL_RED}`;
const FRONT_COLS = 8;
const FRONT_WIDTH = 14;
const thin = { style: 'thin' as const, color: { argb: 'FF444444' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** Display width of text in Excel character units: a CJK character takes two. */
function displayWidth(s: string) {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1;
  return w;
}

/** The height of a merged, wrapped text row (Excel does not size those by itself). */
function wrappedHeight(text: string, widthChars: number, pt: number) {
  const lines = text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil((displayWidth(l) * pt) / 11 / (widthChars * 0.95))), 0);
  return Math.max(1, lines) * pt * 1.45 + 4;
}

/** A sheet name Excel accepts (≤ 31 characters, none of * ? : \ / [ ]) that no other sheet has. */
function sheetName(wanted: string, used: Set<string>) {
  const base = wanted.replace(/[*?:\\/[\]]/g, '-').trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}-${i}`;
  used.add(name.toLowerCase());
  return name;
}

/**
 * Renders the document as an Excel workbook in the house style of core/excel.ts (the watermark in the
 * page header, page numbers in the footer). The first sheet is the document itself: red issuer, serial,
 * title, date, summary, every section's heading and paragraphs, signature and 版记. Every section with
 * tables gets a sheet of its own: the tables with bordered header rows (repeated when printed) and
 * numbers kept as numbers.
 */
export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = doc.issuer;
  wb.title = doc.title;
  if (doc.watermark) wb.description = doc.watermark;
  const used = new Set<string>();
  const stamp = doc.watermark ? `&R${doc.watermark.replace(/&/g, '&&')}` : '';
  const headerFooter = { oddHeader: `&L${doc.title.replace(/&/g, '&&')}${stamp}`, oddFooter: '&C&P / &N' };
  const pageSetup = { paperSize: 9, orientation: 'portrait' as const, fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true };

  const front = wb.addWorksheet(sheetName(doc.lang === 'en' ? 'Document' : '通报', used), { headerFooter, pageSetup: { ...pageSetup } });
  for (let i = 1; i <= FRONT_COLS; i++) front.getColumn(i).width = FRONT_WIDTH;
  const totalWidth = FRONT_COLS * FRONT_WIDTH;
  const line = (text: string, style: { size?: number; bold?: boolean; color?: string; align?: 'left' | 'center' | 'right'; indent?: boolean; italic?: boolean } = {}) => {
    const pt = style.size ?? 11;
    const value = style.indent ? `　　${text}` : text;
    const row = front.addRow([value]);
    front.mergeCells(row.number, 1, row.number, FRONT_COLS);
    const c = row.getCell(1);
    c.font = { size: pt, bold: style.bold, italic: style.italic, color: style.color ? { argb: style.color } : undefined };
    c.alignment = { horizontal: style.align ?? 'left', vertical: 'middle', wrapText: true };
    row.height = wrappedHeight(value, totalWidth, pt);
    return row;
  };
  if (doc.watermark) line(doc.watermark, { size: 9, italic: true, color: 'FF888888' });
  line(doc.issuer, { size: 24, bold: true, color: RED, align: 'center' });
  const serial = line(doc.serial ?? '', { size: 12, align: 'center' });
  for (let i = 1; i <= FRONT_COLS; i++) serial.getCell(i).border = { bottom: { style: 'thick', color: { argb: RED } } };
  line('');
  line(doc.title, { size: 16, bold: true, align: 'center' });
  line('');
  for (const p of doc.summary ?? []) line(p, { indent: true });
  doc.sections.forEach((s) => {
    line(s.heading, { size: 12, bold: true });
    for (const p of s.paragraphs ?? []) line(p, { indent: true });
  });
  line('');
  line(doc.issuer, { align: 'right' });
  line(formatDocDate(doc.date, doc.lang), { align: 'right' });
  if (doc.footer) {
    line('');
    const f = line(doc.footer);
    for (let i = 1; i <= FRONT_COLS; i++) f.getCell(i).border = { top: thin, bottom: thin };
  }

  for (const s of doc.sections) {
    if (!s.tables?.length) continue;
    const ws: Worksheet = wb.addWorksheet(sheetName(s.heading, used), { headerFooter, pageSetup: { ...pageSetup } });
    const span = Math.max(...s.tables.map((t) => t.columns.length));
    const widths: number[] = [];
    const banner = (text: string, font: Partial<import('exceljs').Font>, align: 'left' | 'center' = 'left') => {
      const row = ws.addRow([text]);
      if (span > 1) ws.mergeCells(row.number, 1, row.number, span);
      row.getCell(1).font = font;
      row.getCell(1).alignment = { horizontal: align, vertical: 'middle', wrapText: true };
      return row;
    };
    if (doc.watermark) banner(doc.watermark, { italic: true, size: 9, color: { argb: 'FF888888' } });
    banner(s.heading, { bold: true, size: 13 });
    let firstHeader = 0;
    for (const t of s.tables) {
      if (t.title) banner(t.title, { bold: true, size: 11 }, 'center');
      const header = ws.addRow(t.columns.map((c) => c.header));
      if (!firstHeader) firstHeader = header.number;
      header.eachCell((c) => {
        c.font = { bold: true };
        c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
        c.border = border;
        c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      });
      const colWidths = columnWeights(t);
      for (const r of t.rows) {
        const row = ws.addRow(t.columns.map((c) => (typeof r[c.key] === 'number' ? r[c.key] : cellText(r[c.key]))));
        let lines = 1;
        t.columns.forEach((c, i) => {
          const cell = row.getCell(i + 1);
          cell.border = border;
          cell.alignment = { horizontal: c.align ?? (typeof r[c.key] === 'number' ? 'right' : 'left'), vertical: 'middle', wrapText: true };
          const text = cellText(r[c.key]);
          if (text.length > colWidths[i] / 2) lines = Math.max(lines, ...text.split('\n').map((l) => Math.ceil(displayWidth(l) / Math.max(1, colWidths[i] - 1))));
        });
        // Excel does not grow rows to wrapped text by itself when the file is opened: size them here.
        if (lines > 1) row.height = lines * 14.5 + 2;
      }
      colWidths.forEach((w, i) => {
        widths[i] = Math.max(widths[i] ?? 0, w);
      });
      if (t.note) banner(t.note, { italic: true, size: 9, color: { argb: 'FF555555' } });
      ws.addRow([]);
    }
    widths.forEach((w, i) => {
      ws.getColumn(i + 1).width = w;
    });
    // Printing repeats the first table's header row; one table per sheet also freezes it on screen.
    ws.pageSetup.printTitlesRow = `${firstHeader}:${firstHeader}`;
    if (s.tables.length === 1) ws.views = [{ state: 'frozen', ySplit: firstHeader }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
