// Member QR codes made the way the server makes them (server/modules/checkin/credentials.ts) are
// judged offline: signature, key, expiry and revoked cards.
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PublicKeys } from './kiosk-api';
import { checkOffline, decodeMemberQr, type MemberQrClaims, nobleVerify, webCryptoVerify } from './kiosk-qr';

const NOW = Date.UTC(2026, 0, 1, 1, 0, 0);

function countyKey(kid: string) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { kid, privateKey, publicKey: publicKey.export({ format: 'jwk' }).x as string };
}

/** As issueMemberQr: HY1.<payload>.<Ed25519 signature of the payload bytes>. */
function memberQr(privateKey: KeyObject, claims: MemberQrClaims): string {
  const payload = Buffer.from(JSON.stringify(claims));
  return `HY1.${payload.toString('base64url')}.${sign(null, payload, privateKey).toString('base64url')}`;
}

const key = countyKey('330522-abcdefgh');
const other = countyKey('330522-zzzzzzzz');
const keys: PublicKeys = { keys: [{ kid: key.kid, publicKey: key.publicKey }] };
const claims = (over: Partial<MemberQrClaims> = {}): MemberQrClaims => ({
  c: '330522',
  m: '0190a0b0-0000-7000-8000-0000000000aa',
  k: 'CX00012345',
  n: '张*明',
  x: NOW / 1000 + 300,
  i: key.kid,
  ...over,
});
const none = new Set<string>();

describe('member QR offline checks', () => {
  it('accepts a valid code and reads its claims', async () => {
    const verdict = await checkOffline({ qr: memberQr(key.privateKey, claims()) }, { keys, revokedCards: none, now: NOW });
    expect(verdict).toEqual({ ok: true, claims: claims() });
  });

  it('refuses a code whose payload was changed after signing', async () => {
    const [, , sig] = memberQr(key.privateKey, claims()).split('.');
    const forged = `HY1.${Buffer.from(JSON.stringify(claims({ m: 'someone-else' }))).toString('base64url')}.${sig}`;
    expect(await checkOffline({ qr: forged }, { keys, revokedCards: none, now: NOW })).toEqual({ ok: false, code: 'CHECKIN_QR_INVALID' });
  });

  it('refuses a code signed by a key the county does not publish', async () => {
    const qr = memberQr(other.privateKey, claims({ i: key.kid }));
    expect(await checkOffline({ qr }, { keys, revokedCards: none, now: NOW })).toEqual({ ok: false, code: 'CHECKIN_QR_INVALID' });
    const unknownKid = memberQr(other.privateKey, claims({ i: other.kid }));
    expect(await checkOffline({ qr: unknownKid }, { keys, revokedCards: none, now: NOW })).toEqual({ ok: false, code: 'CHECKIN_QR_INVALID' });
  });

  it('refuses an expired code and one naming a revoked card', async () => {
    const expired = memberQr(key.privateKey, claims({ x: NOW / 1000 - 1 }));
    expect(await checkOffline({ qr: expired }, { keys, revokedCards: none, now: NOW })).toEqual({ ok: false, code: 'CHECKIN_QR_EXPIRED' });
    const qr = memberQr(key.privateKey, claims());
    expect(await checkOffline({ qr }, { keys, revokedCards: new Set(['CX00012345']), now: NOW })).toEqual({
      ok: false,
      code: 'CHECKIN_CARD_REVOKED',
    });
  });

  it('refuses garbage that only looks like a code', async () => {
    expect(decodeMemberQr('HY1.bm90IGpzb24.c2ln')).toBeNull();
    expect(await checkOffline({ qr: 'HY1.bm90IGpzb24.c2ln' }, { keys, revokedCards: none, now: NOW })).toEqual({
      ok: false,
      code: 'CHECKIN_QR_INVALID',
    });
  });

  it('lets a well-formed unexpired code through when no keys were synced yet (the server judges it)', async () => {
    const qr = memberQr(other.privateKey, claims({ i: other.kid }));
    expect(await checkOffline({ qr }, { keys: null, revokedCards: none, now: NOW })).toMatchObject({ ok: true });
  });

  it('refuses revoked card numbers; chip UIDs pass (they cannot be judged offline)', async () => {
    const revoked = new Set(['CX00000007']);
    expect(await checkOffline({ cardNo: 'CX00000007' }, { keys, revokedCards: revoked })).toEqual({ ok: false, code: 'CHECKIN_CARD_REVOKED' });
    expect(await checkOffline({ cardNo: 'CX00000008' }, { keys, revokedCards: revoked })).toEqual({ ok: true });
    expect(await checkOffline({ cardUid: '04A1B2C3' }, { keys, revokedCards: revoked })).toEqual({ ok: true });
  });

  it('gives the same verdicts with @noble/ed25519 as with WebCrypto', async () => {
    const good = memberQr(key.privateKey, claims());
    const bad = memberQr(other.privateKey, claims());
    for (const verify of [webCryptoVerify, nobleVerify]) {
      expect(await checkOffline({ qr: good }, { keys, revokedCards: none, now: NOW, verify })).toMatchObject({ ok: true });
      expect(await checkOffline({ qr: bad }, { keys, revokedCards: none, now: NOW, verify })).toEqual({ ok: false, code: 'CHECKIN_QR_INVALID' });
    }
  });
});
