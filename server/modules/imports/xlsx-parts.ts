import type { Cell } from './cells.ts';

// A small reader of the SpreadsheetML parts an import needs (ECMA-376 Part 1 §18): the sheet list,
// styles (which cells are dates), shared strings and the cells of a sheet. Each part is decoded
// from UTF-8 once, whole (streaming readers that decode chunk by chunk corrupt Chinese text at
// chunk boundaries), and nothing beyond cell values is interpreted: no defined names, merges,
// data validations or formulas, whose expansion can be made arbitrarily expensive.

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text with entities and OOXML's _xHHHH_ escapes decoded. */
export function decodeXml(s: string): string {
  const text = s.includes('&')
    ? s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
        if (e[0] !== '#') return ENTITY[e] ?? m;
        const cp = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
        return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
      })
    : s;
  return text.includes('_x') ? text.replace(/_x([0-9a-fA-F]{4})_/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))) : text;
}

/** The attributes of a start tag's inner text (`a="1" r:id='x'`), local names as keys. */
export function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1].replace(/^[\w.-]+:/, '')] = decodeXml(m[2] ?? m[3]);
  return out;
}

/** Longest start tag accepted (real ones are well under 1 KB). */
const MAX_TAG = 64 * 1024;

/**
 * Elements named `name` (any namespace prefix), in order: attribute text, inner XML and where the
 * element starts and ends. A linear scan with indexOf (a regular expression that looks for a
 * closing tag can be made to scan the rest of the text from every opening tag); an element that
 * is never closed, or a start tag over 64 KB, ends the part as malformed. The elements read here
 * (row, c, v, si, t, rPh, sheet, xf…) never nest in themselves.
 */
export function* elements(xml: string, name: string): Generator<{ attrs: string; inner: string; start: number; end: number }> {
  // Parts use one namespace prefix throughout (none, or e.g. x: from .NET writers): find it once.
  let tag = name;
  if (!xml.includes(`<${name}`)) {
    const m = new RegExp(`<([\\w.-]{1,32}):${name}[\\s/>]`).exec(xml);
    if (!m) return;
    tag = `${m[1]}:${name}`;
  }
  const open = `<${tag}`;
  const close = `</${tag}>`;
  let i = 0;
  for (;;) {
    const lt = xml.indexOf(open, i);
    if (lt < 0) return;
    const k = lt + open.length;
    const ch = xml.charCodeAt(k);
    if (!(ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 47 || ch === 62)) {
      i = k;
      continue;
    }
    const gt = xml.indexOf('>', k);
    if (gt < 0 || gt - k > MAX_TAG) throw new Error(`malformed <${tag}>`);
    if (xml.charCodeAt(gt - 1) === 47) {
      yield { attrs: xml.slice(k, gt - 1), inner: '', start: lt, end: gt + 1 };
      i = gt + 1;
      continue;
    }
    const end = xml.indexOf(close, gt + 1);
    if (end < 0) throw new Error(`unclosed <${tag}>`);
    yield { attrs: xml.slice(k, gt), inner: xml.slice(gt + 1, end), start: lt, end: end + close.length };
    i = end + close.length;
  }
}

/** The first element named `name`, or null. */
export const first = (xml: string, name: string) => {
  for (const e of elements(xml, name)) return e;
  return null;
};

/** The text of a string item (<si>, <is>): its <t> runs, without phonetic guides (<rPh>). */
export function runText(inner: string): string {
  let plain = '';
  let at = 0;
  for (const ph of elements(inner, 'rPh')) {
    plain += inner.slice(at, ph.start);
    at = ph.end;
  }
  plain += inner.slice(at);
  let out = '';
  for (const t of elements(plain, 't')) out += t.inner;
  return decodeXml(out);
}

/** A sheet of the workbook in tab order, with where its XML lives. */
export type SheetRef = { name: string; state: string; path: string };

