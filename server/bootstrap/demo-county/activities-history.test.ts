// The demo county's activity history, generated without a database (scale 0.05 ≈ 5,500 members,
// a full year): determinism, counters, the attendance rules of DOMAIN §3, channels, guests, the
// records of past activities, this year's plans and the kiosks.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assemblyQuorum, themeDayFixedItems } from '../../../common/activity-rules.ts';
import { classifyAttendance } from '../../../common/attendance.ts';
import { PLAN_DEFAULTS, planKind, requiredSlots } from '../../../common/plan-rules.ts';
import { cleanDecisions } from '../../modules/activity-records/record-content.ts';
import { minutesText, sanitizeMinutes } from '../../modules/activity-records/sanitize.ts';
import { planFacts } from '../../modules/plans/plan-slots.ts';
import { CHANNEL_CODES, type History, checkinId, generateHistory, historyMonths, isManual, planItemAt, serverTimeOf } from './activities-history.ts';
import { emptyPicks, generateUnits } from './generate-units.ts';
import { type DemoCountyOptions, planCounty } from './generate.ts';
import { THEME_X } from './history-catalog.ts';
import { recordMinutes } from './history-minutes.ts';
import { dayOf, isoOf } from './prng.ts';

const ROOT = { id: '01900000-0000-7000-8000-000000000000', path: '/01900000-0000-7000-8000-000000000000/', depth: 0 };
const TODAY = '2026-11-28';
const opts = (o: Partial<DemoCountyOptions> = {}): DemoCountyOptions => ({ seed: 42, scale: 0.05, today: TODAY, countyCode: '330522', root: ROOT, ...o });

function history(o: Partial<DemoCountyOptions> = {}, months = 12) {
  const plan = planCounty(opts(o));
  const picks = emptyPicks(plan);
  const units = [...generateUnits(plan, picks)];
  return { h: generateHistory(plan, units, picks, months), plan, picks, units };
}

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
const ciStart = (() => {
  const start = new Int32Array(h.activities.length + 1);
  for (let t = 0; t < c.length; t++) start[c.activity[t] + 1]++;
  for (let k = 0; k < h.activities.length; k++) start[k + 1] += start[k];
  return start;
})();
const held = h.activities.map((a, k) => ({ a, k })).filter(({ a }) => a.past && a.state === 'planned');
const recordOf = new Map(h.records.map((r) => [r.activity, r]));
const shanghaiDate = (ms: number) => isoOf(Math.floor((ms + 8 * 3_600_000) / 86_400_000));

