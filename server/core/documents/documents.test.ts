import fs from 'node:fs';
import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import { fontCandidates, loadFonts } from './fonts.ts';
import { contentDisposition, contentType, documentFilename, formatDocDate, type ReportDocument, renderDocument, renderDocx, renderPdf, renderXlsx, sendDocument } from './index.ts';
import { docxParts, docxText, docxXml, pdfPages, pdfText } from './read-back.ts';

const TOWNS = ['雉城街道', '画溪街道', '太湖街道', '龙山街道', '洪桥镇', '李家巷镇', '夹浦镇', '煤山镇', '泗安镇', '和平镇', '小浦镇', '虹星桥镇', '林城镇'];

/** A bulletin shaped like the monthly 通报: rows = branches, some names with rare characters. */
function sample(rows: number, extra: Partial<ReportDocument> = {}): ReportDocument {
  return {
    issuer: '中共长兴县委组织部',
    title: '关于2026年10月基层党组织组织生活情况的通报',
    serial: '2026年第10期',
    date: '2026-11-05',
    summary: [
      '为进一步规范基层党组织组织生活，现将2026年10月全县基层党组织“三会一课”等组织生活开展情况通报如下。',
      '本月全县共有党支部1,712个，应开展组织生活4,836次，实际开展4,790次，完成率99.0%。',
    ],
    sections: [
      { heading: '一、总体情况', paragraphs: ['各乡镇（街道）党（工）委高度重视，组织生活总体规范有序。'] },
      {
        heading: '二、各支部开展情况',
        paragraphs: ['各支部开展情况见下表（按到会率由高到低排列）。'],
        tables: [
          {
            title: '表1  各党支部组织生活开展情况',
            columns: [
              { key: 'rank', header: '排名', width: 6, align: 'center' },
              { key: 'town', header: '乡镇（街道）', width: 12 },
              { key: 'branch', header: '党支部', width: 26 },
              { key: 'held', header: '已开展（次）', width: 10, align: 'right' },
              { key: 'rate', header: '到会率', width: 9, align: 'right' },
              { key: 'remark', header: '备注', width: 16 },
            ],
            rows: Array.from({ length: rows }, (_, i) => ({
              rank: i + 1,
              town: TOWNS[i % TOWNS.length],
              branch: `${TOWNS[i % TOWNS.length]}第${i + 1}党支部${i === 7 ? '（喆堃䶮村）' : ''}`,
              held: 3 + (i % 4),
              rate: `${(99.5 - (i % 50) * 0.37).toFixed(1)}%`,
              remark: i % 17 === 0 ? '主题党日活动结合“红色驿站”志愿服务开展，内容较长需要换行显示以检查单元格自动换行' : null,
            })),
            note: '注：到会率 = 实到人数 ÷ 应到人数（不含请假）。',
          },
        ],
      },
      { heading: '三、下步工作要求', paragraphs: ['各基层党组织要对照通报查找不足，确保组织生活经常化、规范化。'] },
    ],
    footer: '抄送：各乡镇（街道）党（工）委',
    watermark: '导出人 张三（county_admin） 2026/11/5 09:30:00',
    ...extra,
  };
}

const branch = (n: number) => `${TOWNS[(n - 1) % TOWNS.length]}第${n}党支部`;
const squash = (s: string) => s.replace(/\s+/g, '');

