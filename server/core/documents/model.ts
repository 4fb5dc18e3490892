// The shape of a formal report document (通报, 报告) and the small text helpers every renderer shares.
// See docs/DOCUMENTS.md.

/** One table of a section. `width` is a relative column width in Excel character units (default 12). */
export type DocTable = {
  title?: string;
  columns: { key: string; header: string; width?: number; align?: 'left' | 'right' | 'center' }[];
  rows: Record<string, string | number | null>[];
  note?: string;
};

/** One numbered part of the body: a heading, its paragraphs, then its tables. */
export type DocSection = { heading: string; paragraphs?: string[]; tables?: DocTable[] };

/** A formal document with an official red header (红头). */
export type ReportDocument = {
  /** 发文单位, e.g. '中共长兴县委组织部' (the red header and the signature). */
  issuer: string;
  /** e.g. '关于2026年10月基层党组织组织生活情况的通报'. */
  title: string;
  /** 期号, e.g. '2026年第10期'. */
  serial?: string;
  /** 'YYYY-MM-DD'; rendered '2026年11月5日' (zh-CN) or '5 November 2026' (en). */
  date: string;
  /** Opening paragraphs. */
  summary?: string[];
  sections: DocSection[];
  /** 版记 line at the end, e.g. '抄送：各乡镇（街道）党（工）委'. */
  footer?: string;
  /** Who exported it and when: faint across every page and in the page header/footer. */
  watermark?: string;
  /** Language of the words the renderer adds (page numbers, the date). Chinese by default. */
  lang?: 'zh-CN' | 'en';
};

export type DocFormat = 'xlsx' | 'pdf' | 'docx';

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** '2026-11-05' → '2026年11月5日' (or '5 November 2026'); anything else is shown as given. */
export function formatDocDate(date: string, lang: ReportDocument['lang'] = 'zh-CN'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return date;
  return lang === 'en' ? `${d} ${EN_MONTHS[mo - 1]} ${y}` : `${y}年${mo}月${d}日`;
}

/** The text of a cell: numbers as written, null as empty. */
export const cellText = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : String(v));

/** Page-number words: 第 3 页 共 9 页 / Page 3 of 9. */
export const pageLabel = (lang: ReportDocument['lang'], n: number, total: number) => (lang === 'en' ? `Page ${n} of ${total}` : `第 ${n} 页 共 ${total} 页`);

/** Relative column widths (Excel character units). */
export const columnWeights = (t: DocTable) => t.columns.map((c) => (c.width && c.width > 0 ? c.width : 12));

/** The official red of a 红头. */
export const OFFICIAL_RED = 'D7000F';
