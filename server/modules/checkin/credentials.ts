import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, timingSafeEqual, verify } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { decryptField, encryptField } from '../../core/crypto/field-crypto.ts';
import type { KeyRing } from '../../core/crypto/keys.ts';
import { AppError } from '../../core/errors/app-error.ts';
import type { Services } from '../../core/services.ts';
import { signingKeys } from './checkin.tables.ts';

// Two QR codes take part in check-in:
// - the member's QR (phone app): `HY1.<payload>.<signature>`, an Ed25519 signature by the county's
//   key over a short JSON payload { c county, m member id, k card number, n masked name, x expiry
//   (epoch s), i key id }; kiosks verify it offline with the public key from GET /api/checkin/keys;
// - the activity's rotating QR (shown by the host): `HYA.<activity id>.<slot>.<mac>`, an HMAC of the
//   activity and the 30-second slot; a logged-in member's phone sends it back.

/** A member QR is valid this long after it is issued (the phone refreshes it). */
export const MEMBER_QR_TTL_S = 300;
/** The activity QR changes every slot; the current and the previous slot are accepted. */
export const ACTIVITY_QR_SLOT_MS = 30_000;

const b64u = (b: Buffer) => b.toString('base64url');

type CountyKey = { kid: string; publicKey: string; privateKey: KeyObject; publicKeyObject: KeyObject };
const keyCache = new WeakMap<Services, Map<string, Promise<CountyKey>>>();

/** The county's current signing key, created (and stored encrypted) on first use. */
export function countySigningKey(services: Services, countyCode: string): Promise<CountyKey> {
  let m = keyCache.get(services);
  if (!m) {
    m = new Map();
    keyCache.set(services, m);
  }
  let p = m.get(countyCode);
  if (!p) {
    p = loadOrCreate(services, countyCode);
    m.set(countyCode, p);
    p.catch(() => m?.delete(countyCode));
  }
  return p;
}

async function loadOrCreate(services: Services, countyCode: string): Promise<CountyKey> {
  const find = () =>
    services.db
      .select()
      .from(signingKeys)
      .where(and(eq(signingKeys.countyCode, countyCode), isNull(signingKeys.retiredAt)))
      .orderBy(signingKeys.createdAt)
      .limit(1);
  let [row] = await find();
  if (!row) {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = publicKey.export({ format: 'jwk' }).x as string;
    const kid = `${countyCode}-${raw.slice(0, 8)}`;
    const der = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    await services.db.insert(signingKeys).values({ countyCode, kid, publicKey: raw, privateKeyEnc: encryptField(services.keys, der) }).onConflictDoNothing();
    [row] = await find();
  }
  const privateKey = createPrivateKey({ key: Buffer.from(decryptField(services.keys, row.privateKeyEnc), 'base64'), format: 'der', type: 'pkcs8' });
  const publicKeyObject = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: row.publicKey }, format: 'jwk' });
  return { kid: row.kid, publicKey: row.publicKey, privateKey, publicKeyObject };
}

/** The public keys kiosks use to verify member QR codes offline. */
export async function publicKeys(services: Services, countyCode: string) {
  const rows = await services.db.select().from(signingKeys).where(eq(signingKeys.countyCode, countyCode));
  if (rows.length === 0) await countySigningKey(services, countyCode);
  const all = rows.length ? rows : await services.db.select().from(signingKeys).where(eq(signingKeys.countyCode, countyCode));
  return all.map((r) => ({ kid: r.kid, publicKey: r.publicKey, retired: r.retiredAt !== null }));
}

/** The claims of a member QR. */
export type MemberQrClaims = { c: string; m: string; k: string | null; n: string; x: number; i: string };

