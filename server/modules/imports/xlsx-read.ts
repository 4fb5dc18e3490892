import { AppError } from '../../core/errors/app-error.ts';
import { type Cell, cellText, cellValue } from './cells.ts';
import { type Column, HELPER_SHEETS, IGNORED_HEADERS, type ImportKind, columnFor, columnName, columnsOf, headerKey } from './columns.ts';
import { type SheetContext, readDateStyles, readRows, readSharedStrings, readWorkbook } from './xlsx-parts.ts';
import { unzipXlsx } from './zip-check.ts';

const utf8 = new TextDecoder('utf-8');

/** One data row: its Excel row number and one value per header (same order as `headers`). */
export type SheetRow = { row: number; cells: Cell[] };

/** The data sheet of an uploaded workbook, read and mapped to the template's columns. */
export type ParsedSheet = {
  kind: ImportKind;
  sheetName: string;
  headerRow: number;
  /** Header texts as written in the file, one per recognized column. */
  headers: string[];
  /** The template column behind each header. */
  columns: Column[];
  rows: SheetRow[];
};

/** How many leading rows may come before the header row (a title, a note). */
const HEADER_SEARCH_ROWS = 5;

type HeaderProblem = { missing: string[]; unknown: string[]; duplicate: string[] };

/** Maps a header row's cells to columns; null when the row does not look like a header at all. */
function mapHeader(kind: ImportKind, values: unknown[]): { at: number[]; headers: string[]; columns: Column[]; problem: HeaderProblem | null } | null {
  const texts = values
    .map((v, i) => [i, cellText(cellValue(v))] as const)
    .filter((x): x is readonly [number, string] => !!x[1] && !IGNORED_HEADERS.includes(headerKey(x[1])));
  const cols = columnsOf(kind);
  const anchor = cols.filter((c) => c.required).map((c) => c.key);
  const matched = texts.map(([i, t]) => ({ i, t, col: columnFor(kind, t) }));
  if (!matched.some((m) => m.col && anchor.includes(m.col.key))) return null;
  const seen = new Set<string>();
  const problem: HeaderProblem = { missing: [], unknown: [], duplicate: [] };
  const at: number[] = [];
  const headers: string[] = [];
  const columns: Column[] = [];
  for (const m of matched) {
    if (!m.col) problem.unknown.push(m.t);
    else if (seen.has(m.col.key)) problem.duplicate.push(m.t);
    else {
      seen.add(m.col.key);
      at.push(m.i);
      headers.push(m.t);
      columns.push(m.col);
    }
  }
  problem.missing = cols.filter((c) => c.required && !seen.has(c.key)).map(columnName);
  const bad = problem.missing.length + problem.unknown.length + problem.duplicate.length > 0;
  return { at, headers, columns, problem: bad ? problem : null };
}

function headerError(kind: ImportKind, p: HeaderProblem): AppError {
  const none = '—';
  const fields = [
    ...p.missing.map((h) => ({ path: `header.${h}`, code: 'IMPORT_HEADER_MISSING', params: { header: h } })),
    ...p.unknown.map((h) => ({ path: `header.${headerKey(h) || h}`, code: 'IMPORT_HEADER_UNKNOWN', params: { header: h } })),
    ...p.duplicate.map((h) => ({ path: `header.${headerKey(h) || h}`, code: 'IMPORT_HEADER_DUPLICATE', params: { header: h } })),
  ];
  const expected = columnsOf(kind).map(columnName).join('、');
  return new AppError(
    400,
    'IMPORT_BAD_HEADERS',
    { missing: p.missing.join('、') || none, unknown: [...p.unknown, ...p.duplicate].join('、') || none, expected },
    fields,
  );
}

/**
 * Reads the data sheet of an uploaded .xlsx: checks and unpacks the file by content (zip-check),
 * then reads it with the small SpreadsheetML reader (xlsx-parts). The data sheet is the first
 * visible sheet (other than the template's helper sheets) with a header row, within its first
 * rows, naming a required column; every header must be a template column (in any order; optional
 * columns may be left out; 错误/原行号/序号 are ignored). Empty rows are skipped. Whole-file
 * problems are AppErrors (400): not an xlsx, wrong headers (naming the missing and unknown ones),
 * no data, too many rows.
 */
export async function readSheet(kind: ImportKind, buf: Buffer, maxRows: number): Promise<ParsedSheet> {
  const parts = unzipXlsx(buf);
  const text = (name: string) => {
    const b = parts.get(name);
    return b ? utf8.decode(b) : '';
  };
  let firstProblem: AppError | null = null;
  try {
    const { sheets, date1904 } = readWorkbook(text('xl/workbook.xml'), text('xl/_rels/workbook.xml.rels'));
    let ctx: SheetContext | null = null;
    for (const ref of sheets) {
      if (ref.state !== 'visible' || HELPER_SHEETS.includes(ref.name) || !parts.has(ref.path)) continue;
      ctx ??= { shared: readSharedStrings(text('xl/sharedStrings.xml')), dateStyles: readDateStyles(text('xl/styles.xml')), date1904 };
      let header: ReturnType<typeof mapHeader> = null;
      let headerRow = 0;
      let tooMany = false;
      const rows: SheetRow[] = [];
      readRows(text(ref.path), ctx, (n, values) => {
        if (!header) {
          header = mapHeader(kind, values);
          headerRow = n;
          return n < HEADER_SEARCH_ROWS || header !== null;
        }
        if (header.problem) return false;
        const cells = header.at.map((i) => cellValue(values[i]));
        if (cells.every((c) => c === null)) return;
        if (rows.length >= maxRows) {
          tooMany = true;
          return false;
        }
        rows.push({ row: n, cells });
      });
      if (!header) continue;
      const h = header as NonNullable<ReturnType<typeof mapHeader>>;
      if (h.problem) {
        firstProblem ??= headerError(kind, h.problem);
        continue;
      }
      if (tooMany) throw new AppError(400, 'IMPORT_TOO_MANY_ROWS', { max: maxRows });
      if (rows.length === 0) throw new AppError(400, 'IMPORT_EMPTY');
      return { kind, sheetName: ref.name, headerRow, headers: h.headers, columns: h.columns, rows };
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(400, 'IMPORT_NOT_XLSX');
  }
  throw firstProblem ?? headerError(kind, { missing: columnsOf(kind).filter((c) => c.required).map(columnName), unknown: [], duplicate: [] });
}
