import { type PdfFonts, pdfFonts } from './fonts.ts';
import { cellText, columnWeights, type DocTable, formatDocDate, OFFICIAL_RED, pageLabel, type ReportDocument } from './model.ts';

// A4 with the margins of GB/T 9704 (公文格式): top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
const MM = 72 / 25.4;
const MARGINS = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };
const RED = `#${OFFICIAL_RED}`;
const BODY = 12;
const CELL = 9;
const PAD = 3.5;
const GAP = 3;

type Pdf = PDFKit.PDFDocument;

/**
 * Renders the document as a PDF: the red header (issuer, serial, red rule), the title, the body,
 * bordered tables whose header row repeats on every page they run onto, the signature and date, the
 * 版记 line, a faint watermark on every page and "第 n 页 共 N 页" at the foot. Chinese is real text in
 * an embedded subset of Noto Sans SC (see fonts.ts); `options.fonts` replaces it (tests of the fallback).
 */
export async function renderPdf(doc: ReportDocument, options: { fonts?: PdfFonts } = {}): Promise<Buffer> {
  const fonts = options.fonts ?? pdfFonts();
  const { default: PDFDocument } = await import('pdfkit');
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    autoFirstPage: false,
    lang: doc.lang === 'en' ? 'en' : 'zh-CN',
    displayTitle: true,
    info: { Title: doc.title, Author: doc.issuer, Creator: 'Hongyun 红云', Subject: doc.serial ?? '' },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });
  pdf.registerFont('hy-regular', fonts.regular.data, fonts.regular.face as string);
  pdf.registerFont('hy-bold', fonts.bold.data, fonts.bold.face as string);
  if (doc.watermark) pdf.on('pageAdded', () => drawWatermark(pdf, doc.watermark as string));
  pdf.addPage();

  const L = MARGINS.left;
  const W = pdf.page.width - MARGINS.left - MARGINS.right;
  const bottom = () => pdf.page.height - MARGINS.bottom;
  const ensure = (h: number) => {
    if (pdf.y + h > bottom()) pdf.addPage();
  };

  // 红头: the issuer in large red characters, shrunk to fit one line.
  pdf.font('hy-bold');
  let size = 28;
  const spacing = 4;
  while (size > 14 && pdf.fontSize(size).widthOfString(doc.issuer, { characterSpacing: spacing }) > W) size -= 1;
  pdf.fillColor(RED).fontSize(size).text(doc.issuer, L, pdf.y, { width: W, align: 'center', characterSpacing: spacing });
  pdf.moveDown(0.4);
  if (doc.serial) pdf.fillColor('black').font('hy-regular').fontSize(BODY).text(doc.serial, L, pdf.y, { width: W, align: 'center' });
  pdf.moveDown(0.3);
  const ruleY = pdf.y + 2;
  pdf.save().moveTo(L, ruleY).lineTo(L + W, ruleY).lineWidth(2).strokeColor(RED).stroke().restore();
  pdf.y = ruleY + 18;
  pdf.fillColor('black').font('hy-bold').fontSize(18).text(doc.title, L, pdf.y, { width: W, align: 'center', lineGap: 4 });
  pdf.moveDown(0.8);

  const paragraph = (text: string) => {
    pdf.font('hy-regular').fontSize(BODY).fillColor('black');
    ensure(pdf.currentLineHeight(true) * 2);
    pdf.text(text, L, pdf.y, { width: W, align: 'justify', indent: BODY * 2, lineGap: 5, paragraphGap: 6 });
  };
  for (const p of doc.summary ?? []) paragraph(p);

  for (const s of doc.sections) {
    pdf.moveDown(0.5);
    pdf.font('hy-bold').fontSize(14);
    // Keep a heading with at least two lines of what follows.
    ensure(pdf.heightOfString(s.heading, { width: W }) + BODY * 4);
    pdf.fillColor('black').text(s.heading, L, pdf.y, { width: W, lineGap: 4 });
    pdf.moveDown(0.3);
    for (const p of s.paragraphs ?? []) paragraph(p);
    for (const t of s.tables ?? []) drawTable(pdf, t, L, W, bottom);
  }

  // Signature (落款): issuer and date at the right.
  pdf.moveDown(1.5);
  pdf.font('hy-regular').fontSize(BODY);
  ensure(pdf.currentLineHeight(true) * 3);
  pdf.fillColor('black').text(doc.issuer, L, pdf.y, { width: W - BODY * 2, align: 'right' });
  pdf.text(formatDocDate(doc.date, doc.lang), L, pdf.y + 4, { width: W - BODY * 2, align: 'right' });

  // 版记: the 抄送 line between two thin rules.
  if (doc.footer) {
    pdf.moveDown(2);
    pdf.font('hy-regular').fontSize(10.5);
    const h = pdf.heightOfString(doc.footer, { width: W - 21 });
    ensure(h + 16);
    const top = pdf.y;
    pdf.save().moveTo(L, top).lineTo(L + W, top).lineWidth(0.75).strokeColor('black').stroke().restore();
    pdf.text(doc.footer, L + 10.5, top + 6, { width: W - 21 });
    const end = pdf.y + 4;
    pdf.save().moveTo(L, end).lineTo(L + W, end).lineWidth(0.75).strokeColor('black').stroke().restore();
    pdf.y = end;
  }

  // Page numbers (and the watermark line) at the foot of every page, now that the count is known.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const keep = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0; // writing below the text area must not start a new page
    const y = pdf.page.height - MARGINS.bottom + 7 * MM;
    pdf.font('hy-regular').fontSize(10).fillColor('black');
    pdf.text(pageLabel(doc.lang, i - range.start + 1, range.count), L, y, { width: W, align: 'center', lineBreak: false });
    if (doc.watermark) pdf.fontSize(7.5).fillColor('#999999').text(doc.watermark, L, y + 15, { width: W, align: 'center', lineBreak: false });
    pdf.page.margins.bottom = keep;
  }
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

