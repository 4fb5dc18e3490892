
import { describe, expect, it } from 'vitest';
import { assemblyQuorum, themeDayFixedItems } from '../../../common/activity-rules.ts';
import { PLAN_DEFAULTS, planKind, requiredSlots } from '../../../common/plan-rules.ts';
import { cleanDecisions } from '../../modules/activity-records/record-content.ts';
import { minutesText, sanitizeMinutes } from '../../modules/activity-records/sanitize.ts';
import { planFacts } from '../../modules/plans/plan-slots.ts';
import { planItemAt, serverTimeOf } from './activities-history.ts';
import { THEME_X } from './history-catalog.ts';
import { recordMinutes } from './history-minutes.ts';
import { dayOf, isoOf } from './prng.ts';
import { ROOT, TODAY, history } from './history.test-kit.ts';

const { h, picks, units } = history();
const c = h.checkins;
const orgOf = new Map(units.flatMap((u) => u.orgs).map((o) => [o.id, o]));
const _memberOf = new Map(units.flatMap((u) => u.members).map((m) => [m.id, m]));
const today = dayOf(TODAY);

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
