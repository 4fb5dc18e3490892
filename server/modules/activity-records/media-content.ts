// What an uploaded file really is, judged by its content (magic bytes and structure), never by its
// name or declared type (SECURITY.md 20); and the removal of location data before storage.
import type { FileHandle } from 'node:fs/promises';
import type { MediaKind } from './activity-records.tables.ts';

/** A type the records accept, with its kind, MIME type and file extension. */
export type Detected = { kind: MediaKind; mime: string; ext: string };

export const JPEG: Detected = { kind: 'photo', mime: 'image/jpeg', ext: 'jpg' };
export const PNG: Detected = { kind: 'photo', mime: 'image/png', ext: 'png' };
export const WEBP: Detected = { kind: 'photo', mime: 'image/webp', ext: 'webp' };
export const MP4: Detected = { kind: 'video', mime: 'video/mp4', ext: 'mp4' };
export const WEBM: Detected = { kind: 'video', mime: 'video/webm', ext: 'webm' };
export const PDF: Detected = { kind: 'attachment', mime: 'application/pdf', ext: 'pdf' };
export const DOCX: Detected = { kind: 'attachment', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' };
export const XLSX: Detected = { kind: 'attachment', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' };

/** ISO base media brands of MP4 files (QuickTime `qt  ` and HEIF images are not MP4 video). */
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'dash', 'mmp4', 'MSNV', 'f4v ']);

/**
 * The type of a file from its first bytes (at least 64 are needed for WebM); zip-based Office files
 * answer 'zip' and are told apart by their entries (officeType). Null for anything not accepted:
 * SVG, HTML, text, executables, GIF, QuickTime, old .doc/.xls…
 */
export function sniff(head: Buffer): Detected | 'zip' | null {
  const at = (i: number, bytes: number[]) => bytes.every((b, k) => head[i + k] === b);
  const ascii = (i: number, s: string) => head.length >= i + s.length && head.toString('latin1', i, i + s.length) === s;
  if (at(0, [0xff, 0xd8, 0xff])) return JPEG;
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return WEBP;
  if (ascii(4, 'ftyp') && head.length >= 12 && MP4_BRANDS.has(head.toString('latin1', 8, 12))) return MP4;
  if (at(0, [0x1a, 0x45, 0xdf, 0xa3])) {
    // EBML header: the DocType element (0x42 0x82) names the format.
    const i = head.indexOf(Buffer.from([0x42, 0x82]));
    if (i > 0 && i < 64 && head.subarray(i + 3, i + 7).toString('latin1') === 'webm') return WEBM;
    return null;
  }
  if (ascii(0, '%PDF-')) return PDF;
  if (at(0, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  return null;
}

const CENTRAL = 0x02014b50;
const END = 0x06054b50;

/** The entry names of a zip archive from its central directory, or null when it is not a sound zip. */
export function zipEntryNames(buf: Buffer): string[] | null {
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === END) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return null;
    const nameLen = buf.readUInt16LE(p + 28);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return names;
}

/**
 * A Word (.docx) or Excel (.xlsx) file by its parts; macro-enabled files (a vbaProject.bin part,
 * i.e. .docm/.xlsm renamed) and any other zip are refused.
 */
export function officeType(buf: Buffer): Detected | null {
  const names = zipEntryNames(buf);
  if (!names?.includes('[Content_Types].xml')) return null;
  if (names.some((n) => /vbaProject\.bin$/i.test(n))) return null;
  if (names.includes('word/document.xml')) return DOCX;
  if (names.includes('xl/workbook.xml')) return XLSX;
  return null;
}

/** The first `n` bytes of a file. */
export async function readHead(fh: FileHandle, n = 4096): Promise<Buffer> {
  const buf = Buffer.alloc(n);
  const { bytesRead } = await fh.read(buf, 0, n, 0);
  return buf.subarray(0, bytesRead);
}

/** Boxes holding user data in an MP4 (location ©xyz, Apple's location keys, author, device…). */
const MP4_METADATA_BOXES = new Set(['udta', 'meta']);
/** Boxes whose children are walked. */
const MP4_CONTAINERS = new Set(['moov', 'trak']);

/**
 * Removes the metadata of an MP4 in place: every `udta` and `meta` box at the top, under `moov` and
 * under its tracks (where phones put the recording location, ©xyz and
 * com.apple.quicktime.location.ISO6709) is renamed to `free`, which players skip, and zeroed. Sizes
 * and offsets do not change, so the video plays and seeks as before. Returns how many boxes were
 * blanked.
 */
export async function stripMp4Metadata(fh: FileHandle, size: number): Promise<number> {
  let blanked = 0;
  const header = Buffer.alloc(16);
  const walk = async (start: number, end: number, depth: number): Promise<void> => {
    let p = start;
    while (p + 8 <= end) {
      await fh.read(header, 0, 16, p);
      let boxSize = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      let headerLen = 8;
      if (boxSize === 1) {
        boxSize = Number(header.readBigUInt64BE(8));
        headerLen = 16;
      } else if (boxSize === 0) boxSize = end - p;
      if (boxSize < headerLen || p + boxSize > end) return;
      if (MP4_METADATA_BOXES.has(type)) {
        await fh.write(Buffer.from('free', 'latin1'), 0, 4, p + 4);
        // The payload is zeroed too: a renamed box would still carry the coordinates as bytes.
        const zeros = Buffer.alloc(Math.min(boxSize - headerLen, 1 << 16));
        for (let q = p + headerLen; q < p + boxSize; q += zeros.length) await fh.write(zeros, 0, Math.min(zeros.length, p + boxSize - q), q);
        blanked++;
      } else if (MP4_CONTAINERS.has(type) && depth < 3) await walk(p + headerLen, p + boxSize, depth + 1);
      p += boxSize;
    }
  };
  await walk(0, size, 0);
  return blanked;
}
