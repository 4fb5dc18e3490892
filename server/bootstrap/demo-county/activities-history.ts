// The demo county's organizational life (DOMAIN §3), generated without a database: months of
// history before today (historyMonths: 4 at demo scale, a full year with --history-months 12),
// today's and the next two weeks' activities; activities of every type the organization tree
// allows, check-ins of every channel, 请假 and the counters of each activity. `HistoryCollector.add` takes the units as generateUnits yields them
// (load.ts streams them to the database and to the collector); `build` lays out the schedule and
// draws who came. Same seed and today → the same history, row for row: every draw comes from a
// stream keyed by the seed (and today where the outcome depends on the date), ids are
// deterministic UUIDv7s whose time is the row's own time.
//
// Who holds what (see the README's demo county section):
// - 主题党日 monthly on the organization's fixed day: every 支部, 下设支部 and 红色驿站 with members
//   of its own (a 下设支部 takes its 党总支's day);
// - 支委会 monthly (5 days before the 主题党日), 支部党员大会 and 党课 quarterly (after the 主题党日
//   of the quarter's last and middle month), 组织生活会 and 民主评议党员 in December: the 支部 or
//   党总支 whose subtree the members are in ("meeting unit"); a 支委会 only where there is a
//   committee of 3 or more; the 党总支 of a village holds them for all its 下设支部;
// - 党小组会: none, because the demo tree has no 党小组 (the plan rules agree: no 党小组, no item);
// - 志愿服务 every other month at each village and community (at its 红色驿站 when it has one),
//   with members of a paired 机关/事业/国企 branch as guests (双报到, 结对共建); a 红色教育 study
//   trip (type other) at some branches.
import { THEME_DAY_DEFAULT_ITEMS, themeDayKind } from '../../../common/activity-rules.ts';
import type { ActivityType } from '../../../common/attendance.ts';
import type { Channel } from '../../modules/checkin/checkin.tables.ts';
import type { CountyPlan, DemoPicks, GenUnit } from './generate.ts';
import * as W from './history-catalog.ts';
import { Rng, dayOf, isoOf, weighted } from './prng.ts';

/**
 * Months of history by scale. Loading check-ins is the cost (PGlite inserts ≈ 30–50k rows/s here;
 * a year at scale 1 is ≈ 700k rows, ≈ 15 s more than the whole seed may take), so the default is
 * the last 4 months up to scale 2 (≈ 280k check-ins), 2 up to scale 10, then 1.
 */
export function historyMonths(scale: number): number {
  return scale <= 2 ? 4 : scale <= 10 ? 2 : 1;
}

/** Channel codes by their index in the check-in arrays. */
export const CHANNEL_CODES: readonly Channel[] = ['card', 'chip', 'member_qr', 'activity_qr', 'remote', 'manual'];
const CARD = 0;
const CHIP = 1;
const MEMBER_QR = 2;
const ACTIVITY_QR = 3;
const REMOTE = 4;
const MANUAL = 5;

const MINUTE = 60_000;
const DAY_MS = 86_400_000;
/** Shanghai is UTC+8 all year. */
const LOCAL = 8 * 3_600_000;
/** An instant from a day number and local minutes. */
const at = (day: number, minutes: number) => day * DAY_MS + minutes * MINUTE - LOCAL;

const BRANCH_LEVELS = new Set(['general_branch', 'branch', 'sub_branch', 'red_station']);
const MEETING_LEVELS = new Set(['general_branch', 'branch']);
const OUTWARD = new Set(['township_gov', 'gov', 'teacher', 'medical', 'soe']);
const AWAY_JOBS = new Set(['进城务工人员', '企业职工', '个体工商户']);

/** An organization as the history sees it. */
type HOrg = {
  id: string;
  path: string;
  level: string;
  category: string | null;
  name: string;
  parent: number;
  unit: number;
  profile: string;
  secretary: string | null;
  recorder: string | null;
  themeDay: number | null;
  /** Members of its own (indices). */
  direct: number[];
  /** Committee seats (member indices). */
  seats: number[];
};

/** What the history keeps of each member (by index, in generation order). */
type Members = {
  id: string[];
  org: number[];
  age: number[];
  /** Day numbers: joined, lost contact (Infinity when in contact). */
  join: number[];
  lost: number[];
  /** 不计到会率. */
  excluded: boolean[];
  /** 流动党员 (works away from home). */
  away: boolean[];
  /** Of a 机关, school, hospital or state enterprise (may report to a village or community). */
  outward: boolean[];
};

type HUnit = { key: string; tIdx: number; place: string | null; kind: 'village' | 'community' | 'other'; orgs: number[]; members: number[] };

/** One generated activity. */
export type HActivity = {
  id: string;
  org: number;
  type: ActivityType;
  day: number;
  startsAt: number;
  endsAt: number;
  checkinFrom: number;
  checkinUntil: number;
  createdAt: number;
  title: string;
  agenda: string | null;
  place: string | null;
  station: number;
  hostName: string | null;
  recorderName: string | null;
  lecturer: string | null;
  remoteAllowed: boolean;
  state: 'planned' | 'cancelled';
  cancelReason: string | null;
  /** Before today: people came (check-ins, leave). */
  past: boolean;
  presentCount: number;
  guestCount: number;
  remoteCount: number;
  manualCount: number;
};

