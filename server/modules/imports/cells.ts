// Reading cell values as people type them in Excel or WPS: text, numbers, real date cells,
// formulas, rich text and hyperlinks.

/** A cell's value once read: empty cells are null, text is trimmed. */
export type Cell = string | number | boolean | Date | null;

/** Turns an exceljs cell value into a plain value. */
export function cellValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    const s = v.replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/g, '');
    return s === '' ? null : s;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return cellValue(o.richText.map((r) => (r as { text?: string }).text ?? '').join(''));
    if ('result' in o) return cellValue(o.result);
    if (typeof o.text === 'string') return cellValue(o.text);
    if (typeof o.error === 'string') return o.error;
  }
  return null;
}

/** A cell as text: integers without exponent, dates as YYYY-MM-DD. */
export function cellText(c: Cell): string | null {
  if (c === null) return null;
  if (typeof c === 'string') return c;
  if (typeof c === 'number') return Number.isInteger(c) ? c.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 0 }) : String(c);
  if (typeof c === 'boolean') return c ? '是' : '否';
  return c.toISOString().slice(0, 10);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD when the parts form a real calendar date, else null. */
export function isoDate(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1000 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A date cell as YYYY-MM-DD. Accepts real date cells, Excel serial numbers, 20230501, and text such
 * as 2023-05-01, 2023/5/1, 2023.5.1 or 2023年5月1日 (a time after the date is ignored). Anything
 * else comes back as its text so the validator reports it as an invalid date; empty is null.
 */
export function cellDate(c: Cell): string | null {
  if (c === null) return null;
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  if (typeof c === 'number') {
    if (Number.isInteger(c) && c >= 10_000_101 && c <= 99_991_231) {
      return isoDate(Math.floor(c / 10_000), Math.floor(c / 100) % 100, c % 100) ?? String(c);
    }
    // Serial 60 is Excel's phantom 1900-02-29; real dates start after it.
    if (c >= 61 && c < 2_958_466) return new Date(EXCEL_EPOCH + Math.floor(c) * 86_400_000).toISOString().slice(0, 10);
    return String(c);
  }
  const s = cellText(c) ?? '';
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return (m && isoDate(Number(m[1]), Number(m[2]), Number(m[3]))) || s;
}
