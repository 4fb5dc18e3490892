import { randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, gte, lt, or } from 'drizzle-orm';
import type { z } from 'zod';
import { todayIn } from '../../../common/calendar.ts';
import type { Ctx } from '../../core/access/context.ts';
import { inSubtree } from '../../core/access/scope.ts';
import { audit } from '../../core/audit/audit.ts';
import { encryptField } from '../../core/crypto/field-crypto.ts';
import type { KeyRing } from '../../core/crypto/keys.ts';
import { AppError, badRequest, conflict, notFound } from '../../core/errors/app-error.ts';
import { limitOffset } from '../../core/http/pagination.ts';
import { uuidv7 } from '../../core/ids.ts';
import { activities } from '../activities/activities.tables.ts';
import { apiClients } from '../api-clients/api-clients.tables.ts';
import { membersRepo } from '../members/members.repo.ts';
import { members } from '../members/members.tables.ts';
import { orgsRepo } from '../orgs/orgs.repo.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { cardRevocations, checkinDevices } from './checkin.tables.ts';
import type { CreateDeviceBody } from './checkin.schemas.ts';
import { forgetDevice } from './checkin.service.ts';

/** The routes a kiosk credential may call (and nothing else). */
export const KIOSK_ROUTES = ['POST /api/checkins', 'POST /api/checkins/batch', 'GET /api/kiosk/me', 'GET /api/kiosk/revocations'];

const stations = organizations;

/** The public key id of a kiosk credential from 9 random bytes. */
export const kioskKeyId = (bytes: Uint8Array) => `hyk_${Buffer.from(bytes).toString('base64url')}`;

/** What registers a kiosk: its credential (id, key id, secret) and where it stands. */
export type KioskSpec = {
  countyCode: string;
  id: string;
  keyId: string;
  secret: string;
  name: string;
  orgId: string;
  place: string | null;
  stationOrgId: string | null;
  createdBy: string | null;
  createdAt?: Date;
  lastUsedAt?: Date | null;
};

/**
 * The rows of a kiosk: an API client limited to KIOSK_ROUTES (the secret encrypted) and the device
 * bound to its organization, place and 红色驿站. The demo county generator registers its kiosks
 * with the same rows.
 */
export function kioskRows(keys: KeyRing, k: KioskSpec) {
  const at = k.createdAt ? { createdAt: k.createdAt } : {};
  return {
    client: {
      countyCode: k.countyCode, id: k.id, keyId: k.keyId, name: k.name, orgId: k.orgId, secretEnc: encryptField(keys, k.secret),
      routes: KIOSK_ROUTES, createdBy: k.createdBy, lastUsedAt: k.lastUsedAt ?? null, ...at,
    },
    device: { countyCode: k.countyCode, clientId: k.id, orgId: k.orgId, place: k.place, stationOrgId: k.stationOrgId, ...at },
  };
}

