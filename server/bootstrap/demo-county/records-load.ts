// Loads the records of the demo county's past activities (history-records.ts) inside the seed's
// transaction: the records and their amendments, and for every submitted record the electronic-file
// entry of each attendee, exactly as submitting it in the records module writes them
// (attendanceEntry). The entries are made in SQL from the check-in rows already loaded: the
// generator sends each record's first entry whole and, per 隶属 and channel, what its entry has
// that the first has not; the database puts them together and fans them out to the check-ins, so
// nothing per attendee travels. An entry's id is the UUIDv7 of its check-in with the submission
// time as its timestamp (fileEntryId).
import { sql } from 'drizzle-orm';
import { attendanceEntry } from '../../modules/activity-records/record-content.ts';
import type { FileEvent } from '../../modules/members/member-file.ts';
import type { Tx } from '../../core/services.ts';
import { CHANNEL_CODES, type HRecord, type History, uuid7 } from './activities-history.ts';
import { recordMinutes } from './history-minutes.ts';
import { insertColumns, ts } from './bulk-load.ts';
import { isoOf } from './prng.ts';

/** The id of the file entry of check-in t when its record was submitted at `ms`: the check-in's id with that timestamp. */
export const fileEntryId = (h: History, t: number, ms: number) => uuid7(ms, h.checkins.rand[3 * t], h.checkins.rand[3 * t + 1], h.checkins.rand[3 * t + 2]);

/** Counts of a records load. */
export type RecordsLoadStats = { records: number; submitted: number; amendments: number; fileEntries: number };

const json = (c: string) => `${c}::jsonb`;

/**
 * The fields (and the detail's fields) of entry `e` that differ from `base`, the first entry of the
 * same record: the two share the rest (the entries of one record differ in values, never in a null).
 */
function differences(base: FileEvent, e: FileEvent): Partial<FileEvent> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) if (k !== 'detail' && k !== 'memberId' && v !== base[k as keyof FileEvent]) out[k] = v;
  const detail = Object.fromEntries(Object.entries(e.detail ?? {}).filter(([k, v]) => base.detail?.[k] !== v));
  if (Object.keys(detail).length > 0) out.detail = detail;
  return out;
}
/** The figures a record froze at submission (a draft has none). */
const frozen = (x: HRecord) => (x.state === 'submitted' ? x.figures : null);

