// Formal report documents (通报, 报告) with an official red header, rendered to Excel, PDF and Word
// from one description. docs/DOCUMENTS.md tells what each format shows and where the PDF font comes from.
import type { FastifyReply } from 'fastify';
import { renderDocx } from './docx.ts';
import type { DocFormat, ReportDocument } from './model.ts';
import { renderPdf } from './pdf.ts';
import { renderXlsx } from './xlsx.ts';

export type { DocFormat, DocSection, DocTable, ReportDocument } from './model.ts';
export { formatDocDate } from './model.ts';
export { renderDocx, renderPdf, renderXlsx };

const TYPES: Record<DocFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The formats a document renders to. */
export const DOC_FORMATS = Object.keys(TYPES) as DocFormat[];

/** The MIME type of a format. */
export function contentType(format: DocFormat): string {
  return TYPES[format];
}

/** Renders a document in one of the formats. */
export function renderDocument(doc: ReportDocument, format: DocFormat): Promise<Buffer> {
  return format === 'pdf' ? renderPdf(doc) : format === 'docx' ? renderDocx(doc) : renderXlsx(doc);
}

/**
 * A file name for a document: the given base (usually the title, Chinese kept) without the characters
 * Windows and macOS refuse or control characters, at most 80 characters, with the format's extension.
 */
export function documentFilename(base: string, format: DocFormat): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_').replace(/\s+/g, ' ').trim().replace(/^\.+/, '').slice(0, 80).trim();
  return `${clean || 'document'}.${format}`;
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…`: an ASCII stand-in for old clients and the real
 * (Chinese) name percent-encoded as UTF-8 (RFC 6266 / RFC 8187) for every current browser.
 */
export function contentDisposition(filename: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sends a rendered document as a download (type, Content-Disposition with the Chinese name, no-store,
 * nosniff). The route stays responsible for the permission, the watermark (doc.watermark) and the audit
 * row of SECURITY.md 15, as core/excel.ts does for lists.
 */
export function sendDocument(reply: FastifyReply, format: DocFormat, file: Buffer, filename: string) {
  return reply
    .header('content-type', contentType(format))
    .header('content-disposition', contentDisposition(filename))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(file);
}