/** Kiosk devices in the caller's scope (county and township administrators register them). */
export function devicesService(ctx: Ctx) {
  const county = ctx.actor?.countyCode ?? '';
  const db = ctx.services.db;
  const scoped = and(eq(checkinDevices.countyCode, county), inSubtree(organizations.path, ctx.scope('checkin.device.manage')));
  const select = () =>
    db
      .select({ d: checkinDevices, c: apiClients, orgName: organizations.name })
      .from(checkinDevices)
      .innerJoin(apiClients, and(eq(apiClients.countyCode, checkinDevices.countyCode), eq(apiClients.id, checkinDevices.clientId)))
      .innerJoin(organizations, and(eq(organizations.countyCode, checkinDevices.countyCode), eq(organizations.id, checkinDevices.orgId)));
  const dto = async (r: { d: typeof checkinDevices.$inferSelect; c: typeof apiClients.$inferSelect; orgName: string }) => {
    const [s] = r.d.stationOrgId
      ? await db.select({ name: stations.name }).from(stations).where(and(eq(stations.countyCode, county), eq(stations.id, r.d.stationOrgId)))
      : [];
    return {
      id: r.d.clientId,
      name: r.c.name,
      keyId: r.c.keyId,
      orgId: r.d.orgId,
      orgName: r.orgName,
      place: r.d.place,
      stationOrgId: r.d.stationOrgId,
      stationName: s?.name ?? null,
      status: r.c.status,
      createdAt: r.d.createdAt.toISOString(),
      lastUsedAt: r.c.lastUsedAt?.toISOString() ?? null,
    };
  };
  const byId = async (id: string) => {
    const [r] = await select().where(and(scoped, eq(checkinDevices.clientId, id)));
    if (!r) throw notFound();
    return r;
  };
  return {
    async list(q: { page: number; pageSize: number }) {
      const { limit, offset } = limitOffset(q);
      const rows = await select().where(scoped).orderBy(desc(checkinDevices.createdAt)).limit(limit).offset(offset);
      const [c] = await db
        .select({ n: count() })
        .from(checkinDevices)
        .innerJoin(organizations, and(eq(organizations.countyCode, checkinDevices.countyCode), eq(organizations.id, checkinDevices.orgId)))
        .where(scoped);
      return { items: await Promise.all(rows.map(dto)), total: Number(c.n) };
    },
    /** Every kiosk in scope for an export (count and rows). */
    forExport() {
      return {
        count: async () =>
          Number(
            (
              await db
                .select({ n: count() })
                .from(checkinDevices)
                .innerJoin(organizations, and(eq(organizations.countyCode, checkinDevices.countyCode), eq(organizations.id, checkinDevices.orgId)))
                .where(scoped)
            )[0].n,
          ),
        rows: async (limit: number) => Promise.all((await select().where(scoped).orderBy(desc(checkinDevices.createdAt)).limit(limit)).map(dto)),
      };
    },
    /** Registers a kiosk: an API client limited to the kiosk routes, bound to the organization and place. */
    async create(body: z.infer<typeof CreateDeviceBody>) {
      const org = await orgsRepo(ctx, 'checkin.device.manage').byId(body.orgId);
      if (org?.status !== 'active') throw notFound();
      if (body.stationOrgId) {
        const [s] = await db.select({ level: stations.level }).from(stations).where(and(eq(stations.countyCode, county), eq(stations.id, body.stationOrgId)));
        if (s?.level !== 'red_station') throw badRequest('ACTIVITY_STATION_INVALID', [{ path: 'body.stationOrgId', code: 'ACTIVITY_STATION_INVALID' }]);
      }
      const id = uuidv7();
      const secret = randomBytes(32).toString('base64url');
      const rows = kioskRows(ctx.services.keys, {
        countyCode: county, id, keyId: kioskKeyId(randomBytes(9)), secret, name: body.name, orgId: org.id,
        place: body.place ?? null, stationOrgId: body.stationOrgId ?? null, createdBy: ctx.actor?.accountId ?? null,
      });
      await db.transaction(async (tx) => {
        await tx.insert(apiClients).values(rows.client);
        await tx.insert(checkinDevices).values(rows.device);
        await audit(ctx, tx, { action: 'checkin.device.create', result: 'success', objectType: 'api_client', objectId: id, orgId: org.id, detail: { name: body.name, place: body.place } });
      });
      return { device: await dto(await byId(id)), keyId: rows.client.keyId, secret };
    },
    async disable(id: string) {
      const r = await byId(id);
      await db.transaction(async (tx) => {
        await tx.update(apiClients).set({ status: 'disabled' }).where(and(eq(apiClients.countyCode, county), eq(apiClients.id, id)));
        await audit(ctx, tx, { action: 'checkin.device.disable', result: 'success', objectType: 'api_client', objectId: id, orgId: r.d.orgId });
      });
      forgetDevice(ctx.services, id);
      return dto(await byId(id));
    },
  };
}

const startOfShanghaiDay = (now: Date) => new Date(`${todayIn(now)}T00:00:00+08:00`);

/** The calling kiosk and the activities it may take today (its organization's subtree or its 红色驿站). */
export async function kioskMe(ctx: Ctx) {
  const actor = ctx.actor;
  if (!actor) throw new AppError(401, 'UNAUTHENTICATED');
  const db = ctx.services.db;
  const [d] = await db
    .select({ d: checkinDevices, name: apiClients.name, orgName: organizations.name, orgPath: organizations.path })
    .from(checkinDevices)
    .innerJoin(apiClients, and(eq(apiClients.countyCode, checkinDevices.countyCode), eq(apiClients.id, checkinDevices.clientId)))
    .innerJoin(organizations, and(eq(organizations.countyCode, checkinDevices.countyCode), eq(organizations.id, checkinDevices.orgId)))
    .where(and(eq(checkinDevices.countyCode, actor.countyCode), eq(checkinDevices.clientId, actor.accountId)));
  if (!d) throw new AppError(403, 'CHECKIN_DEVICE_UNREGISTERED');
  const [station] = d.d.stationOrgId
    ? await db.select({ name: stations.name }).from(stations).where(and(eq(stations.countyCode, actor.countyCode), eq(stations.id, d.d.stationOrgId)))
    : [];
  const from = startOfShanghaiDay(new Date());
  const to = new Date(from.getTime() + 86_400_000);
  const rows = await db
    .select({ a: activities, orgName: organizations.name })
    .from(activities)
    .innerJoin(organizations, and(eq(organizations.countyCode, activities.countyCode), eq(organizations.id, activities.orgId)))
    .where(
      and(
        eq(activities.countyCode, actor.countyCode),
        eq(activities.state, 'planned'),
        lt(activities.checkinFrom, to),
        gte(activities.checkinUntil, from),
        or(inSubtree(organizations.path, [d.orgPath]), d.d.stationOrgId ? eq(activities.stationOrgId, d.d.stationOrgId) : undefined),
      ),
    )
    .orderBy(asc(activities.startsAt))
    .limit(200);
  return {
    device: { id: d.d.clientId, name: d.name, orgName: d.orgName, place: d.d.place, stationName: station?.name ?? null },
    activities: rows.map((r) => ({
      id: r.a.id,
      title: r.a.title,
      type: r.a.type,
      orgName: r.orgName,
      startsAt: r.a.startsAt.toISOString(),
      endsAt: r.a.endsAt.toISOString(),
      checkinFrom: r.a.checkinFrom.toISOString(),
      checkinUntil: r.a.checkinUntil.toISOString(),
      presentCount: r.a.presentCount,
      guestCount: r.a.guestCount,
    })),
  };
}

