// Offline checks of what a kiosk reads: a member's signed QR (server/modules/checkin/credentials.ts)
//   HY1.<base64url JSON payload>.<base64url Ed25519 signature of the payload bytes>
//   payload { c county, m member id, k card number, n masked name, x expiry (epoch s), i key id }
// is verified with the county's public keys (GET /api/checkin/keys, kept in IndexedDB) through
// WebCrypto's Ed25519 where the browser has it, else @noble/ed25519; revoked card numbers (GET
// /api/kiosk/revocations) are refused. Online, the server judges; these checks keep a kiosk that lost
// the server from queueing what the server would refuse.
import type { Credential, PublicKeys } from './kiosk-api';

/** The claims of a member QR. */
export type MemberQrClaims = { c: string; m: string; k: string | null; n: string; x: number; i: string };

const MEMBER_QR = /^HY1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

/** Whether a scan has the form of a member QR (checked no further). */
export const looksLikeMemberQr = (text: string) => MEMBER_QR.test(text.trim());

/** Whether a scan is an activity's rotating code (HYA.…): meant for members' phones, not for kiosks. */
export const isActivityQr = (text: string) => text.trim().startsWith('HYA.');

/** Decodes base64url (no padding) to bytes. */
export function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The parts of a member QR, or null when it is not one (bad form, bad JSON, missing claims). */
export function decodeMemberQr(text: string): { claims: MemberQrClaims; payload: Uint8Array; signature: Uint8Array } | null {
  const m = MEMBER_QR.exec(text.trim());
  if (!m) return null;
  try {
    const payload = fromBase64Url(m[1]);
    const claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload)) as MemberQrClaims;
    if (typeof claims !== 'object' || claims === null) return null;
    if (typeof claims.m !== 'string' || typeof claims.x !== 'number' || typeof claims.i !== 'string') return null;
    return { claims, payload, signature: fromBase64Url(m[2]) };
  } catch {
    return null;
  }
}

/** Verifies an Ed25519 signature with a raw 32-byte public key. */
export type Ed25519Verify = (publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array) => Promise<boolean>;

// Copies into a fresh ArrayBuffer (WebCrypto's BufferSource typing wants one).
const buf = (b: Uint8Array) => new Uint8Array(b).buffer as ArrayBuffer;

/** WebCrypto's Ed25519 (Chromium ≥ 137, Firefox ≥ 129, Safari ≥ 17, Node ≥ 18.4). */
export const webCryptoVerify: Ed25519Verify = async (publicKey, signature, message) => {
  const key = await crypto.subtle.importKey('raw', buf(publicKey), { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'Ed25519' }, key, buf(signature), buf(message));
};

/** @noble/ed25519 (pure JavaScript, SHA-512 from WebCrypto), loaded only when needed. */
export const nobleVerify: Ed25519Verify = async (publicKey, signature, message) => {
  const ed = await import('@noble/ed25519');
  try {
    return await ed.verifyAsync(signature, message, publicKey);
  } catch {
    return false;
  }
};

let chosen: Promise<Ed25519Verify> | null = null;

/** WebCrypto's Ed25519 when the browser has it, else @noble/ed25519 (decided once). */
export function ed25519Verify(): Promise<Ed25519Verify> {
  chosen ??= crypto.subtle
    .importKey('raw', new Uint8Array(32).fill(1), { name: 'Ed25519' }, false, ['verify'])
    .then(
      () => webCryptoVerify,
      () => nobleVerify,
    );
  return chosen;
}

/** What the kiosk can say without the server. */
export type LocalVerdict =
  | { ok: true; claims?: MemberQrClaims }
  | { ok: false; code: 'CHECKIN_QR_INVALID' | 'CHECKIN_QR_EXPIRED' | 'CHECKIN_CARD_REVOKED' };

/** What the offline checks know. */
export type OfflineKnowledge = {
  keys: PublicKeys | null;
  /** Revoked card numbers. */
  revokedCards: ReadonlySet<string>;
  now?: number;
  verify?: Ed25519Verify;
};

/**
 * Judges a credential offline: a revoked card number is refused; a member QR must carry a valid
 * signature by a known county key, be unexpired and not name a revoked card. Without stored keys a
 * well-formed QR passes (the server judges it on upload). Chip UIDs cannot be judged offline.
 */
export async function checkOffline(credential: Credential, k: OfflineKnowledge): Promise<LocalVerdict> {
  if ('cardNo' in credential) {
    return k.revokedCards.has(credential.cardNo) ? { ok: false, code: 'CHECKIN_CARD_REVOKED' } : { ok: true };
  }
  if ('cardUid' in credential) return { ok: true };
  const decoded = decodeMemberQr(credential.qr);
  if (!decoded) return { ok: false, code: 'CHECKIN_QR_INVALID' };
  const { claims, payload, signature } = decoded;
  if (k.keys?.keys.length) {
    const key = k.keys.keys.find((x) => x.kid === claims.i);
    if (!key) return { ok: false, code: 'CHECKIN_QR_INVALID' };
    const verify = k.verify ?? (await ed25519Verify());
    let valid = false;
    try {
      valid = await verify(fromBase64Url(key.publicKey), signature, payload);
    } catch {
      valid = false;
    }
    if (!valid) return { ok: false, code: 'CHECKIN_QR_INVALID' };
  }
  if (claims.x * 1000 < (k.now ?? Date.now())) return { ok: false, code: 'CHECKIN_QR_EXPIRED' };
  if (claims.k && k.revokedCards.has(claims.k)) return { ok: false, code: 'CHECKIN_CARD_REVOKED' };
  return { ok: true, claims };
}