describe('demo county records (会议记录) of past activities', () => {
  it('submits the record of most past activities, fewer in weak branches, and locks those activities', () => {
    const submitted = (list: typeof held) => list.filter(({ k }) => recordOf.get(k)?.state === 'submitted').length / list.length;
    const weak = held.filter(({ a }) => h.orgs[a.org].weak);
    const normal = held.filter(({ a }) => !h.orgs[a.org].weak);
    expect(weak.length).toBeGreaterThan(20);
    expect(submitted(held)).toBeGreaterThan(0.8);
    expect(submitted(held)).toBeLessThan(0.93);
    expect(submitted(normal)).toBeGreaterThan(0.85);
    expect(submitted(weak)).toBeLessThan(submitted(normal) - 0.2);
    // a few drafts; nothing for cancelled, today's or upcoming activities
    expect(h.records.some((r) => r.state === 'draft')).toBe(true);
    expect(h.records.filter((r) => !h.activities[r.activity].past || h.activities[r.activity].state !== 'planned')).toEqual([]);
    expect(new Set(h.records.map((r) => r.activity)).size).toBe(h.records.length);
    // locked exactly when submitted, after the last check-in and before today; drafts carry no figures
    const wrong = h.records.filter((r) => {
      const a = h.activities[r.activity];
      let last = a.endsAt;
      for (let t = ciStart[r.activity]; t < ciStart[r.activity + 1]; t++) last = Math.max(last, serverTimeOf(c, t));
      if (r.state === 'draft') return a.lockedAt !== null || r.submittedAt !== null || r.submittedName !== null;
      return a.lockedAt !== r.submittedAt || r.submittedAt === null || r.submittedAt < last || shanghaiDate(r.submittedAt) >= TODAY || !r.submittedName || r.updatedAt > r.submittedAt;
    });
    expect(wrong).toEqual([]);
    expect(h.activities.filter((a, k) => a.lockedAt !== null && recordOf.get(k)?.state !== 'submitted')).toEqual([]);
  });

  it('writes what the records module stores: sanitized minutes, decisions at some 支部党员大会, the 5+X / 4+X checklist of each 主题党日', () => {
    for (const r of h.records) {
      const minutes = recordMinutes(h, r);
      expect(sanitizeMinutes(minutes)).toBe(minutes);
      expect(minutesText(minutes).length).toBeGreaterThan(40);
      expect(recordMinutes(h, r)).toBe(minutes);
    }
    const withDecisions = h.records.filter((r) => r.decisions.length > 0);
    expect(withDecisions.length).toBeGreaterThan(0);
    for (const r of withDecisions) {
      const a = h.activities[r.activity];
      expect(a.type).toBe('branch_assembly');
      expect(cleanDecisions(r.decisions)).toEqual(r.decisions);
      if (r.figures) expect(assemblyQuorum(r.figures.quorumPresent, r.figures.votingMembers).met).toBe(true);
      for (const d of r.decisions) expect(d.votesFor + d.votesAgainst + d.votesAbstain).toBeLessThanOrEqual(a.presentCount);
      expect(recordMinutes(h, r)).toContain(`${r.decisions[0].subject}：${r.decisions[0].decision}`);
    }
    const assemblies = h.records.filter((r) => h.activities[r.activity].type === 'branch_assembly');
    expect(withDecisions.length / assemblies.length).toBeGreaterThan(0.3);
    expect(withDecisions.length / assemblies.length).toBeLessThan(0.8);
    for (const r of h.records) {
      const a = h.activities[r.activity];
      if (a.type !== 'theme_day') {
        expect(r.checklist).toEqual({ fixed: [], extra: [] });
        continue;
      }
      const category = orgOf.get(h.orgs[a.org].id)!.category;
      expect(r.checklist.fixed.map((f) => f.label)).toEqual(themeDayFixedItems(category));
      expect(r.checklist.extra).toEqual([{ label: THEME_X[new Date(a.day * 86_400_000).getUTCMonth()], done: true }]);
    }
    const themeDays = h.records.filter((r) => h.activities[r.activity].type === 'theme_day');
    expect(new Set(themeDays.map((r) => r.checklist.fixed.length))).toEqual(new Set([4, 5]));
    expect(themeDays.some((r) => r.checklist.fixed.some((f) => !f.done))).toBe(true);
  });

  it('freezes figures that agree with the check-ins: 实到 within 应到, guests and the quorum’s present from the activity', () => {
    let guests = 0;
    for (const r of h.records) {
      const a = h.activities[r.activity];
      const f = r.figures;
      expect(f.present).toBeLessThanOrEqual(f.expected);
      expect(f.quorumPresent).toBe(a.presentCount);
      if (a.type === 'volunteer' || a.type === 'other') expect([f.expected, f.present, f.guests]).toEqual([0, 0, a.presentCount + a.guestCount]);
      // members of a committee before their term began are not obliged at its 支委会: they count as guests (列席)
      else if (a.type === 'committee') expect(f.guests).toBeGreaterThanOrEqual(a.guestCount);
      else expect(f.guests).toBe(a.guestCount);
      guests += f.guests;
    }
    expect(guests).toBeGreaterThan(0);
  });

  it('appends a few amendments in order, each from the content before it, after the submission and before today', () => {
    expect(h.amendments.length).toBeGreaterThan(3);
    expect(new Set(h.amendments.map((x) => x.id)).size).toBe(h.amendments.length);
    const byActivity = new Map<number, typeof h.amendments>();
    for (const x of h.amendments) byActivity.set(x.activity, [...(byActivity.get(x.activity) ?? []), x]);
    for (const [k, list] of byActivity) {
      const r = recordOf.get(k)!;
      expect(r.state).toBe('submitted');
      let content = { minutesHtml: recordMinutes(h, r), checklist: r.checklist };
      list.forEach((x, j) => {
        expect(x.seq).toBe(j + 1);
        expect(x.at).toBeGreaterThan(j === 0 ? r.submittedAt! : list[j - 1].at);
        expect(shanghaiDate(x.at) < TODAY).toBe(true);
        expect(x.reason.length).toBeGreaterThan(3);
        if (x.changes.minutesHtml) {
          expect(x.changes.minutesHtml.before).toBe(content.minutesHtml);
          expect(sanitizeMinutes(x.changes.minutesHtml.after)).toBe(x.changes.minutesHtml.after);
          content = { ...content, minutesHtml: x.changes.minutesHtml.after };
        }
        if (x.changes.checklist) {
          expect(x.changes.checklist.before).toEqual(content.checklist);
          content = { ...content, checklist: x.changes.checklist.after };
        }
      });
    }
    expect(h.amendments.some((x) => x.changes.checklist)).toBe(true);
    expect(h.amendments.some((x) => x.changes.minutesHtml)).toBe(true);
  });
});