/** The county's revoked cards, for kiosks to refuse them offline; `version` changes with the list. */
export async function revocationList(ctx: Ctx) {
  const rows = await ctx.services.db
    .select({ c: cardRevocations.cardNo, at: cardRevocations.revokedAt })
    .from(cardRevocations)
    .where(eq(cardRevocations.countyCode, ctx.actor?.countyCode ?? ''))
    .orderBy(asc(cardRevocations.cardNo));
  const latest = rows.reduce((m, r) => Math.max(m, r.at.getTime()), 0);
  return { cards: rows.map((r) => r.c), version: `${rows.length}-${latest}` };
}

const maskCard = (c: string) => (c.length <= 4 ? c : `${'*'.repeat(c.length - 4)}${c.slice(-4)}`);

/** 挂失/注销: revokes a member's card (in write scope); every kiosk refuses it from then on. */
export async function revokeCard(ctx: Ctx, memberId: string, reason: string) {
  return ctx.services.db.transaction(async (tx) => {
    const m = await membersRepo(ctx, 'member.write', tx).byId(memberId, true);
    if (!m) throw notFound();
    if (!m.m.cardNo) throw conflict('CARD_NOT_ISSUED');
    const inserted = await tx
      .insert(cardRevocations)
      .values({ countyCode: m.m.countyCode, cardNo: m.m.cardNo, memberId, reason, revokedBy: ctx.actor?.accountId ?? null })
      .onConflictDoNothing()
      .returning({ c: cardRevocations.cardNo });
    if (inserted.length === 0) throw conflict('CARD_ALREADY_REVOKED');
    await audit(ctx, tx, { action: 'member.card.revoke', result: 'success', objectType: 'member', objectId: memberId, orgId: m.m.orgId, reason });
    return { cardNo: maskCard(m.m.cardNo), memberId, memberName: m.m.name, reason, revokedAt: new Date().toISOString() };
  });
}

/** Revoked cards of members in the caller's scope for a permission (card numbers masked). */
export async function listRevocations(ctx: Ctx, q: { page: number; pageSize: number }, perm = 'member.read') {
  const county = ctx.actor?.countyCode ?? '';
  const { limit, offset } = limitOffset(q);
  const where = and(eq(cardRevocations.countyCode, county), inSubtree(organizations.path, ctx.scope(perm)));
  const from = () =>
    ctx.services.db
      .select({ r: cardRevocations, name: members.name })
      .from(cardRevocations)
      .innerJoin(members, and(eq(members.countyCode, cardRevocations.countyCode), eq(members.id, cardRevocations.memberId)))
      .innerJoin(organizations, and(eq(organizations.countyCode, members.countyCode), eq(organizations.id, members.orgId)));
  const rows = await from().where(where).orderBy(desc(cardRevocations.revokedAt)).limit(limit).offset(offset);
  const [c] = await ctx.services.db
    .select({ n: count() })
    .from(cardRevocations)
    .innerJoin(members, and(eq(members.countyCode, cardRevocations.countyCode), eq(members.id, cardRevocations.memberId)))
    .innerJoin(organizations, and(eq(organizations.countyCode, members.countyCode), eq(organizations.id, members.orgId)))
    .where(where);
  return {
    items: rows.map((r) => ({ cardNo: maskCard(r.r.cardNo), memberId: r.r.memberId, memberName: r.name, reason: r.r.reason, revokedAt: r.r.revokedAt.toISOString() })),
    total: Number(c.n),
  };
}
