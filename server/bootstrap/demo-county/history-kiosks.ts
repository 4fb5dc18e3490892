// The demo county's registered kiosks (签到机): at the county 党群服务中心 (bound to the county, where
// the 县委组织部's branches meet), at 雉城街道's 党群服务中心 (bound to the township, where its 机关
// branches meet) and at secretary.a's village (bound to that branch and its unit, so today's
// 主题党日 there has a kiosk). The card, chip and member-QR check-ins at the organizations a kiosk
// serves carry its device id as the server writes it for a kiosk that sends none
// (`client:<name>`); elsewhere the device id of an unregistered reader (`kiosk-<8 hex>`). Pure.
import type { DemoPicks } from './generate.ts';
import type { HistoryCollector } from './activities-history.ts';
import { kioskKeyId } from '../../modules/checkin/devices.ts';
import { type Attendance, type HKiosk, MEMBER_QR, at, serverTimeOf, uuid7At } from './history-model.ts';

/** The device id a kiosk's check-ins carry when the kiosk sends none (checkin.service.ts: `client:` + its name). */
export const kioskDeviceId = (name: string) => `client:${name}`;

/** The kiosks, and the device id of each organization's reader. */
export function chooseKiosks(c: HistoryCollector, h: Attendance, picks: DemoPicks): { kiosks: HKiosk[]; deviceOf: string[] } {
  const r = c.root.fork('kiosks');
  const unitOrgs = (key: string) => c.units.find((u) => u.key === key)?.orgs ?? [];
  const index = new Map(c.orgs.map((o, i) => [o.id, i]));
  const branchA = picks.branchA ? index.get(picks.branchA.orgId) : undefined;
  const village = branchA === undefined ? null : c.units[c.orgs[branchA].unit];
  const sites = [
    { name: '长兴县党群服务中心签到机', orgId: c.plan.options.root.id, place: '长兴县党群服务中心', serves: unitOrgs('dept:组织部') },
    { name: '雉城街道党群服务中心签到机', orgId: picks.zhichengId, place: '雉城街道党群服务中心', serves: unitOrgs('organs:雉城街道') },
    ...(village && branchA !== undefined
      ? [{ name: `${village.place}党群服务中心签到机`, orgId: c.orgs[branchA].id, place: `${village.place}党群服务中心`, serves: village.orgs, station: village.orgs.find((j) => c.orgs[j].level === 'red_station') }]
      : []),
  ];
  const deviceOf = c.orgs.map((o) => `kiosk-${o.id.slice(-8)}`);
  const kioskOf = new Int32Array(c.orgs.length).fill(-1);
  // registered a month before the history begins, in office hours
  const kiosks: HKiosk[] = sites
    .filter((s) => s.serves.length > 0)
    .map((s, n) => {
      const createdAt = at(h.from - 30 + n, r.int(540, 1020));
      const key = new Uint8Array(9).map(() => r.int(0, 255));
      for (const i of s.serves) {
        deviceOf[i] = kioskDeviceId(s.name);
        kioskOf[i] = n;
      }
      const station = 'station' in s && s.station !== undefined ? c.orgs[s.station].id : null;
      return { id: uuid7At(createdAt, r), keyId: kioskKeyId(key), name: s.name, orgId: s.orgId, place: s.place, stationOrgId: station, createdAt, lastUsedAt: null, serves: s.serves };
    });
  // last used: its latest scan (card, chip or member QR at an activity of an organization it serves)
  const ci = h.checkins;
  for (let t = 0; t < ci.length; t++) {
    if (ci.channel[t] > MEMBER_QR) continue;
    const a = h.activities[ci.activity[t]];
    const n = kioskOf[a.station >= 0 ? a.station : a.org];
    if (n < 0) continue;
    const k = kiosks[n];
    k.lastUsedAt = Math.max(k.lastUsedAt ?? 0, serverTimeOf(ci, t));
  }
  return { kiosks, deviceOf };
}
