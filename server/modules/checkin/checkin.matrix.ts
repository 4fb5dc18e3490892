import { MATRIX_ROLES } from '../../test/fixture.ts';
import { type Expectation, type MatrixCase, type MatrixFixture, type ReplyCheck, allowed, errorCodes, req, scoped } from '../../test/matrix.ts';
import type { ActivitiesMatrixData } from '../activities/activities.fixture.ts';
import { codeInScope } from '../activities/activities.matrix.ts';

const READERS = ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee'] as const;
const WRITERS = ['county_admin', 'township_admin', 'branch_secretary'] as const;
const DEVICE_MANAGERS = ['county_admin', 'township_admin'] as const;

const d = (f: MatrixFixture) => f as MatrixFixture & ActivitiesMatrixData;
const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

/** Every check in turn; the first problem wins. */
const all =
  (...checks: ReplyCheck[]): ReplyCheck =>
  (res, caller, target) => {
    for (const c of checks) {
      const p = c(res, caller, target);
      if (p) return p;
    }
    return undefined;
  };

/** A created check-in (201) must say whether the member belongs to the host (隶属) for each target. */
const affiliation =
  (want: Partial<Record<string, boolean>>): ReplyCheck =>
  (res, _caller, target) => {
    if (res.statusCode !== 201) return undefined;
    const b = json(res.body);
    if (b.status !== 'ok' || b.duplicate !== false) return `not a new check-in: ${res.body}`;
    return b.affiliated === want[target] ? undefined : `affiliated ${String(b.affiliated)}, want ${String(want[target])}`;
  };

/** Check-ins are county-wide: the member at T1 checks in anywhere in the county, never in another. */
const countyWide = { own: 201, child: 201, sibling: 201, ancestor: 201, otherCounty: 404 };
/** A kiosk at T1 takes check-ins for its organization's subtree only. */
const kioskAtT1 = (ok: number) => ({ own: ok, child: ok, sibling: 403, ancestor: 403, otherCounty: 404 });
/** The member at T1 is 隶属 to its own and the county's activities, a guest at a branch below or beside. */
const MEMBER_AFFILIATED = { own: true, child: false, sibling: false, ancestor: true };
/** A session credential or a card shown where it does not belong. */
const wrongChannel = { own: 'CHECKIN_CREDENTIAL_CHANNEL', child: 'CHECKIN_CREDENTIAL_CHANNEL', sibling: 'CHECKIN_CREDENTIAL_CHANNEL', ancestor: 'CHECKIN_CREDENTIAL_CHANNEL', otherCounty: 'NOT_FOUND' };
const memberWithCard: Expectation = { member: { own: 400, child: 400, sibling: 400, ancestor: 400, otherCounty: 404 } };

const checkin = (activityId: string, credential: Record<string, unknown>, nonce: string) => req('POST', '/api/checkins', { activityId, credential, nonce });

