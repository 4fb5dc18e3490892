// The demo county's organizational life (DOMAIN §3), generated without a database: months of
// history before today (historyMonths: 4 at demo scale, a full year with --history-months 12),
// today's and the next two weeks' activities; activities of every type the organization tree
// allows, check-ins of every channel, 请假 and the counters of each activity; the records of past
// activities (history-records.ts), this year's plans (history-plans.ts) and the kiosks
// (history-kiosks.ts). `HistoryCollector.add` takes the units as generateUnits yields them
// (load.ts streams them to the database and to the collector); `build` lays out the schedule,
// draws who came, then records, plans and kiosks. Same seed and today → the same history, row for row: every draw comes from a
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
import type { CountyPlan, DemoPicks, GenUnit } from './generate.ts';
import { Rng, dayOf } from './prng.ts';
import { Builder } from './history-attendance.ts';
import { chooseKiosks } from './history-kiosks.ts';
import { buildPlans } from './history-plans.ts';
import { buildRecords } from './history-records.ts';
import { AWAY_JOBS, BRANCH_LEVELS, DAY_MS, type HOrg, type HUnit, type History, type Members, OUTWARD, commonDay, historyMonths } from './history-model.ts';

export { CHANNEL_CODES, checkinId, historyMonths, isManual, planItemAt, serverTimeOf, uuid7, uuid7At } from './history-model.ts';
export type { Attendance, HActivity, HAmendment, HCheckins, HKiosk, HLeave, HPlan, HPlanItem, HPlanItems, HRecord, History } from './history-model.ts';

/**
 * Collects what the history needs of each unit as the generator yields it (ids, paths, committees,
 * a few facts per member), then builds the history. Keeps no names or ID numbers of members except
 * the committee's, so a large county stays small in memory.
 */
export class HistoryCollector {
  readonly orgs: HOrg[] = [];
  readonly units: HUnit[] = [];
  readonly members: Members = { id: [], org: [], age: [], join: [], lost: [], excluded: [], confirmed: [], away: [], outward: [] };
  readonly root: Rng;
  readonly today: number;
  private readonly orgIndex = new Map<string, number>();
  private readonly traits: Rng;
  private readonly subtrees = new Map<number, number[]>();
  private next = 0;

  constructor(readonly plan: CountyPlan) {
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
        seatStart: [],
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
      ms.confirmed.push(m.status === 'full' && m.confirmedOn ? dayOf(m.confirmedOn) : Number.POSITIVE_INFINITY);
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
      this.orgs[org].seatStart.push(dayOf(c.termStart));
      if ((c.position === 'organization' || c.position === 'propaganda') && !this.orgs[org].recorder) this.orgs[org].recorder = names.get(c.memberId) ?? null;
    }
  }

  /** Members of an organization's subtree (its own and those of the organizations below it in its unit). */
  subtree(i: number): number[] {
    let s = this.subtrees.get(i);
    if (s) return s;
    const o = this.orgs[i];
    s = [];
    for (const j of this.units[o.unit].orgs) if (this.orgs[j].path.startsWith(o.path)) for (const m of this.orgs[j].direct) s.push(m);
    this.subtrees.set(i, s);
    return s;
  }

  /**
   * Lays out and draws the history (`months` before today, today and the next 14 days), then the
   * records of past activities, this year's plans and the kiosks.
   */
  build(picks: DemoPicks, months = historyMonths(this.plan.options.scale)): History {
    if (this.next !== this.plan.units.length) throw new Error('history: not every unit was collected');
    const h = new Builder(this, picks, months).run();
    const kiosks = chooseKiosks(this, h, picks);
    return { ...h, ...buildRecords(this, h), ...buildPlans(this, h), ...kiosks };
  }
}


/** The whole history of a county in memory (tests and small scales). */
export function generateHistory(plan: CountyPlan, units: Iterable<GenUnit>, picks: DemoPicks, months?: number): History {
  const c = new HistoryCollector(plan);
  for (const u of units) c.add(u);
  return c.build(picks, months);
}
