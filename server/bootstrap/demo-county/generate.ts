// The demo county generator (pure: no database, no keys). `planCounty` lays out the organization
// tree; `generateUnits` yields each unit's organizations, members and committee, in a fixed order.
// Same options → same county: org and member ids are deterministic UUIDv7s, names and ID numbers
// come from streams seeded by (seed, unit) and never from the clock.
import type { OrgCategory, OrgLevel } from '../../../common/org.ts';
import {
  BIG_SCHOOLS, COMMUNITY_NAMES, COMPANY_WORDS, DEPARTMENTS, type Department, HEALTH_BRANCHES, HOSPITALS, INDUSTRIES, PLACE_FIRST, PLACE_SECOND,
  ROADS, SCHOOL_KINDS, SOCIAL_ORGS, SOES, TOWNSHIPS,
} from './catalog.ts';
import { type GenMember, type Profile, generateMember } from './people.ts';
import { IdSource, Rng, addYears, dayOf, isoOf } from './prng.ts';

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

type Flags = { overdue: boolean; noCommittee: boolean; noSecretary: boolean; fewFull: boolean };
const NO_FLAGS: Flags = { overdue: false, noCommittee: false, noSecretary: false, fewFull: false };

/** An organization of the plan: its row (without the date-dependent fields) and how to fill it. */
type OrgSpec = Omit<GenOrg, 'termStart' | 'contactName'> & { size: number; profile: Profile; flags: Flags; termYears: number };

