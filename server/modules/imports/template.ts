import type ExcelJS from 'exceljs';
import { type ImportKind, columnsOf, sheetTitle } from './columns.ts';
import type { DirOrg } from './org-directory.ts';
import { VOCABS, levelLabel } from './vocab.ts';

const RED = 'FFC00000';
type DataValidations = { add(range: string, v: ExcelJS.DataValidation): void };
const validations = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: DataValidations }).dataValidations;

const HELP: Record<ImportKind, string[]> = {
  members: [
    '1. 在“党员信息”表第 2 行起每行填写一名党员，不要修改表头；红色表头为必填列，鼠标停在表头上可看填写说明。',
    '2. 身份证号请保持文本格式（18 位，末位 X 可小写；15 位旧号码会自动升级为 18 位）；性别可不填，按身份证号自动判断。',
    '3. 日期可写作 2023-05-01、2023/5/1，或使用 Excel 日期格式。',
    '4. 学历、党费类别、党员类别从下拉列表选择（对照见“可选值”表）；所在组织填组织名称或编号（见“组织列表”表），须在您的管理范围内。',
    '5. 默认全部行校验通过才会导入，任何一行有错误都不写入；可下载错误报告（带“错误”列和标红单元格），改正后直接重新导入（“错误”列会被忽略）。',
  ],
  organizations: [
    '1. 在“组织信息”表第 2 行起每行填写一个组织，不要修改表头；红色表头为必填列。',
    '2. 上级组织填已有组织的名称或编号（见“组织列表”表），也可以填本表中另一行的名称（先建总支、再建其下的支部）。',
    '3. 层级、类别从下拉列表选择（对照见“可选值”表）；类别不填时沿用上级组织的类别。',
    '4. 默认全部行校验通过才会导入；可下载错误报告，改正后重新导入。',
  ],
};

/**
 * The import template of a kind: the data sheet (headers in Chinese, required ones in red, a note
 * on each header, text format for ID numbers and phones, date format for dates, drop-down lists
 * where the values are closed), the allowed values with their codes (可选值), the organizations
 * the caller may import into (组织列表, also the drop-down of the organization column), and a
 * short 填写说明.
 */
export async function buildTemplate(kind: ImportKind, orgs: DirOrg[], maxRows: number): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = '红云 Hongyun';
  const ws = wb.addWorksheet(sheetTitle(kind), { views: [{ state: 'frozen', ySplit: 1 }] });
  const cols = columnsOf(kind);
  const header = ws.addRow(cols.map((c) => c.header));
  header.height = 22;
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true, color: { argb: c.required ? RED : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    if (c.note) cell.note = c.note;
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.kind === 'id' || c.key === 'phone' || c.key === 'cardNo' || c.key === 'contactPhone') col.numFmt = '@';
    if (c.kind === 'date') col.numFmt = 'yyyy-mm-dd';
  });

  const values = wb.addWorksheet('可选值');
  const used = [...new Set(cols.map((c) => c.vocab).filter((v): v is NonNullable<typeof v> => !!v))];
  const listOf = new Map<string, string>();
  used.forEach((name, i) => {
    const v = VOCABS[name];
    const labelCol = values.getColumn(i * 2 + 1);
    const codeCol = values.getColumn(i * 2 + 2);
    labelCol.width = 18;
    codeCol.width = 20;
    values.getCell(1, i * 2 + 1).value = v.title;
    values.getCell(1, i * 2 + 2).value = `${v.title}代码`;
    v.entries.forEach((e, j) => {
      values.getCell(j + 2, i * 2 + 1).value = e.label;
      values.getCell(j + 2, i * 2 + 2).value = e.code;
    });
    listOf.set(name, `'可选值'!$${labelCol.letter}$2:$${labelCol.letter}$${v.entries.length + 1}`);
  });
  values.getRow(1).font = { bold: true };

  const list = wb.addWorksheet('组织列表');
  list.addRow(['组织名称', '编号', '层级', '上级组织']).font = { bold: true };
  const nameOf = new Map(orgs.map((o) => [o.id, o.name]));
  for (const o of orgs) list.addRow([o.name, o.code ?? o.id, levelLabel(o.level), o.parentId ? (nameOf.get(o.parentId) ?? '') : '']);
  [34, 38, 18, 34].forEach((w, i) => {
    list.getColumn(i + 1).width = w;
  });

  const last = maxRows + 1;
  cols.forEach((c, i) => {
    const letter = ws.getColumn(i + 1).letter;
    const range = `${letter}2:${letter}${last}`;
    if (c.vocab) {
      const strict = VOCABS[c.vocab].strict;
      validations(ws).add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [listOf.get(c.vocab)!],
        showErrorMessage: true,
        errorStyle: strict ? 'stop' : 'warning',
        errorTitle: c.header,
        error: strict ? '请从下拉列表中选择' : '不是常用取值，确定要使用吗？',
      });
    } else if ((c.key === 'org' || c.key === 'parent') && orgs.length > 0) {
      validations(ws).add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [`'组织列表'!$A$2:$A$${orgs.length + 1}`],
        showErrorMessage: true,
        errorStyle: 'information',
        errorTitle: c.header,
        error: '不在组织列表中：也可以填组织编号' + (kind === 'organizations' ? '，或本表中另一行的名称' : ''),
      });
    }
  });

  const help = wb.addWorksheet('填写说明');
  help.getColumn(1).width = 120;
  help.addRow([`${sheetTitle(kind)}导入模板 — 填写说明`]).font = { bold: true, size: 14 };
  for (const line of HELP[kind]) help.addRow([line]).alignment = { wrapText: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
