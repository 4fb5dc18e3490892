import { describe, expect, it } from 'vitest';
import { DOCX, JPEG, MP4, PDF, PNG, WEBM, WEBP, XLSX, officeType, sniff } from './media-content.ts';
import { displayName, parseRange } from './media-store.ts';
import { zipOf } from './test-files.ts';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('content sniffing (SECURITY.md 20)', () => {
  it('knows the accepted types by their magic bytes', () => {
    expect(sniff(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe(JPEG);
    expect(sniff(bytes([0x89], 'PNG\r\n', [0x1a, 0x0a]))).toBe(PNG);
    expect(sniff(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe(WEBP);
    expect(sniff(bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0]))).toBe(MP4);
    expect(sniff(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm'))).toBe(WEBM);
    expect(sniff(bytes('%PDF-1.7\n'))).toBe(PDF);
    expect(sniff(bytes('PK', [3, 4]))).toBe('zip');
  });

  it('refuses SVG, HTML, GIF, QuickTime, Matroska, HEIC and plain text', () => {
    for (const head of [
      bytes('<svg xmlns="http://www.w3.org/2000/svg">'),
      bytes('<!DOCTYPE html><html>'),
      bytes('GIF89a'),
      bytes([0, 0, 0, 0x14], 'ftypqt  '),
      bytes([0, 0, 0, 0x18], 'ftypheic'),
      bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x88], 'matroska'),
      bytes('hello'),
    ])
      expect(sniff(head)).toBeNull();
  });

  it('tells Word from Excel and refuses macro files and other zips', () => {
    expect(officeType(zipOf({ '[Content_Types].xml': '', 'word/document.xml': '' }))).toBe(DOCX);
    expect(officeType(zipOf({ '[Content_Types].xml': '', 'xl/workbook.xml': '' }))).toBe(XLSX);
    expect(officeType(zipOf({ '[Content_Types].xml': '', 'word/document.xml': '', 'word/vbaProject.bin': '' }))).toBeNull();
    expect(officeType(zipOf({ 'index.html': '<script>' }))).toBeNull();
    expect(officeType(Buffer.from('PK\u0003\u0004 broken'))).toBeNull();
  });
});

describe('Range header (RFC 9110)', () => {
  it('reads one range, open ranges and suffixes, clipped to the file', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=900-5000', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
  });

  it('answers unsatisfiable beyond the end, and the whole file for what it does not take', () => {
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(parseRange(undefined, 1000)).toBeNull();
    expect(parseRange('bytes=0-1,5-6', 1000)).toBeNull();
    expect(parseRange('items=0-1', 1000)).toBeNull();
    expect(parseRange('bytes=5-1', 1000)).toBeNull();
  });
});

describe('served file names', () => {
  it('keep the base name, drop paths and control characters, mask numbers, and take the real extension', () => {
    expect(displayName('C:\\Users\\张三\\照片.JPG', PNG)).toBe('照片.png');
    expect(displayName('../../etc/passwd', PDF)).toBe('passwd.pdf');
    expect(displayName('联系13812345678.pdf', PDF)).toBe('联系138****5678.pdf');
    expect(displayName('a"b\r\n.jpg', JPEG)).toBe('ab.jpg');
    expect(displayName('', JPEG, new Date('2026-05-01T00:00:00Z'))).toBe('photo-2026-05-01.jpg');
  });
});
