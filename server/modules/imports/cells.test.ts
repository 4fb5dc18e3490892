import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors/app-error.ts';
import { cellDate, cellText, cellValue } from './cells.ts';
import { columnFor } from './columns.ts';
import { xlsxOf } from './test-workbook.ts';
import { codeOf } from './vocab.ts';
import { readDateStyles, readRows, readSharedStrings, readWorkbook } from './xlsx-parts.ts';
import { unzipXlsx } from './zip-check.ts';

describe('cells', () => {
  it('reads dates as people write them', () => {
    for (const s of ['2023-05-01', '2023/5/1', '2023.5.1', '2023年5月1日', '2023-05-01 08:30:00', '2023 / 05 / 01', '20230501']) expect(cellDate(s)).toBe('2023-05-01');
    expect(cellDate(20230501)).toBe('2023-05-01');
    expect(cellDate(45047)).toBe('2023-05-01');
    expect(cellDate(new Date(Date.UTC(2023, 4, 1)))).toBe('2023-05-01');
    expect(cellDate('2023-02-30')).toBe('2023-02-30');
    expect(cellDate('去年')).toBe('去年');
    expect(cellDate(null)).toBeNull();
  });

  it('reads text, numbers, rich text, formulas and hyperlinks', () => {
    expect(cellText(13800138000)).toBe('13800138000');
    expect(cellText(330522580101153)).toBe('330522580101153');
    expect(cellText(true)).toBe('是');
    expect(cellValue('  张三\u3000')).toBe('张三');
    expect(cellValue('   ')).toBeNull();
    expect(cellValue({ richText: [{ text: '张' }, { text: '三' }] })).toBe('张三');
    expect(cellValue({ formula: 'A1', result: 42 })).toBe(42);
    expect(cellValue({ text: '链接', hyperlink: 'http://x' })).toBe('链接');
    expect(cellValue({ error: '#N/A' })).toBe('#N/A');
    expect(cellValue(Number.NaN)).toBeNull();
  });

  it('matches headers with or without their hint, and labels, aliases or codes of a vocabulary', () => {
    expect(columnFor('members', '性别(可空，按身份证)')?.key).toBe('gender');
    expect(columnFor('members', '性别')?.key).toBe('gender');
    expect(columnFor('members', ' 身份证号码 ')?.key).toBe('idNumber');
    expect(columnFor('members', '姓名*')?.key).toBe('name');
    expect(columnFor('members', '所在组织（名称或编号）')?.key).toBe('org');
    expect(columnFor('members', '籍贯')).toBeNull();
    expect(columnFor('organizations', '上级党组织')?.key).toBe('parent');
    expect(codeOf('education', '大学本科')).toBe('bachelor');
    expect(codeOf('education', 'Bachelor')).toBe('bachelor');
    expect(codeOf('level', '乡镇(街道)党(工)委')).toBe('township_committee');
    expect(codeOf('level', '县委')).toBeNull();
    expect(codeOf('ethnicity', '回')).toBe('回族');
    expect(codeOf('status', '预备')).toBe('probationary');
    expect(codeOf('duesCategory', '学 生')).toBe('student');
  });
});

describe('zip check', () => {
  const code = (f: () => unknown) => {
    try {
      f();
      return null;
    } catch (e) {
      return e instanceof AppError ? e.code : String(e);
    }
  };

  it('unpacks the parts of a workbook and refuses other files by content', async () => {
    const wb = await xlsxOf(['姓名'], [['张三']]);
    expect([...unzipXlsx(wb).keys()]).toEqual(expect.arrayContaining(['xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/styles.xml']));
    expect(code(() => unzipXlsx(Buffer.from('PK\u0003\u0004 not really a zip')))).toBe('IMPORT_NOT_XLSX');
    expect(code(() => unzipXlsx(Buffer.from('<html></html>')))).toBe('IMPORT_NOT_XLSX');
  });

  it('stops a zip bomb, also when the central directory lies about sizes', async () => {
    const wb = await xlsxOf(['姓名'], Array.from({ length: 2000 }, (_, i) => [`张三${i}`]));
    expect(code(() => unzipXlsx(wb, 10_000))).toBe('IMPORT_UNPACKED_TOO_LARGE');
    const lying = Buffer.from(wb);
    const end = lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    for (let p = lying.readUInt32LE(end + 16); lying.readUInt32LE(p) === 0x02014b50; p += 46 + lying.readUInt16LE(p + 28) + lying.readUInt16LE(p + 30) + lying.readUInt16LE(p + 32)) {
      lying.writeUInt32LE(1, p + 24);
    }
    expect(code(() => unzipXlsx(lying, 10_000))).toBe('IMPORT_UNPACKED_TOO_LARGE');
  });
});