describe('demo county plans (组织生活计划) of this year', () => {
  const year = 2026;
  const planItems = Array.from({ length: h.planItems.length }, (_, j) => planItemAt(h, j));
  const planned = [...orgOf.values()].filter((o) => planKind(o.level));
  const orgIdx = new Map(h.orgs.map((o, i) => [o.id, i]));

  it('gives every 党总支, 支部 and 下设支部 this year’s plan with the items the rules (条例) require', () => {
    expect(planned.length).toBeGreaterThan(30);
    expect(h.plans.map((p) => h.orgs[p.org].id).sort()).toEqual(planned.map((o) => o.id).sort());
    expect(h.plans.every((p) => p.year === year)).toBe(true);
    for (const [n, p] of h.plans.entries()) {
      const o = orgOf.get(h.orgs[p.org].id)!;
      const slots = requiredSlots(planFacts({ level: o.level, category: o.category, themeDay: h.orgs[p.org].themeDay }, PLAN_DEFAULTS, false), year);
      const items = planItems.filter((x) => x.plan === n && x.generated);
      expect(items.map((x) => [x.type, x.plannedOn, x.title])).toEqual(slots.map((s) => [s.type, s.plannedOn, s.title]));
      expect(planItems.filter((x) => x.plan === n).every((x) => x.org === p.org && x.createdAt >= p.createdAt && x.updatedAt <= p.updatedAt)).toBe(true);
    }
  });

  it('links each item to the activity created from it: same organization and type, within its period, created after the plan', () => {
    expect(new Set(planItems.map((x) => x.id)).size).toBe(planItems.length);
    expect(new Set(h.plans.map((x) => x.id)).size).toBe(h.plans.length);
    const linked = planItems.filter((x) => x.activity >= 0);
    expect(new Set(linked.map((x) => x.activity)).size).toBe(linked.length);
    for (const x of linked) {
      const a = h.activities[x.activity];
      expect(a.org).toBe(x.org);
      expect(a.type).toBe(x.type);
      expect(a.state).toBe('planned');
      expect(isoOf(a.day).slice(0, 4)).toBe(String(year));
      expect(a.createdAt).toBeGreaterThan(h.plans[x.plan].createdAt);
      if (x.generated && !['life_meeting', 'evaluation', 'party_lecture', 'branch_assembly'].includes(x.type)) expect(isoOf(a.day).slice(0, 7)).toBe(x.plannedOn.slice(0, 7));
    }
    // every activity of the rules' types held by a planned organization this year is on its plan
    const ruleTypes = new Set(['theme_day', 'committee', 'branch_assembly', 'party_lecture', 'life_meeting', 'evaluation']);
    const covered = new Set(linked.map((x) => x.activity));
    const mine = h.activities.map((a, k) => ({ a, k })).filter(({ a }) => a.state === 'planned' && ruleTypes.has(a.type) && isoOf(a.day).startsWith(String(year)) && planKind(orgOf.get(h.orgs[a.org].id)!.level));
    expect(mine.filter(({ k }) => covered.has(k)).length / mine.length).toBeGreaterThan(0.98);
    // 志愿服务 and study trips: added by hand, linked
    const byHand = planItems.filter((x) => !x.generated);
    expect(byHand.length).toBeGreaterThan(0);
    expect(byHand.every((x) => x.activity >= 0 && ['volunteer', 'other'].includes(x.type) && x.plannedOn === isoOf(h.activities[x.activity].day))).toBe(true);
  });

  it('shows held, missed and coming items: missed ones are meetings a branch skipped or holds jointly (with the secretary’s note)', () => {
    const past = planItems.filter((x) => x.generated && x.plannedOn < TODAY && x.plannedOn >= isoOf(h.from + 31));
    const held = past.filter((x) => x.activity >= 0);
    const joint = past.filter((x) => x.activity < 0 && x.note);
    const missed = past.filter((x) => x.activity < 0 && !x.note);
    expect(held.length / past.length).toBeGreaterThan(0.6);
    expect(missed.length).toBeGreaterThan(0);
    expect(missed.length / past.length).toBeLessThan(0.06);
    // a joint item: the organization never holds that type itself in the history
    for (const x of joint) expect(h.activities.some((a) => a.org === x.org && a.type === x.type && a.state === 'planned')).toBe(false);
    expect(new Set(joint.map((x) => x.note))).toEqual(new Set(['与党总支合并召开', '由各下设支部分别开展', '支部委员不足3人，由支部书记召集研究']));
    // weak branches miss more
    const weakMissed = missed.filter((x) => h.orgs[x.org].weak).length / Math.max(1, past.filter((x) => h.orgs[x.org].weak).length);
    const normalMissed = missed.filter((x) => !h.orgs[x.org].weak).length / past.filter((x) => !h.orgs[x.org].weak).length;
    expect(weakMissed).toBeGreaterThan(normalMissed * 2);
    expect(planItems.some((x) => x.plannedOn > isoOf(today + 14) && x.activity < 0)).toBe(true);
    // secretary.a's branch (its own 支委会 and meetings): everything since the history began is held
    const a = orgIdx.get(picks.branchA!.orgId)!;
    const mine = planItems.filter((x) => x.org === a && x.generated && x.plannedOn >= isoOf(h.from + 31) && x.plannedOn < TODAY);
    expect(mine.length).toBeGreaterThan(20);
    expect(mine.filter((x) => x.activity < 0)).toEqual([]);
  });
});

