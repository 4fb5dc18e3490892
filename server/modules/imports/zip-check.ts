import { inflateRawSync } from 'node:zlib';
import { AppError } from '../../core/errors/app-error.ts';

/** Most bytes one upload may unpack to (a 50,000-row sheet unpacks to about 40 MB). */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;

const notXlsx = () => new AppError(400, 'IMPORT_NOT_XLSX');
const tooLarge = () => new AppError(400, 'IMPORT_UNPACKED_TOO_LARGE', { max: Math.round(MAX_UNPACKED_BYTES / 2 ** 20) });

/** Which entries are unpacked: the workbook's XML parts (not media, not printer settings). */
const WANTED = /^(xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|styles\.xml|sharedStrings\.xml|worksheets\/[^/]+\.xml))$/;

/**
 * Checks by content that an upload is an .xlsx workbook (SECURITY.md 20) and unpacks its XML
 * parts: a zip archive holding xl/workbook.xml. The parts read are inflated with a hard cap on the
 * total output, so a zip bomb (or a central directory that lies about sizes) fails here. An old
 * binary .xls (OLE compound file) gets its own message: save it as .xlsx.
 */
export function unzipXlsx(buf: Buffer, maxUnpacked = MAX_UNPACKED_BYTES): Map<string, Buffer> {
  if (buf.length >= 8 && buf.subarray(0, 8).equals(OLE_MAGIC)) throw new AppError(400, 'IMPORT_LEGACY_XLS');
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOCAL) throw notXlsx();
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw notXlsx();
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  let budget = maxUnpacked;
  const parts = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw notXlsx();
    const method = buf.readUInt16LE(p + 10);
    const packed = buf.readUInt32LE(p + 20);
    const unpacked = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) throw notXlsx();
    // Other parts (images, printer settings) are never read, so never unpacked.
    if (!WANTED.test(name)) continue;
    // Zip64 sizes are far beyond any workbook we accept.
    if (packed === 0xffffffff || unpacked === 0xffffffff || unpacked > budget) throw tooLarge();
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + packed > buf.length) throw notXlsx();
    const data = inflate(method, buf.subarray(start, start + packed), budget);
    budget -= data.length;
    parts.set(name, data);
  }
  if (!parts.has('xl/workbook.xml')) throw notXlsx();
  return parts;
}

function inflate(method: number, data: Buffer, budget: number): Buffer {
  if (method === 0) return data;
  if (method !== 8) throw notXlsx();
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw tooLarge();
    throw notXlsx();
  }
}
