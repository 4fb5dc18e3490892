// What a keyboard-wedge reader types becomes the right credential.
import { describe, expect, it } from 'vitest';
import { parseScan } from './kiosk-scan';

describe('parseScan', () => {
  it('reads card numbers, chip UIDs and member QR codes in auto mode', () => {
    expect(parseScan('CX00012345')).toEqual({ cardNo: 'CX00012345' });
    expect(parseScan(' 04a1b2c3d4e5f601 ')).toEqual({ cardUid: '04A1B2C3D4E5F601' });
    expect(parseScan('04:A1:B2:C3')).toEqual({ cardUid: '04A1B2C3' });
    expect(parseScan('12345678')).toEqual({ cardNo: '12345678' });
    expect(parseScan('HY1.eyJtIjoiMSJ9.c2ln')).toEqual({ qr: 'HY1.eyJtIjoiMSJ9.c2ln' });
    expect(parseScan('   ')).toBeNull();
  });

  it('follows a fixed reader mode', () => {
    expect(parseScan('04a1b2c3d4e5f601', 'cardNo')).toEqual({ cardNo: '04a1b2c3d4e5f601' });
    expect(parseScan('12345678', 'cardUid')).toEqual({ cardUid: '12345678' });
    expect(parseScan('HY1.eyJtIjoiMSJ9.c2ln', 'cardNo')).toEqual({ qr: 'HY1.eyJtIjoiMSJ9.c2ln' });
  });
});