/** Inserts the records, amendments and attendees' file entries of `h`, `chunk` records per statement. */
export async function loadRecords(tx: Tx, county: string, h: History, chunk = 2000): Promise<RecordsLoadStats> {
  const acts = h.activities;
  const stats: RecordsLoadStats = { records: h.records.length, submitted: 0, amendments: h.amendments.length, fileEntries: 0 };
  for (let s = 0; s < h.records.length; s += chunk) {
    const rs = h.records.slice(s, s + chunk);
    const col = <T>(name: string, type: string, f: (x: (typeof rs)[number]) => T, expr?: (c: string) => string) => ({ name, type, values: rs.map(f), expr });
    await insertColumns(tx, 'activity_records', county, [
      col('activity_id', 'uuid', (x) => acts[x.activity].id),
      col('state', 'text', (x) => x.state),
      col('minutes_html', 'text', (x) => recordMinutes(h, x)),
      col('decisions', 'text', (x) => JSON.stringify(x.decisions), json),
      col('checklist', 'text', (x) => JSON.stringify(x.checklist), json),
      col('version', 'int4', (x) => x.version),
      col('created_at', 'float8', (x) => x.createdAt, ts),
      col('updated_name', 'text', (x) => x.updatedName),
      col('updated_at', 'float8', (x) => x.updatedAt, ts),
      col('submitted_name', 'text', (x) => x.submittedName),
      col('submitted_at', 'float8', (x) => x.submittedAt, ts),
      col('expected_count', 'int4', (x) => frozen(x)?.expected ?? null),
      col('present_count', 'int4', (x) => frozen(x)?.present ?? null),
      col('leave_count', 'int4', (x) => frozen(x)?.leave ?? null),
      col('guest_count', 'int4', (x) => frozen(x)?.guests ?? null),
      col('quorum_present', 'int4', (x) => frozen(x)?.quorumPresent ?? null),
      col('voting_members', 'int4', (x) => frozen(x)?.votingMembers ?? null),
    ]);
  }
  for (let s = 0; s < h.amendments.length; s += chunk) {
    const as = h.amendments.slice(s, s + chunk);
    await insertColumns(tx, 'activity_record_amendments', county, [
      { name: 'id', type: 'uuid', values: as.map((x) => x.id) },
      { name: 'activity_id', type: 'uuid', values: as.map((x) => acts[x.activity].id) },
      { name: 'seq', type: 'int4', values: as.map((x) => x.seq) },
      { name: 'reason', type: 'text', values: as.map((x) => x.reason) },
      { name: 'changes', type: 'text', values: as.map((x) => JSON.stringify(x.changes)), expr: json },
      { name: 'actor_name', type: 'text', values: as.map((x) => x.actorName) },
      { name: 'at', type: 'float8', values: as.map((x) => x.at), expr: ts },
    ]);
  }

  // the attendees' file entries: one entry per submitted record, 隶属 and channel, fanned out to the check-ins
  const types = (await tx.execute(sql`SELECT code, name_zh AS "nameZh", name_en AS "nameEn" FROM activity_types`)) as unknown as { rows: { code: string; nameZh: string; nameEn: string }[] };
  const typeOf = new Map(types.rows.map((x) => [x.code, x]));
  const ci = h.checkins;
  const start = new Int32Array(acts.length + 1);
  for (let t = 0; t < ci.length; t++) start[ci.activity[t] + 1]++;
  for (let k = 0; k < acts.length; k++) start[k + 1] += start[k];
  const submitted = h.records.filter((x) => x.state === 'submitted');
  stats.submitted = submitted.length;
  for (let s = 0; s < submitted.length; s += chunk) {
    // per record: its first entry whole; per 隶属 and channel: what its entry has that the first has not
    const firsts: object[] = [];
    const variants: object[] = [];
    const part = submitted.slice(s, s + chunk);
    for (const x of part) {
      const a = acts[x.activity];
      const type = typeOf.get(a.type) ?? { nameZh: a.type, nameEn: a.type };
      const activity = { countyCode: county, id: a.id, type: a.type, title: a.title, orgId: h.orgs[a.org].id, orgName: h.orgs[a.org].name, date: isoOf(a.day) };
      const at = Math.floor(x.submittedAt ?? 0);
      let first: FileEvent | null = null;
      let seen = 0;
      for (let t = start[x.activity]; t < start[x.activity + 1]; t++) {
        const bit = 1 << (ci.channel[t] * 2 + ci.affiliated[t]);
        if (seen & bit) continue;
        seen |= bit;
        const affiliated = ci.affiliated[t] === 1;
        const channel = CHANNEL_CODES[ci.channel[t]];
        const e = attendanceEntry(activity, type, { memberId: '', affiliated, channel });
        if (!first) {
          first = e;
          // the first 13 characters of a UUIDv7 at `at` ("tttttttt-tttt"): an entry's id is its check-in's id behind them
          firsts.push({ ...e, memberId: undefined, countyCode: undefined, n: firsts.length + 1, activity: a.id, at, prefix: uuid7(at, 0, 0, 0).slice(0, 13), actor: x.submittedName });
        }
        variants.push({ n: firsts.length, affiliated, channel, ...differences(first, e) });
      }
      stats.fileEntries += start[x.activity + 1] - start[x.activity];
    }
    const first = acts[part[0].activity].id;
    const last = acts[part[part.length - 1].activity].id;
    await tx.execute(sql`
      WITH f AS MATERIALIZED (
        SELECT f.*, ${sql.raw(ts('f.at'))} AS at_ts FROM jsonb_to_recordset(${JSON.stringify(firsts)}::jsonb)
          AS f(n int, activity uuid, at float8, prefix text, actor text, section text, type text, title text, detail jsonb, "occurredOn" date, "orgId" uuid, source text)),
      v AS MATERIALIZED (
        SELECT f.activity, d.affiliated, d.channel, f.prefix, f.at_ts, f.actor, coalesce(d.section, f.section) AS section, coalesce(d.type, f.type) AS type,
               coalesce(d.title, f.title) AS title, f.detail || coalesce(d.detail, '{}') AS detail, coalesce(d."occurredOn", f."occurredOn") AS occurred_on,
               coalesce(d."orgId", f."orgId") AS org_id, coalesce(d.source, f.source) AS source
          FROM jsonb_to_recordset(${JSON.stringify(variants)}::jsonb)
                 AS d(n int, affiliated bool, channel text, section text, type text, title text, detail jsonb, "occurredOn" date, "orgId" uuid, source text)
          JOIN f ON f.n = d.n)
      INSERT INTO member_events (county_code, id, member_id, at, occurred_on, section, type, title, detail, org_id, actor_id, actor_name, source)
      SELECT c.county_code, (v.prefix || substr(c.id::text, 14))::uuid, c.member_id, v.at_ts, v.occurred_on, v.section, v.type, v.title, v.detail, v.org_id, NULL, v.actor, v.source
        FROM v JOIN checkins c ON c.county_code = ${county} AND c.activity_id = v.activity AND c.affiliated = v.affiliated AND c.channel = v.channel
       WHERE c.activity_id BETWEEN ${first}::uuid AND ${last}::uuid`);
  }
  return stats;
}
