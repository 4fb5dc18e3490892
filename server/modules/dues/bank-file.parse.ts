// Reading a bank deduction result file (银费通, docs/DUES.md "Bank files"): CSV in UTF-8 or GBK (detected)
// or .xlsx (the first sheet), a header row naming the columns, then one line per deduction. Pure: the
// lines come back checked one by one (a malformed line carries its reason), never thrown away.
import { parseYuanToFen } from '../../../common/dues.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { cellText, cellValue } from '../imports/cells.ts';

/** The most lines a file may hold. */
export const BANK_FILE_MAX_LINES = 200_000;

/** The columns and the headers each accepts (the first listed is the one documented). */
export const BANK_COLUMNS = {
  card: ['卡号', '银行账号', '账号', '党员卡号', 'card_no'],
  name: ['姓名', '户名', '客户姓名', 'name'],
  month: ['月份', '所属月份', '党费月份', 'month'],
  amount: ['金额(元)', '金额（元）', '金额', '扣款金额', '交易金额', 'amount'],
  txn: ['交易流水号', '流水号', '银行流水号', 'txn_no'],
  status: ['状态', '扣款状态', '交易状态', 'status'],
} as const;
type Col = keyof typeof BANK_COLUMNS;

const OK_STATUS = new Set(['成功', '扣款成功', '交易成功', 'success', 's', '0', '00', '0000']);
const FAILED_STATUS = new Set(['失败', '扣款失败', '交易失败', 'failed', 'fail', 'f']);

/** One line as read. `problem` is set for a malformed line (the reason, in Chinese). */
export type BankLine = {
  lineNo: number;
  card: string | null;
  name: string | null;
  month: string | null;
  amountFen: number | null;
  txn: string | null;
  status: string | null;
  /** The bank reports the deduction failed (nothing was taken). */
  failed: boolean;
  problem: string | null;
};

export type BankFileRead = { format: 'csv' | 'xlsx'; encoding: 'utf-8' | 'gbk' | null; lines: BankLine[] };

const unreadable = (reason: string) => new AppError(400, 'DUES_BANK_FILE_UNREADABLE', { reason });

/** Text of a CSV file: UTF-8 (with or without BOM) when it decodes as such, else GBK (GB18030). */
export function decodeCsv(buf: Buffer): { text: string; encoding: 'utf-8' | 'gbk' } {
  const body = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(body), encoding: 'gbk' };
    } catch {
      throw unreadable('既不是 UTF-8 也不是 GBK 编码的文本');
    }
  }
}

/** RFC 4180 rows (quotes, doubled quotes, CRLF or LF); a line number (1-based) per row. */
export function csvRows(text: string): { lineNo: number; cells: string[] }[] {
  const out: { lineNo: number; cells: string[] }[] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      out.push({ lineNo: start, cells: row });
      row = [];
      cell = '';
      line++;
      start = line;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    out.push({ lineNo: start, cells: row });
  }
  return out;
}

const norm = (s: string) => s.replace(/[\s\u00a0\u3000]/g, '').toLowerCase();

/** A month as banks write it: 2026-03, 2026/03, 202603, 2026年3月, 2026.03. */
export function parseMonth(s: string): string | null {
  const d = /^(20\d\d-\d\d)-\d\d$/.exec(s.trim());
  if (d) return parseMonth(d[1]);
  const m = /^(20\d\d)\s*(?:[-/.年]\s*(\d{1,2})\s*月?|(\d{2}))$/.exec(s.trim());
  if (!m) return null;
  const mm = Number(m[2] ?? m[3]);
  return mm >= 1 && mm <= 12 ? `${m[1]}-${String(mm).padStart(2, '0')}` : null;
}

