// Test fixture: activities, leave, check-ins, kiosks and revoked cards at every target organization
// of the authorization matrix (server/test/matrix-fixture.ts), and helpers for the activities and
// check-in tests. Not used by the application.
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from '../../core/ids.ts';
import type { Services } from '../../core/services.ts';
import { seedApiClient } from '../../test/api-client-fixture.ts';
import type { ClientCreds } from '../../test/app.ts';
import type { Fixture, Target } from '../../test/fixture.ts';
import { TARGETS } from '../../test/matrix.ts';
import { apiClients } from '../api-clients/api-clients.tables.ts';
import { cardRevocations, checkinDevices, checkins } from '../checkin/checkin.tables.ts';
import { activityQr } from '../checkin/credentials.ts';
import { KIOSK_ROUTES } from '../checkin/devices.ts';
import { seedMember, testIdNumber } from '../members/members.fixture.ts';
import { activities, activityLeaves } from './activities.tables.ts';

type Org = { countyCode: string; id: string };
type NamedOrg = Org & { name: string };

const MINUTE = 60_000;

/**
 * Inserts an activity directly (tests only). By default a 党小组会 that started 10 minutes ago and
 * lasts 3 hours, check-in open from 40 minutes before now until its end.
 */
export async function seedOpenActivity(services: Services, org: Org, values: Partial<typeof activities.$inferInsert> = {}) {
  const id = uuidv7();
  const now = Date.now();
  const startsAt = values.startsAt ?? new Date(now - 10 * MINUTE);
  const endsAt = values.endsAt ?? new Date(startsAt.getTime() + 180 * MINUTE);
  await services.db.insert(activities).values({
    countyCode: org.countyCode, id, orgId: org.id, type: 'group_meeting', title: '党小组会', startsAt, endsAt,
    checkinFrom: new Date(startsAt.getTime() - 30 * MINUTE), checkinUntil: endsAt, ...values,
  });
  return id;
}

/** Registers a kiosk directly (tests only): an API client named on the kiosk routes, bound to an organization and maybe a 红色驿站. */
export async function seedKiosk(services: Services, org: Org, v: { name?: string; stationOrgId?: string | null; place?: string | null } = {}): Promise<ClientCreds & { id: string }> {
  const c = await seedApiClient(services, org, KIOSK_ROUTES, v.name ?? '测试签到机');
  await services.db.insert(checkinDevices).values({ countyCode: org.countyCode, clientId: c.id, orgId: org.id, place: v.place ?? null, stationOrgId: v.stationOrgId ?? null });
  return c;
}

let seq = 0;
/** Registers a member (with a card unless `cardNo` is null, maybe a chip) directly (tests only). */
export async function seedCardMember(services: Services, org: NamedOrg, name: string, cardNo: string | null, more: { chipUid?: string; standing?: string } = {}) {
  seq++;
  const idNumber = testIdNumber(seq, '19830303');
  const id = await seedMember(services, org, {
    name, idNumber, joinedOn: '2008-07-01', confirmedOn: '2009-07-01', cardNo, ...(more.chipUid ? { chipUid: more.chipUid } : {}), ...(more.standing ? { standing: more.standing } : {}),
  });
  return { id, idNumber };
}

/** What the activities and check-in rows of the matrix need besides the fixture. */
export type ActivitiesMatrixData = {
  /** A planned activity, check-in open now, the target's member on approved leave, its attendee checked in. */
  openActivity: Record<Target, string>;
  /** Another open activity, for check-ins with its rotating QR code. */
  qrActivity: Record<Target, string>;
  /** A cancelled activity (cancelling again is refused: 409 in scope). */
  cancelledActivity: Record<Target, string>;
  /** The target member's approved leave at the open activity (deciding it again is refused: 409). */
  decidedLeave: Record<Target, string>;
  /** A member of the target organization already checked in at the open activity (补签 again: 200 duplicate). */
  attendee: Record<Target, string>;
  /** A member of the target organization whose card is revoked (revoking it again: 409). */
  revokedMember: Record<Target, string>;
  /** A disabled kiosk of the target organization (disabling it again changes nothing). */
  targetDevice: Record<Target, string>;
  /** A kiosk registered at T1 (own), with no 红色驿站. */
  kiosk: ClientCreds;
  /** An API client at T1 named on the kiosk routes but never registered as a kiosk. */
  unregisteredKiosk: ClientCreds;
  /** Cards of two T1 members: one the kiosk swipes one by one, one it uploads in batches. */
  kioskCard: string;
  batchCard: string;
  /** The current rotating QR code of the target's QR activity (computed at call time). */
  activityQrOf: (t: Target) => string;
};

