// The demo county generator (pure: no database, no keys). `planCounty` lays out the organization
// tree; `generateUnits` (generate-units.ts) yields each unit's organizations, members and committee.
// Same options → same county: org and member ids are deterministic UUIDv7s, names and ID numbers
// come from streams seeded by (seed, unit) and never from the clock.
import type { OrgCategory, OrgLevel } from '../../../common/org.ts';
import { COMMUNITY_NAMES, DEPARTMENTS, PLACE_FIRST, PLACE_SECOND, TOWNSHIPS } from './catalog.ts';
import type { GenMember, Profile } from './people.ts';
import { NO_FLAGS, Planner, cnNum, companyName, departmentUnits, shortOf, simpleUnit, uniqueName, villageUnit } from './plan-units.ts';

/** What the generator needs: the seed, the scale (1 ≈ 长兴县), today (for relative dates) and the root. */
export type DemoCountyOptions = {
  seed: number;
  scale: number;
  /** YYYY-MM-DD; join dates, terms and 失联 are relative to it. Names and ID numbers are not. */
  today: string;
  countyCode: string;
  root: { id: string; path: string; depth: number };
};

/** An organization row as generated (the columns of `organizations` the seed fills). */
export type GenOrg = {
  id: string;
  parentId: string;
  path: string;
  depth: number;
  name: string;
  shortName: string | null;
  level: OrgLevel;
  category: OrgCategory | null;
  code: string | null;
  sortOrder: number;
  address: string | null;
  longitude: number | null;
  latitude: number | null;
  contactName: string | null;
  contactPhone: string | null;
  establishedOn: string | null;
  termStart: string | null;
};

/** A committee position (org_committee row). */
export type GenCommittee = { id: string; orgId: string; memberId: string; position: string; termStart: string };

/** One unit: a village, a community, a company, a school… with its sub-organizations and people. */
export type GenUnit = { key: string; orgs: GenOrg[]; members: GenMember[]; committee: GenCommittee[] };

export type Flags = { overdue: boolean; noCommittee: boolean; noSecretary: boolean; fewFull: boolean };

/** An organization of the plan: its row (without the date-dependent fields) and how to fill it. */
export type OrgSpec = Omit<GenOrg, 'termStart' | 'contactName'> & { size: number; profile: Profile; flags: Flags; termYears: number };

export type UnitSpec = {
  key: string;
  tIdx: number;
  place: string | null;
  orgs: OrgSpec[];
  /** A header organization (township or department committee) whose committee comes from this unit's people. */
  header?: GenOrg & { committeeSize: number };
  /** The demo branch of secretary.a (A) or secretary.b (B). */
  demo?: 'A' | 'B';
};

/** The laid-out county: header organizations (townships, departments) and the units under them. */
export type CountyPlan = { options: DemoCountyOptions; headers: GenOrg[]; units: UnitSpec[] };

/** Who the demo accounts are: the organizations and people they hang on. */
export type DemoPicks = {
  countyId: string;
  zhichengId: string;
  branchA: { orgId: string; orgName: string; secretary: GenMember; member: GenMember } | null;
  branchB: { orgId: string; orgName: string; secretary: GenMember; member: GenMember } | null;
};

