// The content of a monthly 通报 (docs/SUPERVISION.md "Monthly 通报"): per township and per
// organization a rule binds — 三会一课 completion, 主题党日 held and attendance, the month's attendance
// rate, dues 月月清, the 综合考核 score and the rank (organizations with too few members are not
// ranked), and the red list with reasons. One rule-engine evaluation of the county plus two grouped
// reads of the rollups (org_activity_days, dues_org_months): never a scan of raw tables.
import { sql } from 'drizzle-orm';
import { type Indicators, type WeightTable, duesIndicator, rankByScore, scoreOf, weightsFor } from '../../../common/assessment-rules.ts';
import type { IsoDate } from '../../../common/calendar.ts';
import { type CheckStatus, THREE_MEETINGS, periodRange, reasonZh } from '../../../common/org-life-rules.ts';
import { jsonRows } from '../../core/db/json-rows.ts';
import type { Tx } from '../../core/services.ts';
import { clearStatus } from '../dues/monitoring.rules.ts';
import { type ColorCounts, addColor, emptyColors, evaluate } from './compliance.engine.ts';

const num = (v: unknown) => Number(v ?? 0);
const likePrefix = (path: string) => `${path.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
const rate = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);

/** Ranked organizations a township needs to be ranked itself. */
export const MIN_RANKED_ORGS = 3;

export type BulletinSettings = { minRankedMembers: number; weights: WeightTable; issuer: string };

export type BranchRow = {
  orgId: string;
  name: string;
  path: string;
  level: string;
  category: string | null;
  townshipId: string | null;
  townshipName: string | null;
  members: number;
  color: 'green' | 'amber' | 'red' | null;
  /** 三会一课 checks decided (met + missed) and met. */
  threeDecided: number;
  threeMet: number;
  themeDayRequired: number;
  themeDayHeld: number;
  themeDayObliged: number;
  themeDayAttended: number;
  obliged: number;
  attended: number;
  dues: 'clear' | 'cleared_late' | 'pending' | 'not_clear' | 'no_bills';
  indicators: Indicators;
  score: number | null;
  rank: number | null;
};

export type Aggregate = {
  orgs: ColorCounts;
  threeMeetingsRate: number | null;
  themeDayRequired: number;
  themeDayHeld: number;
  themeDayAttendanceRate: number | null;
  attendanceRate: number | null;
  duesOrgs: number;
  duesClear: number;
  duesClearRate: number | null;
  members: number;
  /** Mean score of the ranked organizations below. */
  score: number | null;
  ranked: number;
};

export type TownshipRow = { orgId: string; name: string; path: string; rank: number | null } & Aggregate;

export type BulletinContent = {
  month: string;
  asOf: IsoDate;
  minRankedMembers: number;
  county: { orgId: string; name: string; path: string } & Aggregate;
  townships: TownshipRow[];
  branches: BranchRow[];
  redList: { orgId: string; name: string; path: string; townshipName: string | null; reasons: string[] }[];
};

type Acc = { three: [number, number]; theme: [number, number]; themeAtt: [number, number]; att: [number, number]; dues: [number, number]; orgs: ColorCounts; members: number; scores: number[] };
const emptyAcc = (): Acc => ({ three: [0, 0], theme: [0, 0], themeAtt: [0, 0], att: [0, 0], dues: [0, 0], orgs: emptyColors(), members: 0, scores: [] });

function addTo(a: Acc, b: BranchRow, ranked: boolean) {
  addColor(a.orgs, b.color);
  a.three[0] += b.threeMet;
  a.three[1] += b.threeDecided;
  a.theme[0] += b.themeDayHeld;
  a.theme[1] += b.themeDayRequired;
  a.themeAtt[0] += b.themeDayAttended;
  a.themeAtt[1] += b.themeDayObliged;
  a.att[0] += b.attended;
  a.att[1] += b.obliged;
  if (b.dues !== 'no_bills') {
    a.dues[1] += 1;
    if (b.dues === 'clear') a.dues[0] += 1;
  }
  a.members += b.members;
  if (ranked && b.score !== null) a.scores.push(b.score);
}

const aggregate = (a: Acc): Aggregate => ({
  orgs: a.orgs,
  threeMeetingsRate: rate(a.three[0], a.three[1]),
  themeDayRequired: a.theme[1],
  themeDayHeld: a.theme[0],
  themeDayAttendanceRate: rate(a.themeAtt[0], a.themeAtt[1]),
  attendanceRate: rate(a.att[0], a.att[1]),
  duesOrgs: a.dues[1],
  duesClear: a.dues[0],
  duesClearRate: rate(a.dues[0], a.dues[1]),
  members: a.members,
  score: a.scores.length ? Math.round((a.scores.reduce((s, x) => s + x, 0) / a.scores.length) * 100) / 100 : null,
  ranked: a.scores.length,
});

/** Builds the 通报 of a month for the county whose root is given, judged as of `asOf`. */
export async function buildBulletin(db: Tx, root: { countyCode: string; id: string; path: string; name: string }, month: string, asOf: IsoDate, settings: BulletinSettings): Promise<BulletinContent> {
  const { from, to } = periodRange(month);
  const like = likePrefix(root.path);
  const [ev, actRows, duesRows] = await Promise.all([
    evaluate(db, root.countyCode, root.path, month, asOf),
    jsonRows<Record<string, unknown> & { org_id: string }>(
      db,
      sql`
        SELECT r.org_id, sum(r.obliged)::int AS obliged, sum(r.attended)::int AS attended,
               sum(r.obliged) FILTER (WHERE r.activity_type = 'theme_day')::int AS t_obliged,
               sum(r.attended) FILTER (WHERE r.activity_type = 'theme_day')::int AS t_attended
          FROM org_activity_days r
         WHERE r.county_code = ${root.countyCode} AND r.day BETWEEN ${from}::date AND ${to < asOf ? to : asOf}::date
         GROUP BY r.org_id`,
    ),
    jsonRows<Record<string, unknown> & { org_id: string }>(
      db,
      sql`
        SELECT r.org_id, r.bills, r.due, r.paid, r.on_time, r.unpaid, r.issues
          FROM dues_org_months r JOIN organizations o ON o.county_code = r.county_code AND o.id = r.org_id
         WHERE r.county_code = ${root.countyCode} AND r.month = ${month} AND o.path LIKE ${like}`,
    ),
  ]);
  const acts = new Map(actRows.map((r) => [r.org_id, r]));
  const dues = new Map(duesRows.map((r) => [r.org_id, r]));
  const byId = new Map(ev.orgs.map((o) => [o.id, o]));
  const currentMonth = asOf.slice(0, 7);
  const townshipOf = (path: string) => {
    const id = path.slice(root.path.length).split('/')[0];
    return id ? (byId.get(id) ?? null) : null;
  };
  const count = (statuses: CheckStatus[], s: CheckStatus) => statuses.filter((x) => x === s).length;

  const branches: BranchRow[] = ev.orgs
    .filter((o) => o.color !== null)
    .map((o) => {
      const three = o.checks.filter((c) => (THREE_MEETINGS as readonly string[]).includes(c.activityType)).map((c) => c.status);
      const theme = o.checks.filter((c) => c.activityType === 'theme_day' && c.period === month).map((c) => c.status);
      const a = acts.get(o.id);
      const d = dues.get(o.id);
      const duesStatus = d
        ? clearStatus({ bills: num(d.bills), due: num(d.due), paid: num(d.paid), onTime: num(d.on_time), unpaid: num(d.unpaid), issues: num(d.issues) }, month, currentMonth)
        : 'no_bills';
      const threeMet = count(three, 'green');
      const threeDecided = threeMet + count(three, 'red');
      const themeHeld = count(theme, 'green');
      const themeRequired = themeHeld + count(theme, 'red');
      const obliged = num(a?.obliged);
      const attended = num(a?.attended);
      const indicators: Indicators = {
        threeMeetings: threeDecided ? threeMet / threeDecided : null,
        themeDay: themeRequired ? themeHeld / themeRequired : null,
        attendance: obliged ? Math.min(1, attended / obliged) : null,
        dues: duesIndicator(duesStatus),
      };
      const t = townshipOf(o.path);
      return {
        orgId: o.id,
        name: o.name,
        path: o.path,
        level: o.level,
        category: o.category,
        townshipId: t?.id ?? null,
        townshipName: t?.name ?? null,
        members: o.unitMembers,
        color: o.color,
        threeDecided,
        threeMet,
        themeDayRequired: themeRequired,
        themeDayHeld: themeHeld,
        themeDayObliged: num(a?.t_obliged),
        themeDayAttended: num(a?.t_attended),
        obliged,
        attended,
        dues: duesStatus,
        indicators,
        score: scoreOf(indicators, weightsFor(settings.weights, o.category)),
        rank: null,
      };
    });
  const ranks = rankByScore(branches, settings.minRankedMembers);
  for (const [i, b] of branches.entries()) b.rank = ranks[i];

  const county = emptyAcc();
  const perTownship = new Map<string, Acc>();
  for (const b of branches) {
    const ranked = b.rank !== null;
    addTo(county, b, ranked);
    if (!b.townshipId) continue;
    const acc = perTownship.get(b.townshipId) ?? emptyAcc();
    perTownship.set(b.townshipId, acc);
    addTo(acc, b, ranked);
  }
  const townshipRows = ev.orgs
    .filter((o) => o.parentId === root.id && (o.status === 'active' || perTownship.has(o.id)))
    .sort((a, b) => a.sortOrder - b.sortOrder || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((o) => ({ orgId: o.id, name: o.name, path: o.path, rank: null as number | null, ...aggregate(perTownship.get(o.id) ?? emptyAcc()) }));
  // Townships are ranked by the mean score of their ranked organizations — at least MIN_RANKED_ORGS of
  // them (a 县直 department with one branch at 100 says little next to a township of a hundred).
  const tRanks = rankByScore(
    townshipRows.map((t) => ({ score: t.score, members: t.ranked })),
    MIN_RANKED_ORGS,
  );
  for (const [i, t] of townshipRows.entries()) t.rank = tRanks[i];

  const rules = ev.rules;
  const redList = ev.orgs
    .filter((o) => o.color === 'red')
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((o) => ({
      orgId: o.id,
      name: o.name,
      path: o.path,
      townshipName: townshipOf(o.path)?.name ?? null,
      reasons: o.checks.filter((c) => c.status === 'red').map((c) => reasonZh(c, rules.find((r) => r.code === c.rule) ?? { thresholdPct: null })),
    }));

  return {
    month,
    asOf,
    minRankedMembers: settings.minRankedMembers,
    county: { orgId: root.id, name: root.name, path: root.path, ...aggregate(county) },
    townships: townshipRows,
    branches,
    redList,
  };
}

