// The demo county's activity history: who came (see activities-history.ts).
import * as W from './history-catalog.ts';
import { type Rng, isoOf } from './prng.ts';
import { ScheduleBuilder, type Host, FACTOR } from './history-schedule.ts';
import { ACTIVITY_QR, type Attendance, CARD, CHIP, DAY_MS, type HActivity, type HCheckins, type HUnit, MANUAL, MEMBER_QR, MINUTE, OUTWARD, REMOTE, TYPE_ORDER, at, monthOf, uuid7At } from './history-model.ts';

/** The attendance of the history: who came, guests, leave, and the columns the loader inserts. */
export class Builder extends ScheduleBuilder {
  run(): Attendance {
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

  protected pairGuests() {
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
  protected attend() {
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
  protected openActivity(r: Rng, a: HActivity, k: number, host: Host) {
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
  protected pairOf(u: HUnit): number {
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
  protected outward: number[] | null = null;
  protected outwardBranches() {
    this.outward ??= this.orgs.flatMap((o, i) => (o.direct.length >= 5 && OUTWARD.has(o.profile) ? [i] : []));
    return this.outward;
  }

  /** Guests already checked in (a guest may be drawn twice; members of the host never are). */
  protected readonly guestSeen = new Set<number>();

  /** One check-in of member i at activity k. */
  protected checkIn(r: Rng, a: HActivity, k: number, i: number, host: Host, offline: boolean, forced = -1, guest = false) {
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
  protected todayLeaves() {
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
  protected finish(): Attendance {
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
      orgs: this.orgs.map((o, i) => ({ id: o.id, path: o.path, name: o.name, themeDay: o.themeDay, secretary: o.secretary, weak: this.hosts.get(i)?.weak ?? false })),
      memberIds: this.ms.id,
      memberOrg: Int32Array.from(this.ms.org),
      activities: this.acts,
      checkins: out,
      leaves,
    };
  }
}