/** Check-ins in columns, sorted by activity; `member` and `activity` are indices. */
export type HCheckins = {
  length: number;
  /** Three random words per row: with the server time, the row's UUIDv7 (checkinId). */
  rand: Uint32Array;
  activity: Int32Array;
  member: Int32Array;
  /** Device time (ms); the server time is deviceTime + serverDelay. A 补签 (manual) has no device: its time of recording is here with a delay of 0. */
  deviceTime: Float64Array;
  serverDelay: Int32Array;
  channel: Uint8Array;
  affiliated: Uint8Array;
  offline: Uint8Array;
};

/** 请假 rows (sorted by activity). */
export type HLeave = { id: string; activity: number; member: number; reason: string; state: 'pending' | 'approved' | 'rejected'; requestedAt: number; decidedAt: number | null; decidedName: string | null };

/** The generated history. */
export type History = {
  /** First day of the history (day number) and today. */
  from: number;
  today: number;
  months: number;
  orgs: { id: string; path: string; name: string; themeDay: number | null; secretary: string | null }[];
  memberIds: string[];
  memberOrg: Int32Array;
  activities: HActivity[];
  checkins: HCheckins;
  leaves: HLeave[];
};

const TYPE_ORDER: Record<ActivityType, number> = { committee: 0, theme_day: 1, branch_assembly: 2, party_lecture: 3, group_meeting: 4, life_meeting: 5, evaluation: 6, volunteer: 7, other: 8 };
const QUARTER = ['一', '二', '三', '四'];
const commonDay = weighted<number>([[5, 12], [8, 4], [10, 18], [12, 4], [15, 30], [18, 4], [20, 14], [25, 9], [28, 2], [0, 3]]);

/** Day `dom` (clamped to the month's length) of the month `n` months after `day`'s month (n < 0: before). */
function monthDay(day: number, n: number, dom: number): number {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(y, m, Math.min(Math.max(dom, 1), last)) / DAY_MS);
}
const monthOf = (day: number) => {
  const d = new Date(day * DAY_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, key: d.getUTCFullYear() * 12 + d.getUTCMonth() };
};

const HEX = Buffer.from('0123456789abcdef', 'latin1');
const uuidBuf = Buffer.alloc(36);

/**
 * A UUIDv7 from its parts: the timestamp `ms` and 74 random bits taken from three 32-bit words
 * (`a` gives the 12 bits after the version and 12 after the variant, `b` and `c` the last 48).
 * Written into a buffer so the string is flat (a template literal would leave a rope per id).
 */
export function uuid7(ms: number, a: number, b: number, c: number): string {
  const buf = uuidBuf;
  let t = Math.max(0, Math.floor(ms));
  for (let i = 12; i >= 0; i--) {
    if (i === 8) continue; // positions 0-7 and 9-12 hold the 48-bit time
    buf[i] = HEX[t % 16];
    t = Math.floor(t / 16);
  }
  buf[8] = 45;
  buf[13] = 45;
  buf[14] = 55; // version 7
  buf[15] = HEX[(a >>> 28) & 15];
  buf[16] = HEX[(a >>> 24) & 15];
  buf[17] = HEX[(a >>> 20) & 15];
  buf[18] = 45;
  buf[19] = HEX[8 | ((a >>> 18) & 3)]; // variant 10xx
  buf[20] = HEX[(a >>> 14) & 15];
  buf[21] = HEX[(a >>> 10) & 15];
  buf[22] = HEX[(a >>> 6) & 15];
  buf[23] = 45;
  for (let i = 0; i < 6; i++) buf[24 + i] = HEX[(b >>> (20 - 4 * i)) & 15];
  for (let i = 0; i < 6; i++) buf[30 + i] = HEX[(c >>> (20 - 4 * i)) & 15];
  return buf.toString('latin1', 0, 36);
}

/** A deterministic UUIDv7 whose timestamp is `ms` (random bits from the stream). */
export const uuid7At = (ms: number, r: Rng) => uuid7(ms, r.u32(), r.u32(), r.u32());

/** Growable typed columns of check-ins (unsorted while drawing). */
class CheckinBuffer {
  n = 0;
  activity = new Int32Array(1024);
  member = new Int32Array(1024);
  deviceTime = new Float64Array(1024);
  serverDelay = new Int32Array(1024);
  channel = new Uint8Array(1024);
  offline = new Uint8Array(1024);
  affiliated = new Uint8Array(1024);

  push(activity: number, member: number, deviceTime: number, serverDelay: number, channel: number, offline: boolean, affiliated: boolean) {
    if (this.n === this.activity.length) this.grow();
    const i = this.n++;
    this.activity[i] = activity;
    this.member[i] = member;
    this.deviceTime[i] = deviceTime;
    this.serverDelay[i] = serverDelay;
    this.channel[i] = channel;
    this.offline[i] = offline ? 1 : 0;
    this.affiliated[i] = affiliated ? 1 : 0;
  }

  private grow() {
    const cap = this.activity.length * 2;
    const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T, C: new (n: number) => T) => {
      const b = new C(cap);
      b.set(a);
      return b;
    };
    this.activity = g(this.activity, Int32Array);
    this.member = g(this.member, Int32Array);
    this.deviceTime = g(this.deviceTime, Float64Array);
    this.serverDelay = g(this.serverDelay, Int32Array);
    this.channel = g(this.channel, Uint8Array);
    this.offline = g(this.offline, Uint8Array);
    this.affiliated = g(this.affiliated, Uint8Array);
  }
}

/**
 * Collects what the history needs of each unit as the generator yields it (ids, paths, committees,
 * a few facts per member), then builds the history. Keeps no names or ID numbers of members except
 * the committee's, so a large county stays small in memory.
 */
