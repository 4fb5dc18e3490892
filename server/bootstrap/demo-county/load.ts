// Loads a generated county into the database: multi-row inserts in batches inside the caller's
// transaction. Member rows are built only by toMemberRow; file entries only by fileEventRows (the rows
// appendFileEvents writes) and, for the records' attendees, attendanceEntry (records-load.ts).
import { DUES_HISTORY_MONTHS, type DuesHistoryStats, loadDuesHistory } from './dues-history.ts';
import { sql } from 'drizzle-orm';
import { uuidv7 } from '../../core/ids.ts';
import type { Services, Tx } from '../../core/services.ts';
import { type FileEvent, fileEventRows } from '../../modules/members/member-file.ts';
import { toMemberRow } from '../../modules/members/member-row.ts';
import { orgCommittee, orgHistory, organizations } from '../../modules/orgs/orgs.tables.ts';
import { HistoryCollector } from './activities-history.ts';
import { loadHistory } from './activities-load.ts';
import { insertMany, secondaryIndexes, setAside } from './bulk-load.ts';
import { loadKiosks } from './kiosks-load.ts';
import { loadPlans } from './plans-load.ts';
import { loadRecords } from './records-load.ts';
import type { CountyPlan, DemoPicks, GenCommittee, GenOrg, GenUnit } from './generate.ts';
import { generateUnits, positionLabel } from './generate-units.ts';
import type { GenMember } from './people.ts';
import { memberEvents, members as membersTable } from '../../modules/members/members.tables.ts';

/** Who wrote the demo data (audit, history and file entries). */
export const DEMO_WRITER = 'demo-seed';

const orgRow = (countyCode: string, o: GenOrg, themeDay: number | null = null) => ({ countyCode, ...o, themeDay, status: 'active' });
const historyRow = (countyCode: string, o: GenOrg) => ({
  countyCode,
  id: uuidv7(),
  orgId: o.id,
  action: 'create',
  actorId: null,
  actorName: DEMO_WRITER,
  before: null,
  after: { name: o.name, level: o.level, category: o.category, code: o.code },
});

/** The file entries of a member: joined, confirmed (正式党员), and one per position held. */
function fileEvents(countyCode: string, m: GenMember, orgName: string): FileEvent[] {
  const out: FileEvent[] = [
    { countyCode, memberId: m.id, section: 'development', type: 'joined', title: '入党（接收为预备党员）', occurredOn: m.joinedOn, orgId: m.orgId, detail: { orgName }, source: DEMO_WRITER },
  ];
  if (m.status === 'full' && m.confirmedOn)
    out.push({ countyCode, memberId: m.id, section: 'development', type: 'confirmed', title: '转为正式党员', occurredOn: m.confirmedOn, orgId: m.orgId, detail: { orgName }, source: DEMO_WRITER });
  return out;
}

const positionEvent = (countyCode: string, c: GenCommittee, org: GenOrg): FileEvent => ({
  countyCode,
  memberId: c.memberId,
  section: 'position',
  type: 'position',
  title: `任${org.shortName ?? org.name}${positionLabel(c.position)}`,
  occurredOn: c.termStart,
  orgId: c.orgId,
  detail: { position: c.position, orgName: org.name },
  source: DEMO_WRITER,
});

/** What a load did and how long its parts took. */
export type LoadStats = {
  organizations: number;
  members: number;
  committee: number;
  events: number;
  /** The activity history (activities-history.ts): activities, check-ins, leave requests, months covered. */
  activities: number;
  checkins: number;
  leaves: number;
  historyMonths: number;
  /** Records of past activities (submitted ones lock their activity), amendments, this year's plans and items, kiosks. */
  records: number;
  submittedRecords: number;
  amendments: number;
  plans: number;
  planItems: number;
  kiosks: number;
  generateMs: number;
  loadMs: number;
  /**
   * Wall time per part: generating people, building member rows (encryption), inserting each table,
   * the records with their file entries, plans and kiosks, and putting back the indexes and foreign
   * keys set aside for the load.
   */
  parts: Record<'people' | 'memberRows' | 'orgs' | 'members' | 'committee' | 'fileEvents' | 'history' | 'activities' | 'checkins' | 'records' | 'plans' | 'constraints' | 'dues', number>;
  /** The dues history (dues-history.ts). */
  dues: DuesHistoryStats;
};

/**
 * Generates and inserts the county unit by unit, flushing every `batch` members. Progress is
 * reported in members. Returns counts and the split of time between generating and loading.
 */
