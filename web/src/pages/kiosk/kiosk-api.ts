// Shapes of the kiosk's endpoints (server/modules/checkin): the device and its activities of the day,
// a check-in, the offline batch upload, the revocation list and the county's public keys.

/** What the kiosk read or was given: a card number, a chip UID, or a member's signed QR. */
export type Credential = { cardNo: string } | { cardUid: string } | { qr: string };

/** Body of POST /api/checkins (and one item of the batch). */
export type CheckinBody = {
  activityId: string;
  credential: Credential;
  /** The client nonce: the same scan uploaded twice is stored once. */
  nonce: string;
  /** The device clock when the card was read (ISO). */
  deviceTime: string;
  deviceId: string;
};

/** A masked member as a check-in answer shows them (张*明). */
export type CheckinMember = { name: string; orgName: string };

/** 201 (first time) or 200 (duplicate) of POST /api/checkins. */
export type CheckinOk = { status: 'ok'; duplicate: boolean; affiliated: boolean; member?: CheckinMember | null };

/** One result of POST /api/checkins/batch. */
export type BatchResult = { nonce: string; status: 'ok' | 'duplicate' | 'error'; code?: string; affiliated?: boolean };

/** The most items one batch carries. */
export const BATCH_MAX = 500;

/** An activity the device may take today. */
export type KioskActivity = {
  id: string;
  title: string;
  type: string;
  orgName: string;
  startsAt: string;
  endsAt: string;
  checkinFrom: string;
  checkinUntil: string;
};

/** GET /api/kiosk/me. */
export type KioskMe = {
  device: { id?: string; name: string; orgName: string; place: string | null; stationName?: string | null };
  activities: KioskActivity[];
};

/** GET /api/kiosk/revocations: revoked card numbers (as cards carry them). */
export type Revocations = { cards: string[]; version: string };

/** GET /api/checkin/keys: the county's Ed25519 public keys (raw, base64url). */
export type PublicKeys = { keys: { kid: string; publicKey: string }[] };

/** Check-in error codes the kiosk explains in plain words. */
export const CHECKIN_CODES = [
  'CHECKIN_UNKNOWN_CARD',
  'CHECKIN_CARD_REVOKED',
  'CHECKIN_OUTSIDE_WINDOW',
  'CHECKIN_DEVICE_PLACE',
  'CHECKIN_QR_INVALID',
  'CHECKIN_QR_EXPIRED',
  'CHECKIN_ACTIVITY_CANCELLED',
] as const;

/** A stable key of a credential (to spot the same card scanned twice while offline). */
export function credentialKey(c: Credential): string {
  if ('cardNo' in c) return `card:${c.cardNo}`;
  if ('cardUid' in c) return `uid:${c.cardUid.toUpperCase()}`;
  return `qr:${c.qr}`;
}