/** Authorization matrix rows of check-in: members, kiosks, 补签, codes, the live stream, kiosk devices and cards. */
export const checkinMatrix: MatrixCase[] = [
  // The member's remote check-in; an API client not named on the route is refused.
  {
    route: 'POST /api/checkins',
    request: (f, t, n) => checkin(d(f).openActivity[t], { remote: true }, `mx-remote-${n}`),
    expect: { member: countyWide, api_client: 403 },
    check: all(errorCodes({ member: { otherCounty: 'NOT_FOUND' }, api_client: 'FORBIDDEN' }), affiliation(MEMBER_AFFILIATED)),
  },
  // The activity's rotating QR, scanned by the member's phone; a kiosk cannot present it.
  {
    route: 'POST /api/checkins',
    client: (f) => d(f).kiosk,
    request: (f, t, n) => checkin(d(f).qrActivity[t], { activityQr: d(f).activityQrOf(t) }, `mx-aqr-${n}`),
    expect: { member: countyWide, api_client: { own: 400, child: 400, sibling: 403, ancestor: 403, otherCounty: 404 } },
    check: all(
      errorCodes({ api_client: { own: 'CHECKIN_CREDENTIAL_CHANNEL', child: 'CHECKIN_CREDENTIAL_CHANNEL', sibling: 'CHECKIN_DEVICE_PLACE', ancestor: 'CHECKIN_DEVICE_PLACE', otherCounty: 'NOT_FOUND' } }),
      affiliation(MEMBER_AFFILIATED),
    ),
  },
  // A card swiped at the kiosk of T1: its subtree only; a member's session cannot present a card.
  {
    route: 'POST /api/checkins',
    client: (f) => d(f).kiosk,
    request: (f, t, n) => checkin(d(f).openActivity[t], { cardNo: d(f).kioskCard }, `mx-card-${n}`),
    expect: { ...memberWithCard, api_client: kioskAtT1(201) },
    check: all(
      errorCodes({ member: wrongChannel, api_client: { sibling: 'CHECKIN_DEVICE_PLACE', ancestor: 'CHECKIN_DEVICE_PLACE', otherCounty: 'NOT_FOUND' } }),
      affiliation({ own: true, child: false }),
    ),
  },
  // An API client named on the route but not registered as a kiosk takes no check-ins.
  {
    route: 'POST /api/checkins',
    client: (f) => d(f).unregisteredKiosk,
    request: (f, t, n) => checkin(d(f).openActivity[t], { cardNo: d(f).kioskCard }, `mx-unreg-${n}`),
    expect: { ...memberWithCard, api_client: { own: 403, child: 403, sibling: 403, ancestor: 403, otherCounty: 404 } },
    check: errorCodes({
      member: wrongChannel,
      api_client: { own: 'CHECKIN_DEVICE_UNREGISTERED', child: 'CHECKIN_DEVICE_UNREGISTERED', sibling: 'CHECKIN_DEVICE_UNREGISTERED', ancestor: 'CHECKIN_DEVICE_UNREGISTERED', otherCounty: 'NOT_FOUND' },
    }),
  },
  // The kiosk's offline queue: answered per item (stored, or refused with the same codes).
  {
    route: 'POST /api/checkins/batch',
    client: (f) => d(f).kiosk,
    request: (f, t) =>
      req('POST', '/api/checkins/batch', { items: [{ activityId: d(f).openActivity[t], credential: { cardNo: d(f).batchCard }, nonce: `mx-batch-${t}`, deviceTime: new Date().toISOString() }] }),
    expect: { api_client: 200 },
    check: errorCodes(
      { api_client: { own: 'ok', child: 'ok', sibling: 'CHECKIN_DEVICE_PLACE', ancestor: 'CHECKIN_DEVICE_PLACE', otherCounty: 'NOT_FOUND' } },
      (b) => {
        const r = (b as { results?: { status: string; code?: string }[] }).results?.[0];
        return r?.code ?? r?.status;
      },
    ),
  },
  // 补签 of the attendee already checked in: a duplicate (200) in scope.
  {
    route: 'POST /api/activities/:id/manual-checkin',
    request: (f, t) => req('POST', `/api/activities/${d(f).openActivity[t]}/manual-checkin`, { memberId: d(f).attendee[t], reason: '矩阵测试补签' }),
    expect: scoped([...WRITERS]),
    check: (res) => (res.statusCode === 200 && json(res.body).duplicate !== true ? `not a duplicate: ${res.body}` : undefined),
  },
  { route: 'GET /api/activities/:id/qr', request: (f, t) => req('GET', `/api/activities/${d(f).openActivity[t]}/qr`), expect: scoped([...WRITERS]) },
  {
    route: 'GET /api/activities/:id/live',
    request: (f, t) => req('GET', `/api/activities/${d(f).openActivity[t]}/live`),
    expect: scoped([...READERS]),
    stream: true,
    check: (res) => (res.statusCode === 200 && !res.body.startsWith('event: attendance\n') ? `first event: ${res.body.slice(0, 60)}` : undefined),
  },
  {
    route: 'GET /api/checkin/keys',
    request: () => req('GET', '/api/checkin/keys'),
    expect: { ...allowed([...MATRIX_ROLES]), api_client: 200, anonymous: 200 },
    targets: ['own'],
    check: (res) => ((json(res.body).keys as unknown[]).length > 0 ? undefined : 'no keys'),
  },
  {
    route: 'GET /api/kiosk/me',
    client: (f) => d(f).kiosk,
    request: () => req('GET', '/api/kiosk/me'),
    expect: { api_client: 200 },
    targets: ['own'],
    check: (res, caller) => (caller === 'api_client' && (json(res.body).device as { name: string }).name !== '矩阵签到机' ? `device: ${res.body}` : undefined),
  },
  {
    route: 'GET /api/kiosk/me',
    client: (f) => d(f).unregisteredKiosk,
    request: () => req('GET', '/api/kiosk/me'),
    expect: { api_client: 403 },
    targets: ['own'],
    check: errorCodes({ api_client: 'CHECKIN_DEVICE_UNREGISTERED' }),
  },
  {
    route: 'GET /api/kiosk/revocations',
    client: (f) => d(f).kiosk,
    request: () => req('GET', '/api/kiosk/revocations'),
    expect: { api_client: 200 },
    targets: ['own'],
    // The county's revoked cards; another county's are not among them.
    check: (res, caller) => {
      if (caller !== 'api_client') return undefined;
      const cards = json(res.body).cards as string[];
      return cards.includes('MXR-sibling') && !cards.includes('MXR-otherCounty') ? undefined : `cards: ${cards.join(',')}`;
    },
  },
  // A client not named on the kiosk routes reaches none of them.
  { route: 'GET /api/kiosk/revocations', request: () => req('GET', '/api/kiosk/revocations'), expect: {}, targets: ['own'] },
  { route: 'GET /api/checkin-devices', request: () => req('GET', '/api/checkin-devices'), expect: allowed([...DEVICE_MANAGERS]), targets: ['own'] },
  { route: 'GET /api/checkin-devices/export', request: () => req('GET', '/api/checkin-devices/export'), expect: allowed([...DEVICE_MANAGERS]), targets: ['own'] },
  {
    route: 'POST /api/checkin-devices',
    request: (f, t, n) => req('POST', '/api/checkin-devices', { name: `矩阵签到机${n}`, orgId: f.orgOf[t].id }),
    expect: scoped([...DEVICE_MANAGERS], 201),
  },
  // Already disabled: disabling again changes nothing.
  { route: 'POST /api/checkin-devices/:id/disable', request: (f, t) => req('POST', `/api/checkin-devices/${d(f).targetDevice[t]}/disable`, {}), expect: scoped([...DEVICE_MANAGERS]) },
  // Already revoked: 409 in scope.
  {
    route: 'POST /api/members/:id/card/revoke',
    request: (f, t) => req('POST', `/api/members/${d(f).revokedMember[t]}/card/revoke`, { reason: '矩阵测试挂失' }),
    expect: scoped([...WRITERS], 409),
    check: errorCodes(codeInScope(WRITERS, 'CARD_ALREADY_REVOKED')),
  },
  { route: 'GET /api/card-revocations', request: () => req('GET', '/api/card-revocations'), expect: allowed([...READERS]), targets: ['own'] },
  { route: 'GET /api/card-revocations/export', request: () => req('GET', '/api/card-revocations/export'), expect: allowed(['county_admin', 'township_admin', 'branch_secretary']), targets: ['own'] },
  // The member's own: bound to the caller's member record, no id.
  { route: 'GET /api/me/card-qr', request: () => req('GET', '/api/me/card-qr'), expect: allowed(['member']), targets: ['own'] },
  { route: 'GET /api/me/activities', request: () => req('GET', '/api/me/activities'), expect: allowed(['member']), targets: ['own'] },
];