type UnitSpec = {
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

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
const cnNum = (i: number) => CN_NUM[i] ?? String(i + 1);
const shortOf = (t: string) => t.replace(/(街道|镇|乡|管委会)$/, '');

/** Term of office in years (DOMAIN §1): 村/社区 支部 5, other 支部 3, 总支 3, 党委 5. */
function termYearsOf(level: OrgLevel, category: OrgCategory | null): number {
  if (level === 'party_committee' || level === 'township_committee' || level === 'department_committee') return 5;
  if (level === 'branch') return category === 'rural' || category === 'community' ? 5 : 3;
  return 3;
}

class Planner {
  readonly r: Rng;
  readonly ids: IdSource;
  readonly headers: GenOrg[] = [];
  readonly units: UnitSpec[] = [];
  private readonly sort = new Map<string, number>();

  constructor(readonly o: DemoCountyOptions) {
    this.r = new Rng(`hongyun-demo:${o.seed}`);
    this.ids = new IdSource(this.r.fork('org-ids'));
  }

  /** round(k × scale), at least `min`. */
  sc(k: number, min: number) {
    return Math.max(min, Math.round(k * this.o.scale));
  }

  private nextSort(parentId: string) {
    const n = this.sort.get(parentId) ?? 0;
    this.sort.set(parentId, n + 1);
    return n;
  }

  /** A row under `parent`, with location and contact filled from the township. */
  row(r: Rng, parent: { id: string; path: string; depth: number }, f: { name: string; shortName?: string | null; level: OrgLevel; category: OrgCategory | null; code?: string | null; tIdx: number; address?: string }): Omit<GenOrg, 'termStart' | 'contactName'> {
    const id = this.ids.next();
    const t = TOWNSHIPS[Math.max(f.tIdx, 0)];
    return {
      id,
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      name: f.name,
      shortName: f.shortName ?? null,
      level: f.level,
      category: f.category,
      code: f.code ?? null,
      sortOrder: this.nextSort(parent.id),
      address: f.address ?? `浙江省长兴县${t.name}${r.pick(ROADS)}${r.int(1, 688)}号`,
      longitude: Math.round((t.lon + (r.next() - 0.5) * 0.06) * 1e5) / 1e5,
      latitude: Math.round((t.lat + (r.next() - 0.5) * 0.05) * 1e5) / 1e5,
      contactPhone: `0572-6${r.digits(6)}`,
      establishedOn: isoOf(dayOf(`${r.int(f.level === 'sub_branch' || f.level === 'red_station' ? 2008 : 1978, 2020)}-01-01`) + r.int(0, 364)),
    };
  }

  spec(r: Rng, parent: { id: string; path: string; depth: number }, f: Parameters<Planner['row']>[2] & { size: number; profile: Profile; flags?: Flags }): OrgSpec {
    const row = this.row(r, parent, f);
    return { ...row, size: f.size, profile: f.profile, flags: f.flags ?? NO_FLAGS, termYears: termYearsOf(f.level, f.category) };
  }

  /** Random flags of a branch-like organization (the size-rule warnings need real cases). */
  flags(r: Rng, fewFull = false): Flags {
    return { overdue: r.chance(0.07), noCommittee: r.chance(0.05), noSecretary: r.chance(0.025), fewFull };
  }

  header(r: Rng, parent: { id: string; path: string; depth: number }, f: Parameters<Planner['row']>[2], committeeSize: number): GenOrg & { committeeSize: number } {
    const row = this.row(r, parent, f);
    const today = dayOf(this.o.today);
    const dates = r.fork('dates');
    const years = termYearsOf(f.level, f.category);
    const start = dates.chance(0.05) ? addYears(today, -years) - dates.int(30, 400) : today - dates.int(90, years * 365 - 90);
    const h = { ...row, contactName: null, termStart: isoOf(start), committeeSize };
    this.headers.push(h);
    return h;
  }

  /** Splits `n` people into `k` groups of nearly equal size. */
  split(n: number, k: number): number[] {
    const base = Math.floor(n / k);
    return Array.from({ length: k }, (_, i) => base + (i < n % k ? 1 : 0));
  }

  /** Unique natural-village names (自然村) for the sub-units of a village. */
  hamlets(r: Rng, k: number): string[] {
    const out = new Set<string>();
    while (out.size < k) out.add(r.pick(PLACE_FIRST) + r.pick(PLACE_SECOND));
    return [...out];
  }
}

/** A village (rural) or community unit: 党支部 / 党总支 / 社区党委 with 下设支部 (20–25 people each). */
function villageUnit(p: Planner, parent: GenOrg, tIdx: number, i: number, name: string, kind: 'village' | 'community', demo?: 'A' | 'B'): UnitSpec {
  const t = TOWNSHIPS[tIdx];
  const r = p.r.fork(`${kind}:${t.name}:${i}`);
  const rural = kind === 'village';
  const category: OrgCategory = rural ? 'rural' : 'community';
  const profile: Profile = rural ? 'rural' : 'community';
  let n = rural ? (r.chance(0.1) ? r.int(85, 120) : r.normalInt(74, 11, 32, 86)) : r.normalInt(100, 22, 42, 150);
  let level: OrgLevel;
  let direct: boolean;
  if (demo) {
    n = r.int(38, 46);
    level = 'branch';
    direct = true;
  } else if (n >= 100 && !rural) {
    level = 'party_committee';
    direct = false;
  } else if (n > 50) {
    // most villages over 50 form a 党总支; some stay one 支部 over the limit (a size-rule warning)
    level = r.chance(rural ? 0.85 : 0.9) ? 'general_branch' : 'branch';
    direct = level === 'branch';
  } else {
    // a 支部 keeps its members itself (the size rules count a 支部's own members)
    level = 'branch';
    direct = true;
  }
  const suffix = level === 'party_committee' ? '委员会' : level === 'general_branch' ? '总支部委员会' : '支部委员会';
  const fullName = `中共长兴县${t.name}${name}${suffix}`;
  const short = `${name}${level === 'party_committee' ? '党委' : level === 'general_branch' ? '党总支' : '党支部'}`;
  const address = rural ? `浙江省长兴县${t.name}${name}村民委员会` : `浙江省长兴县${t.name}${r.pick(ROADS)}${r.int(1, 300)}号`;
  const top = p.spec(r, parent, { name: fullName, shortName: short, level, category, tIdx, address, size: direct ? n : 0, profile, flags: demo ? NO_FLAGS : p.flags(r) });
  const orgs = [top];
  if (!direct) {
    // a village 党总支 splits into 下设支部 of 20–25 (长兴 practice); a community into grid branches
    const k = Math.max(2, Math.round(n / (rural ? 25 : 28)));
    const sizes = p.split(n, k);
    const childLevel: OrgLevel = rural ? 'sub_branch' : 'branch';
    const names = rural ? p.hamlets(r, k) : sizes.map((_, j) => `第${cnNum(j)}网格`);
    sizes.forEach((size, j) => {
      const label = childLevel === 'sub_branch' ? `${names[j]}下设支部` : `${names[j]}党支部`;
      orgs.push(p.spec(r, top, { name: `${name}${label}`, shortName: label, level: childLevel, category, tIdx, size, profile, flags: { ...p.flags(r), noCommittee: false } }));
    });
  }
  return { key: `${kind}:${t.name}:${i}`, tIdx, place: name, orgs, demo };
}

/** A single-branch unit (enterprise, school, department branch…), optionally a 总支/党委 with branches. */
function simpleUnit(
  p: Planner,
  key: string,
  parent: { id: string; path: string; depth: number },
  f: { name: string; tIdx: number; category: OrgCategory; profile: Profile; size: number; big?: { level: OrgLevel; branches: { label: string; size: number; profile?: Profile }[] }; fewFull?: boolean },
): UnitSpec {
  const r = p.r.fork(key);
  if (!f.big) {
    const org = p.spec(r, parent, { name: `${f.name}党支部`, shortName: null, level: 'branch', category: f.category, tIdx: f.tIdx, size: f.size, profile: f.profile, flags: p.flags(r, f.fewFull) });
    return { key, tIdx: f.tIdx, place: null, orgs: [org] };
  }
  const suffix = f.big.level === 'party_committee' ? '委员会' : '总支部委员会';
  const top = p.spec(r, parent, { name: `中共${f.name}${suffix}`, shortName: `${f.name}${f.big.level === 'party_committee' ? '党委' : '党总支'}`, level: f.big.level, category: f.category, tIdx: f.tIdx, size: 0, profile: f.profile, flags: p.flags(r) });
  const orgs = [top];
  for (const b of f.big.branches)
    orgs.push(p.spec(r, top, { name: `${f.name}${b.label}党支部`, shortName: `${b.label}党支部`, level: 'branch', category: f.category, tIdx: f.tIdx, size: b.size, profile: b.profile ?? f.profile, flags: p.flags(r) }));
  return { key, tIdx: f.tIdx, place: null, orgs };
}

/** Unique names from a generator (a numbered suffix once the vocabulary runs out). */
function uniqueName(taken: Set<string>, make: () => string): string {
  for (let i = 0; i < 30; i++) {
    const n = make();
    if (!taken.has(n)) {
      taken.add(n);
      return n;
    }
  }
  const base = make();
  for (let i = 2; ; i++) {
    const n = `${base}（${i}）`;
    if (!taken.has(n)) {
      taken.add(n);
      return n;
    }
  }
}

const companyName = (r: Rng) => `${r.chance(0.5) ? '长兴' : '浙江'}${r.pick(COMPANY_WORDS)}${r.pick(COMPANY_WORDS)}${r.pick(INDUSTRIES)}有限公司`;

function departmentUnits(p: Planner, d: Department, header: GenOrg & { committeeSize: number }, taken: Set<string>) {
  const r = p.r.fork(`dept:${d.short}`);
  const units: UnitSpec[] = [];
  // the department's own 机关 branches and its retirees
  const nb = p.sc(d.branches, 1);
  const orgs: OrgSpec[] = [];
  for (let i = 0; i < nb; i++) {
    const label = nb === 1 ? '机关党支部' : `机关第${cnNum(i)}党支部`;
    orgs.push(p.spec(r, header, { name: `${d.short}${label}`, shortName: label, level: 'branch', category: 'government', tIdx: -1, size: r.normalInt(29, 8, 7, 56), profile: 'gov', flags: p.flags(r) }));
  }
  if (d.branches >= 3)
    orgs.push(p.spec(r, header, { name: `${d.short}离退休干部党支部`, shortName: '离退休干部党支部', level: 'branch', category: 'government', tIdx: -1, size: r.normalInt(24, 8, 8, 48), profile: 'retired', flags: p.flags(r) }));
  units.push({ key: `dept:${d.short}`, tIdx: -1, place: null, orgs, header });

  const cycle = <T>(items: readonly T[], i: number) => items[i % items.length];
  if (d.kind === 'police')
    for (let i = 0; i < p.sc(TOWNSHIPS.length, 1); i++) {
      const t = cycle(TOWNSHIPS, i);
      const name = uniqueName(taken, () => `长兴县公安局${shortOf(t.name)}派出所`);
      units.push(simpleUnit(p, `police:${i}`, header, { name, tIdx: TOWNSHIPS.indexOf(t), category: 'government', profile: 'gov', size: r.normalInt(22, 6, 8, 40) }));
    }
  if (d.kind === 'education') {
    for (let i = 0; i < p.sc(BIG_SCHOOLS.length, 1); i++) {
      const name = uniqueName(taken, () => cycle(BIG_SCHOOLS, i));
      const u = p.r.fork(`school-big:${i}`);
      units.push(simpleUnit(p, `school-big:${i}`, header, {
        name, tIdx: u.int(0, 3), category: 'institution', profile: 'teacher', size: 0,
        big: { level: 'general_branch', branches: [{ label: '第一', size: u.normalInt(30, 6, 18, 45) }, { label: '第二', size: u.normalInt(28, 6, 15, 45) }, { label: '退休教师', size: u.normalInt(22, 6, 10, 35), profile: 'retired' }] },
      }));
    }
    for (let i = 0; i < p.sc(62, 2); i++) {
      const u = p.r.fork(`school:${i}`);
      const t = u.pick(TOWNSHIPS);
      const name = uniqueName(taken, () => `长兴县${shortOf(t.name)}${u.pick(SCHOOL_KINDS)}`);
      units.push(simpleUnit(p, `school:${i}`, header, { name, tIdx: TOWNSHIPS.indexOf(t), category: 'institution', profile: 'teacher', size: u.normalInt(27, 9, 6, 48) }));
    }
  }
  if (d.kind === 'health') {
    for (let i = 0; i < p.sc(HOSPITALS.length, 1); i++) {
      const h = cycle(HOSPITALS, i);
      const u = p.r.fork(`hospital:${i}`);
      const name = uniqueName(taken, () => h.name);
      units.push(simpleUnit(p, `hospital:${i}`, header, {
        name, tIdx: u.int(0, 3), category: 'institution', profile: 'medical', size: 0,
        big: { level: h.level, branches: h.branches.map((label) => ({ label, size: u.normalInt(label === '离退休' ? 30 : 38, 9, 12, 56), profile: label === '离退休' ? ('retired' as const) : undefined })) },
      }));
    }
    for (let i = 0; i < p.sc(HEALTH_BRANCHES.length, 1); i++) {
      const name = uniqueName(taken, () => cycle(HEALTH_BRANCHES, i));
      units.push(simpleUnit(p, `health:${i}`, header, { name, tIdx: 0, category: 'institution', profile: 'medical', size: p.r.fork(`health:${i}`).normalInt(18, 5, 6, 32) }));
    }
    for (let i = 0; i < p.sc(15, 1); i++) {
      const t = cycle(TOWNSHIPS, i + 2);
      const name = uniqueName(taken, () => `长兴县${shortOf(t.name)}${t.kind === 'street' ? '社区卫生服务中心' : '卫生院'}`);
      units.push(simpleUnit(p, `clinic:${i}`, header, { name, tIdx: TOWNSHIPS.indexOf(t), category: 'institution', profile: 'medical', size: p.r.fork(`clinic:${i}`).normalInt(16, 5, 6, 30) }));
    }
  }
  if (d.kind === 'soe')
    for (let i = 0; i < p.sc(SOES.length, 1); i++) {
      const s = cycle(SOES, i);
      const u = p.r.fork(`soe:${i}`);
      const name = uniqueName(taken, () => s.name);
      units.push(simpleUnit(p, `soe:${i}`, header, {
        name, tIdx: u.int(0, 3), category: 'soe', profile: 'soe', size: u.normalInt(18, 6, 6, 32),
        big: s.big ? { level: 'party_committee', branches: ['机关', '第一', '第二', '第三'].slice(0, u.int(3, 4)).map((label) => ({ label, size: u.normalInt(32, 8, 15, 52) })) } : undefined,
      }));
    }
  if (d.kind === 'two_new') {
    for (let i = 0; i < p.sc(46, 1); i++) {
      const u = p.r.fork(`enterprise:${i}`);
      const name = uniqueName(taken, () => companyName(u));
      const big = u.chance(0.2);
      units.push(simpleUnit(p, `enterprise:${i}`, header, {
        name, tIdx: u.int(0, TOWNSHIPS.length - 1), category: 'private_enterprise', profile: 'private', size: u.normalInt(24, 8, 5, 48),
        big: big ? { level: u.chance(0.3) ? 'party_committee' : 'general_branch', branches: Array.from({ length: u.int(2, 4) }, (_, j) => ({ label: `第${cnNum(j)}`, size: u.normalInt(30, 8, 12, 50) })) } : undefined,
      }));
    }
    for (let i = 0; i < p.sc(SOCIAL_ORGS.length, 1); i++) {
      const u = p.r.fork(`social:${i}`);
      const name = uniqueName(taken, () => `长兴县${cycle(SOCIAL_ORGS, i)}`);
      const few = u.chance(0.15);
      units.push(simpleUnit(p, `social:${i}`, header, { name, tIdx: 0, category: 'social_org', profile: 'social', size: few ? u.int(2, 3) : u.normalInt(8, 3, 3, 16), fewFull: few }));
    }
  }
  return units;
}

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