export class HistoryCollector {
  readonly orgs: HOrg[] = [];
  readonly units: HUnit[] = [];
  readonly members: Members = { id: [], org: [], age: [], join: [], lost: [], excluded: [], away: [], outward: [] };
  readonly root: Rng;
  readonly today: number;
  private readonly orgIndex = new Map<string, number>();
  private readonly traits: Rng;
  private next = 0;

  constructor(private readonly plan: CountyPlan) {
    const o = plan.options;
    this.root = new Rng(`hongyun-demo:${o.seed}`).fork('history');
    this.traits = this.root.fork('traits');
    this.today = dayOf(o.today);
  }

  /** The fixed 主题党日 day of an organization collected so far (null above the 支部 or without one). */
  themeDayOf(orgId: string): number | null {
    const i = this.orgIndex.get(orgId);
    return i === undefined ? null : this.orgs[i].themeDay;
  }

  /** Takes one unit (in the order generateUnits yields them). */
  add(u: GenUnit) {
    const spec = this.plan.units[this.next++];
    if (!spec || spec.key !== u.key) throw new Error(`history: unit ${u.key} out of order`);
    const kind = u.key.startsWith('village:') ? 'village' : u.key.startsWith('community:') ? 'community' : 'other';
    const unitIdx = this.units.length;
    const unit: HUnit = { key: u.key, tIdx: spec.tIdx, place: spec.place, kind, orgs: [], members: [] };
    this.units.push(unit);
    // One 主题党日 day per unit: villages and communities mostly follow their township's day.
    const r = this.root.fork(`theme-day:${u.key}`);
    const township = this.root.fork(`township-day:${spec.tIdx}`);
    const draw = (x: Rng) => commonDay(x) || x.int(1, 28);
    const townshipDay = draw(township);
    let unitDay = kind !== 'other' && r.chance(0.75) ? townshipDay : draw(r);
    if (spec.demo) unitDay = Math.min(new Date(this.today * DAY_MS).getUTCDate(), 28);
    const profileOf = new Map(spec.orgs.map((s) => [s.id, s.profile as string]));
    for (const o of u.orgs) {
      const idx = this.orgs.length;
      this.orgIndex.set(o.id, idx);
      unit.orgs.push(idx);
      const branchLike = BRANCH_LEVELS.has(o.level);
      this.orgs.push({
        id: o.id,
        path: o.path,
        level: o.level,
        category: o.category,
        name: o.name,
        parent: this.orgIndex.get(o.parentId) ?? -1,
        unit: unitIdx,
        profile: profileOf.get(o.id) ?? 'rural',
        secretary: o.contactName,
        recorder: null,
        themeDay: branchLike ? unitDay : null,
        direct: [],
        seats: [],
      });
    }
    const local = new Map<string, number>();
    const ms = this.members;
    for (const m of u.members) {
      const idx = ms.id.length;
      local.set(m.id, idx);
      unit.members.push(idx);
      const org = this.orgIndex.get(m.orgId)!;
      this.orgs[org].direct.push(idx);
      const profile = this.orgs[org].profile;
      // a flat copy: the generator's ids are concatenated strings (ropes), several times larger
      ms.id.push(Buffer.from(m.id, 'latin1').toString('latin1'));
      ms.org.push(org);
      ms.age.push(m.age);
      ms.join.push(dayOf(m.joinedOn));
      ms.lost.push(m.lostContactSince ? dayOf(m.lostContactSince) : Number.POSITIVE_INFINITY);
      ms.excluded.push(m.excludeAttendance);
      // 流动党员: villagers of working age who work in town or elsewhere
      ms.away.push((profile === 'rural' || profile === 'community') && m.age >= 22 && m.age <= 52 && AWAY_JOBS.has(m.occupation) && this.traits.chance(0.3));
      ms.outward.push(OUTWARD.has(profile));
    }
    // a 红色驿站 without members of its own is a place, not a 支部: no 主题党日 day
    for (const i of unit.orgs) if (this.orgs[i].level === 'red_station' && this.orgs[i].direct.length === 0) this.orgs[i].themeDay = null;
    const names = new Map(u.members.map((m) => [m.id, m.name]));
    for (const c of u.committee) {
      const org = this.orgIndex.get(c.orgId);
      const idx = local.get(c.memberId);
      if (org === undefined || idx === undefined) continue;
      this.orgs[org].seats.push(idx);
      if ((c.position === 'organization' || c.position === 'propaganda') && !this.orgs[org].recorder) this.orgs[org].recorder = names.get(c.memberId) ?? null;
    }
  }

  /** Lays out and draws the history (`months` before today, today and the next 14 days). */
  build(picks: DemoPicks, months = historyMonths(this.plan.options.scale)): History {
    if (this.next !== this.plan.units.length) throw new Error('history: not every unit was collected');
    return new Builder(this, picks, months).run();
  }

}

type Host = { q: number; weak: boolean; kiosk: number };

const FACTOR: Partial<Record<ActivityType, number>> = { theme_day: 1, committee: 1.04, branch_assembly: 0.985, party_lecture: 0.975, life_meeting: 0.99, evaluation: 0.99 };

class Builder {
  private readonly orgs: HOrg[];
  private readonly units: HUnit[];
  private readonly ms: Members;
  private readonly today: number;
  private readonly from: number;
  private readonly acts: HActivity[] = [];
  private readonly hosts = new Map<number, Host>();
  private readonly ci = new CheckinBuffer();
  private readonly leaves: Omit<HLeave, 'id'>[] = [];
  private readonly guestTarget: Int32Array;
  /** Organizations that hold the 支部 meetings (党员大会, 党课, 组织生活会, 民主评议) for members below them. */
  private readonly meetingUnits = new Set<number>();
  private readonly subtrees = new Map<number, number[]>();
  private readonly pairs = new Map<HUnit, number>();
  private readonly demoOrgs: Set<string>;

