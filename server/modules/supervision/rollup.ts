// The supervision rollup (docs/SUPERVISION.md "Rollup"): org_activity_days, the activities of each
// organization, day (Asia/Shanghai) and type. The rollup of an (organization, day) pair is a function
// of the activities of that pair, so the job recomputes, every minute, the pairs touched since its
// watermark — activities edited, cancelled or submitted (updated_at), activities that started, and
// activities that received check-ins (found by the check-ins' time-ordered UUIDv7 ids, the primary
// key: the check-in write path is not touched) — with one DELETE + INSERT per run. A rebuild recomputes
// every pair from the activities; a test proves rebuild = incremental.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { todayIn } from '../../../common/calendar.ts';
import type { Services, Tx } from '../../core/services.ts';
import { type ActivityJoined, activityCols, activityOrgJoin } from '../activities/activities.repo.ts';
import { activities } from '../activities/activities.tables.ts';
import { computeAttendance } from '../activities/attendance.ts';
import { activityRecords } from '../activity-records/activity-records.tables.ts';
import { counties, organizations } from '../orgs/orgs.tables.ts';

export const ROLLUP_JOB = 'supervision.rollup';
/** Every minute: the rollup lags check-ins by at most one period plus the run time. */
export const ROLLUP_CRON = '* * * * *';
/**
 * How far before the watermark a run looks again: a transaction that stamped updated_at (its start
 * time) or a check-in id (the node's clock) before the watermark may commit after it. Recomputing a
 * pair twice is harmless (idempotent), missing one is not.
 */
export const LOOKBACK_MS = 2 * 60_000;

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;
const CHUNK = 500;

/** The figures of one activity as counted in the rollup. */
type Figures = { obliged: number; attended: number; leave: number; guests: number };
/** An (organization, day) pair. */
export type Pair = { orgId: string; day: string };

