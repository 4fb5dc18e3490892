import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { KeyRing } from './keys.ts';

// SM4-CBC + HMAC-SM3, encrypt-then-MAC (GB/T 39786 commercial cryptography). Format:
//   v<version>.<base64url(iv || ciphertext)>.<base64url(hmac)>
// The MAC covers the version prefix too, so a ciphertext cannot be replayed under another key.

/** Encrypts one sensitive field value. */
export function encryptField(ring: KeyRing, plaintext: string): string {
  const key = ring.enc.get(ring.current);
  if (!key) throw new Error('no current encryption key');
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-cbc', key.enc, iv);
  const body = Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]);
  const head = `v${ring.current}`;
  const mac = createHmac('sm3', key.mac).update(head).update(body).digest();
  return `${head}.${body.toString('base64url')}.${mac.toString('base64url')}`;
}

/** Decrypts a value made by encryptField; throws when it was altered or the key is unknown. */
export function decryptField(ring: KeyRing, token: string): string {
  const [head, b64, macB64] = token.split('.');
  const version = Number(head?.slice(1));
  const key = ring.enc.get(version);
  if (!head?.startsWith('v') || !key || !b64 || !macB64) throw new Error('malformed or unknown-key ciphertext');
  const body = Buffer.from(b64, 'base64url');
  const want = createHmac('sm3', key.mac).update(head).update(body).digest();
  const got = Buffer.from(macB64, 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want)) throw new Error('ciphertext authentication failed');
  const decipher = createDecipheriv('sm4-cbc', key.enc, body.subarray(0, 16));
  return Buffer.concat([decipher.update(body.subarray(16)), decipher.final()]).toString('utf8');
}

/** Keyed blind index for exact lookup of an encrypted field; `kind` separates ID numbers from phones. */
export function blindIndex(ring: KeyRing, kind: 'id' | 'phone' | string, normalized: string): string {
  return createHmac('sm3', ring.index).update(`${kind}:${normalized}`).digest('hex');
}

/** Re-encrypts under the current key when a value was made with an older version (key rotation). */
export function needsReencrypt(ring: KeyRing, token: string): boolean {
  return !token.startsWith(`v${ring.current}.`);
}