describe('SpreadsheetML parts', () => {
  it('reads shared strings without phonetic runs, with entities and _xHHHH_ escapes', () => {
    const xml = `<sst><si><t>张三</t></si><si><r><t>李</t></r><r><rPr/><t xml:space="preserve">四 </t></r><rPh><t>リ</t></rPh></si><si><t>A&amp;B&#x4E2D;_x000D_</t></si><si><t/></si></sst>`;
    expect(readSharedStrings(xml)).toEqual(['张三', '李四 ', 'A&B中\r', '']);
  });

  it('reads cells of every type, with or without references and namespace prefixes; date styles become dates', () => {
    const styles = '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="0.00"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>';
    const ctx = { shared: ['共享'], dateStyles: readDateStyles(styles), date1904: false };
    expect(ctx.dateStyles).toEqual([false, true, true, false]);
    const sheet = `<x:worksheet><x:sheetData><x:row r="2"><x:c r="B2" t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:t>行内</x:t></x:is></x:c><x:c s="1"><x:v>45047</x:v></x:c><x:c s="2"><x:v>45047.5</x:v></x:c><x:c s="3"><x:v>13800138000</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v>公式</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c r="K2" s="1"/></x:row><x:row><x:c><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const rows: [number, unknown[]][] = [];
    readRows(sheet, ctx, (n, v) => {
      rows.push([n, v]);
    });
    expect(rows[0][0]).toBe(2);
    expect(rows[0][1].slice(1, 9)).toEqual(['共享', '行内', new Date(Date.UTC(2023, 4, 1)), new Date(Date.UTC(2023, 4, 1, 12)), 13800138000, true, '公式', '#N/A']);
    expect(rows[0][1][10]).toBeNull();
    expect(rows[1]).toEqual([3, [7]]);
    const d1904: unknown[] = [];
    readRows('<row r="1"><c r="A1" s="1"><v>0</v></c></row>', { ...ctx, date1904: true }, (_n, v) => {
      d1904.push(...v);
    });
    expect(d1904).toEqual([new Date(Date.UTC(1904, 0, 1))]);
  });

  it('ends a malformed part at once instead of rescanning it (no quadratic scan)', () => {
    const ctx = { shared: [], dateStyles: [], date1904: false };
    const unclosed = `<worksheet><sheetData>${'<row r="1"><c>'.repeat(200_000)}</sheetData></worksheet>`;
    const t0 = performance.now();
    expect(() => readRows(unclosed, ctx, () => undefined)).toThrow(/unclosed/);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(() => readRows(`<row r="1" ${'a'.repeat(70_000)}>`, ctx, () => undefined)).toThrow(/malformed/);
  });

  it('lists sheets in tab order with their state and part', () => {
    const wb = '<workbook><workbookPr date1904="1"/><sheets><sheet name="说明" sheetId="2" state="hidden" r:id="rId2"/><sheet name="党员" sheetId="1" r:id="rId1"/></sheets></workbook>';
    const rels = '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/></Relationships>';
    expect(readWorkbook(wb, rels)).toEqual({
      date1904: true,
      sheets: [
        { name: '说明', state: 'hidden', path: 'xl/worksheets/sheet2.xml' },
        { name: '党员', state: 'visible', path: 'xl/worksheets/sheet1.xml' },
      ],
    });
  });
});
