// The records (会议记录) of the demo county's past activities, as the records module
// (server/modules/activity-records) would have left them: most submitted (and the activity locked)
// a few hours to a few weeks after the activity, with the figures of that moment frozen (应到 /
// 实到 / 请假 / guests by classifyAttendance, DOMAIN §3; the 支部党员大会 quorum's inputs); some still
// drafts; decisions with votes at some 支部党员大会; the 5+X / 4+X checklist of each 主题党日; a few
// amendments. Weak branches record less. The minutes are written when loaded (recordMinutes, from
// the record's own stream); each submitted record gives its attendees a file entry
// (records-load.ts). Pure: the same history and seed give the same records.
import { assemblyQuorum, themeDayFixedItems } from '../../../common/activity-rules.ts';
import { type ActivityType, OBLIGATION_PERIOD, classifyAttendance, obligationPeriod } from '../../../common/attendance.ts';
import type { StoredChecklist, StoredDecision } from '../../modules/activity-records/activity-records.tables.ts';
import { cleanChecklist, cleanDecisions } from '../../modules/activity-records/record-content.ts';
import type { HistoryCollector } from './activities-history.ts';
import * as W from './history-catalog.ts';
import { recordMinutes } from './history-minutes.ts';
import { type Attendance, DAY_MS, type HAmendment, type HFigures, type HRecord, MINUTE, at, monthOf, serverTimeOf, uuid7At } from './history-model.ts';
import { type Rng, isoOf } from './prng.ts';

/** Share of past activities whose record gets submitted, in ordinary and in weak branches. */
export const SUBMIT_SHARE = { normal: 0.9, weak: 0.55 };
/** Share of records not submitted that were at least started (a draft). */
const DRAFT_SHARE = 0.5;

/** Offsets of each activity's rows in a list sorted by activity: rows of k are [start[k], start[k+1]). */
function offsets(n: number, length: number, activityOf: (j: number) => number): Int32Array {
  const start = new Int32Array(n + 1);
  for (let j = 0; j < length; j++) start[activityOf(j) + 1]++;
  for (let k = 0; k < n; k++) start[k + 1] += start[k];
  return start;
}

/** A record's submission delay (ms): mostly the same or the next day, some within a week, a few weeks later. */
function delay(r: Rng): number {
  const z = r.next();
  return (z < 0.55 ? r.int(60, 30 * 60) : z < 0.9 ? r.int(1, 6) * 24 * 60 + r.int(0, 600) : r.int(7, 24) * 24 * 60 + r.int(0, 600)) * MINUTE;
}