/** Issues a member QR valid for MEMBER_QR_TTL_S. */
export async function issueMemberQr(services: Services, claims: Omit<MemberQrClaims, 'x' | 'i'>, now = Date.now()) {
  const key = await countySigningKey(services, claims.c);
  const full: MemberQrClaims = { ...claims, x: Math.floor(now / 1000) + MEMBER_QR_TTL_S, i: key.kid };
  const payload = Buffer.from(JSON.stringify(full));
  const sig = sign(null, payload, key.privateKey);
  return { qr: `HY1.${b64u(payload)}.${b64u(sig)}`, expiresAt: new Date(full.x * 1000).toISOString() };
}

/**
 * Verifies a member QR of this county: a known key's signature, not expired (a late upload from a
 * kiosk's offline queue is judged at its device time). Throws CHECKIN_QR_INVALID / _EXPIRED.
 */
export async function verifyMemberQr(services: Services, countyCode: string, qr: string, at: Date): Promise<MemberQrClaims> {
  const parts = qr.split('.');
  if (parts.length !== 3 || parts[0] !== 'HY1') throw new AppError(422, 'CHECKIN_QR_INVALID');
  let claims: MemberQrClaims;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as MemberQrClaims;
  } catch {
    throw new AppError(422, 'CHECKIN_QR_INVALID');
  }
  if (typeof claims !== 'object' || claims === null || claims.c !== countyCode || typeof claims.m !== 'string' || typeof claims.x !== 'number')
    throw new AppError(422, 'CHECKIN_QR_INVALID');
  const key = await countySigningKey(services, countyCode);
  let pub = key.kid === claims.i ? key.publicKeyObject : null;
  if (!pub) {
    const [row] = await services.db.select().from(signingKeys).where(and(eq(signingKeys.countyCode, countyCode), eq(signingKeys.kid, String(claims.i))));
    if (!row) throw new AppError(422, 'CHECKIN_QR_INVALID');
    pub = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: row.publicKey }, format: 'jwk' });
  }
  if (!verify(null, Buffer.from(parts[1], 'base64url'), pub, Buffer.from(parts[2], 'base64url'))) throw new AppError(422, 'CHECKIN_QR_INVALID');
  if (claims.x * 1000 < at.getTime()) throw new AppError(422, 'CHECKIN_QR_EXPIRED');
  return claims;
}

const activityMac = (keys: KeyRing, countyCode: string, activityId: string, slot: number) =>
  b64u(createHmac('sha256', createHmac('sha256', keys.index).update('activity-qr').digest()).update(`${countyCode}|${activityId}|${slot}`).digest().subarray(0, 16));

/** The activity's current rotating QR. */
export function activityQr(keys: KeyRing, countyCode: string, activityId: string, now = Date.now()) {
  const slot = Math.floor(now / ACTIVITY_QR_SLOT_MS);
  const next = (slot + 1) * ACTIVITY_QR_SLOT_MS;
  return {
    code: `HYA.${activityId}.${slot}.${activityMac(keys, countyCode, activityId, slot)}`,
    expiresAt: new Date(next + ACTIVITY_QR_SLOT_MS).toISOString(),
    refreshInSeconds: Math.max(1, Math.ceil((next - now) / 1000)),
  };
}

/** Checks an activity QR scanned by a member: this activity, this or the previous slot, a valid MAC. */
export function verifyActivityQr(keys: KeyRing, countyCode: string, activityId: string, code: string, now = Date.now()) {
  const parts = code.split('.');
  if (parts.length !== 4 || parts[0] !== 'HYA' || parts[1] !== activityId || !/^\d{1,15}$/.test(parts[2])) throw new AppError(422, 'CHECKIN_QR_INVALID');
  const slot = Number(parts[2]);
  const expected = Buffer.from(activityMac(keys, countyCode, activityId, slot));
  const given = Buffer.from(parts[3]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new AppError(422, 'CHECKIN_QR_INVALID');
  const current = Math.floor(now / ACTIVITY_QR_SLOT_MS);
  if (slot > current || slot < current - 1) throw new AppError(422, 'CHECKIN_QR_EXPIRED');
}