  constructor(
    private readonly c: HistoryCollector,
    private readonly picks: DemoPicks,
    private readonly months: number,
  ) {
    this.orgs = c.orgs;
    this.units = c.units;
    this.ms = c.members;
    this.today = c.today;
    this.from = monthDay(this.today, -months, new Date(this.today * DAY_MS).getUTCDate());
    this.guestTarget = new Int32Array(this.ms.id.length).fill(-1);
    this.demoOrgs = new Set([picks.branchA?.orgId, picks.branchB?.orgId].filter((x): x is string => !!x));
  }

  run(): History {
    this.classify();
    this.schedule();
    // calendar order (ties: organization, type): ids and inserts follow it
    this.acts.sort((a, b) => a.startsAt - b.startsAt || a.org - b.org || TYPE_ORDER[a.type] - TYPE_ORDER[b.type]);
    // ids in calendar order (so check-ins, loaded in activity order, fill the activity index in
    // order): each activity was created a week before it starts
    const ids = this.c.root.fork(`activity-ids:${isoOf(this.today)}`);
    let last = 0;
    for (const a of this.acts) {
      a.createdAt = last = Math.max(last + 1, a.startsAt - 7 * DAY_MS - 90 * MINUTE);
      a.id = uuid7At(a.createdAt, ids);
    }
    this.pairGuests();
    this.attend();
    this.todayLeaves();
    return this.finish();
  }

  /** Hosts (quality = base attendance, weak branches, the kiosk's reader) and meeting units. */
  private classify() {
    const r = this.c.root.fork('hosts');
    this.orgs.forEach((o, i) => {
      if (!BRANCH_LEVELS.has(o.level)) return;
      const weak = r.chance(0.055);
      // retirees come a little less, 机关 a little more
      const shift = o.profile === 'retired' ? -0.03 : o.profile === 'gov' || o.profile === 'township_gov' ? 0.015 : o.profile === 'private' ? -0.01 : 0;
      const q = weak ? 0.66 + r.next() * 0.12 : Math.min(0.995, Math.max(0.83, 0.905 + shift + (r.next() + r.next() + r.next() - 1.5) * 0.045));
      this.hosts.set(i, { q, weak, kiosk: r.chance(0.55) ? CARD : CHIP });
      if (o.direct.length === 0) return;
      // a 下设支部 (or a 红色驿站 with members) meets with its 党总支 / 支部
      const p = o.parent >= 0 ? this.orgs[o.parent] : null;
      this.meetingUnits.add(MEETING_LEVELS.has(o.level) ? i : p && MEETING_LEVELS.has(p.level) ? o.parent : i);
    });
    // the demo branches are good branches
    this.orgs.forEach((o, i) => {
      const h = this.hosts.get(i);
      if (h && this.demoOrgs.has(o.id)) Object.assign(h, { q: 0.955, weak: false });
    });
  }

  /** Members of an organization's subtree (its own and those of the organizations below it in its unit). */
  private subtree(i: number): number[] {
    let s = this.subtrees.get(i);
    if (s) return s;
    const o = this.orgs[i];
    s = [];
    for (const j of this.units[o.unit].orgs) if (this.orgs[j].path.startsWith(o.path)) for (const m of this.orgs[j].direct) s.push(m);
    this.subtrees.set(i, s);
    return s;
  }

  private place(i: number): string {
    const o = this.orgs[i];
    const u = this.units[o.unit];
    if (o.level === 'red_station') return o.name;
    if (u.place) return `${u.place}党群服务中心`;
    const top = this.orgs[u.orgs[0]].name.replace(/^中共/, '').replace(/(总支部委员会|支部委员会|委员会|党总支|党支部)$/, '');
    return `${top}党员活动室`;
  }

  /** Local start time (minutes after midnight) by type and category: villages in the morning, 机关 in the afternoon, enterprises after work. */
  private startMinutes(i: number, type: ActivityType): number {
    const cat = this.orgs[i].category;
    if (type === 'theme_day') return cat === 'rural' ? 510 : cat === 'community' ? 540 : cat === 'government' || cat === 'institution' ? 870 : cat === 'soe' ? 900 : 990;
    if (type === 'committee') return cat === 'rural' ? 1140 : cat === 'community' ? 540 : 960;
    if (type === 'life_meeting') return 540;
    if (type === 'evaluation') return 840;
    if (type === 'volunteer') return 510;
    return 480;
  }

  private add(i: number, type: ActivityType, day: number, startMin: number, minutes: number, f: Partial<HActivity> & { title: string }) {
    const o = this.orgs[i];
    const startsAt = at(day, startMin);
    const endsAt = startsAt + minutes * MINUTE;
    this.acts.push({
      id: '',
      org: i,
      type,
      day,
      startsAt,
      endsAt,
      checkinFrom: startsAt - 30 * MINUTE,
      checkinUntil: endsAt,
      createdAt: 0,
      agenda: null,
      place: this.place(i),
      station: -1,
      hostName: o.secretary,
      recorderName: o.recorder,
      lecturer: null,
      remoteAllowed: true,
      state: 'planned',
      cancelReason: null,
      past: day < this.today,
      presentCount: 0,
      guestCount: 0,
      remoteCount: 0,
      manualCount: 0,
      ...f,
    });
  }

