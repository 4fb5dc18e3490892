// The demo county's activity history, generated without a database (scale 0.05 ≈ 5,500 members,
// a full year): determinism, counters, the attendance rules of DOMAIN §3, channels, guests
// (records, plans and kiosks: history-extras.test.ts).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { classifyAttendance } from '../../../common/attendance.ts';
import { CHANNEL_CODES, type History, checkinId, historyMonths, isManual, serverTimeOf } from './activities-history.ts';
import { dayOf, } from './prng.ts';
import { TODAY, history, } from './history.test-kit.ts';

const digest = (h: History) => {
  const x = createHash('sha256');
  x.update(JSON.stringify(h.activities));
  x.update(JSON.stringify(h.leaves));
  x.update(JSON.stringify([h.records, h.amendments, h.plans, h.kiosks, h.deviceOf, h.planItems.titles, h.minutesKey]));
  const p = h.planItems;
  for (const a of [p.rand, p.plan, p.type, p.title, p.note, p.plannedOn, p.generated, p.activity, p.createdAt, p.updatedAt]) x.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  const c = h.checkins;
  for (const a of [c.rand, c.activity, c.member, c.deviceTime, c.serverDelay, c.channel, c.affiliated, c.offline]) x.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return x.digest('hex');
};

const { h, picks, units } = history();
const c = h.checkins;
const orgOf = new Map(units.flatMap((u) => u.orgs).map((o) => [o.id, o]));
const memberOf = new Map(units.flatMap((u) => u.members).map((m) => [m.id, m]));
const today = dayOf(TODAY);
/** Shanghai calendar month of an activity's day. */
const monthKey = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 7);

