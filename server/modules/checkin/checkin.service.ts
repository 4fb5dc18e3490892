import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { normalizeChipUid } from '../../../common/member.ts';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { AppError, notFound } from '../../core/errors/app-error.ts';
import { errorMessage } from '../../core/errors/messages.ts';
import { shanghaiTime } from '../../core/excel.ts';
import { uuidv7 } from '../../core/ids.ts';
import { TtlCache } from '../../core/ttl-cache.ts';
import type { Services } from '../../core/services.ts';
import { activitiesRepo } from '../activities/activities.repo.ts';
import { members } from '../members/members.tables.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { checkinDevices } from './checkin.tables.ts';
import type { BatchBody, CheckinBody } from './checkin.schemas.ts';
import { activityQr, verifyActivityQr, verifyMemberQr } from './credentials.ts';
import { type ActivityInfo, type CheckinOutcome, type CheckinRequest, engineOf } from './engine.ts';

type Body = z.infer<typeof CheckinBody>;

/** A kiosk's binding: its organization (subtree) and, optionally, the 红色驿站 where it stands. */
type Device = { clientId: string; orgPath: string; stationOrgId: string | null };
const DEVICE_TTL_MS = 5_000;
const devices = new WeakMap<Services, TtlCache<Device | null>>();

const deviceCache = (services: Services) => {
  let c = devices.get(services);
  if (!c) {
    c = new TtlCache(DEVICE_TTL_MS);
    devices.set(services, c);
  }
  return c;
};

function deviceOf(services: Services, countyCode: string, clientId: string): Promise<Device | null> {
  return deviceCache(services).get(clientId, async () => {
    const [r] = await services.db
      .select({ stationOrgId: checkinDevices.stationOrgId, orgPath: organizations.path })
      .from(checkinDevices)
      .innerJoin(organizations, and(eq(organizations.countyCode, checkinDevices.countyCode), eq(organizations.id, checkinDevices.orgId)))
      .where(and(eq(checkinDevices.countyCode, countyCode), eq(checkinDevices.clientId, clientId)));
    return r ? { clientId, orgPath: r.orgPath, stationOrgId: r.stationOrgId } : null;
  });
}

/** Drops a cached kiosk binding (registration changes). */
export function forgetDevice(services: Services, clientId: string) {
  devices.get(services)?.delete(clientId);
}

/** Allowed skew between a device's clock and the server's for late uploads. */
const FUTURE_SKEW_MS = 5 * 60_000;

/**
 * Turns a check-in request into an engine request, refusing with a specific code what can be
 * decided without the database: a cancelled activity, outside the window, a kiosk not bound to
 * the activity's organization or place, a credential the caller may not present, a bad QR.
 * `offline`: uploaded late from a kiosk's queue, judged at the device's time.
 */
async function prepare(ctx: Ctx, body: Body, offline: boolean): Promise<CheckinRequest> {
  const actor = ctx.actor;
  if (!actor) throw new AppError(401, 'UNAUTHENTICATED');
  const engine = engineOf(ctx.services);
  const activity = await engine.activity(actor.countyCode, body.activityId);
  if (!activity) throw new AppError(404, 'NOT_FOUND');
  if (activity.state === 'cancelled') throw new AppError(409, 'CHECKIN_ACTIVITY_CANCELLED');
  const now = Date.now();
  const deviceTime = body.deviceTime ? new Date(body.deviceTime) : null;
  // A late upload is judged at the scan's time on the device (never later than now plus skew).
  const at = offline && deviceTime && deviceTime.getTime() <= now + FUTURE_SKEW_MS ? deviceTime : new Date(now);
  checkWindow(activity, at);
  const c = body.credential;
  const base = { activity, nonce: body.nonce, deviceId: body.deviceId ?? null, deviceTime, offline };
  if (actor.kind === 'api_client') {
    const device = await deviceOf(ctx.services, actor.countyCode, actor.accountId);
    if (!device) throw new AppError(403, 'CHECKIN_DEVICE_UNREGISTERED');
    const atStation = device.stationOrgId !== null && device.stationOrgId === activity.stationOrgId;
    if (!activity.orgPath.startsWith(device.orgPath) && !atStation) throw new AppError(403, 'CHECKIN_DEVICE_PLACE');
    const deviceId = body.deviceId ?? actor.username;
    if ('cardNo' in c) return { ...base, deviceId, who: { card: c.cardNo }, channel: 'card' };
    if ('cardUid' in c) return { ...base, deviceId, who: { chip: normalizeChipUid(c.cardUid) ?? c.cardUid }, channel: 'chip' };
    if ('qr' in c) {
      const claims = await verifyMemberQr(ctx.services, actor.countyCode, c.qr, at);
      return { ...base, deviceId, who: { memberId: claims.m, cardNo: claims.k }, channel: 'member_qr' };
    }
    throw new AppError(400, 'CHECKIN_CREDENTIAL_CHANNEL');
  }
  if (actor.memberId) {
    if ('activityQr' in c) {
      verifyActivityQr(ctx.services.keys, actor.countyCode, activity.id, c.activityQr, now);
      return { ...base, who: { memberId: actor.memberId }, channel: 'activity_qr', offline: false };
    }
    if ('remote' in c) {
      if (!activity.remoteAllowed) throw new AppError(409, 'CHECKIN_REMOTE_NOT_ALLOWED');
      return { ...base, who: { memberId: actor.memberId }, channel: 'remote', offline: false };
    }
  }
  throw new AppError(400, 'CHECKIN_CREDENTIAL_CHANNEL');
}