/** Builds the records and amendments of the past activities of `h`, and marks the locked activities. */
export function buildRecords(c: HistoryCollector, h: Attendance): { records: HRecord[]; amendments: HAmendment[]; minutesKey: string } {
  const r = c.root.fork(`records:${isoOf(h.today)}`);
  const minutesKey = c.root.fork(`minutes:${isoOf(h.today)}`).key;
  const ids = c.root.fork(`amendment-ids:${isoOf(h.today)}`);
  const ms = c.members;
  const ci = h.checkins;
  const acts = h.activities;
  const cutoff = at(h.today, 0);
  const ciStart = offsets(acts.length, ci.length, (t) => ci.activity[t]);
  const leaveStart = offsets(acts.length, h.leaves.length, (j) => h.leaves[j].activity);
  // guest check-ins by member: they may satisfy the member's own obligation (DOMAIN §3)
  const guestVisits = new Map<number, number[]>();
  for (let t = 0; t < ci.length; t++) {
    if (ci.affiliated[t]) continue;
    const list = guestVisits.get(ci.member[t]);
    if (list) list.push(t);
    else guestVisits.set(ci.member[t], [t]);
  }

  /** The figures of activity k as the records module computes them at time `when`. */
  const figuresAt = (k: number, when: number): HFigures => {
    const a = acts[k];
    const o = c.orgs[a.org];
    const type = a.type as ActivityType;
    let obliged: number[] = [];
    if (type === 'committee') obliged = o.seats.filter((m, j) => o.seatStart[j] <= a.day && ms.join[m] <= a.day);
    else if (OBLIGATION_PERIOD[type] !== null) obliged = c.subtree(a.org).filter((m) => ms.join[m] <= a.day);
    const here = new Set<string>();
    for (let t = ciStart[k]; t < ciStart[k + 1]; t++) here.add(ms.id[ci.member[t]]);
    const period = obligationPeriod(type, new Date(a.startsAt));
    const elsewhere = new Set<string>();
    if (period)
      for (const m of obliged) {
        if (here.has(ms.id[m])) continue;
        for (const t of guestVisits.get(m) ?? []) {
          const b = acts[ci.activity[t]];
          if (ci.activity[t] !== k && b.type === a.type && b.startsAt >= period.from.getTime() && b.startsAt < period.to.getTime() && serverTimeOf(ci, t) < when) elsewhere.add(ms.id[m]);
        }
      }
    const approved = new Set<string>();
    for (let j = leaveStart[k]; j < leaveStart[k + 1]; j++) if (h.leaves[j].state === 'approved') approved.add(ms.id[h.leaves[j].member]);
    const { counts } = classifyAttendance(obliged.map((m) => ({ id: ms.id[m], excluded: ms.excluded[m] })), here, elsewhere, approved);
    const whenDay = Math.floor((when + 8 * 3_600_000) / DAY_MS);
    const votingMembers = c.subtree(a.org).filter((m) => ms.confirmed[m] <= whenDay).length;
    return { expected: counts.expected, present: counts.present, leave: counts.leave, guests: counts.guests, quorumPresent: a.presentCount, votingMembers };
  };

  /** Decisions of a 支部党员大会 whose quorum is met: one or two of the quarter's, voted by the 正式党员 present. */
  const decisionsOf = (k: number, f: HFigures): StoredDecision[] => {
    const a = acts[k];
    if (a.type !== 'branch_assembly' || !assemblyQuorum(f.quorumPresent, f.votingMembers).met || !r.chance(0.6)) return [];
    let voters = 0;
    for (let t = ciStart[k]; t < ciStart[k + 1]; t++) if (ci.affiliated[t] && ms.confirmed[ci.member[t]] <= a.day) voters++;
    const options = W.ASSEMBLY_DECISIONS[Math.floor((monthOf(a.day).m - 1) / 3)];
    const chosen = r.chance(0.5) ? options : [r.pick(options)];
    return cleanDecisions(
      chosen.map(([subject, decision]) => {
        const against = r.chance(0.1) ? 1 : 0;
        const abstain = Math.min(voters - against, r.chance(0.3) ? r.int(1, 2) : 0);
        return { subject, decision, votesFor: Math.max(0, voters - against - abstain), votesAgainst: against, votesAbstain: Math.max(0, abstain) };
      }),
    );
  };

  /** The 主题党日 checklist: the fixed items of the category (nearly all done) and the month's X. */
  const checklistOf = (k: number): StoredChecklist => {
    const a = acts[k];
    if (a.type !== 'theme_day') return { fixed: [], extra: [] };
    const fixedItems = themeDayFixedItems(c.orgs[a.org].category);
    const fixed = fixedItems.map((label) => ({ label, done: r.chance(label === '政治生日' ? 0.88 : 0.97) }));
    return cleanChecklist({ fixed, extra: [{ label: W.THEME_X[monthOf(a.day).m - 1], done: true }] }, fixedItems);
  };

  const records: HRecord[] = [];
  const amendments: HAmendment[] = [];
  acts.forEach((a, k) => {
    if (!a.past || a.state !== 'planned') return;
    const o = c.orgs[a.org];
    const weak = h.orgs[a.org].weak;
    const willSubmit = r.chance(weak ? SUBMIT_SHARE.weak : SUBMIT_SHARE.normal);
    let last = a.endsAt;
    for (let t = ciStart[k]; t < ciStart[k + 1]; t++) last = Math.max(last, serverTimeOf(ci, t));
    const createdAt = a.endsAt + r.int(20, 20 * 60) * MINUTE;
    const submittedAt = Math.max(last, createdAt) + delay(r);
    const submitted = willSubmit && submittedAt < cutoff;
    if (!submitted && !(createdAt < cutoff && r.chance(DRAFT_SHARE))) return;
    const figures = figuresAt(k, submitted ? submittedAt : createdAt);
    const decisions = decisionsOf(k, figures);
    const checklist = checklistOf(k);
    const excellent = Math.round(figures.present * (0.1 + r.next() * 0.1));
    const writer = o.recorder ?? o.secretary ?? '支部委员会';
    const signer = o.secretary ?? o.recorder ?? '支部委员会';
    const version = r.int(2, 5);
    const updatedAt = submitted ? Math.max(createdAt, submittedAt - r.int(5, 90) * MINUTE) : Math.min(cutoff - MINUTE, createdAt + r.int(5, 120) * MINUTE);
    const record: HRecord = {
      activity: k,
      state: submitted ? 'submitted' : 'draft',
      decisions,
      checklist,
      version,
      createdAt,
      updatedName: writer,
      updatedAt,
      submittedName: submitted ? signer : null,
      submittedAt: submitted ? submittedAt : null,
      figures,
      excellent,
    };
    records.push(record);
    if (!submitted) return;
    a.lockedAt = submittedAt;
    // a few amendments (全程留痕): a paragraph added to the minutes, or a checklist item recorded late
    if (!r.chance(a.type === 'branch_assembly' ? 0.08 : 0.03)) return;
    let current = { minutesHtml: recordMinutes({ activities: acts, minutesKey }, record), checklist };
    let when = submittedAt;
    for (let seq = 1; seq <= 2; seq++) {
      when += r.int(1, 15) * DAY_MS + r.int(0, 600) * MINUTE;
      if (when >= cutoff) break;
      const undone = current.checklist.fixed.find((f) => !f.done);
      if (undone && r.chance(0.6)) {
        const after = { ...current.checklist, fixed: current.checklist.fixed.map((f) => (f === undone ? { ...f, done: true } : f)) };
        amendments.push({ id: uuid7At(when, ids), activity: k, seq, reason: `会后补记「${undone.label}」完成情况`, changes: { checklist: { before: current.checklist, after } }, actorName: signer, at: when });
        current = { ...current, checklist: after };
      } else {
        const [reason, addendum] = r.pick(W.MINUTES_AMENDMENTS);
        const after = `${current.minutesHtml}<p>${addendum}</p>`;
        amendments.push({ id: uuid7At(when, ids), activity: k, seq, reason, changes: { minutesHtml: { before: current.minutesHtml, after } }, actorName: signer, at: when });
        current = { ...current, minutesHtml: after };
      }
      if (!r.chance(0.15)) break;
    }
  });
  return { records, amendments, minutesKey };
}