  /** Every activity from `from` to today + 14 days (missed meetings left out; a typhoon's postponements). */
  private schedule() {
    const r = this.c.root.fork(`schedule:${isoOf(this.today)}`);
    const end = this.today + 15;
    const inRange = (d: number) => d >= this.from && d < end;
    // one typhoon in August: the villages' 主题党日 of three townships on the two days it passes
    // (the fixed day of the first of those villages) are put off by four days
    const typhoonYear = new Date((this.today - 200) * DAY_MS).getUTCFullYear();
    const typhoonTownships = new Set([r.int(0, 16), r.int(0, 16), r.int(0, 16)]);
    const struck = this.orgs.find((o) => o.direct.length > 0 && this.units[o.unit].kind === 'village' && typhoonTownships.has(this.units[o.unit].tIdx));
    const typhoon = struck ? Math.floor(Date.UTC(typhoonYear, 7, struck.themeDay ?? 15) / DAY_MS) : -1;
    const firstMonth = -this.months - 1;

    this.orgs.forEach((o, i) => {
      const h = this.hosts.get(i);
      if (!h) return;
      const d = o.themeDay ?? 15;
      const kind = themeDayKind(o.category);
      const fixed = THEME_DAY_DEFAULT_ITEMS.slice(0, kind === '5+X' ? 5 : 4).join('、');
      // missed meetings: a few a year, many more in weak branches
      const miss = (normal: number) => r.chance(h.weak ? normal * 5 + 0.06 : normal);
      const isDemo = this.demoOrgs.has(o.id);
      const u = this.units[o.unit];
      const themeStart = this.startMinutes(i, 'theme_day');

      // 主题党日 (organizations with members of their own)
      if (o.direct.length > 0)
        for (let k = firstMonth; k <= 1; k++) {
          // the demo branches hold this month's 主题党日 today (moved to today after the 28th)
          const day = isDemo && k === 0 ? this.today : monthDay(this.today, k, d);
          if (!inRange(day)) continue;
          const { m } = monthOf(day);
          const title = `${m}月主题党日（${kind}）`;
          const agenda = `固定动作：${fixed}；自选动作：${W.THEME_X[m - 1]}`;
          if (isDemo && day === this.today) {
            // check-in open all day, so the kiosk and the live view can be tried at any working hour
            this.add(i, 'theme_day', day, 870, 120, { title, agenda, checkinFrom: at(day, 480), checkinUntil: at(day, 1260) });
            continue;
          }
          const past = day < this.today;
          if (past && miss(0.01)) continue;
          if (past && u.kind === 'village' && typhoonTownships.has(u.tIdx) && day >= typhoon && day <= typhoon + 1) {
            this.add(i, 'theme_day', day, themeStart, 120, { title, agenda, state: 'cancelled', cancelReason: r.pick(W.CANCEL_REASONS) });
            if (day + 4 < this.today) this.add(i, 'theme_day', day + 4, themeStart, 120, { title, agenda });
            continue;
          }
          this.add(i, 'theme_day', day, themeStart, 120, { title, agenda });
        }

      // 支委会: a 支部 or 党总支 with a committee of 3 or more
      if (MEETING_LEVELS.has(o.level) && o.seats.length >= 3)
        for (let k = firstMonth; k <= 1; k++) {
          const day = monthDay(this.today, k, Math.max(1, d - 5));
          if (!inRange(day) || (day < this.today && miss(0.04))) continue;
          const { m } = monthOf(day);
          this.add(i, 'committee', day, this.startMinutes(i, 'committee'), 60, {
            title: `${m}月支委会`,
            agenda: W.COMMITTEE_AGENDA[(m + i) % W.COMMITTEE_AGENDA.length],
            remoteAllowed: false,
            place: this.place(i),
          });
        }

      if (!this.meetingUnits.has(i)) return;
      const after = themeStart + 135;
      for (let k = firstMonth; k <= 1; k++) {
        const themeDay = monthDay(this.today, k, d);
        const { m } = monthOf(themeDay);
        if (inRange(themeDay) && !(isDemo && themeDay >= this.today && k === 0)) {
          const past = themeDay < this.today;
          if (m % 3 === 0 && !(past && miss(0.04)))
            this.add(i, 'branch_assembly', themeDay, after, 75, { title: `第${QUARTER[m / 3 - 1]}季度支部党员大会`, agenda: W.ASSEMBLY_AGENDA[m / 3 - 1] });
          if (m % 3 === 2 && !(past && miss(0.07))) {
            const topic = r.pick(W.LECTURE_TOPICS);
            const lecturer = r.chance(0.75) ? o.secretary : r.pick(W.LECTURERS);
            this.add(i, 'party_lecture', themeDay, after, 60, { title: `第${QUARTER[(m - 2) / 3]}季度党课：${topic}`, lecturer, agenda: topic });
          }
        }
      }
      // 组织生活会 and 民主评议党员 in December: the latest one even when it is older than the
      // history (a short history at a large scale still shows one of each), and an upcoming one
      for (let k = -12; k <= 1; k++) {
        const day = monthDay(this.today, k, Math.min(d + 10, 31));
        const { y, m } = monthOf(day);
        if (m !== 12 || day >= end || (day < this.from && (this.months < 3 || day < this.today - 366))) continue;
        if (day < this.today && miss(0.015)) continue;
        this.add(i, 'life_meeting', day, this.startMinutes(i, 'life_meeting'), 150, { title: `${y}年度组织生活会`, agenda: '通报上年度整改落实情况；对照检查，开展批评和自我批评' });
        this.add(i, 'evaluation', day, this.startMinutes(i, 'evaluation'), 90, { title: `${y}年度民主评议党员`, agenda: '个人自评、党员互评、民主测评，确定评议等次' });
      }
      // a 红色教育 study trip (type other) at about a third of them
      if (r.chance(0.3) && this.today - this.from > 20) {
        const day = this.today - r.int(10, this.today - this.from - 1);
        this.add(i, 'other', day, 480, 240, { title: `红色教育：${r.pick(W.STUDY_TRIPS)}`, remoteAllowed: false });
      }
    });

    // 志愿服务 every other month at each village and community (at its 红色驿站 when it has one)
    for (const u of this.units) {
      if (u.kind === 'other' || u.members.length === 0) continue;
      const top = u.orgs[0];
      const station = u.orgs.find((j) => this.orgs[j].level === 'red_station') ?? -1;
      const vr = r.fork(`volunteer:${u.key}`);
      const parity = vr.int(0, 1);
      for (let k = firstMonth; k <= 1; k++) {
        const first = monthDay(this.today, k, 1);
        if (monthOf(first).m % 2 !== parity) continue;
        // a Saturday of the month's second or third week (day 0 = 1970-01-01, a Thursday)
        const sat = first + 7 + ((2 - (first % 7) + 7) % 7) + vr.int(0, 1) * 7;
        if (!inRange(sat)) continue;
        const topic = vr.pick(W.VOLUNTEER_TOPICS);
        this.add(top, 'volunteer', sat, 510, 150, { title: `志愿服务：${topic}`, station, place: station >= 0 ? this.orgs[station].name : this.place(top), remoteAllowed: false });
      }
    }
  }