export async function loadCounty(
  services: Services,
  tx: Tx,
  plan: CountyPlan,
  picks: DemoPicks,
  onProgress?: (done: number, total: number) => void,
  batch = 5000,
  historyMonths?: number,
  duesMonths = DUES_HISTORY_MONTHS,
): Promise<LoadStats> {
  const county = plan.options.countyCode;
  const total = plan.units.reduce((n, u) => n + u.orgs.reduce((k, o) => k + o.size, 0), 0);
  const stats: LoadStats = {
    organizations: 0, members: 0, committee: 0, events: 0, activities: 0, checkins: 0, leaves: 0, historyMonths: 0,
    records: 0, submittedRecords: 0, amendments: 0, plans: 0, planItems: 0, kiosks: 0, generateMs: 0, loadMs: 0,
    parts: { people: 0, memberRows: 0, orgs: 0, members: 0, committee: 0, fileEvents: 0, history: 0, activities: 0, checkins: 0, records: 0, plans: 0, constraints: 0, dues: 0 },
    dues: { months: 0, bases: 0, bills: 0, payments: 0, onlineOrders: 0, bankFiles: 0, bankLines: 0, ms: 0 },
  };
  const timed = async <T>(part: keyof LoadStats['parts'], f: () => T | Promise<T>): Promise<T> => {
    const s = performance.now();
    const v = await f();
    stats.parts[part] += performance.now() - s;
    return v;
  };
  const who = { actorId: null, actorName: DEMO_WRITER };

  let t = performance.now();
  const lap = (part: 'generateMs' | 'loadMs') => {
    const now = performance.now();
    stats[part] += now - t;
    t = now;
  };

  await insertMany(tx, organizations, plan.headers.map((o) => orgRow(county, o)));
  await insertMany(tx, orgHistory, plan.headers.map((o) => historyRow(county, o)));
  stats.organizations += plan.headers.length;
  const headerById = new Map(plan.headers.map((h) => [h.id, h]));
  lap('loadMs');

  let pending: GenUnit[] = [];
  let pendingMembers = 0;
  const flush = async () => {
    const orgs = pending.flatMap((u) => u.orgs);
    const orgById = new Map(orgs.map((o) => [o.id, o]));
    const rows = await timed('memberRows', () =>
      pending.flatMap((u) =>
        u.members.map((m) => {
          const { id, age: _age, gender: _gender, ...input } = m;
          return toMemberRow(services.keys, { countyCode: county, ...input }, id);
        }),
      ),
    );
    const committee = pending.flatMap((u) => u.committee);
    const events = pending.flatMap((u) => u.members.flatMap((m) => fileEvents(county, m, orgById.get(m.orgId)!.name)));
    for (const c of committee) events.push(positionEvent(county, c, orgById.get(c.orgId) ?? headerById.get(c.orgId)!));
    lap('generateMs');
    await timed('orgs', async () => {
      await insertMany(tx, organizations, orgs.map((o) => orgRow(county, o, history.themeDayOf(o.id))));
      await insertMany(tx, orgHistory, orgs.map((o) => historyRow(county, o)));
    });
    await timed('members', () => insertMany(tx, membersTable, rows));
    await timed('committee', () => insertMany(tx, orgCommittee, committee.map((c) => ({ countyCode: county, ...c, termEnd: null }))));
    // the same rows appendFileEvents writes, in unnest batches
    await timed('fileEvents', () => insertMany(tx, memberEvents, fileEventRows(who, events)));
    lap('loadMs');
    stats.organizations += orgs.length;
    stats.members += rows.length;
    stats.committee += committee.length;
    stats.events += events.length;
    pending = [];
    pendingMembers = 0;
    onProgress?.(stats.members, total);
  };

  onProgress?.(0, total);
  // A bulk load into an empty county: the secondary indexes of the members (search, sort, GIN of
  // name characters) are dropped here and built once after the members, in this transaction, which
  // costs less than maintaining them row by row. The electronic file (filled by the members, then by
  // the records' attendees), the records and the plan items have their keys, indexes and foreign
  // keys set aside until the very end (setAside).
  const rebuild: { name: string; def: string }[] = [];
  let restore = async () => {};
  if (total >= 5_000) {
    const ixs = await secondaryIndexes(tx, 'members');
    for (const ix of ixs) await tx.execute(sql.raw(`DROP INDEX "${ix.name}"`));
    rebuild.push(...ixs);
    restore = await setAside(tx, ['member_events', 'activity_records', 'plan_items']);
  }
  const history = new HistoryCollector(plan);
  const units = generateUnits(plan, picks);
  for (;;) {
    const next = await timed('people', () => units.next());
    if (next.done) break;
    const unit = next.value;
    pending.push(unit);
    history.add(unit);
    pendingMembers += unit.members.length;
    if (pendingMembers >= batch) await flush();
  }
  lap('generateMs');
  if (pending.length > 0) await flush();
  await timed('members', async () => {
    for (const ix of rebuild) await tx.execute(sql.raw(ix.def));
  });
  lap('loadMs');

  // months of activities and check-ins (fewer at large scales: historyMonths), the records of the
  // past ones, this year's plans and the kiosks
  const h = await timed('history', () => history.build(picks, historyMonths));
  lap('generateMs');
  const loaded = await loadHistory(tx, county, h);
  stats.parts.activities += loaded.ms.activities + loaded.ms.leaves;
  stats.parts.checkins += loaded.ms.checkins;
  const recs = await timed('records', () => loadRecords(tx, county, h));
  const plans = await timed('plans', () => loadPlans(tx, county, h));
  const kiosks = await timed('plans', () => loadKiosks(tx, services.keys, county, h));
  await timed('constraints', restore);
  // 12 months of dues: bases, bills, payments by every channel, two bank files
  if (duesMonths > 0)
    stats.dues = await timed('dues', () =>
      loadDuesHistory(tx, county, plan.options.today, {
        seed: plan.options.seed, months: duesMonths, payer: DEMO_WRITER, rootPath: plan.options.root.path, awaitingBankOrg: picks.branchA?.orgId,
      }),
    );
  lap('loadMs');
  Object.assign(stats, {
    activities: loaded.activities, checkins: loaded.checkins, leaves: loaded.leaves, historyMonths: h.months, events: stats.events + recs.fileEntries,
    records: recs.records, submittedRecords: recs.submitted, amendments: recs.amendments, plans: plans.plans, planItems: plans.items, kiosks,
  });
  return stats;
}