describe('report documents', () => {
  const doc = sample(120);

  it('renders a PDF whose Chinese text can be read back, with the header row on every page', async () => {
    const file = await renderPdf(doc);
    expect(file.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.length).toBeLessThan(2 * 1024 * 1024);
    const pages = await pdfPages(file);
    expect(pages.length).toBeGreaterThan(1);
    const text = squash(pages.join(''));
    expect(text).toContain('中共长兴县委组织部');
    expect(text).toContain('关于2026年10月基层党组织组织生活情况的通报');
    expect(text).toContain('2026年第10期');
    expect(text).toContain(branch(120));
    expect(text).toContain('喆堃䶮村');
    expect(text).toContain('2026年11月5日');
    expect(text).toContain('抄送：各乡镇（街道）党（工）委');
    expect(text).toContain('注：到会率');
    // Every page carries its number, the watermark, and every page of the table its header row.
    pages.forEach((p, i) => {
      expect(squash(p)).toContain(`第${i + 1}页共${pages.length}页`);
      expect(squash(p)).toContain('导出人张三');
    });
    const tablePages = pages.filter((p) => /第\d+党支部/.test(p));
    expect(tablePages.length).toBeGreaterThan(1);
    for (const p of tablePages) expect(squash(p)).toContain('排名乡镇（街道）党支部已开展（次）到会率备注');
    // Rows are whole and in order: the 120 branches each appear once.
    const found = [...squash(pages.join('')).matchAll(/第(\d+)党支部/g)].map((m) => Number(m[1]));
    expect(found).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(squash(await pdfText(file))).toContain('各党支部组织生活开展情况');
  });

  it('renders Word with real tables, heading styles, a repeated header row and page numbers', async () => {
    const file = await renderDocx(doc);
    const text = await docxText(file);
    expect(text).toContain('中共长兴县委组织部');
    expect(text).toContain('关于2026年10月基层党组织组织生活情况的通报');
    expect(text).toContain('2026年第10期');
    expect(text).toContain(branch(120));
    expect(text).toContain('2026年11月5日');
    expect(text).toContain('抄送：各乡镇（街道）党（工）委');
    // Table rows read back as tab-separated cells.
    expect(text).toContain(`\n8\t${TOWNS[7]}\t${branch(8)}（喆堃䶮村）\t6\t96.9%\t\n`);
    const xml = await docxXml(file);
    expect(xml.match(/<w:tr[ >]/g)?.length).toBe(121);
    expect(xml.match(/<w:tblHeader\/>|<w:tblHeader w:val="(true|1|on)"\/>/g)?.length).toBe(1);
    expect(xml).toContain('<w:pStyle w:val="Title"/>');
    expect(xml.match(/<w:pStyle w:val="Heading1"\/>/g)?.length).toBe(3);
    const parts = await docxParts(file);
    const footer = Object.entries(parts).find(([k]) => k.startsWith('word/footer'))?.[1];
    expect(footer?.replace(/\s+/g, '')).toMatch(/^第\d*页共\d*页$/);
    const footerXml = await docxXml(file, Object.keys(parts).find((k) => k.startsWith('word/footer')));
    expect(footerXml).toMatch(/PAGE/);
    expect(footerXml).toMatch(/NUMPAGES/);
    const header = Object.entries(parts).find(([k]) => k.startsWith('word/header'))?.[1];
    expect(header).toContain('导出人 张三');
  });

  it('renders Excel: the document on the first sheet, each section with tables on its own sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(doc)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['通报', '二、各支部开展情况']);
    const front = wb.worksheets[0];
    const frontText: string[] = [];
    front.eachRow((r) => {
      frontText.push(String(r.getCell(1).value ?? ''));
    });
    expect(frontText).toContain('中共长兴县委组织部');
    expect(frontText).toContain('关于2026年10月基层党组织组织生活情况的通报');
    expect(frontText).toContain('2026年11月5日');
    expect(frontText.some((t) => t.includes('为进一步规范基层党组织组织生活'))).toBe(true);
    expect(frontText).toContain('一、总体情况');
    expect(front.getCell('A2').font?.color?.argb).toBe('FFD7000F');
    const table = wb.worksheets[1];
    const header = table.getRow(4);
    expect(header.values).toEqual([undefined, '排名', '乡镇（街道）', '党支部', '已开展（次）', '到会率', '备注']);
    expect(table.pageSetup.printTitlesRow).toBe('4:4');
    const last = table.getRow(4 + 120);
    expect(last.getCell(3).value).toBe(branch(120));
    expect(last.getCell(1).value).toBe(120); // numbers stay numbers
    expect(table.getRow(4 + 121).getCell(1).value).toBe('注：到会率 = 实到人数 ÷ 应到人数（不含请假）。');
    expect(table.headerFooter.oddHeader).toContain('导出人 张三');
  });

  it('names files in Chinese for every browser and knows each type', () => {
    expect(contentType('pdf')).toBe('application/pdf');
    expect(contentType('docx')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(contentType('xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const name = documentFilename('关于2026年10月组织生活情况的通报 / 第10期?', 'docx');
    expect(name).toBe('关于2026年10月组织生活情况的通报 _ 第10期_.docx');
    expect(documentFilename('..', 'pdf')).toBe('document.pdf');
    const cd = contentDisposition('组织生活通报(10月).pdf');
    expect(cd).toBe(`attachment; filename="______(10_).pdf"; filename*=UTF-8''${encodeURIComponent('组织生活通报')}%2810${encodeURIComponent('月')}%29.pdf`);
    expect(decodeURIComponent(cd.split("UTF-8''")[1])).toBe('组织生活通报(10月).pdf');
  });

  it('sends a download with the Chinese name through Fastify', async () => {
    const app = Fastify();
    const file = await renderDocx(sample(2));
    app.get('/doc', (_req, reply) => sendDocument(reply, 'docx', file, documentFilename(doc.title, 'docx')));
    try {
      const res = await app.inject({ method: 'GET', url: '/doc' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(contentType('docx'));
      expect(res.headers['cache-control']).toBe('no-store');
      const cd = String(res.headers['content-disposition']);
      expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+\.docx"; filename\*=UTF-8''/);
      expect(decodeURIComponent(cd.split("UTF-8''")[1])).toBe('关于2026年10月基层党组织组织生活情况的通报.docx');
      expect(await docxText(res.rawPayload)).toContain('中共长兴县委组织部');
    } finally {
      await app.close();
    }
  });

  it('writes the date the way the language reads it', () => {
    expect(formatDocDate('2026-11-05')).toBe('2026年11月5日');
    expect(formatDocDate('2026-11-05', 'en')).toBe('5 November 2026');
    expect(formatDocDate('下月初')).toBe('下月初');
  });

  it('renders an English document and one without serial, summary, footer or watermark', async () => {
    const bare: ReportDocument = { issuer: 'Changxing County Organization Department', title: 'Monthly bulletin', date: '2026-11-05', sections: [{ heading: 'Overview' }], lang: 'en' };
    const pdf = await pdfPages(await renderPdf(bare));
    expect(pdf).toHaveLength(1);
    expect(pdf[0]).toContain('Page 1 of 1');
    expect(pdf[0]).toContain('5 November 2026');
    const docx = await docxParts(await renderDocx(bare));
    expect(docx['word/document.xml']).toContain('Monthly bulletin');
    expect(Object.entries(docx).find(([k]) => k.startsWith('word/footer'))?.[1].replace(/\s+/g, '')).toMatch(/^Page\d*of\d*$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(bare)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Document']);
  });

  it('renders a county-sized bulletin (1,700 rows) in every format', { timeout: 120_000 }, async () => {
    const big = sample(1700);
    const [pdf, docx, xlsx] = await Promise.all([renderDocument(big, 'pdf'), renderDocument(big, 'docx'), renderDocument(big, 'xlsx')]);
    expect(pdf.length).toBeLessThan(2 * 1024 * 1024);
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(30);
    expect(squash(pages.at(-1) ?? '')).toContain('抄送');
    expect(await docxText(docx)).toContain(branch(1700));
    expect(xlsx.length).toBeGreaterThan(0);
  });

  describe('the PDF font', () => {
    it('comes with npm install: the first candidate is the font package, and it is the one used', () => {
      const [first] = fontCandidates();
      expect(first.regular.file).toMatch(/node_modules\/@embedpdf\/fonts-sc\/fonts\/NotoSansHans-Regular\.otf$/);
      expect(fs.existsSync(first.regular.file)).toBe(true);
      expect(fs.existsSync(first.bold.file)).toBe(true);
      expect(loadFonts(fontCandidates()).regular.file).toBe(first.regular.file);
    });

    it('missing everywhere is a clear 503, not a PDF of boxes', () => {
      const nowhere = { regular: { file: '/nonexistent/a.otf' }, bold: { file: '/nonexistent/b.otf' } };
      let error: unknown;
      try {
        loadFonts([nowhere]);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ status: 503, code: 'DOCUMENT_FONT_MISSING' });
    });

    const ttc = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
    it.runIf(fs.existsSync(ttc))('falls back to Debian fonts-noto-cjk (a face of the .ttc collection)', async () => {
      const candidates = fontCandidates().slice(1);
      expect(candidates[0].regular.file).toBe(ttc);
      const fonts = loadFonts(candidates);
      const pages = await pdfPages(await renderPdf(sample(10), { fonts }));
      expect(squash(pages.join(''))).toContain('关于2026年10月基层党组织组织生活情况的通报');
      expect(squash(pages.join(''))).toContain('喆堃䶮村');
    });
  });
});