  /**
   * Guests (非隶属签到): some members of 机关, schools, hospitals and state enterprises go to the
   * 主题党日 of a village or community of their township (where they report, 双报到); some 流动党员
   * go to the 主题党日 of an enterprise where they work.
   */
  private pairGuests() {
    const r = this.c.root.fork('guests');
    const villagesByT = new Map<number, number[]>();
    const firmsByT = new Map<number, number[]>();
    const allFirms: number[] = [];
    this.orgs.forEach((o, i) => {
      if (o.direct.length === 0) return;
      const u = this.units[o.unit];
      if (u.kind !== 'other') villagesByT.set(u.tIdx, [...(villagesByT.get(u.tIdx) ?? []), i]);
      else if (o.category === 'private_enterprise' && o.direct.length >= 8) {
        firmsByT.set(u.tIdx, [...(firmsByT.get(u.tIdx) ?? []), i]);
        allFirms.push(i);
      }
    });
    const ms = this.ms;
    for (let i = 0; i < ms.id.length; i++) {
      const t = this.units[this.orgs[ms.org[i]].unit].tIdx;
      if (ms.outward[i]) {
        if (!r.chance(0.14)) continue;
        const list = villagesByT.get(t >= 0 ? t : r.int(0, 3)) ?? villagesByT.get(0);
        if (list?.length) this.guestTarget[i] = r.pick(list);
      } else if (ms.away[i] && r.chance(0.6)) {
        const list = r.chance(0.6) ? (firmsByT.get(t) ?? allFirms) : allFirms;
        if (list.length) this.guestTarget[i] = r.pick(list);
      }
    }
  }

  /** Who came to each past activity, who asked for leave, by which channel and when. */
  private attend() {
    const r = this.c.root.fork(`attend:${isoOf(this.today)}`);
    const traits = this.c.root.fork('member-traits');
    const ms = this.ms;
    const n = ms.id.length;
    // chronic absentees, the very old and those working away come less (traits do not depend on the date)
    const trait = new Float32Array(n);
    const seat = new Uint8Array(n);
    for (const o of this.orgs) for (const s of o.seats) seat[s] = 1;
    for (let i = 0; i < n; i++) {
      let t = 1;
      if (traits.chance(0.035) && !seat[i]) t *= 0.4 + traits.next() * 0.2;
      if (ms.age[i] >= 85) t *= 0.8;
      else if (ms.age[i] >= 78) t *= 0.9;
      if (ms.away[i]) t *= 0.5;
      trait[i] = t;
    }
    // the 主题党日 held by each organization in each month (where guests go)
    const themeByOrgMonth = new Map<number, number>();
    this.acts.forEach((a, k) => {
      if (a.type === 'theme_day' && a.past && a.state === 'planned') themeByOrgMonth.set(a.org * 4096 + (monthOf(a.day).key % 4096), k);
    });

    this.acts.forEach((a, k) => {
      if (!a.past || a.state === 'cancelled') return;
      const host = this.hosts.get(a.org) ?? { q: 0.92, weak: false, kiosk: CARD };
      if (a.type === 'volunteer' || a.type === 'other') {
        this.openActivity(r, a, k, host);
        return;
      }
      // now and then a kiosk is offline and uploads its scans afterwards
      const offline = a.type !== 'committee' && r.chance(0.025);
      const jitter = 0.97 + r.next() * 0.05;
      const base = host.q * (FACTOR[a.type] ?? 1) * jitter;
      const obliged = a.type === 'committee' ? this.orgs[a.org].seats : this.subtree(a.org);
      const month = monthOf(a.day).key % 4096;
      for (const i of obliged) {
        if (ms.join[i] > a.day || ms.lost[i] <= a.day) continue;
        if (ms.excluded[i]) {
          if (r.chance(0.05)) this.checkIn(r, a, k, i, host, offline);
          continue;
        }
        // a member who reports elsewhere goes there instead, now and then
        const target = a.type === 'theme_day' ? this.guestTarget[i] : -1;
        if (target >= 0 && r.chance(ms.outward[i] ? 0.4 : 0.5)) {
          const other = themeByOrgMonth.get(target * 4096 + month);
          const b = other === undefined || other === k ? null : this.acts[other];
          if (b && other !== undefined && ms.join[i] <= b.day && ms.lost[i] > b.day) {
            this.checkIn(r, b, other, i, this.hosts.get(b.org) ?? host, false, -1, true);
            continue;
          }
        }
        if (r.next() < Math.min(0.995, base * trait[i])) {
          this.checkIn(r, a, k, i, host, offline);
          continue;
        }
        if (ms.away[i] && a.remoteAllowed && r.chance(0.3)) {
          this.checkIn(r, a, k, i, host, false, REMOTE);
          continue;
        }
        // absent: many ask for leave beforehand (the secretary approves nearly all)
        if (r.chance(ms.away[i] ? 0.7 : trait[i] < 0.7 ? 0.12 : 0.42)) {
          // asked a day or three before, in the daytime; decided within hours
          const requestedAt = Math.min(at(a.day - r.int(1, 3), r.int(480, 1260)), a.startsAt - 60 * MINUTE);
          this.leaves.push({
            activity: k,
            member: i,
            reason: ms.away[i] ? r.pick(W.AWAY_REASONS) : r.pick(W.LEAVE_REASONS),
            state: r.chance(0.025) ? 'rejected' : 'approved',
            requestedAt,
            decidedAt: Math.min(a.startsAt - 10 * MINUTE, requestedAt + r.int(10, 240) * MINUTE),
            decidedName: this.orgs[a.org].secretary,
          });
        }
      }
    });
  }

