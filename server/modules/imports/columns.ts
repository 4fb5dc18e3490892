import type { VocabName } from './vocab.ts';

/** What is imported. */
export type ImportKind = 'members' | 'organizations';
export const IMPORT_KINDS = ['members', 'organizations'] as const;

/** How a column's cells are read. */
export type CellKind = 'text' | 'date' | 'id';

/** One column of an import template. */
export type Column = {
  /** Field name (API name for members). */
  key: string;
  /** Header text written in the template; matched without spaces, `*` and any (…) hint. */
  header: string;
  /** Other header texts accepted (exports of other systems). */
  aliases?: string[];
  required?: boolean;
  vocab?: VocabName;
  kind?: CellKind;
  width: number;
  /** Filling hint shown as the header cell's note. */
  note: string;
};

/** The member template (党员信息导入模板). */
export const MEMBER_COLUMNS: Column[] = [
  { key: 'name', header: '姓名', required: true, width: 10, note: '必填' },
  { key: 'idNumber', header: '身份证号', aliases: ['身份证号码', '公民身份号码', '身份证'], required: true, kind: 'id', width: 22, note: '必填。18 位（末位 X 可小写），15 位旧号码自动升级；请保持文本格式' },
  { key: 'gender', header: '性别(可空，按身份证)', aliases: ['性别'], vocab: 'gender', width: 10, note: '可空：按身份证号自动判断；填写时须与身份证号一致' },
  { key: 'ethnicity', header: '民族', vocab: 'ethnicity', width: 10, note: '如：汉族' },
  { key: 'phone', header: '手机号', aliases: ['手机', '手机号码', '联系电话', '联系方式'], width: 14, note: '11 位手机号' },
  { key: 'education', header: '学历', aliases: ['文化程度', '最高学历'], vocab: 'education', width: 12, note: '从下拉列表选择（见“可选值”表）' },
  { key: 'occupation', header: '职业', aliases: ['工作岗位', '职业类别'], width: 14, note: '' },
  { key: 'duesCategory', header: '党费类别', aliases: ['缴费类别', '党费缴纳类别'], vocab: 'duesCategory', width: 14, note: '从下拉列表选择（见“可选值”表）' },
  { key: 'joinedOn', header: '入党日期', aliases: ['入党时间'], kind: 'date', width: 12, note: '如 2023-05-01 或 2023/5/1' },
  { key: 'confirmedOn', header: '转正日期', aliases: ['转正时间'], kind: 'date', width: 12, note: '正式党员填写；预备党员留空' },
  { key: 'status', header: '党员类别(预备/正式)', aliases: ['党员类别', '党员类型', '人员类别'], required: true, vocab: 'status', width: 12, note: '必填：预备党员 或 正式党员' },
  { key: 'org', header: '所在组织(名称或编号)', aliases: ['所在组织', '所在党组织', '所在支部', '党组织'], required: true, width: 24, note: '必填：组织名称或编号（见“组织”表）；须在您的管理范围内' },
  { key: 'cardNo', header: '党员卡号', aliases: ['党员证号', '卡号'], width: 14, note: '可空；县内不可重复' },
  { key: 'address', header: '地址', aliases: ['住址', '家庭住址', '现居住地'], width: 30, note: '' },
];

/** The organization template (党组织导入模板). */
export const ORG_COLUMNS: Column[] = [
  { key: 'name', header: '名称', aliases: ['组织名称', '党组织名称'], required: true, width: 28, note: '必填：组织全称' },
  { key: 'parent', header: '上级组织', aliases: ['上级党组织', '上级组织名称'], required: true, width: 28, note: '必填：已有组织的名称或编号，或本表中另一行的名称' },
  { key: 'level', header: '层级', aliases: ['组织层级', '级别'], required: true, vocab: 'level', width: 18, note: '必填：从下拉列表选择（见“可选值”表）' },
  { key: 'category', header: '类别', aliases: ['组织类别', '单位类别'], vocab: 'category', width: 12, note: '可空：按上级组织' },
  { key: 'address', header: '地址', aliases: ['办公地址'], width: 30, note: '' },
  { key: 'contactName', header: '联系人', width: 10, note: '' },
  { key: 'contactPhone', header: '联系电话', aliases: ['办公电话'], width: 16, note: '手机或座机，如 0572-6012345' },
  { key: 'shortName', header: '简称', width: 14, note: '可空' },
  { key: 'code', header: '组织代码', aliases: ['统计代码', '编码'], width: 14, note: '可空' },
];

/** The columns of a kind. */
export const columnsOf = (kind: ImportKind) => (kind === 'members' ? MEMBER_COLUMNS : ORG_COLUMNS);

/** Sheets of the template that are not data (the reader skips them). */
export const HELPER_SHEETS = ['可选值', '组织列表', '填写说明'];
/** Header columns the reader ignores: the error workbook's own, and a row counter. */
export const IGNORED_HEADERS = ['错误', '原行号', '序号'];

/** The data sheet's name in the template. */
export const sheetTitle = (kind: ImportKind) => (kind === 'members' ? '党员信息' : '组织信息');

/** A header as compared: no spaces, no `*`, no (…) hint, full-width folded. */
export const headerKey = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/\([^)]*\)/g, '')
    .replace(/[\s*]/g, '');

/** The column a header stands for, or null. */
export function columnFor(kind: ImportKind, header: string): Column | null {
  const k = headerKey(header);
  if (!k) return null;
  return columnsOf(kind).find((c) => headerKey(c.header) === k || c.aliases?.some((a) => headerKey(a) === k)) ?? null;
}

/** The short header name used in messages (the header without its hint). */
export const columnName = (c: Column) => headerKey(c.header);
