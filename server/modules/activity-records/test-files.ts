// Test helpers: files to upload (a JPEG carrying an EXIF GPS block, a small MP4 with a recorded
// location, an Office file) and multipart bodies. Not used by the application.
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

/** The EXIF APP1 segment of a JPEG (the bytes after "Exif\0\0"), or null. */
export function exifSegment(jpeg: Buffer): Buffer | null {
  let p = 2;
  while (p + 4 <= jpeg.length && jpeg[p] === 0xff) {
    const marker = jpeg[p + 1];
    const len = jpeg.readUInt16BE(p + 2);
    if (marker === 0xe1 && jpeg.toString('latin1', p + 4, p + 10) === 'Exif\0\0') return jpeg.subarray(p + 10, p + 2 + len);
    if (marker === 0xda) break;
    p += 2 + len;
  }
  return null;
}

/** True when a TIFF/EXIF block has a GPS IFD pointer (tag 0x8825) in its first IFD. */
export function hasGpsPointer(tiff: Buffer): boolean {
  const le = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  const n = u16(ifd);
  for (let i = 0; i < n; i++) if (u16(ifd + 2 + i * 12) === 0x8825) return true;
  return false;
}

/** A 64×48 JPEG photo with an EXIF block naming a camera and a GPS position (30.5°N 119.9°E). */
export async function jpegWithGps(): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'GPS-9000', Copyright: 'Hongyun test' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 30/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '119/1 54/1 0/1' },
    })
    .toBuffer();
  const exif = exifSegment(jpeg);
  if (!exif || !hasGpsPointer(exif)) throw new Error('the test JPEG has no GPS block');
  return jpeg;
}

/** A small PNG. */
export const pngImage = () => sharp({ create: { width: 8, height: 8, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 1 } } }).png().toBuffer();

const box = (type: string, ...payload: Buffer[]) => {
  const body = Buffer.concat(payload);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
};

/** The location string the test MP4 carries in moov/udta/©xyz. */
export const MP4_LOCATION = '+30.5000+119.9000/';

/**
 * An MP4 shaped like a phone's: ftyp, a moov with a movie header and a user-data box holding the
 * recording location (©xyz), and an mdat of `payload` random bytes (enough to test ranges).
 */
export function mp4WithLocation(payload = 4096): Buffer {
  const ftyp = box('ftyp', Buffer.from('isom', 'latin1'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2avc1mp41', 'latin1'));
  const mvhd = box('mvhd', Buffer.alloc(100));
  const loc = Buffer.from(MP4_LOCATION, 'latin1');
  const lenLang = Buffer.alloc(4);
  lenLang.writeUInt16BE(loc.length, 0);
  lenLang.writeUInt16BE(0x15c7, 2);
  const xyz = box('\u00a9xyz', lenLang, loc);
  const udta = box('udta', xyz);
  const moov = box('moov', mvhd, udta);
  const mdat = box('mdat', randomBytes(payload));
  return Buffer.concat([ftyp, moov, mdat]);
}

/** One multipart/form-data body with a file field. */
export function multipartFile(file: Buffer, filename: string, contentType: string, field = 'file') {
  const boundary = `----hongyun${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`, 'utf8'),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A zip archive of the given text entries, stored without compression (an Office file's shape). */
export function zipOf(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text, 'utf8');
    const fileName = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += 30 + fileName.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
