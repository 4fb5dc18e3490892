// Types, constants and small helpers of the demo county's activity history (see activities-history.ts).
import type { ActivityType } from '../../../common/attendance.ts';
import type { AmendmentChanges, StoredChecklist, StoredDecision } from '../../modules/activity-records/activity-records.tables.ts';
import type { Channel } from '../../modules/checkin/checkin.tables.ts';
import { type Rng, weighted } from './prng.ts';

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
export const CARD = 0;
export const CHIP = 1;
export const MEMBER_QR = 2;
export const ACTIVITY_QR = 3;
export const REMOTE = 4;
export const MANUAL = 5;

export const MINUTE = 60_000;
export const DAY_MS = 86_400_000;
/** Shanghai is UTC+8 all year. */
const LOCAL = 8 * 3_600_000;
/** An instant from a day number and local minutes. */
export const at = (day: number, minutes: number) => day * DAY_MS + minutes * MINUTE - LOCAL;

export const BRANCH_LEVELS = new Set(['general_branch', 'branch', 'sub_branch', 'red_station']);
export const MEETING_LEVELS = new Set(['general_branch', 'branch']);
export const OUTWARD = new Set(['township_gov', 'gov', 'teacher', 'medical', 'soe']);
export const AWAY_JOBS = new Set(['进城务工人员', '企业职工', '个体工商户']);

/** An organization as the history sees it. */
export type HOrg = {
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
  /** Committee seats (member indices) and the day each term began. */
  seats: number[];
  seatStart: number[];
};

/** What the history keeps of each member (by index, in generation order). */
export type Members = {
  id: string[];
  org: number[];
  age: number[];
  /** Day numbers: joined, lost contact (Infinity when in contact). */
  join: number[];
  lost: number[];
  /** 不计到会率. */
  excluded: boolean[];
  /** Day number of becoming a 正式党员 (Infinity while 预备党员). */
  confirmed: number[];
  /** 流动党员 (works away from home). */
  away: boolean[];
  /** Of a 机关, school, hospital or state enterprise (may report to a village or community). */
  outward: boolean[];
};

export type HUnit = { key: string; tIdx: number; place: string | null; kind: 'village' | 'community' | 'other'; orgs: number[]; members: number[] };

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
  /** When its record was submitted (activity locked); null while the record is a draft or missing. */
  lockedAt: number | null;
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

/** The frozen figures of a submitted record (应到 / 实到 / 请假 / guests, the quorum's inputs). */
export type HFigures = { expected: number; present: number; leave: number; guests: number; quorumPresent: number; votingMembers: number };

/**
 * The record (会议记录) of a past activity, as the records module leaves it (see history-records.ts).
 * Its minutes are written when loaded (recordMinutes), so a large county keeps no minutes in memory.
 */
export type HRecord = {
  activity: number;
  state: 'draft' | 'submitted';
  decisions: StoredDecision[];
  checklist: StoredChecklist;
  version: number;
  createdAt: number;
  updatedName: string;
  updatedAt: number;
  submittedName: string | null;
  submittedAt: number | null;
  /** The figures at submission (frozen in the record), or those of the moment a draft was written (its minutes state them). */
  figures: HFigures;
  /** 民主评议: how many were rated 优秀 (the minutes say so). */
  excellent: number;
};

/** An amendment appended to a submitted record. */
export type HAmendment = { id: string; activity: number; seq: number; reason: string; changes: AmendmentChanges; actorName: string; at: number };

/** A yearly plan of an organization (see history-plans.ts). */
export type HPlan = { id: string; org: number; year: number; createdAt: number; updatedAt: number };

/** An item of a plan as an object (planItemAt): `activity` is the index of the activity created from it, or -1. */
export type HPlanItem = {
  id: string;
  plan: number;
  org: number;
  type: string;
  plannedOn: string;
  title: string;
  note: string | null;
  generated: boolean;
  activity: number;
  createdAt: number;
  updatedAt: number;
};

