// The second half of the demo county generator: members and committees of each unit of the plan,
// in a fixed order (see generate.ts for the plan and the determinism rules).
import { type GenMember, generateMember } from './people.ts';
import { IdSource, Rng, addYears, dayOf, isoOf } from './prng.ts';
import { type CountyPlan, type DemoCountyOptions, type DemoPicks, type Flags, type GenCommittee, type GenOrg, type GenUnit, type OrgSpec, planCounty } from './generate.ts';
import { NO_FLAGS } from './plan-units.ts';

const LABEL: Record<string, string> = { secretary: '书记', deputy_secretary: '副书记', organization: '组织委员', propaganda: '宣传委员', discipline: '纪检委员', member: '委员' };

/** The Chinese label of a committee position. */
export const positionLabel = (p: string) => LABEL[p] ?? p;

/** Positions of a committee: 3–5 for a 支部, 5–7 for a 总支/党委, only a 书记 below 7 正式党员 (DOMAIN §1). */
function positionsFor(r: Rng, org: OrgSpec | (GenOrg & { committeeSize: number }), fullCount: number, flags: Flags): string[] {
  if (flags.noSecretary) return [];
  if ('committeeSize' in org) return ['secretary', 'deputy_secretary', 'deputy_secretary', 'organization', 'propaganda', 'discipline', 'member'].slice(0, org.committeeSize);
  if (org.level === 'sub_branch' || org.level === 'red_station') return ['secretary'];
  if (fullCount < 7 || flags.noCommittee) return fullCount >= 4 && r.chance(0.25) ? ['secretary', 'deputy_secretary'] : ['secretary'];
  if (org.level === 'branch') return ['secretary', 'organization', 'propaganda', 'discipline', 'deputy_secretary'].slice(0, r.int(3, 5));
  return ['secretary', 'deputy_secretary', 'organization', 'propaganda', 'discipline', 'member', 'member'].slice(0, r.int(5, 7));
}

/** People who can hold a position: 正式党员 in contact, attending, of working age. */
const eligible = (m: GenMember) => m.status === 'full' && !m.lostContactSince && !m.excludeAttendance;

/**
 * Generates every unit in order: organizations (with terms and contacts), members and committees.
 * `picks` is filled as the demo branches go by.
 */
