// Participation per member (DOMAIN §3, §6): 应到 / 实到 / 请假 / 非隶属签到 over a period, computed
// set-based in one statement with the rule of activities/attendance.ts, and the member's yearly
// evidence pack for 民主评议.
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { ACTIVE_STANDINGS } from '../../../common/member.ts';
import type { Ctx } from '../../core/access/context.ts';
import { notFound } from '../../core/errors/app-error.ts';
import type { Tx } from '../../core/services.ts';
import { memberFile, membersRepo, selfMember } from '../members/members.repo.ts';
import type { MemberJoined } from '../members/member-dto.ts';
import { orgsRepo } from '../orgs/orgs.repo.ts';
import type { EvidenceDto, ParticipationFilterQuery, ParticipationRowDto } from './participation.schemas.ts';

/** Below this rate a member is on the low-participation list… */
export const LOW_RATE = 0.6;
/** …if they were expected at least this many times (one missed meeting marks nobody). */
export const MIN_OBLIGED = 3;
/** Evidence sections of modules not built yet (volunteering, study, grid reports, points). */
export const PENDING_SECTIONS = ['volunteering', 'study', 'grid', 'points'] as const;

const standings = sql.join(
  ACTIVE_STANDINGS.map((s) => sql`${s}`),
  sql`, `,
);
const periodKey = (a: string) =>
  sql.raw(`CASE
    WHEN ${a}.type IN ('committee', 'group_meeting', 'theme_day') THEN to_char(${a}.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')
    WHEN ${a}.type IN ('branch_assembly', 'party_lecture') THEN to_char(${a}.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-"Q"Q')
    WHEN ${a}.type IN ('life_meeting', 'evaluation') THEN to_char(${a}.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY')
  END`);

type Obligation = { member_id: string; activity_id: string; present: boolean; elsewhere: boolean; on_leave: boolean };

/**
 * One row per (member, activity) where the member was expected (DOMAIN §3, the rule of
 * activities/attendance.ts obligedMembers): active standing, joined by the day, not 不计到会率, and
 * the host's subtree holds their organization (a 支委会: the committee in office that day), or they or
 * an organization above them were invited. Activities that have started, not cancelled, in [from, to).
 * `present` = checked in there; `elsewhere` = checked in as a guest at another activity of the same
 * type in the same obligation period; `on_leave` = approved leave.
 */
