import { z } from 'zod';
import { PageQuery } from '../../core/http/pagination.ts';

const Code = z.string().trim().min(1).max(64);

/**
 * What identifies the member: at a kiosk a card number, a chip UID or the member's signed QR; on
 * the member's own phone (logged in) the activity's rotating QR or a remote check-in.
 */
export const Credential = z.union([
  z.strictObject({ cardNo: Code }),
  z.strictObject({ cardUid: Code }),
  z.strictObject({ qr: z.string().min(10).max(2000) }),
  z.strictObject({ activityQr: z.string().min(10).max(300) }),
  z.strictObject({ remote: z.literal(true) }),
]);

export const CheckinBody = z.strictObject({
  activityId: z.uuid(),
  credential: Credential,
  /** The client's id of this check-in (a retry sends the same one): letters, digits, - and _. */
  nonce: z.string().min(8).max(100).regex(/^[A-Za-z0-9_-]+$/),
  /** The device's clock when the scan happened. */
  deviceTime: z.iso.datetime({ offset: true }).optional(),
  deviceId: z.string().trim().min(1).max(100).optional(),
});

export const CheckinResult = z.object({
  status: z.literal('ok'),
  duplicate: z.boolean(),
  affiliated: z.boolean(),
  member: z.object({ name: z.string(), orgName: z.string() }),
});

export const BatchBody = z.strictObject({ items: z.array(CheckinBody).min(1).max(500) });
export const BatchResult = z.object({
  results: z.array(
    z.object({
      nonce: z.string(),
      status: z.enum(['ok', 'duplicate', 'error']),
      code: z.string().optional(),
      message: z.string().optional(),
      affiliated: z.boolean().optional(),
    }),
  ),
});

export const ManualCheckinBody = z.strictObject({ memberId: z.uuid(), reason: z.string().trim().min(2).max(500) });

export const ActivityQrDto = z.object({ code: z.string(), expiresAt: z.string(), refreshInSeconds: z.number().int() });
export const MemberQrDto = z.object({ qr: z.string(), expiresAt: z.string() });
export const PublicKeysDto = z.object({ keys: z.array(z.object({ kid: z.string(), publicKey: z.string(), retired: z.boolean() })) });

export const DeviceDto = z.object({
  id: z.string(),
  name: z.string(),
  keyId: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  place: z.string().nullable(),
  stationOrgId: z.string().nullable(),
  stationName: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export const CreateDeviceBody = z.strictObject({
  name: z.string().trim().min(1).max(50),
  orgId: z.uuid(),
  place: z.string().trim().max(200).nullable().optional(),
  stationOrgId: z.uuid().nullable().optional(),
});
export const DeviceSecretDto = z.object({ device: DeviceDto, keyId: z.string(), secret: z.string() });
export const DeviceListQuery = PageQuery;

export const KioskMeDto = z.object({
  device: z.object({ id: z.string(), name: z.string(), orgName: z.string(), place: z.string().nullable(), stationName: z.string().nullable() }),
  activities: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      type: z.string(),
      orgName: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      checkinFrom: z.string(),
      checkinUntil: z.string(),
      presentCount: z.number().int(),
      guestCount: z.number().int(),
    }),
  ),
});

export const RevocationsDto = z.object({ cards: z.array(z.string()), version: z.string() });
export const RevokeCardBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });
export const RevocationDto = z.object({ cardNo: z.string(), memberId: z.string().nullable(), memberName: z.string().nullable(), reason: z.string(), revokedAt: z.string() });
export const RevocationListQuery = PageQuery;

export const MyActivityDto = z.object({
  id: z.string(),
  title: z.string(),
  type: z.string(),
  orgName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  remoteAllowed: z.boolean(),
  checkinOpen: z.boolean(),
  checkedIn: z.boolean(),
  channel: z.string().nullable(),
  leave: z.enum(['pending', 'approved', 'rejected']).nullable(),
});
