// Test support (never imported by the server at run time): read the text back out of rendered
// documents, as a person opening the file would see it. Used by documents.test.ts and the e2e journeys.
// Depends on devDependencies only (pdfjs-dist, jszip).

/** The text of each page of a PDF, lines separated by '\n' (pdf.js, the engine of Firefox's viewer). */
export async function pdfPages(file: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js may transfer (detach) the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({ data: new Uint8Array(file), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  const pdf = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      pages.push(text);
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** The text of a PDF, pages separated by a form feed line. */
export async function pdfText(file: Uint8Array): Promise<string> {
  return (await pdfPages(file)).join('\n\f\n');
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&amp;/g, '&');

/** The text of one WordprocessingML part: one line per paragraph or table row, a row's cells separated by tabs. */
export function wordXmlText(xml: string): string {
  // Paragraphs become their runs' text (entities kept until the end, so no text is taken for a tag).
  let s = xml.replace(/<w:p\/>|<w:p[ >][\s\S]*?<\/w:p>/g, (p) => {
    const runs = p.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>|<w:tab\/>|<w:br\/>/g) ?? [];
    return `${runs.map((r) => (r === '<w:tab/>' ? '\t' : r === '<w:br/>' ? '\n' : r.replace(/<[^>]+>/g, ''))).join('')}\n`;
  });
  s = s.replace(/<w:tc[ >][\s\S]*?<\/w:tc>/g, (c) => `${c.replace(/<[^>]+>/g, '').trim().replace(/\n+/g, ' ')}\uE000`);
  s = s.replace(/<\/w:tr>/g, '\n').replace(/<[^>]+>/g, '');
  return decode(s.replace(/\uE000\n/g, '\n').replace(/\uE000/g, '\t'))
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** The text of a .docx body (word/document.xml). */
export async function docxText(file: Uint8Array): Promise<string> {
  return (await docxParts(file))['word/document.xml'];
}

/** The text of every part of a .docx that holds text: the body, page headers and footers. */
export async function docxParts(file: Uint8Array): Promise<Record<string, string>> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(file);
  const parts: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) {
    if (!/^word\/(document|header\d*|footer\d*)\.xml$/.test(name)) continue;
    const entry = zip.file(name);
    if (entry) parts[name] = wordXmlText(await entry.async('string'));
  }
  if (!('word/document.xml' in parts)) throw new Error('not a Word document: word/document.xml is missing');
  return parts;
}

/** The raw XML of one part of a .docx (for structure checks: repeated header rows, styles). */
export async function docxXml(file: Uint8Array, part = 'word/document.xml'): Promise<string> {
  const { default: JSZip } = await import('jszip');
  const entry = (await JSZip.loadAsync(file)).file(part);
  if (!entry) throw new Error(`${part} is not in the file`);
  return entry.async('string');
}