  /** 志愿服务 and study trips: part of the unit's members, and at 志愿服务 guests from the paired branch. */
  private openActivity(r: Rng, a: HActivity, k: number, host: Host) {
    const ms = this.ms;
    const u = this.units[this.orgs[a.org].unit];
    const pool = a.type === 'volunteer' ? u.members : this.subtree(a.org);
    const share = a.type === 'volunteer' ? 0.12 + r.next() * 0.18 : 0.45 + r.next() * 0.2;
    for (const i of pool) {
      if (ms.join[i] > a.day || ms.lost[i] <= a.day || ms.excluded[i] || ms.age[i] >= 78) continue;
      if (r.next() < share) this.checkIn(r, a, k, i, host, false);
    }
    if (a.type !== 'volunteer') return;
    const pair = this.pairOf(u);
    if (pair < 0) return;
    const guests = this.orgs[pair].direct;
    const want = r.int(5, 12);
    for (let j = 0; j < want; j++) {
      const i = guests[r.int(0, guests.length - 1)];
      if (ms.join[i] > a.day || ms.lost[i] <= a.day || ms.age[i] >= 70) continue;
      this.checkIn(r, a, k, i, host, false, -1, true);
    }
  }

  /** The branch a village or community is paired with (结对共建): a 机关/事业/国企 branch, mostly of the same township. */
  private pairOf(u: HUnit): number {
    let p = this.pairs.get(u);
    if (p !== undefined) return p;
    const r = this.c.root.fork(`pair:${u.key}`);
    const outward = this.outwardBranches();
    const near = outward.filter((i) => this.units[this.orgs[i].unit].tIdx === u.tIdx);
    const list = near.length > 0 && r.chance(0.7) ? near : outward;
    p = list.length > 0 ? r.pick(list) : -1;
    this.pairs.set(u, p);
    return p;
  }
  private outward: number[] | null = null;
  private outwardBranches() {
    this.outward ??= this.orgs.flatMap((o, i) => (o.direct.length >= 5 && OUTWARD.has(o.profile) ? [i] : []));
    return this.outward;
  }

  /** Guests already checked in (a guest may be drawn twice; members of the host never are). */
  private readonly guestSeen = new Set<number>();

  /** One check-in of member i at activity k. */
  private checkIn(r: Rng, a: HActivity, k: number, i: number, host: Host, offline: boolean, forced = -1, guest = false) {
    if (guest) {
      const key = k * 4_194_304 + i;
      if (this.guestSeen.has(key)) return;
      this.guestSeen.add(key);
    }
    const age = this.ms.age[i];
    let channel = forced;
    if (channel < 0) {
      const x = r.next();
      if (x < 0.012) channel = MANUAL;
      else if (this.ms.away[i] && a.remoteAllowed && x < 0.05) channel = REMOTE;
      else {
        // the phone for the young, the card (or its chip) for the old
        const phone = age < 35 ? 0.5 : age < 50 ? 0.26 : age < 60 ? 0.14 : 0.04;
        if (r.next() < phone) channel = r.chance(0.5) ? MEMBER_QR : ACTIVITY_QR;
        else channel = r.chance(0.85) ? host.kiosk : host.kiosk === CARD ? CHIP : CARD;
      }
    }
    const affiliated = this.orgs[this.ms.org[i]].path.startsWith(this.orgs[a.org].path);
    // arrival: most a little early, some late, a few very late
    const z = r.next();
    const offset = channel === REMOTE ? r.int(-10, 15) * MINUTE : z < 0.74 ? -r.int(1, 28) * MINUTE : z < 0.97 ? r.int(0, 18) * MINUTE : r.int(18, 40) * MINUTE;
    const scan = Math.min(a.checkinUntil - 30_000, Math.max(a.checkinFrom + 15_000, a.startsAt + offset + r.int(0, 59_999)));
    if (channel === MANUAL) {
      // 补签 by the secretary after the activity: no device, no device time
      this.ci.push(k, i, a.endsAt + r.int(15, 2_880) * MINUTE, 0, channel, false, affiliated);
    } else if (offline && (channel === CARD || channel === CHIP || channel === MEMBER_QR)) {
      this.ci.push(k, i, scan, Math.round(a.endsAt + r.int(10, 180) * MINUTE - scan), channel, true, affiliated);
    } else {
      this.ci.push(k, i, scan, r.int(700, 5_800), channel, false, affiliated);
    }
    if (affiliated) a.presentCount++;
    else a.guestCount++;
    if (channel === REMOTE) a.remoteCount++;
    if (channel === MANUAL) a.manualCount++;
  }

