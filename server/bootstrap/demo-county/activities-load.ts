// Loads the generated activity history (activities-history.ts) inside the seed's transaction:
// one `INSERT … SELECT FROM unnest(array, …)` per chunk and table, built straight from the
// generator's typed columns (no row objects). Times travel as epoch milliseconds (a float8 array
// is much cheaper to send and parse than timestamptz text) and become timestamptz in SQL.
import { sql } from 'drizzle-orm';
import type { Tx } from '../../core/services.ts';
import { CHANNEL_CODES, type History, checkinId, isManual, serverTimeOf } from './activities-history.ts';
import { MEMBER_QR } from './history-model.ts';
import { type Column, insertColumns, secondaryIndexes, ts } from './bulk-load.ts';
import { MANUAL_REASONS } from './history-catalog.ts';

/** Counts and wall time (ms) per table of a history load. */
export type HistoryLoadStats = { activities: number; checkins: number; leaves: number; ms: { activities: number; checkins: number; leaves: number } };

/** Inserts the history's activities, check-ins and leave requests, `chunk` rows per statement. */
export async function loadHistory(tx: Tx, county: string, h: History, chunk = 25_000): Promise<HistoryLoadStats> {
  const stats: HistoryLoadStats = { activities: h.activities.length, checkins: h.checkins.length, leaves: h.leaves.length, ms: { activities: 0, checkins: 0, leaves: 0 } };
  const orgId = (i: number) => h.orgs[i].id;
  let t = performance.now();
  const lap = (part: keyof HistoryLoadStats['ms']) => {
    const now = performance.now();
    stats.ms[part] += now - t;
    t = now;
  };

  for (let s = 0; s < h.activities.length; s += chunk) {
    const as = h.activities.slice(s, s + chunk);
    const col = <T>(name: string, type: string, f: (a: (typeof as)[number]) => T, expr?: Column['expr']): Column => ({ name, type, values: as.map(f), expr });
    await insertColumns(tx, 'activities', county, [
      col('id', 'uuid', (a) => a.id),
      col('org_id', 'uuid', (a) => orgId(a.org)),
      col('type', 'text', (a) => a.type),
      col('title', 'text', (a) => a.title),
      col('agenda', 'text', (a) => a.agenda),
      col('starts_at', 'float8', (a) => a.startsAt, ts),
      col('ends_at', 'float8', (a) => a.endsAt, ts),
      col('checkin_from', 'float8', (a) => a.checkinFrom, ts),
      col('checkin_until', 'float8', (a) => a.checkinUntil, ts),
      col('place', 'text', (a) => a.place),
      col('station_org_id', 'uuid', (a) => (a.station >= 0 ? orgId(a.station) : null)),
      col('host_name', 'text', (a) => a.hostName),
      col('recorder_name', 'text', (a) => a.recorderName),
      col('lecturer', 'text', (a) => a.lecturer),
      col('remote_allowed', 'bool', (a) => a.remoteAllowed),
      col('state', 'text', (a) => a.state),
      col('cancel_reason', 'text', (a) => a.cancelReason),
      col('present_count', 'int4', (a) => a.presentCount),
      col('guest_count', 'int4', (a) => a.guestCount),
      col('remote_count', 'int4', (a) => a.remoteCount),
      col('manual_count', 'int4', (a) => a.manualCount),
      col('locked_at', 'float8', (a) => a.lockedAt, ts),
      col('created_at', 'float8', (a) => a.createdAt, ts),
      col('updated_at', 'float8', (a) => a.lockedAt ?? a.createdAt, ts),
    ]);
  }
  lap('activities');

  // Check-ins: only what varies per row travels as text (the row's id and member); the activity,
  // host, home organization, channel, device, nonce and 补签 fields are small integers resolved in
  // SQL against short per-chunk arrays, which parse far faster than a uuid or text per row.
  const c = h.checkins;
  const indexes = c.length >= 50_000 ? await secondaryIndexes(tx, 'checkins') : [];
  for (const ix of indexes) await tx.execute(sql.raw(`DROP INDEX "${ix.name}"`));
  const allOrgs = h.orgs.map((o) => o.id);
  const channels = `ARRAY[${CHANNEL_CODES.map((x) => `'${x}'`).join(', ')}]`;
  const secretaries = [...new Set(h.orgs.map((o) => o.secretary ?? '支部委员会'))];
  const secretaryIdx = new Map(secretaries.map((x, i) => [x, i + 1]));
  for (let s = 0; s < c.length; s += chunk) {
    const n = Math.min(chunk, c.length - s);
    const a0 = c.activity[s];
    const a1 = c.activity[s + n - 1];
    const acts = h.activities.slice(a0, a1 + 1);
    const id: string[] = new Array(n);
    const act = new Int32Array(n);
    const member: string[] = new Array(n);
    const home = new Int32Array(n);
    const affiliated: boolean[] = new Array(n);
    const channel = new Int16Array(n);
    const kiosk = new Int32Array(n);
    const server = new Float64Array(n);
    const delay = new Int32Array(n);
    const offline: boolean[] = new Array(n);
    const recorder = new Int32Array(n);
    const reason = new Int16Array(n);
    for (let j = 0; j < n; j++) {
      const k = s + j;
      const a = h.activities[c.activity[k]];
      const m = c.member[k];
      const ch = c.channel[k];
      id[j] = checkinId(c, k);
      act[j] = c.activity[k] - a0 + 1;
      member[j] = h.memberIds[m];
      home[j] = h.memberOrg[m] + 1;
      affiliated[j] = c.affiliated[k] === 1;
      channel[j] = ch + 1;
      // card, chip and member QR are read by the kiosk of the organization (or of the 红色驿站 it met at)
      kiosk[j] = ch <= MEMBER_QR ? (a.station >= 0 ? a.station : a.org) + 1 : 0;
      server[j] = serverTimeOf(c, k);
      delay[j] = isManual(c, k) ? -1 : c.serverDelay[k];
      offline[j] = c.offline[k] === 1;
      recorder[j] = isManual(c, k) ? secretaryIdx.get(h.orgs[a.org].secretary ?? '支部委员会')! : 0;
      reason[j] = isManual(c, k) ? ((c.rand[3 * k] >>> 8) % MANUAL_REASONS.length) + 1 : 0;
    }
    const arr = (values: unknown, type: string) => sql`${sql.param(Array.from(values as ArrayLike<unknown>))}::${sql.raw(type)}[]`;
    // the lookup arrays are read once (FROM clause); uuid and int arrays index in constant time
    await tx.execute(sql`
      INSERT INTO checkins (county_code, id, activity_id, member_id, host_org_id, home_org_id, affiliated, channel, device_id, device_time, server_time, nonce, offline, recorded_name, reason)
      SELECT ${county}, t.id, l.acts[t.act], t.member, l.orgs[l.hosts[t.act]], l.orgs[t.home], t.affiliated, (${sql.raw(channels)})[t.channel],
             l.devices[nullif(t.kiosk, 0)],
             CASE WHEN t.delay >= 0 THEN to_timestamp((t.server - t.delay) / 1000.0) END, to_timestamp(t.server / 1000.0),
             CASE WHEN t.delay >= 0 THEN t.id::text ELSE 'manual-' || t.id::text END, t.offline,
             l.names[nullif(t.recorder, 0)], l.reasons[nullif(t.reason, 0)]
        FROM (SELECT ${arr(allOrgs, 'uuid')} AS orgs, ${arr(h.deviceOf, 'text')} AS devices, ${arr(acts.map((a) => a.id), 'uuid')} AS acts, ${arr(acts.map((a) => a.org + 1), 'int4')} AS hosts,
                     ${arr(secretaries, 'text')} AS names, ${arr(MANUAL_REASONS, 'text')} AS reasons) l,
             unnest(${arr(id, 'uuid')}, ${arr(act, 'int4')}, ${arr(member, 'uuid')}, ${arr(home, 'int4')}, ${arr(affiliated, 'bool')}, ${arr(channel, 'int2')},
                    ${arr(kiosk, 'int4')}, ${arr(server, 'float8')}, ${arr(delay, 'int4')}, ${arr(offline, 'bool')}, ${arr(recorder, 'int4')}, ${arr(reason, 'int2')})
               AS t(id, act, member, home, affiliated, channel, kiosk, server, delay, offline, recorder, reason)`);
  }
  for (const ix of indexes) await tx.execute(sql.raw(ix.def));
  lap('checkins');

  for (let s = 0; s < h.leaves.length; s += chunk) {
    const ls = h.leaves.slice(s, s + chunk);
    await insertColumns(tx, 'activity_leaves', county, [
      { name: 'id', type: 'uuid', values: ls.map((l) => l.id) },
      { name: 'activity_id', type: 'uuid', values: ls.map((l) => h.activities[l.activity].id) },
      { name: 'member_id', type: 'uuid', values: ls.map((l) => h.memberIds[l.member]) },
      { name: 'reason', type: 'text', values: ls.map((l) => l.reason) },
      { name: 'state', type: 'text', values: ls.map((l) => l.state) },
      { name: 'requested_at', type: 'float8', values: ls.map((l) => l.requestedAt), expr: ts },
      { name: 'decided_name', type: 'text', values: ls.map((l) => l.decidedName) },
      { name: 'decided_at', type: 'float8', values: ls.map((l) => l.decidedAt), expr: ts },
    ]);
  }
  lap('leaves');
  return stats;
}

