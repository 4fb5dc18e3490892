import { boolean, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** Check-in channels. */
export const CHANNELS = ['card', 'chip', 'member_qr', 'activity_qr', 'remote', 'manual'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Check-ins: one per member and activity, one per client nonce; append-only (UPDATE/DELETE refused). */
export const checkins = pgTable(
  'checkins',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    activityId: uuid('activity_id').notNull(),
    memberId: uuid('member_id').notNull(),
    hostOrgId: uuid('host_org_id').notNull(),
    homeOrgId: uuid('home_org_id').notNull(),
    /** The member belongs to the host organization's subtree (隶属); otherwise a guest (非隶属). */
    affiliated: boolean('affiliated').notNull(),
    channel: text('channel').notNull().$type<Channel>(),
    deviceId: text('device_id'),
    deviceTime: timestamp('device_time', { withTimezone: true }),
    serverTime: timestamp('server_time', { withTimezone: true }).notNull().defaultNow(),
    nonce: text('nonce').notNull(),
    /** Uploaded late from a kiosk's offline queue. */
    offline: boolean('offline').notNull().default(false),
    recordedBy: uuid('recorded_by'),
    recordedName: text('recorded_name'),
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] }), unique().on(t.countyCode, t.activityId, t.memberId), unique().on(t.countyCode, t.nonce)],
);

/** Kiosks: an API client bound to an organization and a place. */
export const checkinDevices = pgTable(
  'checkin_devices',
  {
    countyCode: text('county_code').notNull(),
    clientId: uuid('client_id').notNull(),
    orgId: uuid('org_id').notNull(),
    place: text('place'),
    stationOrgId: uuid('station_org_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.clientId] })],
);

/** Revoked member cards, refused everywhere and synced to kiosks. */
export const cardRevocations = pgTable(
  'card_revocations',
  {
    countyCode: text('county_code').notNull(),
    cardNo: text('card_no').notNull(),
    memberId: uuid('member_id'),
    reason: text('reason').notNull(),
    revokedBy: uuid('revoked_by'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.cardNo] })],
);

/** The county's Ed25519 keys for member QR codes (private key encrypted). */
export const signingKeys = pgTable(
  'signing_keys',
  {
    countyCode: text('county_code').notNull(),
    kid: text('kid').notNull(),
    publicKey: text('public_key').notNull(),
    privateKeyEnc: text('private_key_enc').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.kid] })],
);