/** Plan items in columns (a large county has millions): see history-plans.ts and planItemAt. */
export type HPlanItems = {
  length: number;
  /** Three random words per item: with createdAt, the item's UUIDv7. */
  rand: Uint32Array;
  plan: Int32Array;
  /** Index in `types`, `titles` and `notes` (-1: no note). */
  type: Uint8Array;
  title: Int32Array;
  note: Int8Array;
  types: readonly string[];
  titles: string[];
  notes: readonly string[];
  /** Day number. */
  plannedOn: Int32Array;
  generated: Uint8Array;
  /** Index of the activity created from it, or -1. */
  activity: Int32Array;
  createdAt: Float64Array;
  updatedAt: Float64Array;
};

/** Plan item j as an object. */
export function planItemAt(h: { plans: HPlan[]; planItems: HPlanItems }, j: number): HPlanItem {
  const x = h.planItems;
  const note = x.note[j];
  return {
    id: uuid7(x.createdAt[j], x.rand[3 * j], x.rand[3 * j + 1], x.rand[3 * j + 2]),
    plan: x.plan[j],
    org: h.plans[x.plan[j]].org,
    type: x.types[x.type[j]],
    plannedOn: new Date(x.plannedOn[j] * DAY_MS).toISOString().slice(0, 10),
    title: x.titles[x.title[j]],
    note: note < 0 ? null : x.notes[note],
    generated: x.generated[j] === 1,
    activity: x.activity[j],
    createdAt: x.createdAt[j],
    updatedAt: x.updatedAt[j],
  };
}

/** A registered kiosk (see history-kiosks.ts): where it stands and the organizations whose check-ins it reads. */
export type HKiosk = {
  id: string;
  keyId: string;
  name: string;
  orgId: string;
  place: string;
  stationOrgId: string | null;
  createdAt: number;
  lastUsedAt: number | null;
  /** Organizations (indices) whose activities it reads cards, chips and member QR codes at. */
  serves: number[];
};

/** Activities, check-ins and leave (history-attendance.ts). */
export type Attendance = {
  /** First day of the history (day number) and today. */
  from: number;
  today: number;
  months: number;
  orgs: { id: string; path: string; name: string; themeDay: number | null; secretary: string | null; weak: boolean }[];
  memberIds: string[];
  memberOrg: Int32Array;
  activities: HActivity[];
  checkins: HCheckins;
  leaves: HLeave[];
};

/** The generated history: attendance, the records of past activities, this year's plans, kiosks. */
export type History = Attendance & {
  records: HRecord[];
  /** The stream the minutes of each record are drawn from (with the activity's id: recordMinutes). */
  minutesKey: string;
  amendments: HAmendment[];
  plans: HPlan[];
  planItems: HPlanItems;
  kiosks: HKiosk[];
  /** The device id of the kiosk of each organization (index), as its card, chip and member-QR check-ins carry it. */
  deviceOf: string[];
};

export const TYPE_ORDER: Record<ActivityType, number> = { committee: 0, theme_day: 1, branch_assembly: 2, party_lecture: 3, group_meeting: 4, life_meeting: 5, evaluation: 6, volunteer: 7, other: 8 };
export const QUARTER = ['一', '二', '三', '四'];
export const commonDay = weighted<number>([[5, 12], [8, 4], [10, 18], [12, 4], [15, 30], [18, 4], [20, 14], [25, 9], [28, 2], [0, 3]]);

/** Day `dom` (clamped to the month's length) of the month `n` months after `day`'s month (n < 0: before). */
export function monthDay(day: number, n: number, dom: number): number {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(y, m, Math.min(Math.max(dom, 1), last)) / DAY_MS);
}
export const monthOf = (day: number) => {
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
export class CheckinBuffer {
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


/** The server time of check-in t (ms): the device time plus the upload delay; a 补签's time of recording. */
export const serverTimeOf = (c: HCheckins, t: number) => c.deviceTime[t] + c.serverDelay[t];

/** The id (UUIDv7 at its server time) of check-in t. */
export const checkinId = (c: HCheckins, t: number) => uuid7(serverTimeOf(c, t), c.rand[3 * t], c.rand[3 * t + 1], c.rand[3 * t + 2]);

/** True when check-in t is a 补签 (no device time). */
export const isManual = (c: HCheckins, t: number) => c.channel[t] === MANUAL;
