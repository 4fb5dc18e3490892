import { EventEmitter } from 'node:events';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { ACTIVE_STANDINGS, type Standing } from '../../../common/member.ts';
import { maskName } from '../../../common/mask.ts';
import { Batcher } from '../../core/db/batcher.ts';
import { pgArray } from '../../core/db/pg-array.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Services, Tx } from '../../core/services.ts';
import { systemActivityById } from '../activities/activities.repo.ts';
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
export type Written = { countyCode: string; activityId: string; memberId: string; name: string; affiliated: boolean; channel: Channel; at: Date };

const ACTIVITY_TTL_MS = 3_000;
type MemberHit = { id: string; cardNo: string | null; chipUid: string | null; standing: string; name: string; orgId: string; orgPath: string; orgName: string };

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

/**
 * The check-in write path. Requests are validated up front (activity, window, device), then
 * queued; each flush resolves every card of the batch in one query, refuses unknown, revoked and
 * inactive ones, inserts all check-ins in one statement (ON CONFLICT DO NOTHING on the member +
 * activity and nonce keys), tells duplicates apart, bumps the activities' counters once per
 * activity and commits. Nothing scans check-ins: counters live on the activity row.
 */
export class CheckinEngine {
  readonly written = new EventEmitter();
  private readonly batcher: Batcher<CheckinRequest, CheckinOutcome>;
  private readonly activities = new Map<string, { info: ActivityInfo | null; at: number }>();

  constructor(private readonly services: Services) {
    this.batcher = new Batcher((items) => this.flush(items), 1000);
    this.written.setMaxListeners(0);
    services.events.on('activity.changed', (county, id) => this.activities.delete(`${county}|${id}`));
  }

  /** Waits for queued check-ins to be written and refuses new ones. */
  close() {
    return this.batcher.close();
  }

  /** An activity of the county (cached a few seconds; changes through the service drop it at once). */
  async activity(countyCode: string, id: string): Promise<ActivityInfo | null> {
    const key = `${countyCode}|${id}`;
    const hit = this.activities.get(key);
    if (hit && Date.now() - hit.at < ACTIVITY_TTL_MS) return hit.info;
    const r = await systemActivityById(this.services.db, countyCode, id);
    const info = r
      ? {
          countyCode,
          id,
          orgId: r.a.orgId,
          orgPath: r.orgPath,
          type: r.a.type,
          state: r.a.state,
          checkinFrom: r.a.checkinFrom,
          checkinUntil: r.a.checkinUntil,
          stationOrgId: r.a.stationOrgId,
          remoteAllowed: r.a.remoteAllowed,
        }
      : null;
    if (this.activities.size > 20_000) this.activities.clear();
    this.activities.set(key, { info, at: Date.now() });
    return info;
  }

  /** Queues a check-in; resolves after the batch holding it committed. */
  submit(req: CheckinRequest): Promise<CheckinOutcome> {
    return this.batcher.push(req);
  }

  private async flush(items: CheckinRequest[]): Promise<(CheckinOutcome | Error)[]> {
    const out: (CheckinOutcome | Error)[] = new Array(items.length);
    const written: Written[] = [];
    // One county per transaction (a node normally serves one).
    const byCounty = new Map<string, number[]>();
    for (const [i, it] of items.entries()) byCounty.set(it.activity.countyCode, [...(byCounty.get(it.activity.countyCode) ?? []), i]);
    for (const [county, idx] of byCounty) {
      await this.services.db.transaction(async (tx) => {
        await this.flushCounty(tx, county, idx.map((i) => items[i]), (k, o) => {
          out[idx[k]] = o;
        }, written);
      });
    }
    for (const w of written) this.written.emit('checkin', w);
    return out;
  }