/**
 * At every target organization: an open activity (the target member on approved leave, an
 * attendee checked in), a second open activity for QR check-ins, a cancelled one, a member with a
 * revoked card and a disabled kiosk; at T1 a registered kiosk, an unregistered client named on the
 * kiosk routes and two members with cards. Write rows meet a state that refuses them (409) or
 * repeat what is already there (duplicate, disable again); check-ins go to distinct (member,
 * activity) pairs so each caller's first call creates one.
 */
export async function seedActivitiesMatrix(services: Services, f: Fixture & { targetMember: Record<Target, string> }): Promise<ActivitiesMatrixData> {
  const d = {
    openActivity: {}, qrActivity: {}, cancelledActivity: {}, decidedLeave: {}, attendee: {}, revokedMember: {}, targetDevice: {},
  } as Omit<ActivitiesMatrixData, 'kiosk' | 'unregisteredKiosk' | 'kioskCard' | 'batchCard' | 'activityQrOf'>;
  for (const t of TARGETS) {
    const org = f.orgOf[t];
    const c = org.countyCode;
    d.openActivity[t] = await seedOpenActivity(services, org, { title: `矩阵签到活动${t}` });
    d.qrActivity[t] = await seedOpenActivity(services, org, { title: `矩阵扫码活动${t}` });
    d.cancelledActivity[t] = await seedOpenActivity(services, org, { title: `矩阵已取消活动${t}`, state: 'cancelled', cancelReason: '矩阵测试' });
    d.decidedLeave[t] = uuidv7();
    await services.db.insert(activityLeaves).values({
      countyCode: c, id: d.decidedLeave[t], activityId: d.openActivity[t], memberId: f.targetMember[t], reason: '外出务工', state: 'approved', decidedName: 'fixture', decidedAt: new Date(),
    });
    d.attendee[t] = (await seedCardMember(services, org, `到会党员${t}`, `MXA-${t}`)).id;
    await services.db.insert(checkins).values({
      countyCode: c, id: uuidv7(), activityId: d.openActivity[t], memberId: d.attendee[t], hostOrgId: org.id, homeOrgId: org.id, affiliated: true, channel: 'card', nonce: `fixture-${uuidv7()}`,
    });
    await services.db.update(activities).set({ presentCount: 1 }).where(and(eq(activities.countyCode, c), eq(activities.id, d.openActivity[t])));
    d.revokedMember[t] = (await seedCardMember(services, org, `挂失党员${t}`, `MXR-${t}`)).id;
    await services.db.insert(cardRevocations).values({ countyCode: c, cardNo: `MXR-${t}`, memberId: d.revokedMember[t], reason: '党员证遗失' });
    const device = await seedKiosk(services, org, { name: `停用签到机${t}` });
    await services.db.update(apiClients).set({ status: 'disabled' }).where(and(eq(apiClients.countyCode, c), eq(apiClients.id, device.id)));
    d.targetDevice[t] = device.id;
  }
  const kiosk = await seedKiosk(services, f.t1, { name: '矩阵签到机', place: '甲镇党群服务中心' });
  const unregisteredKiosk = await seedApiClient(services, f.t1, KIOSK_ROUTES, '未登记的签到客户端');
  await seedCardMember(services, f.t1, '刷卡党员', 'MXK-1');
  await seedCardMember(services, f.t1, '补传党员', 'MXK-2');
  const activityQrOf = (t: Target) => activityQr(services.keys, f.orgOf[t].countyCode, d.qrActivity[t]).code;
  return { ...d, kiosk, unregisteredKiosk, kioskCard: 'MXK-1', batchCard: 'MXK-2', activityQrOf };
}