export function* generateUnits(plan: CountyPlan, picks: DemoPicks): Generator<GenUnit> {
  const o = plan.options;
  const today = dayOf(o.today);
  const root = new Rng(`hongyun-demo:${o.seed}`);
  const memberIds = new IdSource(root.fork('member-ids'), Date.UTC(2026, 0, 1) + 10_000_000);
  const committeeIds = new IdSource(root.fork('committee-ids'), Date.UTC(2026, 0, 1) + 20_000_000);
  const taken = new Set<string>();
  let card = 0;
  const nextId = () => memberIds.next();
  const nextCard = () => `CX${String(10_000_001 + card++).padStart(8, '0')}`;

  for (const u of plan.units) {
    const ident = root.fork(`people:${u.key}`);
    const r = root.fork(`facts:${u.key}:${o.today}`);
    const orgs: GenOrg[] = [];
    const members: GenMember[] = [];
    const byOrg = new Map<string, GenMember[]>();
    for (const s of u.orgs) {
      const list: GenMember[] = [];
      const ctx = { profile: s.profile, orgId: s.id, tIdx: u.tIdx, place: u.place, approver: `${s.shortName ?? s.name}支部委员会`, today };
      for (let i = 0; i < s.size; i++) list.push(generateMember(ident, r, ctx, taken, nextId, nextCard));
      if (s.flags.fewFull)
        // fewer than 3 正式党员: the others joined recently and are still 预备党员
        for (const m of list.slice(2)) {
          m.status = 'probationary';
          m.confirmedOn = null;
          m.joinedOn = isoOf(Math.max(today - r.int(30, 330), dayOf(m.joinedOn)));
          m.excludeAttendance = false;
          m.excludeReason = null;
          m.excludeApprover = null;
        }
      byOrg.set(s.id, list);
      members.push(...list);
    }
    // the members of an organization's subtree within the unit
    const subtree = (s: { path: string }) => members.filter((m) => u.orgs.some((x) => x.id === m.orgId && x.path.startsWith(s.path)));

    // Demo branches: a secretary and a member with a clean record, chosen by identity only.
    let demoSecretary: GenMember | null = null;
    let demoMember: GenMember | null = null;
    if (u.demo) {
      const list = byOrg.get(u.orgs[0].id) ?? [];
      const clean = (m: GenMember) => {
        m.status = 'full';
        m.lostContactSince = null;
        m.excludeAttendance = false;
        m.excludeReason = null;
        m.excludeApprover = null;
        if (!m.confirmedOn) {
          m.joinedOn = isoOf(Math.min(dayOf(m.joinedOn), today - 800));
          m.confirmedOn = isoOf(dayOf(m.joinedOn) + 365);
        }
        if (!m.phone) m.phone = `139${String(m.cardNo.slice(2)).padStart(8, '0')}`;
      };
      // born 1968–1995 (fixed, not "age today", so the choice never changes with the date)
      const working = list.filter((m) => m.idNumber.startsWith('330522') && +m.idNumber.slice(6, 10) >= 1968 && +m.idNumber.slice(6, 10) <= 1995);
      demoSecretary = working[0] ?? list[0];
      demoMember = working.find((m) => m !== demoSecretary) ?? list.find((m) => m !== demoSecretary)!;
      clean(demoSecretary);
      clean(demoMember);
    }

    const committee: GenCommittee[] = [];
    const seat = (org: GenOrg, pool: GenMember[], positions: string[]) => {
      const inContact = pool.filter(eligible);
      let candidates = r.shuffle(inContact.filter((m) => m.age >= 25 && m.age <= 68 && m !== demoMember));
      if (candidates.length < positions.length) candidates = r.shuffle(inContact.filter((m) => m !== demoMember));
      if (demoSecretary && pool.includes(demoSecretary) && positions[0] === 'secretary')
        candidates = [demoSecretary, ...candidates.filter((m) => m !== demoSecretary)];
      positions.slice(0, candidates.length).forEach((position, i) => {
        committee.push({ id: committeeIds.next(), orgId: org.id, memberId: candidates[i].id, position, termStart: org.termStart! });
      });
      const sec = committee.find((c) => c.orgId === org.id && c.position === 'secretary');
      if (sec) org.contactName = candidates[positions.indexOf('secretary')]?.name ?? null;
    };

    for (const s of u.orgs) {
      const years = s.termYears;
      const start = s.flags.overdue ? addYears(today, -years) - r.int(30, 700) : today - r.int(60, years * 365 - 60);
      const { size: _size, profile: _profile, flags, termYears: _t, ...row } = s;
      const org: GenOrg = { ...row, termStart: s.level === 'red_station' && s.size === 0 ? null : isoOf(start), contactName: null };
      orgs.push(org);
      const pool = s.size > 0 ? (byOrg.get(s.id) ?? []) : subtree(s);
      if (pool.length === 0) continue;
      const full = pool.filter((m) => m.status === 'full').length;
      seat(org, pool, positionsFor(r, s, full, u.demo ? NO_FLAGS : flags));
    }
    if (u.header) {
      const pool = byOrg.get(u.orgs[0].id) ?? [];
      seat(u.header, pool, positionsFor(r, u.header, pool.length, NO_FLAGS));
    }
    if (u.demo && demoSecretary && demoMember) {
      const pick = { orgId: u.orgs[0].id, orgName: u.orgs[0].name, secretary: demoSecretary, member: demoMember };
      if (u.demo === 'A') picks.branchA = pick;
      else picks.branchB = pick;
    }
    yield { key: u.key, orgs, members, committee };
  }
}

/** The demo picks before generation (filled by generateUnits). */
export function emptyPicks(plan: CountyPlan): DemoPicks {
  const zhicheng = plan.headers.find((h) => h.shortName === '雉城街道');
  return { countyId: plan.options.root.id, zhichengId: zhicheng!.id, branchA: null, branchB: null };
}

/** The whole county in memory (tests and small scales): headers, units and demo picks. */
export function generateCounty(o: DemoCountyOptions) {
  const plan = planCounty(o);
  const picks = emptyPicks(plan);
  const units = [...generateUnits(plan, picks)];
  return { plan, headers: plan.headers, units, picks };
}
