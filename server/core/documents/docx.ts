import type { Paragraph as DocxParagraph, Table as DocxTable } from 'docx';
import { cellText, columnWeights, type DocTable, formatDocDate, OFFICIAL_RED, type ReportDocument } from './model.ts';

// A4 in twentieths of a point with the margins of GB/T 9704 (top 37, bottom 35, left 28, right 26 mm).
const TWIP_PER_MM = 1440 / 25.4;
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: Math.round(37 * TWIP_PER_MM), bottom: Math.round(35 * TWIP_PER_MM), left: Math.round(28 * TWIP_PER_MM), right: Math.round(26 * TWIP_PER_MM) };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
// Word picks these on a Chinese system (宋体 SimSun, 黑体 SimHei, 仿宋 FangSong) and substitutes elsewhere.
const latin = 'Times New Roman';
const font = (eastAsia: string) => ({ ascii: latin, hAnsi: latin, eastAsia, cs: latin });

/**
 * Renders the document as Word (.docx): styles Title / Heading 1 / Heading 2 with Chinese fonts, the
 * red header as red text over a red bottom border, real Word tables (borders, the header row marked
 * to repeat on every page, rows that do not split), the signature and date, the 版记 line, the
 * watermark as a faint diagonal text in the page header, and "第 X 页 共 Y 页" in the footer.
 */
export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  const d = await import('docx');
  const { TextWatermark } = await import('docx/watermarks');
  const { AlignmentType, BorderStyle, HeadingLevel, Paragraph, TextRun, PageNumber } = d;
  const en = doc.lang === 'en';

  const body = (text: string) => new Paragraph({ children: [new TextRun(text)], indent: { firstLine: 640 }, alignment: AlignmentType.JUSTIFIED });
  const children: (DocxParagraph | DocxTable)[] = [];
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: doc.serial ? 120 : 240 },
      children: [new TextRun({ text: doc.issuer, color: OFFICIAL_RED, bold: true, size: 60, font: font('宋体'), characterSpacing: 40 })],
    }),
  );
  // The serial line carries the red rule (a thick red bottom border); without a serial, an empty line does.
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      border: { bottom: { style: BorderStyle.THICK, size: 18, color: OFFICIAL_RED, space: 6 } },
      spacing: { after: 360 },
      children: doc.serial ? [new TextRun({ text: doc.serial, size: 28 })] : [],
    }),
  );
  children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }));
  for (const p of doc.summary ?? []) children.push(body(p));
  for (const s of doc.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(s.heading)] }));
    for (const p of s.paragraphs ?? []) children.push(body(p));
    for (const t of s.tables ?? []) {
      if (t.title) children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun(t.title)] }));
      children.push(table(d, t));
      if (t.note) children.push(new Paragraph({ spacing: { before: 60 }, children: [new TextRun({ text: t.note, size: 18, color: '555555' })] }));
      else children.push(new Paragraph({ children: [] }));
    }
  }
  children.push(new Paragraph({ spacing: { before: 480 }, alignment: AlignmentType.RIGHT, indent: { right: 640 }, children: [new TextRun(doc.issuer)] }));
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 640 }, children: [new TextRun(formatDocDate(doc.date, doc.lang))] }));
  if (doc.footer) {
    const rule = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 4 };
    children.push(
      new Paragraph({
        spacing: { before: 480 },
        indent: { left: 280, right: 280 },
        border: { top: rule, bottom: rule },
        children: [new TextRun({ text: doc.footer, size: 24 })],
      }),
    );
  }

  const small = { size: 16, color: '888888' };
  const headerChildren = doc.watermark
    ? [
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          children: [
            new TextRun({ text: doc.watermark, ...small }),
            new TextWatermark({ text: doc.watermark, font: '宋体', color: 'C0C0C0', opacity: 0.25, width: 460 }),
          ],
        }),
      ]
    : [new Paragraph({ children: [] })];
  const pageWords = en ? ['Page ', ' of ', ''] : ['第 ', ' 页 共 ', ' 页'];
  const document = new d.Document({
    creator: doc.issuer,
    title: doc.title,
    subject: doc.serial,
    description: doc.watermark,
    styles: {
      default: { document: { run: { font: font('仿宋'), size: 32 }, paragraph: { spacing: { line: 460, lineRule: 'atLeast' } } } },
      paragraphStyles: [
        {
          id: 'Title',
          name: 'Title',
          basedOn: 'Normal',
          next: 'Normal',
          run: { font: font('宋体'), size: 44, bold: true, color: '000000' },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 360 } },
        },
        {
          id: 'Heading1',
          name: 'heading 1',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { font: font('黑体'), size: 32, bold: false, color: '000000' },
          paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, outlineLevel: 0 },
        },
        {
          id: 'Heading2',
          name: 'heading 2',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { font: font('黑体'), size: 24, bold: true, color: '000000' },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 200, after: 100 }, keepNext: true, outlineLevel: 1 },
        },
      ],
    },
    sections: [
      {
        properties: { page: { size: PAGE, margin: { ...MARGIN, header: 850, footer: 850 } } },
        headers: { default: new d.Header({ children: headerChildren }) },
        footers: {
          default: new d.Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ size: 20, children: [pageWords[0], PageNumber.CURRENT, pageWords[1], PageNumber.TOTAL_PAGES, pageWords[2]] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return d.Packer.toBuffer(document);
}

/** A Word table: borders, a shaded header row that repeats on every page, rows kept whole. */
function table(d: typeof import('docx'), t: DocTable): DocxTable {
  const { AlignmentType, BorderStyle, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType } = d;
  const weights = columnWeights(t);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / total));
  const line = { style: BorderStyle.SINGLE, size: 4, color: '444444' };
  const align = (a: 'left' | 'right' | 'center' | undefined) => (a === 'right' ? AlignmentType.RIGHT : a === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT);
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      shading: header ? { type: ShadingType.CLEAR, fill: 'EDEDED', color: 'auto' } : undefined,
      children: [
        new Paragraph({
          spacing: { line: 280, lineRule: 'atLeast' },
          alignment: header ? AlignmentType.CENTER : align(t.columns[i].align),
          children: [new TextRun({ text, bold: header, size: 20, font: font('宋体') })],
        }),
      ],
    });
  const rows = [
    new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, i) => cell(c.header, i, true)) }),
    ...t.rows.map((r) => new TableRow({ cantSplit: true, children: t.columns.map((c, i) => cell(cellText(r[c.key]), i, false)) })),
  ];
  return new Table({
    rows,
    columnWidths: widths,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
  });
}
