// Storage of activity media: an upload is written to a temporary file, identified by its content,
// cleaned of location data (photos re-encoded, MP4 metadata boxes blanked) and kept once per
// county under DATA_DIR/media/<county>/<sha256>.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import sharp from 'sharp';
import { AppError } from '../../core/errors/app-error.ts';
import { uuidv7 } from '../../core/ids.ts';
import { redactSensitive } from '../members/member-validate.ts';
import type { MediaKind } from './activity-records.tables.ts';
import { type Detected, officeType, readHead, sniff, stripMp4Metadata } from './media-content.ts';

/** A file as stored. */
export type StoredMedia = { detected: Detected; sha256: string; size: number; width: number | null; height: number | null; thumbSha256: string | null };

/** Largest accepted size per kind. */
export type MediaLimits = Record<MediaKind, number>;

/** Longest side of a photo's preview. */
const THUMB_SIDE = 320;
/** Photos larger than this many pixels are refused (a decompression bomb guard). */
const MAX_PIXELS = 100_000_000;

const SHA = /^[0-9a-f]{64}$/;
const COUNTY = /^[0-9A-Za-z_-]{1,32}$/;

/** Where one county's media live. */
export const mediaDir = (dataDir: string, county: string) => {
  if (!COUNTY.test(county)) throw new Error(`bad county code ${county}`);
  return path.join(dataDir, 'media', county);
};

/** The path of a stored file. */
export function mediaPath(dataDir: string, county: string, sha256: string) {
  if (!SHA.test(sha256)) throw new Error('bad content hash');
  return path.join(mediaDir(dataDir, county), sha256);
}

const megabytes = (n: number) => Math.max(1, Math.round(n / 2 ** 20));
const tooLarge = (max: number) => new AppError(413, 'MEDIA_TOO_LARGE', { max: megabytes(max) });
const refused = () => new AppError(415, 'MEDIA_TYPE_REFUSED');

const sha256Of = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

async function sha256OfFile(file: string) {
  const h = createHash('sha256');
  await pipeline(fs.createReadStream(file), h);
  return h.digest('hex');
}

/** Writes bytes under their hash unless that file exists already (same content, same name). */
async function keepBuffer(dataDir: string, county: string, buf: Buffer): Promise<string> {
  const sha = sha256Of(buf);
  const target = mediaPath(dataDir, county, sha);
  if (!fs.existsSync(target)) {
    const tmp = `${target}.${uuidv7()}.tmp`;
    await fsp.writeFile(tmp, buf, { mode: 0o640 });
    await fsp.rename(tmp, target);
  }
  return sha;
}

/** Moves a temporary file under its hash (or drops it when that content is already stored). */
async function keepFile(dataDir: string, county: string, file: string): Promise<string> {
  const sha = await sha256OfFile(file);
  const target = mediaPath(dataDir, county, sha);
  if (fs.existsSync(target)) await fsp.rm(file, { force: true });
  else await fsp.rename(file, target);
  return sha;
}

/**
 * Re-encodes a photo in its own format: the pixels are kept (turned upright first, as the EXIF
 * orientation said), and every metadata block (EXIF with GPS, XMP, IPTC, comments) is left out.
 * Returns the clean image, its size and a small WebP preview.
 */
export async function cleanPhoto(buf: Buffer, detected: Detected) {
  try {
    const img = sharp(buf, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
    const out =
      detected.mime === 'image/png' ? img.png({ compressionLevel: 9 }) : detected.mime === 'image/webp' ? img.webp({ quality: 90 }) : img.jpeg({ quality: 90, mozjpeg: true });
    const { data, info } = await out.toBuffer({ resolveWithObject: true });
    const thumb = await sharp(data).resize(THUMB_SIDE, THUMB_SIDE, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 70 }).toBuffer();
    return { data, width: info.width, height: info.height, thumb };
  } catch {
    throw new AppError(400, 'MEDIA_IMAGE_INVALID');
  }
}

/**
 * Stores one upload (a stream of unknown content, at most max(limits) bytes: the stream fails
 * beyond that). Refuses what is not a JPEG/PNG/WebP photo, an MP4/WebM video or a PDF/DOCX/XLSX
 * attachment by content (415), and what exceeds its kind's limit (413).
 */
export async function storeUpload(dataDir: string, county: string, stream: Readable & { truncated?: boolean }, limits: MediaLimits): Promise<StoredMedia> {
  const dir = mediaDir(dataDir, county);
  await fsp.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `upload-${uuidv7()}.tmp`);
  const overall = Math.max(limits.photo, limits.video, limits.attachment);
  try {
    try {
      await pipeline(stream, fs.createWriteStream(tmp, { mode: 0o640 }));
    } catch (e) {
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(overall);
      // File-system failures (disk full…) are the server's; anything else is a broken upload.
      if ((e as { syscall?: string }).syscall) throw e;
      throw new AppError(400, 'MEDIA_UPLOAD_INVALID');
    }
    if (stream.truncated) throw tooLarge(overall);
    const { size } = await fsp.stat(tmp);
    if (size === 0) throw new AppError(400, 'MEDIA_EMPTY');
    const fh = await fsp.open(tmp, 'r+');
    let detected: Detected;
    let whole: Buffer | null = null;
    try {
      const kind = sniff(await readHead(fh));
      if (kind === null) throw refused();
      if (kind === 'zip') {
        if (size > limits.attachment) throw tooLarge(limits.attachment);
        whole = await fsp.readFile(tmp);
        const office = officeType(whole);
        if (!office) throw refused();
        detected = office;
      } else detected = kind;
      if (size > limits[detected.kind]) throw tooLarge(limits[detected.kind]);
      if (detected.mime === 'video/mp4') await stripMp4Metadata(fh, size);
    } finally {
      await fh.close();
    }
    if (detected.kind === 'photo') {
      const photo = await cleanPhoto(whole ?? (await fsp.readFile(tmp)), detected);
      const sha256 = await keepBuffer(dataDir, county, photo.data);
      const thumbSha256 = await keepBuffer(dataDir, county, photo.thumb);
      return { detected, sha256, size: photo.data.length, width: photo.width, height: photo.height, thumbSha256 };
    }
    const sha256 = await keepFile(dataDir, county, tmp);
    return { detected, sha256, size, width: null, height: null, thumbSha256: null };
  } finally {
    await fsp.rm(tmp, { force: true });
  }
}

/**
 * The name a file is served under: the uploaded base name without path parts or control
 * characters, numbers masked like every free text, with the extension of what the file really is.
 */
export function displayName(uploaded: string | undefined, detected: Detected, when = new Date()): string {
  const base = path.posix.basename((uploaded ?? '').replaceAll('\\', '/'));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = redactSensitive(base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim()).replace(/\.[^.]*$/, '').slice(0, 100);
  const stem = clean || `${detected.kind}-${when.toISOString().slice(0, 10)}`;
  return `${stem}.${detected.ext}`;
}

/** A byte range of a file (inclusive ends). */
export type ByteRange = { start: number; end: number };

/**
 * Reads a Range header (RFC 9110 §14) for a file of `size` bytes: one `bytes=` range gives its
 * bounds, an unsatisfiable one 'unsatisfiable' (416); no header, other units, several ranges or a
 * malformed value give null (the whole file, which the RFC allows).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Number(m[2]);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return { start, end: Math.min(end, size - 1) };
}