function obligationsSql(county: string, memberWhere: SQL, from: Date, to: Date): SQL {
  return sql`
    WITH mem AS (
      SELECT m.county_code, m.id, m.joined_on, o.path
        FROM members m JOIN organizations o ON o.county_code = m.county_code AND o.id = m.org_id
       WHERE m.county_code = ${county} AND m.standing IN (${standings}) AND NOT m.exclude_attendance AND ${memberWhere}
    ), acts AS (
      SELECT a.county_code, a.id, a.org_id, a.type, a.starts_at, ho.path AS host_path, t.counts_attendance,
             (a.starts_at AT TIME ZONE 'Asia/Shanghai')::date AS day
        FROM activities a
        JOIN organizations ho ON ho.county_code = a.county_code AND ho.id = a.org_id
        JOIN activity_types t ON t.code = a.type
       WHERE a.county_code = ${county} AND a.state <> 'cancelled' AND a.starts_at >= ${from} AND a.starts_at < ${to} AND a.starts_at <= now()
    ), obl AS (
      SELECT mem.id AS member_id, acts.id AS activity_id, acts.type, acts.starts_at, acts.county_code
        FROM mem JOIN acts ON acts.county_code = mem.county_code
       WHERE (mem.joined_on IS NULL OR mem.joined_on <= acts.day)
         AND ((acts.counts_attendance AND acts.type <> 'committee' AND mem.path LIKE acts.host_path || '%')
           OR (acts.counts_attendance AND acts.type = 'committee' AND EXISTS (
                 SELECT 1 FROM org_committee c WHERE c.county_code = mem.county_code AND c.org_id = acts.org_id AND c.member_id = mem.id
                    AND c.term_start <= acts.day AND (c.term_end IS NULL OR c.term_end >= acts.day)))
           OR EXISTS (
                 SELECT 1 FROM activity_invites i
                   LEFT JOIN organizations io ON i.kind = 'org' AND io.county_code = i.county_code AND io.id = i.target_id
                  WHERE i.county_code = acts.county_code AND i.activity_id = acts.id
                    AND ((i.kind = 'member' AND i.target_id = mem.id) OR (i.kind = 'org' AND mem.path LIKE io.path || '%'))))
    )
    SELECT obl.member_id, obl.activity_id,
           EXISTS (SELECT 1 FROM checkins ck WHERE ck.county_code = obl.county_code AND ck.activity_id = obl.activity_id AND ck.member_id = obl.member_id) AS present,
           EXISTS (SELECT 1 FROM checkins ck JOIN activities a2 ON a2.county_code = ck.county_code AND a2.id = ck.activity_id
                    WHERE ck.county_code = obl.county_code AND ck.member_id = obl.member_id AND NOT ck.affiliated AND ck.activity_id <> obl.activity_id
                      AND a2.type = obl.type AND a2.state <> 'cancelled' AND ${periodKey('a2')} = ${periodKey('obl')}) AS elsewhere,
           EXISTS (SELECT 1 FROM activity_leaves l WHERE l.county_code = obl.county_code AND l.activity_id = obl.activity_id AND l.member_id = obl.member_id AND l.state = 'approved') AS on_leave
      FROM obl`;
}

const shanghaiDay = (d: string) => new Date(`${d}T00:00:00+08:00`);
const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

type Row = z.infer<typeof ParticipationRowDto>;

/** The participation of an organization's members (or its subtree's), lowest rate first. */
export async function participation(ctx: Ctx, q: z.infer<typeof ParticipationFilterQuery>): Promise<Row[]> {
  const org = await orgsRepo(ctx, 'activity.read').byId(q.orgId);
  if (!org) throw notFound();
  const from = shanghaiDay(q.from);
  const to = new Date(shanghaiDay(q.to).getTime() + 86_400_000);
  const memberWhere = q.includeSubtree === 'true' ? sql`o.path LIKE ${`${org.path}%`}` : sql`m.org_id = ${org.id}`;
  const db: Tx = ctx.services.db;
  const r = await db.execute(sql`
    WITH o AS (${obligationsSql(org.countyCode, memberWhere, from, to)}),
    agg AS (
      SELECT member_id,
             count(*) FILTER (WHERE present OR elsewhere OR NOT on_leave)::int AS obliged,
             count(*) FILTER (WHERE present OR elsewhere)::int AS attended,
             count(*) FILTER (WHERE on_leave AND NOT (present OR elsewhere))::int AS leave
        FROM o GROUP BY member_id
    ), guests AS (
      SELECT ck.member_id, count(*)::int AS guest
        FROM checkins ck JOIN activities a ON a.county_code = ck.county_code AND a.id = ck.activity_id
       WHERE ck.county_code = ${org.countyCode} AND NOT ck.affiliated AND a.state <> 'cancelled' AND a.starts_at >= ${from} AND a.starts_at < ${to}
       GROUP BY ck.member_id
    )
    SELECT m.id AS member_id, m.name, m.org_id, og.name AS org_name,
           coalesce(agg.obliged, 0) AS obliged, coalesce(agg.attended, 0) AS attended, coalesce(agg.leave, 0) AS leave, coalesce(guests.guest, 0) AS guest
      FROM members m
      JOIN organizations og ON og.county_code = m.county_code AND og.id = m.org_id
      LEFT JOIN agg ON agg.member_id = m.id
      LEFT JOIN guests ON guests.member_id = m.id
     WHERE m.county_code = ${org.countyCode} AND m.standing IN (${standings})
       AND ${q.includeSubtree === 'true' ? sql`og.path LIKE ${`${org.path}%`}` : sql`m.org_id = ${org.id}`}`);
  const rows = rowsOf<{ member_id: string; name: string; org_id: string; org_name: string; obliged: number; attended: number; leave: number; guest: number }>(r).map((x) => {
    const obliged = Number(x.obliged);
    const attended = Number(x.attended);
    const rate = obliged > 0 ? attended / obliged : null;
    return {
      memberId: x.member_id, name: x.name, orgId: x.org_id, orgName: x.org_name, obliged, attended, leave: Number(x.leave), guest: Number(x.guest), rate,
      low: rate !== null && obliged >= MIN_OBLIGED && rate < LOW_RATE,
    };
  });
  rows.sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || b.obliged - a.obliged || a.name.localeCompare(b.name, 'zh-CN') || a.memberId.localeCompare(b.memberId));
  return q.low === 'true' ? rows.filter((x) => x.low) : rows;
}

