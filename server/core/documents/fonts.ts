import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../errors/app-error.ts';

/** A font for the PDF renderer: the file's bytes and, for a collection (.ttc), the face to use. */
export type PdfFace = { file: string; data: Buffer; face?: string };
export type PdfFonts = { regular: PdfFace; bold: PdfFace };

/** Where a regular and a bold face may be found. */
export type FontCandidate = { regular: { file: string; face?: string }; bold: { file: string; face?: string } };

/**
 * Where the CJK font comes from, first found wins (docs/DOCUMENTS.md "Font"):
 * 1. the npm package @embedpdf/fonts-sc (Noto Sans SC as OpenType/CFF, a dependency, so
 *    `npm install` brings it on any machine);
 * 2. Debian's fonts-noto-cjk (Noto Sans CJK collections; `apt-get install fonts-noto-cjk`).
 */
export function fontCandidates(): FontCandidate[] {
  const list: FontCandidate[] = [];
  try {
    // The package exports only its dist/ entry (not package.json): the fonts sit beside dist/.
    const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
    const dir = path.join(path.dirname(entry), '..', 'fonts');
    list.push({ regular: { file: path.join(dir, 'NotoSansHans-Regular.otf') }, bold: { file: path.join(dir, 'NotoSansHans-Bold.otf') } });
  } catch {
    // not installed: try the system font
  }
  const noto = '/usr/share/fonts/opentype/noto';
  list.push({
    regular: { file: path.join(noto, 'NotoSansCJK-Regular.ttc'), face: 'NotoSansCJKsc-Regular' },
    bold: { file: path.join(noto, 'NotoSansCJK-Bold.ttc'), face: 'NotoSansCJKsc-Bold' },
  });
  return list;
}

/** Reads the first candidate whose regular face exists; a missing bold face falls back to the regular one. */
export function loadFonts(list: FontCandidate[]): PdfFonts {
  for (const c of list) {
    if (!fs.existsSync(c.regular.file)) continue;
    const regular: PdfFace = { ...c.regular, data: fs.readFileSync(c.regular.file) };
    const bold: PdfFace = fs.existsSync(c.bold.file) ? { ...c.bold, data: fs.readFileSync(c.bold.file) } : regular;
    return { regular, bold };
  }
  throw new AppError(503, 'DOCUMENT_FONT_MISSING');
}

let cached: PdfFonts | undefined;

/**
 * The regular and bold CJK faces, read once and kept (about 17 MB). No font at all is a server
 * problem named by DOCUMENT_FONT_MISSING (503).
 */
export function pdfFonts(): PdfFonts {
  cached ??= loadFonts(fontCandidates());
  return cached;
}
