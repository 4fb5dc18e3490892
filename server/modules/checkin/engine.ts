import { EventEmitter } from 'node:events';
import { and, eq, inArray, or } from 'drizzle-orm';
import { ACTIVE_STANDINGS } from '../../../common/member.ts';
import { maskName } from '../../../common/mask.ts';
import { BatchLoader } from '../../core/batch-loader.ts';
import { Batcher } from '../../core/db/batcher.ts';
import { TtlCache } from '../../core/ttl-cache.ts';
import { pgArray } from '../../core/db/pg-array.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Services } from '../../core/services.ts';
import { type ActivityJoined, systemActivitiesByIds, systemActivitiesOpen } from '../activities/activities.repo.ts';
import { type Channel, checkins } from './checkin.tables.ts';

/** What the engine needs of an activity (cached for a few seconds). */
export type ActivityInfo = {
  countyCode: string;
  id: string;
  orgId: string;
  orgPath: string;
  type: string;
  state: string;
  checkinFrom: Date;
  checkinUntil: Date;
  stationOrgId: string | null;
  remoteAllowed: boolean;
};

/** Who checks in: a card or chip number to resolve, or a member already known (QR, session, manual). */
export type Who = { card: string } | { chip: string } | { memberId: string; cardNo?: string | null };

const infoOf = (countyCode: string, r: ActivityJoined): ActivityInfo => ({
  countyCode,
  id: r.a.id,
  orgId: r.a.orgId,
  orgPath: r.orgPath,
  type: r.a.type,
  state: r.a.state,
  checkinFrom: r.a.checkinFrom,
  checkinUntil: r.a.checkinUntil,
  stationOrgId: r.a.stationOrgId,
  remoteAllowed: r.a.remoteAllowed,
});

/** One check-in to write. */
export type CheckinRequest = {
  activity: ActivityInfo;
  who: Who;
  channel: Channel;
  nonce: string;
  deviceId?: string | null;
  deviceTime?: Date | null;
  offline?: boolean;
  recordedBy?: string | null;
  recordedName?: string | null;
  reason?: string | null;
};

/** The outcome of one check-in. */
export type CheckinOutcome = { duplicate: boolean; affiliated: boolean; member: { id: string; name: string; orgName: string } };

/** A check-in written (sent to live views after commit). */
export type Written = {
  countyCode: string;
  activityId: string;
  memberId: string;
  name: string;
  affiliated: boolean;
  channel: Channel;
  at: Date;
  /** The activity's record was already submitted: a late attendee (an offline queue uploaded after the meeting). */
  late: boolean;
};

/**
 * How long an activity's state and window are trusted without reading them again. Changes made on
 * this node drop the entry at once ('activity.changed'); the TTL bounds what another node's change
 * (a cancellation, a moved window) takes to be seen here. Short TTLs cost a query per activity
 * per TTL: with 1,660 theme days at once, 3 s meant ≈ 550 extra queries a second.
 */
const ACTIVITY_TTL_MS = 30_000;
/** Activities whose window opens within this are warmed too; warming stops after WARM_IDLE_MS without check-ins. */
const WARM_AHEAD_MS = 10 * 60_000;
const WARM_IDLE_MS = 5 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The check-in write path. Requests are validated up front (activity, window, device), then
 * queued (group commit); each flush is one call of checkin_write per county, which resolves every
 * card of the batch, refuses unknown, revoked and inactive ones, inserts the check-ins (ON CONFLICT
 * DO NOTHING on the member + activity and nonce keys) and bumps the activities' counters, in one
 * statement; only conflicts take a second query, to tell duplicates from reused nonces. Nothing
 * scans check-ins: counters live on the activity row.
 */
export class CheckinEngine {
  readonly written = new EventEmitter();
  private readonly batcher: Batcher<CheckinRequest, CheckinOutcome>;
  private readonly activities = new TtlCache<ActivityInfo | null>(ACTIVITY_TTL_MS);
  private readonly activityLoader = new BatchLoader<ActivityInfo | null>((keys) => this.loadActivities(keys), null);
  private readonly warming = new Map<string, { timer: NodeJS.Timeout; lastUse: number }>();

  constructor(private readonly services: Services) {
    this.batcher = new Batcher((items) => this.flush(items), 1000);
    this.written.setMaxListeners(0);
    services.events.on('activity.changed', (county, id) => this.activities.delete(`${county}|${id}`));
  }