  /** The demo branches' 主题党日 today: one approved and one pending leave request. */
  private todayLeaves() {
    const r = this.c.root.fork(`today-leaves:${isoOf(this.today)}`);
    const skip = new Set([this.picks.branchA?.member.id, this.picks.branchA?.secretary.id, this.picks.branchB?.member.id, this.picks.branchB?.secretary.id]);
    this.acts.forEach((a, k) => {
      if (a.day !== this.today || a.type !== 'theme_day' || !this.demoOrgs.has(this.orgs[a.org].id)) return;
      const people = this.orgs[a.org].direct.filter((i) => !this.ms.excluded[i] && this.ms.lost[i] > this.today && !skip.has(this.ms.id[i]));
      const [x, y] = r.shuffle(people);
      const requestedAt = at(this.today - 1, 1200);
      const secretary = this.orgs[a.org].secretary;
      if (x !== undefined) this.leaves.push({ activity: k, member: x, reason: r.pick(W.LEAVE_REASONS), state: 'approved', requestedAt, decidedAt: requestedAt + 45 * MINUTE, decidedName: secretary });
      if (y !== undefined) this.leaves.push({ activity: k, member: y, reason: r.pick(W.LEAVE_REASONS), state: 'pending', requestedAt: requestedAt + 90 * MINUTE, decidedAt: null, decidedName: null });
    });
  }

  /** Sorts check-ins and leaves by activity (a counting sort) and gives them ids. */
  private finish(): History {
    const b = this.ci;
    const n = b.n;
    const na = this.acts.length;
    const fill = new Int32Array(na + 1);
    for (let j = 0; j < n; j++) fill[b.activity[j] + 1]++;
    for (let k = 0; k < na; k++) fill[k + 1] += fill[k];
    const order = new Int32Array(n);
    for (let j = 0; j < n; j++) order[fill[b.activity[j]]++] = j;
    const out: HCheckins = {
      length: n,
      rand: new Uint32Array(3 * n),
      activity: new Int32Array(n),
      member: new Int32Array(n),
      deviceTime: new Float64Array(n),
      serverDelay: new Int32Array(n),
      channel: new Uint8Array(n),
      affiliated: new Uint8Array(n),
      offline: new Uint8Array(n),
    };
    const ids = this.c.root.fork(`checkin-ids:${isoOf(this.today)}`);
    for (let t = 0; t < n; t++) {
      const j = order[t];
      out.activity[t] = b.activity[j];
      out.member[t] = b.member[j];
      out.deviceTime[t] = b.deviceTime[j];
      out.serverDelay[t] = b.serverDelay[j];
      out.channel[t] = b.channel[j];
      out.offline[t] = b.offline[j];
      out.affiliated[t] = b.affiliated[j];
      out.rand[3 * t] = ids.u32();
      out.rand[3 * t + 1] = ids.u32();
      out.rand[3 * t + 2] = ids.u32();
    }
    const leaveIds = this.c.root.fork(`leave-ids:${isoOf(this.today)}`);
    const leaves = this.leaves
      .map((l, j) => ({ l, j }))
      .sort((x, y) => x.l.activity - y.l.activity || x.j - y.j)
      .map(({ l }) => ({ ...l, id: uuid7At(l.requestedAt, leaveIds) }));
    return {
      from: this.from,
      today: this.today,
      months: this.months,
      orgs: this.orgs.map((o) => ({ id: o.id, path: o.path, name: o.name, themeDay: o.themeDay, secretary: o.secretary })),
      memberIds: this.ms.id,
      memberOrg: Int32Array.from(this.ms.org),
      activities: this.acts,
      checkins: out,
      leaves,
    };
  }
}

/** The server time of check-in t (ms): the device time plus the upload delay; a 补签's time of recording. */
export const serverTimeOf = (c: HCheckins, t: number) => c.deviceTime[t] + c.serverDelay[t];

/** The id (UUIDv7 at its server time) of check-in t. */
export const checkinId = (c: HCheckins, t: number) => uuid7(serverTimeOf(c, t), c.rand[3 * t], c.rand[3 * t + 1], c.rand[3 * t + 2]);

/** True when check-in t is a 补签 (no device time). */
export const isManual = (c: HCheckins, t: number) => c.channel[t] === MANUAL;

/** The whole history of a county in memory (tests and small scales). */
export function generateHistory(plan: CountyPlan, units: Iterable<GenUnit>, picks: DemoPicks, months?: number): History {
  const c = new HistoryCollector(plan);
  for (const u of units) c.add(u);
  return c.build(picks, months);
}