describe('demo county activity history', () => {
  it('is the same for the same seed and date, and changes with the date', () => {
    expect(digest(history().h)).toBe(digest(h));
    expect(digest(history({ today: '2026-11-29' }).h)).not.toBe(digest(h));
    expect(digest(history({ seed: 7 }).h)).not.toBe(digest(h));
  });

  it('keeps a year at demo scale and less at large scales', () => {
    expect(historyMonths(1)).toBeGreaterThanOrEqual(4);
    expect(historyMonths(30)).toBeLessThan(historyMonths(1));
    const first = Math.min(...h.activities.map((a) => a.day));
    expect(today - first).toBeGreaterThan(300);
    expect(today - first).toBeLessThanOrEqual(366);
  });

  it('counts on each activity exactly what its check-ins say', () => {
    const counts = h.activities.map(() => [0, 0, 0, 0]);
    for (let t = 0; t < c.length; t++) {
      const k = c.activity[t];
      counts[k][c.affiliated[t] ? 0 : 1]++;
      if (CHANNEL_CODES[c.channel[t]] === 'remote') counts[k][2]++;
      if (CHANNEL_CODES[c.channel[t]] === 'manual') counts[k][3]++;
    }
    const wrong = h.activities.filter((a, k) => [a.presentCount, a.guestCount, a.remoteCount, a.manualCount].join() !== counts[k].join());
    expect(wrong.map((a) => a.title)).toEqual([]);
    expect(counts.some(([p, g, r, m]) => p > 0 && g > 0 && r > 0 && m > 0)).toBe(true);
    // nobody checks in at a cancelled, today's or upcoming activity
    let early = 0;
    for (let t = 0; t < c.length; t++) if (!h.activities[c.activity[t]].past || h.activities[c.activity[t]].state !== 'planned') early++;
    expect(early).toBe(0);
  });

  it('marks a check-in 隶属 exactly when the member belongs to the host organization’s subtree', () => {
    let wrong = 0;
    for (let t = 0; t < c.length; t++) {
      const member = memberOf.get(h.memberIds[c.member[t]])!;
      const host = h.orgs[h.activities[c.activity[t]].org];
      if ((c.affiliated[t] === 1) !== orgOf.get(member.orgId)!.path.startsWith(host.path)) wrong++;
    }
    expect(wrong).toBe(0);
  });

  it('holds the unique keys: one check-in per member and activity, unique ids and nonces', () => {
    const pairs = new Set<number>();
    const ids = new Set<string>();
    for (let t = 0; t < c.length; t++) {
      pairs.add(c.activity[t] * 4_194_304 + c.member[t]);
      ids.add(checkinId(c, t));
    }
    expect(pairs.size).toBe(c.length);
    expect(ids.size).toBe(c.length);
    expect(new Set(h.activities.map((a) => a.id)).size).toBe(h.activities.length);
    expect(new Set(h.leaves.map((l) => `${l.activity}:${l.member}`)).size).toBe(h.leaves.length);
    expect(new Set(h.leaves.map((l) => l.id)).size).toBe(h.leaves.length);
  });

  it('averages about 90.5 % at the 主题党日 (DOMAIN §3: guests elsewhere count, leave and 不计到会率 do not), with spread between branches', () => {
    const here = new Map<number, Set<string>>();
    const elsewhere = new Set<string>();
    for (let t = 0; t < c.length; t++) {
      const a = h.activities[c.activity[t]];
      const id = h.memberIds[c.member[t]];
      if (!here.has(c.activity[t])) here.set(c.activity[t], new Set());
      here.get(c.activity[t])!.add(id);
      if (a.type === 'theme_day' && !c.affiliated[t]) elsewhere.add(`${id}|${monthKey(a.day)}`);
    }
    const leave = new Map<number, Set<string>>();
    for (const l of h.leaves) if (l.state === 'approved') leave.set(l.activity, (leave.get(l.activity) ?? new Set()).add(h.memberIds[l.member]));
    let present = 0;
    let expected = 0;
    const byOrg = new Map<number, [number, number]>();
    const subtree = new Map<number, { id: string; excluded: boolean; joined: number }[]>();
    const all = [...memberOf.values()].map((m) => ({ id: m.id, excluded: m.excludeAttendance, joined: dayOf(m.joinedOn), path: orgOf.get(m.orgId)!.path }));
    h.activities.forEach((a, k) => {
      if (a.type !== 'theme_day' || !a.past || a.state === 'cancelled') return;
      const host = h.orgs[a.org];
      if (!subtree.has(a.org)) subtree.set(a.org, all.filter((m) => m.path.startsWith(host.path)));
      // obliged: members of the host's subtree who had joined by then
      const obliged = subtree.get(a.org)!.filter((m) => m.joined <= a.day);
      const there = here.get(k) ?? new Set<string>();
      const away = new Set(obliged.filter((m) => elsewhere.has(`${m.id}|${monthKey(a.day)}`)).map((m) => m.id));
      const r = classifyAttendance(obliged, there, away, leave.get(k) ?? new Set()).counts;
      present += r.present;
      expected += r.expected;
      const e = byOrg.get(a.org) ?? [0, 0];
      byOrg.set(a.org, [e[0] + r.present, e[1] + r.expected]);
    });
    const rate = present / expected;
    expect(rate).toBeGreaterThan(0.89);
    expect(rate).toBeLessThan(0.92);
    const rates = [...byOrg.values()].filter(([, e]) => e >= 20).map(([p, e]) => p / e);
    expect(rates.filter((x) => x < 0.82).length).toBeGreaterThan(0);
    expect(rates.filter((x) => x >= 0.88 && x <= 0.98).length / rates.length).toBeGreaterThan(0.6);
  });

  it('holds 12 主题党日 a year on each branch’s fixed day, some missed by weak branches, and the meetings of DOMAIN §3', () => {
    const themeDays = new Map<number, number>();
    for (const a of h.activities) if (a.type === 'theme_day' && a.past && a.state === 'planned') themeDays.set(a.org, (themeDays.get(a.org) ?? 0) + 1);
    const per = [...themeDays.values()];
    expect(per.filter((n) => n === 12).length / per.length).toBeGreaterThan(0.8);
    expect(per.some((n) => n < 12)).toBe(true);
    expect(Math.max(...per)).toBeLessThanOrEqual(13);
    // on the fixed day (unless postponed or moved to today for the demo branches)
    const onDay = h.activities.filter((a) => a.type === 'theme_day' && a.state === 'planned' && new Date(a.day * 86_400_000).getUTCDate() === h.orgs[a.org].themeDay);
    expect(onDay.length / h.activities.filter((a) => a.type === 'theme_day').length).toBeGreaterThan(0.95);
    const days = h.orgs.map((o) => o.themeDay).filter((d): d is number => d !== null);
    expect(days.filter((d) => d % 5 === 0).length / days.length).toBeGreaterThan(0.6);
    const types = new Set(h.activities.map((a) => a.type));
    for (const t of ['theme_day', 'committee', 'branch_assembly', 'party_lecture', 'life_meeting', 'evaluation', 'volunteer', 'other']) expect(types.has(t as never), t).toBe(true);
    // 组织生活会 and 民主评议党员 once, in December
    const life = h.activities.filter((a) => a.type === 'life_meeting' && a.past);
    expect(life.every((a) => new Date(a.day * 86_400_000).getUTCMonth() === 11)).toBe(true);
    expect(new Set(life.map((a) => a.org)).size).toBe(life.length);
    expect(h.activities.some((a) => a.state === 'cancelled' && a.cancelReason)).toBe(true);
  });

  it('uses every channel (mostly kiosk cards and chips), has guests, offline uploads and 补签 with a reason-free device', () => {
    const by = CHANNEL_CODES.map(() => 0);
    let guests = 0;
    let offline = 0;
    for (let t = 0; t < c.length; t++) {
      by[c.channel[t]]++;
      if (!c.affiliated[t]) guests++;
      if (c.offline[t]) offline++;
    }
    for (const [i, n] of by.entries()) expect(n, CHANNEL_CODES[i]).toBeGreaterThan(0);
    expect((by[0] + by[1]) / c.length).toBeGreaterThan(0.6);
    expect(by[5] / c.length).toBeLessThan(0.03);
    expect(guests / c.length).toBeGreaterThan(0.01);
    expect(guests / c.length).toBeLessThan(0.04);
    // guests at villages' 主题党日 and at 志愿服务
    const guestTypes = new Set<string>();
    for (let t = 0; t < c.length; t++) if (!c.affiliated[t]) guestTypes.add(h.activities[c.activity[t]].type);
    expect([...guestTypes].sort()).toEqual(['theme_day', 'volunteer']);
    expect(offline).toBeGreaterThan(0);
  });

  it('times check-ins around the start: device time a few seconds before the server, late uploads offline, 补签 after the activity', () => {
    const bad: number[] = [];
    let early = 0;
    for (let t = 0; t < c.length; t++) {
      const a = h.activities[c.activity[t]];
      const server = serverTimeOf(c, t);
      const device = c.deviceTime[t];
      if (device < a.startsAt) early++;
      const ok = isManual(c, t)
        ? server > a.endsAt
        : device >= a.checkinFrom && device <= a.checkinUntil && (c.offline[t] ? server > a.endsAt : server - device > 0 && server - device < 6_000);
      if (!ok) bad.push(t);
    }
    expect(bad).toEqual([]);
    expect(early / c.length).toBeGreaterThan(0.6);
    expect(early / c.length).toBeLessThan(0.9);
  });

  it('never checks in a member before joining or after losing contact, and approves leave only for absences', () => {
    let wrong = 0;
    for (let t = 0; t < c.length; t++) {
      const m = memberOf.get(h.memberIds[c.member[t]])!;
      const day = h.activities[c.activity[t]].day;
      if (dayOf(m.joinedOn) > day || (m.lostContactSince && dayOf(m.lostContactSince) <= day)) wrong++;
    }
    expect(wrong).toBe(0);
    const came = new Set<number>();
    for (let t = 0; t < c.length; t++) came.add(c.activity[t] * 4_194_304 + c.member[t]);
    expect(h.leaves.filter((l) => came.has(l.activity * 4_194_304 + l.member) || l.requestedAt >= h.activities[l.activity].startsAt)).toEqual([]);
    expect(h.leaves.filter((l) => l.state === 'approved').length / h.leaves.length).toBeGreaterThan(0.9);
  });

  it('gives secretary.a’s and secretary.b’s branches a 主题党日 today, open for check-in all day, and plans the next two weeks', () => {
    for (const pick of [picks.branchA!, picks.branchB!]) {
      const mine = h.activities.filter((a) => h.orgs[a.org].id === pick.orgId && a.day === today);
      expect(mine.map((a) => a.type)).toContain('theme_day');
      const a = mine.find((x) => x.type === 'theme_day')!;
      expect(a.presentCount + a.guestCount).toBe(0);
      expect(a.checkinFrom).toBeLessThanOrEqual(Date.parse(`${TODAY}T09:00:00+08:00`));
      expect(a.checkinUntil).toBeGreaterThanOrEqual(Date.parse(`${TODAY}T20:00:00+08:00`));
      expect(h.orgs[a.org].themeDay).toBe(28);
    }
    const a = picks.branchA!;
    const k = h.activities.findIndex((x) => h.orgs[x.org].id === a.orgId && x.day === today && x.type === 'theme_day');
    expect(h.leaves.filter((l) => l.activity === k).map((l) => l.state).sort()).toEqual(['approved', 'pending']);
    const upcoming = h.activities.filter((x) => x.day > today);
    expect(upcoming.length).toBeGreaterThan(0);
    expect(upcoming.every((x) => x.day <= today + 14 && x.presentCount === 0)).toBe(true);
  });
});

/** The check-in rows of each activity: [start[k], start[k + 1]). */