/** The smallest UUIDv7 of an instant: check-ins with an id ≥ this were made at or after it (by the issuing node's clock). */
export function uuidv7Floor(at: Date): string {
  const h = Math.max(0, at.getTime()).toString(16).padStart(12, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-0000-0000-000000000000`;
}

/** The database's clock (the one updated_at is stamped with). */
async function dbNow(db: Tx): Promise<Date> {
  const [r] = rowsOf<{ now: string | Date }>(await db.execute(sql`SELECT clock_timestamp() AS now`));
  return new Date(r.now);
}

/** The figures of held activities: a submitted record's frozen ones, else the live attendance; null when not held (cancelled, not started). */
async function figuresOf(tx: Tx, r: ActivityJoined, rec: { state: string | null; expected: number | null; present: number | null; leave: number | null; guests: number | null }, until: Date): Promise<Figures | null> {
  if (r.a.state === 'cancelled' || r.a.startsAt > until) return null;
  if (rec.state === 'submitted') return { obliged: rec.expected ?? 0, attended: rec.present ?? 0, leave: rec.leave ?? 0, guests: rec.guests ?? 0 };
  const c = await computeAttendance(tx, r);
  return { obliged: c.expected, attended: c.present, leave: c.leave, guests: c.guests };
}

type Acc = { orgId: string; day: string; type: string; held: number } & Figures;
/** Where an activity was counted, with its type and figures (the rule engine's per-activity facts). */
type Key = { activityId: string; orgId: string; day: string; type: string; obliged: number; attended: number };

/** Counts the given activities (by id) into `acc`; returns the keys of those counted. */
async function countActivities(db: Tx, countyCode: string, ids: string[], until: Date, acc: Map<string, Acc>, keys: Key[]) {
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .select({
        ...activityCols,
        recState: activityRecords.state,
        expected: activityRecords.expectedCount,
        present: activityRecords.presentCount,
        leave: activityRecords.leaveCount,
        guests: activityRecords.guestCount,
      })
      .from(activities)
      .innerJoin(organizations, activityOrgJoin)
      .leftJoin(activityRecords, and(eq(activityRecords.countyCode, activities.countyCode), eq(activityRecords.activityId, activities.id)))
      .where(and(eq(activities.countyCode, countyCode), inArray(activities.id, ids.slice(i, i + CHUNK))));
    for (const r of rows) {
      const f = await figuresOf(db, r, { state: r.recState, expected: r.expected, present: r.present, leave: r.leave, guests: r.guests }, until);
      if (!f) continue;
      const day = todayIn(r.a.startsAt);
      const k = `${r.a.orgId}|${day}|${r.a.type}`;
      const cur = acc.get(k) ?? { orgId: r.a.orgId, day, type: r.a.type, held: 0, obliged: 0, attended: 0, leave: 0, guests: 0 };
      cur.held += 1;
      cur.obliged += f.obliged;
      cur.attended += f.attended;
      cur.leave += f.leave;
      cur.guests += f.guests;
      acc.set(k, cur);
      keys.push({ activityId: r.a.id, orgId: r.a.orgId, day, type: r.a.type, obliged: f.obliged, attended: f.attended });
    }
  }
}

/** Writes the counted rows and keys (already deleted by the caller) in chunks. */
async function writeRows(tx: Tx, countyCode: string, acc: Map<string, Acc>, keys: Key[]) {
  const rows = [...acc.values()];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK).map((r) => ({ c: countyCode, o: r.orgId, d: r.day, t: r.type, h: r.held, ob: r.obliged, at: r.attended, l: r.leave, g: r.guests }));
    await tx.execute(sql`
      INSERT INTO org_activity_days (county_code, org_id, day, activity_type, held, obliged, attended, leave, guests)
      SELECT c, o, d, t, h, ob, at, l, g FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb) AS x(c text, o uuid, d date, t text, h int, ob int, at int, l int, g int)`);
  }
  for (let i = 0; i < keys.length; i += CHUNK) {
    const part = keys.slice(i, i + CHUNK).map((k) => ({ c: countyCode, a: k.activityId, o: k.orgId, d: k.day, t: k.type, ob: k.obliged, at: k.attended }));
    await tx.execute(sql`
      INSERT INTO org_activity_day_keys (county_code, activity_id, org_id, day, activity_type, obliged, attended)
      SELECT c, a, o, d, t, ob, at FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb) AS x(c text, a uuid, o uuid, d date, t text, ob int, at int)`);
  }
}

/** Recomputes the month rows of the given (organization, month) pairs from their day rows. */
async function recomputeMonths(tx: Tx, countyCode: string, orgMonths: { o: string; m: string }[]) {
  for (let i = 0; i < orgMonths.length; i += CHUNK) {
    const p = JSON.stringify(orgMonths.slice(i, i + CHUNK));
    const rows = sql`jsonb_to_recordset(${p}::jsonb) AS p(o uuid, m text)`;
    await tx.execute(sql`DELETE FROM org_activity_months r USING ${rows} WHERE r.county_code = ${countyCode} AND r.org_id = p.o AND r.month = p.m`);
    await tx.execute(sql`
      INSERT INTO org_activity_months (county_code, org_id, month, activity_type, held, obliged, attended, leave, guests)
      SELECT d.county_code, d.org_id, p.m, d.activity_type, sum(d.held), sum(d.obliged), sum(d.attended), sum(d.leave), sum(d.guests)
        FROM ${rows} JOIN org_activity_days d ON d.county_code = ${countyCode} AND d.org_id = p.o
         AND d.day >= (p.m || '-01')::date AND d.day < ((p.m || '-01')::date + interval '1 month')
       GROUP BY d.county_code, d.org_id, p.m, d.activity_type`);
  }
}

/** The distinct (organization, month) pairs of (organization, day) pairs. */
const monthsOf = (pairs: Pair[]) => [...new Map(pairs.map((p) => [`${p.orgId}|${p.day.slice(0, 7)}`, { o: p.orgId, m: p.day.slice(0, 7) }])).values()];

/**
 * Recomputes the given (organization, day) pairs from their activities in one transaction: their
 * rows and keys deleted, then written again. Returns the rows written.
 */
export async function recomputePairs(db: Tx, countyCode: string, pairs: Pair[], until: Date): Promise<number> {
  if (pairs.length === 0) return 0;
  return db.transaction(async (tx) => {
    const acc = new Map<string, Acc>();
    const keys: Key[] = [];
    for (let i = 0; i < pairs.length; i += CHUNK) {
      const p = JSON.stringify(pairs.slice(i, i + CHUNK).map((x) => ({ o: x.orgId, d: x.day })));
      const pairRows = sql`jsonb_to_recordset(${p}::jsonb) AS p(o uuid, d date)`;
      await tx.execute(sql`DELETE FROM org_activity_days r USING ${pairRows} WHERE r.county_code = ${countyCode} AND r.org_id = p.o AND r.day = p.d`);
      await tx.execute(sql`DELETE FROM org_activity_day_keys k USING ${pairRows} WHERE k.county_code = ${countyCode} AND k.org_id = p.o AND k.day = p.d`);
      const ids = rowsOf<{ id: string }>(
        await tx.execute(sql`
          SELECT a.id FROM ${pairRows}
            JOIN activities a ON a.county_code = ${countyCode} AND a.org_id = p.o
             AND a.starts_at >= (p.d::timestamp AT TIME ZONE 'Asia/Shanghai') AND a.starts_at < ((p.d + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`),
      ).map((r) => r.id);
      await countActivities(tx, countyCode, ids, until, acc, keys);
    }
    await writeRows(tx, countyCode, acc, keys);
    await recomputeMonths(tx, countyCode, monthsOf(pairs));
    return acc.size;
  });
}

/** The (organization, day) pairs touched in (since, until]: see the file comment. */
export async function touchedPairs(db: Tx, countyCode: string, since: Date, until: Date): Promise<Pair[]> {
  const day = sql`(a.starts_at AT TIME ZONE 'Asia/Shanghai')::date`;
  const r = await db.execute(sql`
    SELECT DISTINCT org_id, day::text AS day FROM (
      SELECT a.org_id, ${day} AS day FROM activities a WHERE a.county_code = ${countyCode} AND a.updated_at > ${since}
      UNION ALL
      SELECT a.org_id, ${day} FROM activities a WHERE a.county_code = ${countyCode} AND a.starts_at > ${since} AND a.starts_at <= ${until}
      UNION ALL
      SELECT a.org_id, ${day} FROM (SELECT DISTINCT c.activity_id FROM checkins c WHERE c.county_code = ${countyCode} AND c.id >= ${uuidv7Floor(since)}::uuid) c
        JOIN activities a ON a.county_code = ${countyCode} AND a.id = c.activity_id
      UNION ALL
      -- Where the touched activities were counted before (moved to another day, or cancelled).
      SELECT k.org_id, k.day FROM org_activity_day_keys k
        JOIN activities a ON a.county_code = k.county_code AND a.id = k.activity_id
       WHERE k.county_code = ${countyCode} AND a.updated_at > ${since}
    ) t ORDER BY 1, 2`);
  return rowsOf<{ org_id: string; day: string }>(r).map((x) => ({ orgId: x.org_id, day: x.day }));
}

export type RunResult = { countyCode: string; pairs: number; rows: number; since: string | null; until: string; full: boolean };

/**
 * One incremental pass for a county: the pairs touched since the watermark (minus LOOKBACK_MS)
 * recomputed, then the watermark moved to the time the pass started. The first pass of a county
 * (no watermark) rebuilds everything.
 */
export async function runRollup(services: Services, countyCode: string, opts: { lookbackMs?: number } = {}): Promise<RunResult> {
  const db = services.db;
  const until = await dbNow(db);
  const [mark] = rowsOf<{ checked_until: string | Date }>(await db.execute(sql`SELECT checked_until FROM supervision_rollup_marks WHERE county_code = ${countyCode}`));
  if (!mark) {
    const r = await rebuildRollup(services, countyCode, {}, until);
    return { ...r, since: null, full: true };
  }
  const since = new Date(new Date(mark.checked_until).getTime() - (opts.lookbackMs ?? LOOKBACK_MS));
  const pairs = await touchedPairs(db, countyCode, since, until);
  const rows = await recomputePairs(db, countyCode, pairs, until);
  await setMark(db, countyCode, until, pairs.length);
  return { countyCode, pairs: pairs.length, rows, since: since.toISOString(), until: until.toISOString(), full: false };
}

async function setMark(db: Tx, countyCode: string, until: Date, pairs: number) {
  await db.execute(sql`
    INSERT INTO supervision_rollup_marks (county_code, checked_until, last_run_at, last_pairs) VALUES (${countyCode}, ${until}, clock_timestamp(), ${pairs})
    ON CONFLICT (county_code) DO UPDATE SET checked_until = EXCLUDED.checked_until, last_run_at = EXCLUDED.last_run_at, last_pairs = EXCLUDED.last_pairs`);
}

/**
 * Recomputes a county's rollup from the activities (those starting on or after `from`, a
 * 'YYYY-MM-DD' in Asia/Shanghai, when given; the rows before it are kept). A full rebuild sets the
 * watermark to the time it started; a partial one leaves it.
 */
export async function rebuildRollup(services: Services, countyCode: string, opts: { from?: string }, at?: Date): Promise<Omit<RunResult, 'since' | 'full'>> {
  const db = services.db;
  const until = at ?? (await dbNow(db));
  const from = opts.from ?? '0001-01-01';
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`DELETE FROM org_activity_days WHERE county_code = ${countyCode} AND day >= ${from}::date`);
    await tx.execute(sql`DELETE FROM org_activity_day_keys WHERE county_code = ${countyCode} AND day >= ${from}::date`);
    const ids = rowsOf<{ id: string }>(
      await tx.execute(sql`
        SELECT id FROM activities WHERE county_code = ${countyCode} AND starts_at >= (${from}::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND starts_at <= ${until}
         ORDER BY starts_at, id`),
    ).map((r) => r.id);
    const acc = new Map<string, Acc>();
    const keys: Key[] = [];
    await countActivities(tx, countyCode, ids, until, acc, keys);
    await writeRows(tx, countyCode, acc, keys);
    // The months from `from`'s month on, from the day rows (those before `from` in that month were kept).
    await tx.execute(sql`DELETE FROM org_activity_months WHERE county_code = ${countyCode} AND month >= ${from.slice(0, 7)}`);
    await tx.execute(sql`
      INSERT INTO org_activity_months (county_code, org_id, month, activity_type, held, obliged, attended, leave, guests)
      SELECT county_code, org_id, to_char(day, 'YYYY-MM'), activity_type, sum(held), sum(obliged), sum(attended), sum(leave), sum(guests)
        FROM org_activity_days WHERE county_code = ${countyCode} AND day >= ${`${from.slice(0, 7)}-01`}::date
       GROUP BY 1, 2, 3, 4`);
    return acc.size;
  });
  // A partial rebuild keeps the watermark: changes before `from` since the last pass are still the next pass's.
  if (!opts.from) await setMark(db, countyCode, until, -1);
  return { countyCode, pairs: -1, rows, until: until.toISOString() };
}

/** The counties of this node. */
export async function countyCodes(services: Services): Promise<string[]> {
  return (await services.db.select({ code: counties.code }).from(counties)).map((c) => c.code);
}

/**
 * While check-ins keep coming, a pass after FOLLOW_UP_MS instead of at the next minute: the lag of
 * the rollup behind a burst stays within that and two passes' run time (docs/SUPERVISION.md "Lag").
 */
export const FOLLOW_UP_MS = 15_000;

/**
 * One run of the job: a pass per county, then — when a pass found changes (outside a first full run) —
 * a follow-up run enqueued for the next FOLLOW_UP_MS slot (deduplicated). Returns that slot, or null.
 */
export async function rollupJobRun(services: Services, opts: { lookbackMs?: number } = {}): Promise<Date | null> {
  let busy = false;
  for (const countyCode of await countyCodes(services)) {
    const r = await runRollup(services, countyCode, opts);
    if (r.pairs !== 0) services.log.info({ ...r }, `supervision rollup ${countyCode}: ${r.pairs} day(s) recomputed`);
    busy ||= !r.full && r.pairs > 0;
  }
  if (!busy) return null;
  const at = new Date(Math.ceil((Date.now() + FOLLOW_UP_MS) / FOLLOW_UP_MS) * FOLLOW_UP_MS);
  await services.jobs.enqueue(ROLLUP_JOB, { followUp: true }, { runAt: at, dedupeKey: `${ROLLUP_JOB}@follow-${at.getTime()}`, maxAttempts: 1 });
  return at;
}

/** The job every minute (and its follow-ups): rollupJobRun (idempotent; a rerun recomputes the same pairs to the same rows). */
export function registerSupervisionJobs(services: Services) {
  services.jobs.handle(ROLLUP_JOB, () => rollupJobRun(services).then(() => undefined));
  services.jobs.schedule({ name: ROLLUP_JOB, cron: ROLLUP_CRON, job: ROLLUP_JOB });
}