  /** Stops warming, waits for queued check-ins to be written and refuses new ones. */
  close() {
    for (const w of this.warming.values()) clearInterval(w.timer);
    this.warming.clear();
    return this.batcher.close();
  }

  /** An activity of the county (cached; changes through the service drop it at once; misses of one turn share a query). */
  activity(countyCode: string, id: string): Promise<ActivityInfo | null> {
    this.keepWarm(countyCode);
    const key = `${countyCode}|${id}`;
    return this.activities.get(key, () => this.activityLoader.load(key));
  }

  /**
   * While check-ins flow for a county, the activities whose window is open (or opens within
   * WARM_AHEAD_MS) are read in one query every half TTL and kept in the cache: when a theme day
   * starts and 1,660 activities see their first scans in the same second, they are already there.
   * Warming stops after WARM_IDLE_MS without a check-in.
   */
  private keepWarm(countyCode: string) {
    const w = this.warming.get(countyCode);
    if (w) {
      w.lastUse = Date.now();
      return;
    }
    const entry = {
      lastUse: Date.now(),
      timer: setInterval(() => {
        if (Date.now() - entry.lastUse > WARM_IDLE_MS) {
          clearInterval(entry.timer);
          this.warming.delete(countyCode);
        } else void this.warm(countyCode);
      }, ACTIVITY_TTL_MS / 2),
    };
    entry.timer.unref();
    this.warming.set(countyCode, entry);
    void this.warm(countyCode);
  }

  private async warm(countyCode: string) {
    const version = this.activities.version;
    const now = Date.now();
    try {
      const rows = await systemActivitiesOpen(this.services.db, countyCode, new Date(now), new Date(now + WARM_AHEAD_MS));
      for (const r of rows) if (!this.activities.set(`${countyCode}|${r.a.id}`, infoOf(countyCode, r), version)) break;
    } catch (e) {
      // Only a warm-up: lookups still load what they miss.
      this.services.log.warn({ err: e }, 'check-in: warming the open activities failed');
    }
  }

  private async loadActivities(keys: string[]): Promise<Map<string, ActivityInfo>> {
    const found = new Map<string, ActivityInfo>();
    const byCounty = new Map<string, string[]>();
    for (const k of keys) {
      const [county, id] = k.split('|');
      // Not a uuid: no such activity (and nothing to send to the database).
      if (!UUID.test(id)) continue;
      byCounty.set(county, [...(byCounty.get(county) ?? []), id]);
    }
    for (const [countyCode, ids] of byCounty)
      for (const r of await systemActivitiesByIds(this.services.db, countyCode, ids)) found.set(`${countyCode}|${r.a.id}`, infoOf(countyCode, r));
    return found;
  }

  /** Queues a check-in; resolves after the batch holding it committed. */
  submit(req: CheckinRequest): Promise<CheckinOutcome> {
    return this.batcher.push(req);
  }

  private async flush(items: CheckinRequest[]): Promise<(CheckinOutcome | Error)[]> {
    const out: (CheckinOutcome | Error)[] = new Array(items.length);
    const written: Written[] = [];
    // One call per county (a node normally serves one).
    const byCounty = new Map<string, number[]>();
    for (const [i, it] of items.entries()) {
      const idx = byCounty.get(it.activity.countyCode);
      if (idx) idx.push(i);
      else byCounty.set(it.activity.countyCode, [i]);
    }
    for (const [county, idx] of byCounty)
      await this.writeCounty(county, idx.map((i) => items[i]), (k, o) => {
        out[idx[k]] = o;
      }, written);
    for (const w of written) this.written.emit('checkin', w);
    return out;
  }

