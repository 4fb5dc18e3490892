import { idCheckChar } from '../../../common/id-number.ts';
import { MEMBER_COLUMNS, ORG_COLUMNS } from './columns.ts';

// Workbooks for tests, the authorization matrix and the benchmark: real .xlsx files made with
// exceljs, and synthetic people with valid ID numbers.

/** An .xlsx with one sheet: a header row, then the rows (a cell may be a string, number, Date or null). */
export async function xlsxOf(headers: string[], rows: unknown[][], opts: { sheetName?: string; textColumns?: number[] } = {}): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet(opts.sheetName ?? '党员信息');
  for (const c of opts.textColumns ?? []) ws.getColumn(c).numFmt = '@';
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The member template's headers. */
export const MEMBER_HEADERS = MEMBER_COLUMNS.map((c) => c.header);
/** The organization template's headers. */
export const ORG_HEADERS = ORG_COLUMNS.map((c) => c.header);

/** A valid 18-digit ID number: region, birth date (YYYYMMDD) and a sequence (odd = male). */
export function makeIdNumber(region: string, birth: string, seq: number): string {
  const first17 = `${region}${birth}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉力飞宇浩凯婷雪梅琳晨阳海燕鹏斌亮俊峰波';

/**
 * The i-th synthetic member as a template row (deterministic): a name, a valid ID number born
 * 1940–2000 in 330522, gender left empty, a phone, education and dues labels, join and 转正 dates
 * consistent with the birth date, status, the organization reference and a card number.
 */
export function syntheticMember(i: number, orgRef: string): unknown[] {
  const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + (i % 3 === 0 ? GIVEN[(i * 13) % GIVEN.length] : '');
  const year = 1940 + (i % 60);
  const birth = `${year}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}`;
  const id = makeIdNumber('330522', birth, Math.floor(i / 60));
  const joined = `${Math.min(year + 20 + (i % 30), 2023)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
  const full = i % 10 !== 0;
  const confirmed = full ? `${Number(joined.slice(0, 4)) + 1}${joined.slice(4)}` : null;
  const edu = ['初中', '高中', '大专', '本科', '硕士研究生'][i % 5];
  const dues = ['在职', '离退休', '农民', '学生'][i % 4];
  return [name, id, null, '汉族', `13${String(800_000_000 + i).padStart(9, '0')}`, edu, '职员', dues, joined, confirmed, full ? '正式党员' : '预备党员', orgRef, `CX${String(i).padStart(7, '0')}`, '浙江省长兴县雉城街道'];
}
