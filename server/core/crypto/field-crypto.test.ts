import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blindIndex, decryptField, encryptField, needsReencrypt } from './field-crypto.ts';
import { generateKeyRingJson, type KeyRing, parseKeyRing } from './keys.ts';

const hex = (n: number) => randomBytes(n).toString('hex');
const encKey = () => ({ enc: hex(16), mac: hex(32) });
const ring = (): KeyRing => parseKeyRing(generateKeyRingJson());

/** Rewrites one dot-separated part of a token. */
function alter(token: string, part: 0 | 1 | 2, f: (b: Buffer) => Buffer): string {
  const parts = token.split('.');
  parts[part] = f(Buffer.from(parts[part], 'base64url')).toString('base64url');
  return parts.join('.');
}
const flip = (i: number) => (b: Buffer) => {
  const c = Buffer.from(b);
  c[i] ^= 0x01;
  return c;
};

describe('encryptField / decryptField (SECURITY.md 10)', () => {
  const k = ring();

  it('round-trips ID numbers, phones, Chinese text and the empty string', () => {
    for (const v of ['330522198001011234', '13812345678', '浙江省湖州市长兴县雉城街道', '', 'x'.repeat(1000)])
      expect(decryptField(k, encryptField(k, v))).toBe(v);
  });

  it('uses a random IV: the same value encrypts differently each time', () => {
    const a = encryptField(k, '330522198001011234');
    const b = encryptField(k, '330522198001011234');
    expect(a).not.toBe(b);
    expect(a.split('.')[1].slice(0, 22)).not.toBe(b.split('.')[1].slice(0, 22));
  });

  it('does not contain the plaintext', () => {
    const t = encryptField(k, '330522198001011234');
    expect(t).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(t).not.toContain('330522198001011234');
    expect(Buffer.from(t.split('.')[1], 'base64url').toString('latin1')).not.toContain('330522');
  });

  it('throws when the body is altered anywhere (IV, first block, last block)', () => {
    const t = encryptField(k, '330522198001011234');
    const len = Buffer.from(t.split('.')[1], 'base64url').length;
    for (const i of [0, 15, 16, len - 1]) expect(() => decryptField(k, alter(t, 1, flip(i))), `byte ${i}`).toThrow();
  });

  it('throws when the body is truncated or extended', () => {
    const t = encryptField(k, '330522198001011234');
    expect(() => decryptField(k, alter(t, 1, (b) => b.subarray(0, b.length - 16)))).toThrow();
    expect(() => decryptField(k, alter(t, 1, (b) => Buffer.concat([b, Buffer.alloc(16)])))).toThrow();
  });

  it('throws when the MAC is altered, truncated or missing', () => {
    const t = encryptField(k, '13812345678');
    expect(() => decryptField(k, alter(t, 2, flip(0)))).toThrow(/authentication/);
    expect(() => decryptField(k, alter(t, 2, (b) => b.subarray(0, 16)))).toThrow();
    expect(() => decryptField(k, t.split('.').slice(0, 2).join('.'))).toThrow();
    expect(() => decryptField(k, `${t.split('.').slice(0, 2).join('.')}.`)).toThrow();
  });

  it('throws when the version prefix is altered, even to another known key', () => {
    const two = parseKeyRing(JSON.stringify({ current: 1, enc: { '1': encKey(), '2': encKey() }, index: hex(32), audit: hex(32) }));
    const t = encryptField(two, '13812345678');
    expect(() => decryptField(two, t.replace(/^v1\./, 'v2.'))).toThrow();
    expect(() => decryptField(two, t.replace(/^v1\./, 'x1.'))).toThrow();
    expect(() => decryptField(two, t.replace(/^v1\./, '1.'))).toThrow();
  });

  it('throws for an unknown key version', () => {
    const t = encryptField(k, '13812345678');
    expect(() => decryptField(k, t.replace(/^v1\./, 'v7.'))).toThrow(/unknown-key/);
  });

  it('throws under a different key ring (keys are not interchangeable)', () => {
    expect(() => decryptField(ring(), encryptField(k, '13812345678'))).toThrow();
  });

  it('throws on garbage', () => {
    for (const g of ['', 'v1', 'v1..', '13812345678', 'v1.AAAA.AAAA']) expect(() => decryptField(k, g), g).toThrow();
  });
});

describe('key rotation', () => {
  const k1 = encKey();
  const k2 = encKey();
  const common = { index: hex(32), audit: hex(32) };
  const before = parseKeyRing(JSON.stringify({ current: 1, enc: { '1': k1 }, ...common }));
  const after = parseKeyRing(JSON.stringify({ current: 2, enc: { '1': k1, '2': k2 }, ...common }));

  it('decrypts ciphertexts made with the old key after rotation', () => {
    const old = encryptField(before, '330522198001011234');
    expect(decryptField(after, old)).toBe('330522198001011234');
  });

  it('encrypts new values with the current key and flags old ones for re-encryption', () => {
    const old = encryptField(before, '13812345678');
    const fresh = encryptField(after, '13812345678');
    expect(fresh.startsWith('v2.')).toBe(true);
    expect(needsReencrypt(after, old)).toBe(true);
    expect(needsReencrypt(after, fresh)).toBe(false);
    expect(needsReencrypt(before, old)).toBe(false);
    // The old ring cannot read what the new key wrote.
    expect(() => decryptField(before, fresh)).toThrow();
  });

  it('does not confuse v1 with v12 when deciding re-encryption', () => {
    const r12 = parseKeyRing(JSON.stringify({ current: 12, enc: { '1': k1, '12': k2 }, ...common }));
    expect(needsReencrypt(r12, encryptField(before, 'a'))).toBe(true);
    expect(needsReencrypt(r12, encryptField(r12, 'a'))).toBe(false);
  });

  it('keeps the blind index stable across an encryption-key rotation', () => {
    expect(blindIndex(after, 'id', '330522198001011234')).toBe(blindIndex(before, 'id', '330522198001011234'));
  });
});

describe('blindIndex', () => {
  const k = ring();

  it('is deterministic for exact lookup', () => {
    expect(blindIndex(k, 'id', '330522198001011234')).toBe(blindIndex(k, 'id', '330522198001011234'));
    expect(blindIndex(k, 'id', '330522198001011234')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs for different values', () => {
    expect(blindIndex(k, 'id', '330522198001011234')).not.toBe(blindIndex(k, 'id', '330522198001011235'));
  });

  it('separates kinds: the same digits as an ID and as a phone index differently', () => {
    expect(blindIndex(k, 'id', '13812345678')).not.toBe(blindIndex(k, 'phone', '13812345678'));
  });

  it('is keyed: a different index key gives a different index (no dictionary across deployments)', () => {
    expect(blindIndex(ring(), 'phone', '13812345678')).not.toBe(blindIndex(k, 'phone', '13812345678'));
  });

  it('is not a plain hash of the value', async () => {
    const { createHash } = await import('node:crypto');
    const v = '13812345678';
    const idx = blindIndex(k, 'phone', v);
    for (const alg of ['sha256', 'sm3']) {
      expect(idx).not.toBe(createHash(alg).update(v).digest('hex'));
      expect(idx).not.toBe(createHash(alg).update(`phone:${v}`).digest('hex'));
    }
  });
});