  /**
   * One round trip: checkin_write (migration 0010) resolves the members, refuses unknown, revoked
   * and inactive ones, inserts the rest and bumps the counters in one statement. Two nodes bumping
   * the same activities in another order can deadlock; PostgreSQL then aborts one statement whole
   * and it is simply run again.
   */
  private async writeCounty(county: string, items: CheckinRequest[], settle: (k: number, o: CheckinOutcome | Error) => void, written: Written[]) {
    const now = new Date();
    const ids = items.map(() => uuidv7());
    // Only the fields an item has (jsonb_to_recordset reads a missing key as NULL).
    const json = JSON.stringify(
      items.map((it, k) => {
        const who = it.who;
        return {
          k,
          ...('card' in who ? { card: who.card } : 'chip' in who ? { chip: who.chip } : { member: who.memberId, ...(who.cardNo ? { claimed: who.cardNo } : {}) }),
          id: ids[k],
          activity: it.activity.id,
          host_org: it.activity.orgId,
          act_path: it.activity.orgPath,
          channel: it.channel,
          ...(it.deviceId ? { device_id: it.deviceId } : {}),
          ...(it.deviceTime ? { device_time: it.deviceTime.toISOString() } : {}),
          nonce: it.nonce,
          ...(it.offline ? { offline: true } : {}),
          ...(it.recordedBy ? { recorded_by: it.recordedBy } : {}),
          ...(it.recordedName ? { recorded_name: it.recordedName } : {}),
          ...(it.reason ? { reason: it.reason } : {}),
        };
      }),
    );
    type Row = { r_k: number; r_outcome: 'ok' | 'skipped' | 'unknown' | 'revoked' | 'inactive'; r_member: string | null; r_name: string | null; r_org_name: string | null; r_affiliated: boolean | null; r_locked: boolean };
    let rows: Row[] = [];
    for (let attempt = 1; ; attempt++) {
      try {
        rows = await this.services.database.query<Row>('SELECT * FROM checkin_write($1, $2, $3, $4)', [county, ACTIVE_LITERAL, json, now.toISOString()], 'checkin_write');
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== '40P01' || attempt >= 5) throw e;
      }
    }
    const member = (r: Row) => ({ id: r.r_member as string, name: maskName(r.r_name ?? ''), orgName: r.r_org_name ?? '' });
    const skipped: Row[] = [];
    for (const r of rows) {
      const it = items[r.r_k];
      if (r.r_outcome === 'unknown') settle(r.r_k, new AppError(404, 'CHECKIN_UNKNOWN_CARD'));
      else if (r.r_outcome === 'revoked') settle(r.r_k, new AppError(403, 'CHECKIN_CARD_REVOKED'));
      else if (r.r_outcome === 'inactive') settle(r.r_k, new AppError(403, 'CHECKIN_MEMBER_INACTIVE'));
      else if (r.r_outcome === 'skipped') skipped.push(r);
      else {
        const affiliated = r.r_affiliated === true;
        settle(r.r_k, { duplicate: false, affiliated, member: member(r) });
        written.push({ countyCode: county, activityId: it.activity.id, memberId: r.r_member as string, name: maskName(r.r_name ?? ''), affiliated, channel: it.channel, at: now, late: r.r_locked });
      }
    }
    if (skipped.length === 0) return;
    // Not inserted: the same nonce or the same member at the same activity is a duplicate (answered
    // with the first check-in's affiliation); a nonce already used for something else is refused.
    const existing = await this.services.db
      .select({ nonce: checkins.nonce, activityId: checkins.activityId, memberId: checkins.memberId, affiliated: checkins.affiliated })
      .from(checkins)
      .where(
        and(
          eq(checkins.countyCode, county),
          or(
            inArray(checkins.nonce, skipped.map((r) => items[r.r_k].nonce)),
            and(inArray(checkins.activityId, [...new Set(skipped.map((r) => items[r.r_k].activity.id))]), inArray(checkins.memberId, [...new Set(skipped.map((r) => r.r_member as string))])),
          ),
        ),
      );
    for (const r of skipped) {
      const it = items[r.r_k];
      const sameNonce = existing.find((e) => e.nonce === it.nonce);
      if (sameNonce && (sameNonce.activityId !== it.activity.id || sameNonce.memberId !== r.r_member)) {
        settle(r.r_k, new AppError(409, 'CHECKIN_NONCE_REUSED'));
        continue;
      }
      const prior = sameNonce ?? existing.find((e) => e.activityId === it.activity.id && e.memberId === r.r_member);
      settle(r.r_k, { duplicate: true, affiliated: prior?.affiliated ?? r.r_affiliated === true, member: member(r) });
    }
  }
}

/** The standings that may check in, as one array parameter. */
const ACTIVE_LITERAL = pgArray(ACTIVE_STANDINGS);

const engines = new WeakMap<Services, CheckinEngine>();

/** The engine of an app's services (one per process and database). */
export function engineOf(services: Services): CheckinEngine {
  let e = engines.get(services);
  if (!e) {
    e = new CheckinEngine(services);
    engines.set(services, e);
  }
  return e;
}