type Evidence = z.infer<typeof EvidenceDto>;
type Counts = { obliged: number; attended: number; leave: number; guest: number };
const zero = (): Counts => ({ obliged: 0, attended: 0, leave: 0, guest: 0 });

/** One member's year for 民主评议 (caller has established access). */
async function evidenceOf(db: Tx, r: MemberJoined, year: number): Promise<Evidence> {
  const m = r.m;
  const from = shanghaiDay(`${year}-01-01`);
  const to = shanghaiDay(`${year + 1}-01-01`);
  const obl = rowsOf<Obligation>(await db.execute(obligationsSql(m.countyCode, sql`m.id = ${m.id}`, from, to)));
  const ids = obl.map((o) => o.activity_id);
  const guestRows = rowsOf<{ activity_id: string }>(
    await db.execute(sql`
      SELECT ck.activity_id FROM checkins ck JOIN activities a ON a.county_code = ck.county_code AND a.id = ck.activity_id
       WHERE ck.county_code = ${m.countyCode} AND ck.member_id = ${m.id} AND NOT ck.affiliated AND a.state <> 'cancelled' AND a.starts_at >= ${from} AND a.starts_at < ${to}`),
  );
  const all = [...new Set([...ids, ...guestRows.map((g) => g.activity_id)])];
  const acts = all.length
    ? rowsOf<{ id: string; org_id: string; org_name: string; type: string; title: string; starts_at: string | Date; month: string }>(
        await db.execute(sql`
          SELECT a.id, a.org_id, o.name AS org_name, a.type, a.title, a.starts_at, to_char(a.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month
            FROM activities a JOIN organizations o ON o.county_code = a.county_code AND o.id = a.org_id
           WHERE a.county_code = ${m.countyCode} AND a.id IN (${sql.join(
             all.map((id) => sql`${id}`),
             sql`, `,
           )})`),
      )
    : [];
  const oblOf = new Map(obl.map((o) => [o.activity_id, o]));
  const guestIds = new Set(guestRows.map((g) => g.activity_id));
  const activities: Evidence['attendance']['activities'] = [];
  const total = zero();
  const orgs = new Map<string, { orgId: string; orgName: string; own: boolean; c: Counts; months: Map<string, Counts>; types: Map<string, Counts> }>();
  const bump = (orgId: string, orgName: string, own: boolean, month: string, type: string, k: keyof Counts) => {
    let g = orgs.get(orgId);
    if (!g) {
      g = { orgId, orgName, own, c: zero(), months: new Map(), types: new Map() };
      orgs.set(orgId, g);
    }
    g.own ||= own;
    g.c[k]++;
    if (!g.months.has(month)) g.months.set(month, zero());
    (g.months.get(month) as Counts)[k]++;
    if (!g.types.has(type)) g.types.set(type, zero());
    (g.types.get(type) as Counts)[k]++;
    total[k]++;
  };
  for (const a of [...acts].sort((x, y) => new Date(x.starts_at).getTime() - new Date(y.starts_at).getTime())) {
    const o = oblOf.get(a.id);
    let status: Evidence['attendance']['activities'][number]['status'];
    if (o) {
      status = o.present ? 'present' : o.elsewhere ? 'elsewhere' : o.on_leave ? 'leave' : 'absent';
      if (status !== 'leave') bump(a.org_id, a.org_name, true, a.month, a.type, 'obliged');
      if (status === 'present' || status === 'elsewhere') bump(a.org_id, a.org_name, true, a.month, a.type, 'attended');
      if (status === 'leave') bump(a.org_id, a.org_name, true, a.month, a.type, 'leave');
    } else status = 'guest';
    if (guestIds.has(a.id)) bump(a.org_id, a.org_name, false, a.month, a.type, 'guest');
    activities.push({ activityId: a.id, orgName: a.org_name, type: a.type, title: a.title, startsAt: new Date(a.starts_at).toISOString(), status });
  }
  const bills = rowsOf<{ month: string; amount_fen: string | null; paid_fen: string | null; state: string; on_time: boolean }>(
    await db.execute(sql`
      SELECT month, amount_fen, paid_fen, state,
             (state = 'paid' AND paid_at < ((month || '-01')::date + interval '1 month') AT TIME ZONE 'Asia/Shanghai') AS on_time
        FROM dues_bills WHERE county_code = ${m.countyCode} AND member_id = ${m.id} AND month LIKE ${`${year}-%`} ORDER BY month`),
  );
  const dues = { billed: bills.length, paidOnTime: 0, paidLate: 0, unpaid: 0, waived: 0, amountFen: 0, paidFen: 0, months: [] as Evidence['dues']['months'] };
  for (const b of bills) {
    const amount = b.amount_fen === null ? null : Number(b.amount_fen);
    const paid = Number(b.paid_fen ?? 0);
    if (b.state === 'waived') dues.waived++;
    else if (b.state === 'paid') b.on_time ? dues.paidOnTime++ : dues.paidLate++;
    else dues.unpaid++;
    if (amount !== null && b.state !== 'waived') dues.amountFen += amount;
    dues.paidFen += paid;
    dues.months.push({ month: b.month, amountFen: amount, paidFen: paid, state: b.state, onTime: Boolean(b.on_time) });
  }
  const list = (m: Map<string, Counts>, key: 'month' | 'type') => [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => ({ [key]: k, ...c }));
  return {
    member: { id: m.id, name: m.name, orgId: m.orgId, orgName: r.orgName },
    year,
    attendance: {
      total,
      organizations: [...orgs.values()]
        .sort((a, b) => Number(b.orgId === m.orgId) - Number(a.orgId === m.orgId) || Number(b.own) - Number(a.own) || a.orgName.localeCompare(b.orgName, 'zh-CN'))
        .map((g) => ({ orgId: g.orgId, orgName: g.orgName, own: g.own, ...g.c, months: list(g.months, 'month') as never, types: list(g.types, 'type') as never })),
      activities,
    },
    dues,
    sections: PENDING_SECTIONS.map((key) => ({ key, available: false })),
  };
}

/** A member's evidence pack, scoped like the member record (404 outside); the view is logged. */
export async function memberEvidence(ctx: Ctx, id: string, year: number) {
  const r = await membersRepo(ctx, 'member.read').byId(id);
  if (!r) throw notFound();
  await memberFile.logView(ctx.services.db, ctx, r.m, 'file');
  return evidenceOf(ctx.services.db, r, year);
}

/** The caller's own evidence pack. */
export async function myEvidence(ctx: Ctx, year: number) {
  const r = await selfMember(ctx);
  if (!r) throw notFound();
  return evidenceOf(ctx.services.db, r, year);
}