/** Faint diagonal text across the page, drawn first so the content lies above it. */
function drawWatermark(pdf: Pdf, text: string) {
  const { x, y } = pdf;
  const { width, height } = pdf.page;
  pdf.save();
  pdf.font('hy-regular').fontSize(16).fillColor('#000000').fillOpacity(0.07);
  for (const f of [0.25, 0.55, 0.85]) {
    pdf.save();
    pdf.rotate(-30, { origin: [width / 2, height * f] });
    pdf.text(text, 0, height * f, { width, align: 'center', lineBreak: false });
    pdf.restore();
  }
  pdf.restore();
  pdf.fillOpacity(1);
  pdf.x = x;
  pdf.y = y;
}

/**
 * A bordered table: the title (kept with the header and the first row), a shaded header row that is
 * drawn again at the top of every page the table runs onto, rows that never split across pages, and
 * the note under it. A row taller than a page is cut with an ellipsis.
 */
function drawTable(pdf: Pdf, t: DocTable, L: number, W: number, bottom: () => number) {
  const weights = columnWeights(t);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (W * w) / total);
  const xs = widths.map((_, i) => L + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const maxRow = bottom() - pdf.page.margins.top;

  pdf.font('hy-regular').fontSize(CELL);
  const lineH = pdf.currentLineHeight(true) + GAP;
  const measure = (text: string, width: number) => {
    if (text === '') return lineH;
    if (!text.includes('\n') && pdf.widthOfString(text) <= width) return lineH;
    return pdf.heightOfString(text, { width, lineGap: GAP });
  };
  // Text height less the gap after its last line, plus the padding; never more than a page under the header.
  const natural = (texts: string[]) => Math.max(...texts.map((s, i) => measure(s, widths[i] - 2 * PAD))) - GAP + 2 * PAD;

  const headers = t.columns.map((c) => c.header);
  pdf.font('hy-bold');
  const headerH = natural(headers);
  pdf.font('hy-regular');
  const rowHeight = (texts: string[]) => Math.min(maxRow - headerH, natural(texts));

  const drawRow = (texts: string[], y: number, h: number, header: boolean) => {
    pdf.save().lineWidth(0.5).strokeColor('#444444');
    for (let i = 0; i < texts.length; i++) {
      if (header) pdf.rect(xs[i], y, widths[i], h).fillAndStroke('#EDEDED', '#444444');
      else pdf.rect(xs[i], y, widths[i], h).stroke();
    }
    pdf.restore();
    pdf.font(header ? 'hy-bold' : 'hy-regular').fontSize(CELL).fillColor('black');
    for (let i = 0; i < texts.length; i++) {
      if (texts[i] === '') continue;
      const align = header ? 'center' : (t.columns[i].align ?? 'left');
      pdf.text(texts[i], xs[i] + PAD, y + PAD, { width: widths[i] - 2 * PAD, height: h - 2 * PAD + 0.5, ellipsis: true, lineGap: GAP, align });
    }
  };

  const firstRow = t.rows.length ? rowHeight(t.columns.map((c) => cellText(t.rows[0][c.key]))) : 0;
  pdf.moveDown(0.4);
  let titleH = 0;
  if (t.title) {
    pdf.font('hy-bold').fontSize(11);
    titleH = pdf.heightOfString(t.title, { width: W }) + 4;
  }
  if (pdf.y + titleH + headerH + firstRow > bottom()) pdf.addPage();
  if (t.title) {
    pdf.font('hy-bold').fontSize(11).fillColor('black').text(t.title, L, pdf.y, { width: W, align: 'center' });
    pdf.y += 4;
  }
  let y = pdf.y;
  drawRow(headers, y, headerH, true);
  y += headerH;
  for (const r of t.rows) {
    pdf.font('hy-regular').fontSize(CELL);
    const texts = t.columns.map((c) => cellText(r[c.key]));
    const h = rowHeight(texts);
    if (y + h > bottom()) {
      pdf.addPage();
      y = pdf.page.margins.top;
      drawRow(headers, y, headerH, true);
      y += headerH;
    }
    drawRow(texts, y, h, false);
    y += h;
  }
  pdf.x = L;
  pdf.y = y + 4;
  if (t.note) {
    pdf.font('hy-regular').fontSize(9).fillColor('#555555');
    if (pdf.y + pdf.currentLineHeight(true) > bottom()) pdf.addPage();
    pdf.text(t.note, L, pdf.y, { width: W });
    pdf.fillColor('black');
  }
  pdf.moveDown(0.4);
}