function checkWindow(a: ActivityInfo, at: Date) {
  if (at < a.checkinFrom || at > a.checkinUntil)
    throw new AppError(409, 'CHECKIN_OUTSIDE_WINDOW', { from: shanghaiTime(a.checkinFrom), until: shanghaiTime(a.checkinUntil) });
}

const result = (o: CheckinOutcome) => ({ status: 'ok' as const, duplicate: o.duplicate, affiliated: o.affiliated, member: { name: o.member.name, orgName: o.member.orgName } });

/** POST /api/checkins: 201 the first time, 200 with duplicate: true for a repeat. */
export async function checkIn(ctx: Ctx, body: Body) {
  const req = await prepare(ctx, body, false);
  const o = await engineOf(ctx.services).submit(req);
  return { status: (o.duplicate ? 200 : 201) as 200 | 201, body: result(o) };
}

/**
 * POST /api/checkins/batch: a kiosk's offline queue. Each item is judged at its device time and
 * answered on its own (ok, duplicate or an error code); uploading the same queue twice, even from
 * two devices at once, stores each scan once.
 */
export async function checkInBatch(ctx: Ctx, body: z.infer<typeof BatchBody>) {
  const engine = engineOf(ctx.services);
  const results = await Promise.all(
    body.items.map(async (item) => {
      try {
        const o = await engine.submit(await prepare(ctx, item, true));
        return { nonce: item.nonce, status: o.duplicate ? ('duplicate' as const) : ('ok' as const), affiliated: o.affiliated };
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        return { nonce: item.nonce, status: 'error' as const, code: e.code, message: errorMessage(e.code, ctx.lang, e.params) };
      }
    }),
  );
  return { results };
}

/** 补签: the secretary records a member's attendance after the fact, with a reason (audited). */
export async function manualCheckIn(ctx: Ctx, activityId: string, memberId: string, reason: string) {
  const r = await activitiesRepo(ctx, 'activity.write').byId(activityId);
  if (!r) throw notFound();
  if (r.a.state === 'cancelled') throw new AppError(409, 'CHECKIN_ACTIVITY_CANCELLED');
  const [m] = await ctx.services.db.select({ id: members.id }).from(members).where(and(eq(members.countyCode, r.a.countyCode), eq(members.id, memberId)));
  if (!m) throw notFound();
  const engine = engineOf(ctx.services);
  const activity = await engine.activity(r.a.countyCode, activityId);
  if (!activity) throw notFound();
  const o = await engine.submit({
    activity,
    who: { memberId },
    channel: 'manual',
    nonce: `manual-${uuidv7()}`,
    recordedBy: ctx.actor?.accountId ?? null,
    recordedName: ctx.actor?.displayName ?? null,
    reason,
  });
  await ctx.services.db.transaction((tx) =>
    audit(ctx, tx, { action: 'checkin.manual', result: 'success', objectType: 'activity', objectId: activityId, orgId: r.a.orgId, reason, detail: { memberId, duplicate: o.duplicate } }),
  );
  return { status: (o.duplicate ? 200 : 201) as 200 | 201, body: result(o) };
}

/** The host's rotating activity QR (an activity in write scope that is not cancelled). */
export async function hostActivityQr(ctx: Ctx, activityId: string) {
  const r = await activitiesRepo(ctx, 'activity.write').byId(activityId);
  if (!r) throw notFound();
  if (r.a.state === 'cancelled') throw new AppError(409, 'CHECKIN_ACTIVITY_CANCELLED');
  return activityQr(ctx.services.keys, r.a.countyCode, r.a.id);
}