/** The sheets (xl/workbook.xml + its rels) and whether dates count from 1904. */
export function readWorkbook(workbook: string, rels: string): { sheets: SheetRef[]; date1904: boolean } {
  const targets = new Map<string, string>();
  for (const r of elements(rels, 'Relationship')) {
    const a = attrs(r.attrs);
    const target = a.Target?.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target ?? ''}`;
    targets.set(a.Id, target.replace(/[^/]+\/\.\.\//g, ''));
  }
  const sheets: SheetRef[] = [];
  for (const s of elements(workbook, 'sheet')) {
    const a = attrs(s.attrs);
    const path = targets.get(a.id);
    if (path) sheets.push({ name: a.name ?? '', state: a.state ?? 'visible', path });
  }
  const pr = first(workbook, 'workbookPr');
  const d = pr ? attrs(pr.attrs).date1904 : undefined;
  return { sheets, date1904: d === '1' || d === 'true' };
}

// Built-in number formats that are dates (incl. the CJK ones: 27–36, 50–58).
const BUILTIN_DATES = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** True when a format code shows a date (y or d outside quotes, brackets and escapes). */
export const isDateFormat = (code: string) => /[yd]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));

/** For each cell style index (xl/styles.xml cellXfs), whether it formats a date. */
export function readDateStyles(styles: string): boolean[] {
  const custom = new Map<number, string>();
  for (const f of elements(styles, 'numFmt')) {
    const a = attrs(f.attrs);
    custom.set(Number(a.numFmtId), a.formatCode ?? '');
  }
  const xfs = first(styles, 'cellXfs')?.inner ?? '';
  return [...elements(xfs, 'xf')].map((x) => {
    const id = Number(attrs(x.attrs).numFmtId ?? 0);
    return BUILTIN_DATES.has(id) || (custom.has(id) && isDateFormat(custom.get(id)!));
  });
}

/** The shared strings table. */
export const readSharedStrings = (xml: string) => [...elements(xml, 'si')].map((si) => runText(si.inner));

const colIndex = (ref: string) => {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
};

const DAY = 86_400_000;
const ROW_REF = /(?:^|\s)r\s*=\s*["'](\d+)/;
const CELL_REF = /(?:^|\s)r\s*=\s*["']([A-Z]+)/;
const CELL_TYPE = /(?:^|\s)t\s*=\s*["'](\w+)/;
const CELL_STYLE = /(?:^|\s)s\s*=\s*["'](\d+)/;

/** What reading a sheet's rows needs from the rest of the workbook. */
export type SheetContext = { shared: string[]; dateStyles: boolean[]; date1904: boolean };

/**
 * The rows of a worksheet, in order: Excel's row number and the values by 0-based column. Numbers
 * in a date style become Dates (UTC midnight of the day shown); `onRow` returns false to stop.
 */
export function readRows(xml: string, ctx: SheetContext, onRow: (row: number, values: Cell[]) => boolean | undefined) {
  const epoch = ctx.date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  let rowNo = 0;
  for (const r of elements(xml, 'row')) {
    const rn = ROW_REF.exec(r.attrs);
    rowNo = rn ? Number(rn[1]) : rowNo + 1;
    const values: Cell[] = [];
    let col = -1;
    for (const c of elements(r.inner, 'c')) {
      // The three attributes a value needs, read directly (this loop runs for every cell).
      const ref = CELL_REF.exec(c.attrs);
      const t = CELL_TYPE.exec(c.attrs)?.[1];
      col = ref ? colIndex(ref[1]) : col + 1;
      if (col < 0 || col > 16_383) continue;
      const v = c.inner ? first(c.inner, 'v') : null;
      const raw = v ? decodeXml(v.inner) : null;
      let value: Cell = null;
      if (t === 'inlineStr') value = runText(first(c.inner, 'is')?.inner ?? '');
      else if (raw === null) value = null;
      else if (t === 's') value = ctx.shared[Number(raw)] ?? null;
      else if (t === 'str' || t === 'e') value = raw;
      else if (t === 'b') value = raw === '1' || raw === 'true';
      else if (t === 'd') value = Number.isNaN(Date.parse(raw)) ? raw : new Date(`${raw.slice(0, 10)}T00:00:00Z`);
      else {
        const n = Number(raw);
        value = !Number.isFinite(n) ? raw : ctx.dateStyles[Number(CELL_STYLE.exec(c.attrs)?.[1] ?? 0)] ? new Date(epoch + Math.round(n * DAY)) : n;
      }
      values[col] = value;
    }
    if (onRow(rowNo, values) === false) return;
  }
}