/** Checks the rows after the header into lines. */
function toLines(rows: { lineNo: number; cells: (string | null)[] }[]): BankLine[] {
  const headerAt = rows.findIndex((r) => r.cells.some((c) => c && c.trim() !== ''));
  if (headerAt < 0) throw new AppError(400, 'DUES_BANK_FILE_HEADER', { missing: Object.values(BANK_COLUMNS).map((a) => a[0]).join('、') });
  const header = rows[headerAt].cells.map((c) => norm(c ?? '').replace(/^\ufeff/, ''));
  const idx = {} as Record<Col, number>;
  const missing: string[] = [];
  for (const [col, names] of Object.entries(BANK_COLUMNS) as [Col, readonly string[]][]) {
    idx[col] = header.findIndex((h) => names.some((n) => norm(n) === h));
    if (idx[col] < 0) missing.push(names[0]);
  }
  if (missing.length > 0) throw new AppError(400, 'DUES_BANK_FILE_HEADER', { missing: missing.join('、') });
  const body = rows.slice(headerAt + 1).filter((r) => r.cells.some((c) => c && c.trim() !== ''));
  if (body.length > BANK_FILE_MAX_LINES) throw new AppError(400, 'DUES_BANK_FILE_TOO_LONG', { max: BANK_FILE_MAX_LINES });
  return body.map((r) => {
    const get = (c: Col) => {
      const v = (r.cells[idx[c]] ?? '').trim();
      return v === '' ? null : v;
    };
    const card = get('card');
    const name = get('name');
    const monthText = get('month');
    const amountText = get('amount');
    const txn = get('txn');
    const status = get('status');
    const problems: string[] = [];
    if (!card) problems.push('缺少卡号');
    else if (!/^[0-9A-Za-z-]{1,40}$/.test(card)) problems.push('卡号格式不正确');
    const month = monthText ? parseMonth(monthText) : null;
    if (!monthText) problems.push('缺少月份');
    else if (!month) problems.push(`月份“${monthText.slice(0, 20)}”格式不正确`);
    const amountFen = amountText ? parseYuanToFen(amountText) : null;
    if (!amountText) problems.push('缺少金额');
    else if (amountFen === null || amountFen <= 0) problems.push(`金额“${amountText.slice(0, 20)}”不正确`);
    if (!txn) problems.push('缺少交易流水号');
    else if (txn.length > 64) problems.push('交易流水号过长');
    const st = status ? norm(status) : null;
    const failed = st !== null && FAILED_STATUS.has(st);
    if (st === null) problems.push('缺少状态');
    else if (!failed && !OK_STATUS.has(st)) problems.push(`状态“${status?.slice(0, 20)}”无法识别`);
    return {
      lineNo: r.lineNo, card, name: name?.slice(0, 60) ?? null, month, amountFen: amountFen !== null && amountFen > 0 ? amountFen : null, txn: txn?.slice(0, 64) ?? null,
      status: status?.slice(0, 20) ?? null, failed, problem: problems.length > 0 ? problems.join('；') : null,
    };
  });
}

/** Reads a bank file: .xlsx by its zip signature, else CSV (UTF-8 or GBK). */
export async function readBankFile(buf: Buffer): Promise<BankFileRead> {
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) {
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    try {
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
    } catch {
      throw unreadable('不是有效的 .xlsx 文件');
    }
    const ws = wb.worksheets[0];
    if (!ws) throw unreadable('工作簿没有工作表');
    if (ws.rowCount > BANK_FILE_MAX_LINES + 10) throw new AppError(400, 'DUES_BANK_FILE_TOO_LONG', { max: BANK_FILE_MAX_LINES });
    const rows: { lineNo: number; cells: (string | null)[] }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const cells: (string | null)[] = [];
      for (let i = 1; i <= row.cellCount; i++) cells.push(cellText(cellValue(row.getCell(i).value)));
      rows.push({ lineNo: n, cells });
    });
    return { format: 'xlsx', encoding: null, lines: toLines(rows) };
  }
  const { text, encoding } = decodeCsv(buf);
  return { format: 'csv', encoding, lines: toLines(csvRows(text)) };
}
