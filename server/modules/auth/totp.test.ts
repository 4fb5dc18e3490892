import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, newTotpSecret, otpauthUrl, totpAt, totpStep, verifyTotp } from './totp.ts';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const SEED = Buffer.from('12345678901234567890', 'ascii');
const SECRET = base32Encode(SEED);

describe('base32 (RFC 4648)', () => {
  it('encodes the RFC 6238 seed as authenticator apps expect', () => {
    expect(SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('matches the RFC 4648 test vectors (without padding)', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
    for (const [plain, enc] of vectors) {
      expect(base32Encode(Buffer.from(plain)), plain).toBe(enc);
      expect(base32Decode(enc).toString(), enc).toBe(plain);
    }
  });

  it('round-trips random bytes of every length', () => {
    for (let n = 0; n <= 40; n++) {
      const b = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n * 11) & 255));
      expect(base32Decode(base32Encode(b)).equals(b), String(n)).toBe(true);
    }
  });

  it('decodes lower case, spaces and padding as typed by users', () => {
    expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq').equals(SEED)).toBe(true);
    expect(base32Decode('MZXW6YQ=').toString()).toBe('foob');
  });

  it('refuses characters outside the alphabet', () => {
    expect(() => base32Decode('MZXW1')).toThrow(/invalid base32/);
    expect(() => base32Decode('MZXW8')).toThrow(/invalid base32/);
  });
});

describe('TOTP codes (RFC 6238, SHA-1, 30 s, 6 digits)', () => {
  // Appendix B lists 8-digit codes; the 6-digit code is the last six digits.
  const vectors: [number, string][] = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];

  it('reproduces the RFC 6238 test vectors', () => {
    for (const [t, code8] of vectors) expect(totpAt(SECRET, Math.floor(t / 30)), String(t)).toBe(code8.slice(2));
  });

  it('gives 287082 at T=59 s and 081804 at T=1111111109 s (leading zero kept)', () => {
    expect(totpAt(SECRET, totpStep(59_000))).toBe('287082');
    expect(totpAt(SECRET, totpStep(1_111_111_109_000))).toBe('081804');
  });

  it('agrees with an independent HOTP implementation for random secrets', () => {
    const hotp = (key: Buffer, counter: number) => {
      const msg = Buffer.alloc(8);
      msg.writeBigUInt64BE(BigInt(counter));
      const h = createHmac('sha1', key).update(msg).digest();
      const o = h[19] & 0xf;
      return String(h.readUInt32BE(o) & 0x7fffffff).slice(-6).padStart(6, '0');
    };
    for (let i = 0; i < 50; i++) {
      const secret = newTotpSecret();
      const step = 50_000_000 + i * 7919;
      expect(totpAt(secret, step)).toBe(hotp(base32Decode(secret), step).padStart(6, '0'));
    }
  });

  it('makes 160-bit secrets, different each time', () => {
    const a = newTotpSecret();
    expect(base32Decode(a)).toHaveLength(20);
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(a);
  });
});

describe('verifyTotp', () => {
  const now = 1_111_111_109_000; // step 37037036
  const step = totpStep(now);

  it('accepts the current code and returns its step', () => {
    expect(verifyTotp(SECRET, '081804', null, now)).toBe(step);
  });

  it('accepts the previous and next step (±1 window for clock drift)', () => {
    expect(verifyTotp(SECRET, totpAt(SECRET, step - 1), null, now)).toBe(step - 1);
    expect(verifyTotp(SECRET, totpAt(SECRET, step + 1), null, now)).toBe(step + 1);
  });

  it('refuses codes two steps away', () => {
    expect(verifyTotp(SECRET, totpAt(SECRET, step - 2), null, now)).toBeNull();
    expect(verifyTotp(SECRET, totpAt(SECRET, step + 2), null, now)).toBeNull();
  });

  it('refuses a replayed code: the step at or before lastStep is spent', () => {
    const used = verifyTotp(SECRET, '081804', null, now);
    expect(used).toBe(step);
    expect(verifyTotp(SECRET, '081804', used, now)).toBeNull();
    // Still refused 20 s later, while the code is inside the window.
    expect(verifyTotp(SECRET, '081804', used, now + 20_000)).toBeNull();
    // An older code inside the window is refused once a newer one was used.
    expect(verifyTotp(SECRET, totpAt(SECRET, step - 1), used, now)).toBeNull();
    // The next step's code still works.
    expect(verifyTotp(SECRET, totpAt(SECRET, step + 1), used, now)).toBe(step + 1);
  });

  it('refuses malformed and wrong codes', () => {
    for (const c of ['', '08180', '0818040', '08180a', ' 081804', '94287082'])
      expect(verifyTotp(SECRET, c, null, now), c).toBeNull();
    const wrong = String((Number('081804') + 1) % 1_000_000).padStart(6, '0');
    if (![step - 1, step, step + 1].some((s) => totpAt(SECRET, s) === wrong)) expect(verifyTotp(SECRET, wrong, null, now)).toBeNull();
  });

  it('refuses the code of another secret', () => {
    expect(verifyTotp(newTotpSecret(), '081804', null, now)).toBeNull();
  });
});

describe('otpauthUrl', () => {
  it('names the secret, issuer, algorithm, digits and period', () => {
    const u = new URL(otpauthUrl(SECRET, 'county'));
    expect(u.protocol).toBe('otpauth:');
    expect(u.searchParams.get('secret')).toBe(SECRET);
    expect(u.searchParams.get('issuer')).toBe('红云 Hongyun');
    expect(u.searchParams.get('algorithm')).toBe('SHA1');
    expect(u.searchParams.get('digits')).toBe('6');
    expect(u.searchParams.get('period')).toBe('30');
    expect(decodeURIComponent(u.pathname)).toContain('county');
  });
});