/** Lays out the whole county: headers (townships, departments) and every unit, in a fixed order. */
export function planCounty(o: DemoCountyOptions): CountyPlan {
  if (!(o.scale > 0)) throw new Error('scale must be > 0');
  const p = new Planner(o);
  const root = o.root;
  const taken = new Set<string>();

  const townships = TOWNSHIPS.map((t, i) =>
    p.header(p.r.fork(`township:${t.name}`), root, {
      name: `中共长兴县${t.name}${t.kind === 'zone' ? '党工委' : t.kind === 'street' ? '工作委员会' : '委员会'}`,
      shortName: t.name,
      level: 'township_committee',
      category: null,
      code: t.code || null,
      tIdx: i,
      address: `浙江省长兴县${t.name}${t.kind === 'zone' ? '管委会' : t.kind === 'street' ? '办事处' : '人民政府'}`,
    }, 7),
  );
  const departments = DEPARTMENTS.map((d) =>
    p.header(p.r.fork(`dept-header:${d.short}`), root, {
      name: d.name.endsWith('委员会') ? `中共长兴${d.name}机关委员会` : d.name.startsWith('县') ? `中共长兴${d.name}委员会` : `中共${d.name}委员会`,
      shortName: `${d.short}党委`,
      level: 'department_committee',
      category: 'government',
      tIdx: 0,
    }, 5),
  );

  TOWNSHIPS.forEach((t, ti) => {
    const header = townships[ti];
    const r = p.r.fork(`township-units:${t.name}`);
    // 机关: the township's own branches and retired cadres; the township committee comes from here
    const organs: OrgSpec[] = [
      p.spec(r, header, { name: `${t.name}机关党支部`, shortName: '机关党支部', level: 'branch', category: 'government', tIdx: ti, size: r.normalInt(42, 9, 26, 58), profile: 'township_gov', flags: NO_FLAGS }),
    ];
    if (t.kind === 'street')
      organs.push(p.spec(r, header, { name: `${t.name}机关第二党支部`, shortName: '机关第二党支部', level: 'branch', category: 'government', tIdx: ti, size: r.normalInt(28, 6, 15, 40), profile: 'township_gov', flags: p.flags(r) }));
    organs.push(p.spec(r, header, { name: `${t.name}退休干部党支部`, shortName: '退休干部党支部', level: 'branch', category: 'government', tIdx: ti, size: r.normalInt(24, 8, 10, 42), profile: 'retired', flags: p.flags(r) }));
    p.units.push({ key: `organs:${t.name}`, tIdx: ti, place: null, orgs: organs, header });

    const names = p.r.fork(`names:${t.name}`);
    const villageNames = new Set<string>();
    const nv = p.sc(t.villages, 1);
    for (let i = 0; i < nv; i++) {
      const name = i < t.knownVillages.length ? t.knownVillages[i].replace(/村$/, '') : uniqueName(villageNames, () => names.pick(PLACE_FIRST) + names.pick(PLACE_SECOND));
      villageNames.add(name);
      const demo = i === 0 && t.name === '雉城街道' ? 'A' : i === 0 && t.name === '煤山镇' ? 'B' : undefined;
      p.units.push(villageUnit(p, header, ti, i, `${name}村`, 'village', demo));
    }
    const cnames = p.r.fork(`community-names:${t.name}`);
    const nc = p.sc(t.communities, 0);
    for (let i = 0; i < nc; i++) {
      const name = uniqueName(taken, () => (i < COMMUNITY_NAMES.length && ti < 4 ? COMMUNITY_NAMES[(ti * 9 + i) % COMMUNITY_NAMES.length] : cnames.pick(PLACE_FIRST) + cnames.pick(['苑', '园', '湾', '城', '里', '坊', '桥', '庭'])));
      p.units.push(villageUnit(p, header, ti, i, `${name}社区`, 'community'));
    }
    const ne = p.sc(t.kind === 'street' ? 12 : t.kind === 'zone' ? 7 : 10, 0);
    for (let i = 0; i < ne; i++) {
      const u = p.r.fork(`t-enterprise:${t.name}:${i}`);
      const few = u.chance(0.08);
      if (u.chance(0.12)) {
        const name = uniqueName(taken, () => `${t.name}非公企业第${cnNum(i)}联合`);
        p.units.push(simpleUnit(p, `t-enterprise:${t.name}:${i}`, header, { name, tIdx: ti, category: 'private_enterprise', profile: 'private', size: u.normalInt(7, 2, 3, 12) }));
      } else {
        const name = uniqueName(taken, () => companyName(u));
        p.units.push(simpleUnit(p, `t-enterprise:${t.name}:${i}`, header, { name, tIdx: ti, category: 'private_enterprise', profile: 'private', size: few ? u.int(2, 3) : u.normalInt(17, 7, 3, 42), fewFull: few }));
      }
    }
    for (let i = 0; i < p.sc(2, 0); i++) {
      const name = uniqueName(taken, () => (i === 0 ? `${t.name}社会组织联合` : `长兴县${shortOf(t.name)}商会`));
      p.units.push(simpleUnit(p, `t-social:${t.name}:${i}`, header, { name, tIdx: ti, category: 'social_org', profile: 'social', size: p.r.fork(`t-social:${t.name}:${i}`).normalInt(7, 2, 3, 12) }));
    }
  });

  DEPARTMENTS.forEach((d, di) => {
    p.units.push(...departmentUnits(p, d, departments[di], taken));
  });

  // 红色驿站 (DOMAIN §9: 97 at scale 1): one sub-unit of a village or community becomes the station,
  // or the station is added under a unit without sub-units.
  const candidates = p.units.filter((u) => u.key.startsWith('village:') || u.key.startsWith('community:'));
  const stations = Math.min(candidates.length, Math.round(97 * o.scale));
  const chosen = p.r.fork('red-stations').shuffle(candidates).slice(0, stations);
  for (const u of chosen) {
    const sub = u.orgs.find((x) => x.level === 'sub_branch' || (x.level === 'branch' && x.depth > u.orgs[0].depth));
    const label = `${u.place ?? ''}${(sub?.shortName ?? '').replace(/(下设支部|党支部)$/, '')}红色驿站`;
    if (sub) {
      sub.level = 'red_station';
      sub.name = label;
      sub.shortName = label.slice((u.place ?? '').length);
    } else {
      const r = p.r.fork(`station:${u.key}`);
      u.orgs.push(p.spec(r, u.orgs[0], { name: `${u.place}红色驿站`, shortName: '红色驿站', level: 'red_station', category: u.orgs[0].category, tIdx: u.tIdx, size: 0, profile: u.orgs[0].profile }));
    }
  }
  return { options: o, headers: p.headers, units: p.units };
}
