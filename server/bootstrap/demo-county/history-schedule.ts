// The demo county's activity history: the schedule part (see activities-history.ts for what is held when).
import { THEME_DAY_DEFAULT_ITEMS, themeDayKind } from '../../../common/activity-rules.ts';
import type { ActivityType } from '../../../common/attendance.ts';
import type { DemoPicks } from './generate.ts';
import * as W from './history-catalog.ts';
import { isoOf } from './prng.ts';
import type { HistoryCollector } from './activities-history.ts';
import { BRANCH_LEVELS, CARD, CHIP, CheckinBuffer, DAY_MS, type HActivity, type HLeave, type HOrg, type HUnit, MEETING_LEVELS, MINUTE, type Members, QUARTER, at, monthDay, monthOf } from './history-model.ts';

export type Host = { q: number; weak: boolean; kiosk: number };

export const FACTOR: Partial<Record<ActivityType, number>> = { theme_day: 1, committee: 1.04, branch_assembly: 0.985, party_lecture: 0.975, life_meeting: 0.99, evaluation: 0.99 };

/** The schedule of the history: hosts, meeting units and every activity (who came: history-attendance.ts). */
export abstract class ScheduleBuilder {
  protected readonly orgs: HOrg[];
  protected readonly units: HUnit[];
  protected readonly ms: Members;
  protected readonly today: number;
  protected readonly from: number;
  protected readonly acts: HActivity[] = [];
  protected readonly hosts = new Map<number, Host>();
  protected readonly ci = new CheckinBuffer();
  protected readonly leaves: Omit<HLeave, 'id'>[] = [];
  protected readonly guestTarget: Int32Array;
  /** Organizations that hold the 支部 meetings (党员大会, 党课, 组织生活会, 民主评议) for members below them. */
  protected readonly meetingUnits = new Set<number>();
  protected readonly pairs = new Map<HUnit, number>();
  protected readonly demoOrgs: Set<string>;

  constructor(
    protected readonly c: HistoryCollector,
    protected readonly picks: DemoPicks,
    protected readonly months: number,
  ) {
    this.orgs = c.orgs;
    this.units = c.units;
    this.ms = c.members;
    this.today = c.today;
    this.from = monthDay(this.today, -months, new Date(this.today * DAY_MS).getUTCDate());
    this.guestTarget = new Int32Array(this.ms.id.length).fill(-1);
    this.demoOrgs = new Set([picks.branchA?.orgId, picks.branchB?.orgId].filter((x): x is string => !!x));
  }

  /** Hosts (quality = base attendance, weak branches, the kiosk's reader) and meeting units. */
  protected classify() {
    const r = this.c.root.fork('hosts');
    this.orgs.forEach((o, i) => {
      if (!BRANCH_LEVELS.has(o.level)) return;
      const weak = r.chance(0.055);
      // retirees come a little less, 机关 a little more
      const shift = o.profile === 'retired' ? -0.03 : o.profile === 'gov' || o.profile === 'township_gov' ? 0.015 : o.profile === 'protected' ? -0.01 : 0;
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
  protected subtree(i: number): number[] {
    return this.c.subtree(i);
  }

  protected place(i: number): string {
    const o = this.orgs[i];
    const u = this.units[o.unit];
    if (o.level === 'red_station') return o.name;
    if (u.place) return `${u.place}党群服务中心`;
    const top = this.orgs[u.orgs[0]].name.replace(/^中共/, '').replace(/(总支部委员会|支部委员会|委员会|党总支|党支部)$/, '');
    return `${top}党员活动室`;
  }

  /** Local start time (minutes after midnight) by type and category: villages in the morning, 机关 in the afternoon, enterprises after work. */
  protected startMinutes(i: number, type: ActivityType): number {
    const cat = this.orgs[i].category;
    if (type === 'theme_day') return cat === 'rural' ? 510 : cat === 'community' ? 540 : cat === 'government' || cat === 'institution' ? 870 : cat === 'soe' ? 900 : 990;
    if (type === 'committee') return cat === 'rural' ? 1140 : cat === 'community' ? 540 : 960;
    if (type === 'life_meeting') return 540;
    if (type === 'evaluation') return 840;
    if (type === 'volunteer') return 510;
    return 480;
  }

  protected add(i: number, type: ActivityType, day: number, startMin: number, minutes: number, f: Partial<HActivity> & { title: string }) {
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
      lockedAt: null,
      past: day < this.today,
      presentCount: 0,
      guestCount: 0,
      remoteCount: 0,
      manualCount: 0,
      ...f,
    });
  }

  /** Every activity from `from` to today + 14 days (missed meetings left out; a typhoon's postponements). */
  protected schedule() {
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
}