  private async flushCounty(tx: Tx, county: string, items: CheckinRequest[], settle: (k: number, o: CheckinOutcome | Error) => void, written: Written[]) {
    // 1. Resolve members: by card, chip, or id — one query.
    const cards = new Set<string>();
    const chips = new Set<string>();
    const ids = new Set<string>();
    for (const it of items) {
      if ('card' in it.who) cards.add(it.who.card);
      else if ('chip' in it.who) chips.add(it.who.chip);
      else ids.add(it.who.memberId);
    }
    // One statement for the members and whether the presented cards are revoked: a card, the
    // card of a chip, or the card carried in a member QR (JSON parameters, no per-value binding).
    const claimed = items.flatMap((it) => ('memberId' in it.who && it.who.cardNo ? [it.who.cardNo] : []));
    const hits = rowsOf<MemberHit & { revoked: boolean }>(
      await tx.execute(sql`SELECT m.id, m.card_no AS "cardNo", m.chip_uid AS "chipUid", m.standing, m.name, m.org_id AS "orgId", o.path AS "orgPath", o.name AS "orgName",
          EXISTS (SELECT 1 FROM card_revocations r WHERE r.county_code = m.county_code AND r.card_no = m.card_no) AS revoked
        FROM members m JOIN organizations o ON o.county_code = m.county_code AND o.id = m.org_id
        WHERE m.county_code = ${county} AND (m.card_no = ANY(${pgArray(cards)}::text[]) OR m.chip_uid = ANY(${pgArray(chips)}::text[]) OR m.id = ANY(${pgArray(ids)}::uuid[]))`),
    );
    const byCard = new Map<string, MemberHit>();
    const byChip = new Map<string, MemberHit>();
    const byId = new Map<string, MemberHit>();
    const revoked = new Set<string>();
    for (const h of hits) {
      if (h.cardNo) byCard.set(h.cardNo, h);
      if (h.chipUid) byChip.set(h.chipUid, h);
      byId.set(h.id, h);
      if (h.revoked && h.cardNo) revoked.add(h.cardNo);
    }
    // A member QR may carry an older card number than the member's current one.
    const stale = claimed.filter((c) => !byCard.has(c));
    if (stale.length)
      for (const r of rowsOf<{ c: string }>(
        await tx.execute(sql`SELECT card_no AS c FROM card_revocations WHERE county_code = ${county} AND card_no = ANY(${pgArray(stale)}::text[])`),
      ))
        revoked.add(r.c);
    const memberOf: (MemberHit | undefined)[] = items.map((it) => {
      if ('card' in it.who) return byCard.get(it.who.card);
      if ('chip' in it.who) return byChip.get(it.who.chip);
      return byId.get(it.who.memberId);
    });
    // 3. Validate each item.
    type Row = { k: number; id: string; m: MemberHit; affiliated: boolean };
    const rows: Row[] = [];
    for (const [k, it] of items.entries()) {
      const m = memberOf[k];
      const card = 'card' in it.who ? it.who.card : 'chip' in it.who ? m?.cardNo : it.who.cardNo;
      if (!m) settle(k, new AppError(404, 'CHECKIN_UNKNOWN_CARD'));
      else if (card && revoked.has(card)) settle(k, new AppError(403, 'CHECKIN_CARD_REVOKED'));
      else if (!ACTIVE_STANDINGS.includes(m.standing as Standing)) settle(k, new AppError(403, 'CHECKIN_MEMBER_INACTIVE'));
      else rows.push({ k, id: uuidv7(), m, affiliated: m.orgPath.startsWith(it.activity.orgPath) });
    }
    if (rows.length === 0) return;
    // 4. Insert every row in one statement; conflicts on (activity, member) or nonce are skipped.
    const now = new Date();
    const json = JSON.stringify(
      rows.map((r) => {
        const it = items[r.k];
        return {
          county_code: county,
          id: r.id,
          activity_id: it.activity.id,
          member_id: r.m.id,
          host_org_id: it.activity.orgId,
          home_org_id: r.m.orgId,
          affiliated: r.affiliated,
          channel: it.channel,
          device_id: it.deviceId ?? null,
          device_time: it.deviceTime?.toISOString() ?? null,
          server_time: now.toISOString(),
          nonce: it.nonce,
          offline: it.offline ?? false,
          recorded_by: it.recordedBy ?? null,
          recorded_name: it.recordedName ?? null,
          reason: it.reason ?? null,
        };
      }),
    );
    const inserted = new Set(
      rowsOf<{ id: string }>(
        await tx.execute(sql`INSERT INTO checkins (county_code, id, activity_id, member_id, host_org_id, home_org_id, affiliated, channel, device_id, device_time, server_time, nonce, offline, recorded_by, recorded_name, reason)
          SELECT county_code, id, activity_id, member_id, host_org_id, home_org_id, affiliated, channel, device_id, device_time, server_time, nonce, offline, recorded_by, recorded_name, reason
            FROM jsonb_to_recordset(${json}::jsonb) AS x(county_code text, id uuid, activity_id uuid, member_id uuid, host_org_id uuid, home_org_id uuid, affiliated boolean, channel text,
                 device_id text, device_time timestamptz, server_time timestamptz, nonce text, offline boolean, recorded_by uuid, recorded_name text, reason text)
          ON CONFLICT DO NOTHING RETURNING id`),
      ).map((r) => r.id),
    );
    // 5. Those not inserted: the same nonce or the same member at the same activity is a duplicate;
    //    a nonce already used for someone or something else is refused.
    const skipped = rows.filter((r) => !inserted.has(r.id));
    const existing = skipped.length
      ? await tx
          .select({ nonce: checkins.nonce, activityId: checkins.activityId, memberId: checkins.memberId, affiliated: checkins.affiliated })
          .from(checkins)
          .where(
            and(
              eq(checkins.countyCode, county),
              or(
                inArray(checkins.nonce, skipped.map((r) => items[r.k].nonce)),
                and(inArray(checkins.activityId, [...new Set(skipped.map((r) => items[r.k].activity.id))]), inArray(checkins.memberId, [...new Set(skipped.map((r) => r.m.id))])),
              ),
            ),
          )
      : [];
    const member = (m: MemberHit) => ({ id: m.id, name: maskName(m.name), orgName: m.orgName });
    for (const r of rows) {
      const it = items[r.k];
      if (inserted.has(r.id)) {
        settle(r.k, { duplicate: false, affiliated: r.affiliated, member: member(r.m) });
        written.push({ countyCode: county, activityId: it.activity.id, memberId: r.m.id, name: maskName(r.m.name), affiliated: r.affiliated, channel: it.channel, at: now });
        continue;
      }
      const sameNonce = existing.find((e) => e.nonce === it.nonce);
      if (sameNonce && (sameNonce.activityId !== it.activity.id || sameNonce.memberId !== r.m.id)) {
        settle(r.k, new AppError(409, 'CHECKIN_NONCE_REUSED'));
        continue;
      }
      const prior = sameNonce ?? existing.find((e) => e.activityId === it.activity.id && e.memberId === r.m.id);
      settle(r.k, { duplicate: true, affiliated: prior?.affiliated ?? r.affiliated, member: member(r.m) });
    }
    // 6. Counters, once per activity, rows locked in id order (no deadlock between nodes).
    const delta = new Map<string, [number, number, number, number]>();
    for (const r of rows) {
      if (!inserted.has(r.id)) continue;
      const it = items[r.k];
      const d = delta.get(it.activity.id) ?? [0, 0, 0, 0];
      if (r.affiliated) d[0]++;
      else d[1]++;
      if (it.channel === 'remote') d[2]++;
      if (it.channel === 'manual') d[3]++;
      delta.set(it.activity.id, d);
    }
    if (delta.size === 0) return;
    const aids = [...delta.keys()].sort();
    const counts = JSON.stringify(aids.map((id) => ({ id, p: delta.get(id)?.[0], g: delta.get(id)?.[1], r: delta.get(id)?.[2], m: delta.get(id)?.[3] })));
    // Rows locked in id order (no deadlock between nodes), then bumped, in one statement.
    await tx.execute(sql`WITH d AS (SELECT * FROM jsonb_to_recordset(${counts}::jsonb) AS x(id uuid, p int, g int, r int, m int)),
        locked AS (SELECT a.id FROM activities a JOIN d ON a.county_code = ${county} AND a.id = d.id ORDER BY a.id FOR UPDATE OF a)
      UPDATE activities a SET present_count = a.present_count + d.p, guest_count = a.guest_count + d.g, remote_count = a.remote_count + d.r, manual_count = a.manual_count + d.m
        FROM d, locked WHERE a.county_code = ${county} AND a.id = d.id AND locked.id = d.id`);
  }
}

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