describe('demo county kiosks', () => {
  it('registers kiosks at the county and township 党群服务中心 and at secretary.a’s village, and names them on their check-ins', () => {
    expect(h.kiosks.map((k) => [k.name, k.place])).toEqual([
      ['长兴县党群服务中心签到机', '长兴县党群服务中心'],
      ['雉城街道党群服务中心签到机', '雉城街道党群服务中心'],
      [`${picks.branchA!.orgName.replace(/^中共长兴县雉城街道/, '').replace(/支部委员会$/, '')}党群服务中心签到机`, expect.stringMatching(/村党群服务中心$/)],
    ]);
    expect(h.kiosks.map((k) => k.orgId)).toEqual([ROOT.id, picks.zhichengId, picks.branchA!.orgId]);
    expect(new Set(h.kiosks.map((k) => k.keyId)).size).toBe(3);
    for (const k of h.kiosks) expect(k.keyId).toMatch(/^hyk_[A-Za-z0-9_-]{12}$/);
    // the organizations a kiosk serves lie in its organization's subtree
    const root = (id: string) => (id === ROOT.id ? ROOT.path : (orgOf.get(id)?.path ?? [...units.flatMap((u) => u.orgs)].find((o) => o.parentId === id)!.path.replace(/[^/]+\/$/, '')));
    for (const k of h.kiosks) for (const i of k.serves) expect(h.orgs[i].path.startsWith(root(k.orgId))).toBe(true);
    // card, chip and member-QR check-ins at the organizations it serves carry its device id; it was last used at the latest
    for (const [n, k] of h.kiosks.entries()) {
      let last = 0;
      let count = 0;
      for (let t = 0; t < c.length; t++) {
        const a = h.activities[c.activity[t]];
        if (c.channel[t] > 2 || !k.serves.includes(a.station >= 0 ? a.station : a.org)) continue;
        count++;
        last = Math.max(last, serverTimeOf(c, t));
      }
      expect(count, k.name).toBeGreaterThan(0);
      expect(k.lastUsedAt).toBe(last);
      for (const i of k.serves) expect(h.deviceOf[i]).toBe(`client:${k.name}`);
      expect(h.deviceOf.filter((d) => d === `client:${h.kiosks[n].name}`).length).toBe(k.serves.length);
    }
    expect(h.deviceOf.filter((d) => d.startsWith('kiosk-')).length).toBeGreaterThan(h.orgs.length * 0.9);
  });
});
