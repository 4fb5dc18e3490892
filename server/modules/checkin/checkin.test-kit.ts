// Shared set-up of the check-in route tests: one fixture app, a kiosk at T1 and the calls they make.
import { afterAll, beforeAll } from 'vitest';
import { type ClientCreds, type Session, type TestApp, login, signed } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { seedCardMember, seedKiosk } from '../activities/activities.fixture.ts';
import { call } from '../members/test-kit.ts';
import { addOrg } from '../orgs/orgs.test-kit.ts';

export type CheckinState = { t: TestApp; f: Fixture; secretary: Session; admin: Session; kiosk: ClientCreds };
type Credential = Record<string, unknown>;
type Row = { member_id: string; channel: string; affiliated: boolean; offline: boolean; device_time: string | null; recorded_name: string | null; reason: string | null };

/** Registers the app's start and stop in the calling test file; returns the state and the calls. */
export function checkinSuite() {
  const s = {} as CheckinState;
  beforeAll(async () => {
    const { t, f } = await fixtureApp();
    Object.assign(s, {
      t,
      f,
      secretary: await login(t, 'branch_secretary', FIXTURE_PASSWORD),
      admin: await login(t, 'root_admin', FIXTURE_PASSWORD),
      kiosk: await seedKiosk(t.services, f.t1, { name: '甲镇签到机' }),
    });
  }, 60_000);
  afterAll(() => s.t.close());
  let seq = 0;
  const nonce = () => `nonce-${Date.now()}-${++seq}`;
  const kioskCheckin = (c: ClientCreds, activityId: string, credential: Credential, n = nonce(), extra: Record<string, unknown> = {}) =>
    s.t.app.inject(signed(c, { method: 'POST', url: '/api/checkins', payload: { activityId, credential, nonce: n, ...extra } }));
  return {
    state: s,
    nonce,
    kioskCheckin,
    swipe: (activityId: string, cardNo: string, n = nonce()) => kioskCheckin(s.kiosk, activityId, { cardNo }, n),
    phoneCheckin: (session: Session, activityId: string, credential: Credential, n = nonce()) => call(s.t, session, 'POST', '/api/checkins', { activityId, credential, nonce: n }),
    batch: (c: ClientCreds, items: Record<string, unknown>[]) => s.t.app.inject(signed(c, { method: 'POST', url: '/api/checkins/batch', payload: { items } })),
    activityOf: async (id: string) => (await call(s.t, s.admin, 'GET', `/api/activities/${id}`)).json(),
    attendanceOf: async (id: string) => (await call(s.t, s.admin, 'GET', `/api/activities/${id}/attendance`)).json(),
    rowsOf: (activityId: string) =>
      s.t.database.query<Row>('SELECT member_id, channel, affiliated, offline, device_time, recorded_name, reason FROM checkins WHERE activity_id = $1 ORDER BY server_time, id', [activityId]),
    member: (org: Fixture['t1'], name: string, cardNo: string | null, more: { chipUid?: string } = {}) => seedCardMember(s.t.services, org, name, cardNo, more),
    /** A new branch under T1, so that who is expected depends on this test alone. */
    freshBranch: (name: string) => addOrg(s.t.services, s.f.t1, name, 'branch'),
  };
}
