// The building blocks of the demo county plan: the Planner (ids, rows, terms, flags) and the unit
// builders (villages, communities, departments, enterprises, schools…). generate.ts lays them out.
import type { OrgCategory, OrgLevel } from '../../../common/org.ts';
import {
  BIG_SCHOOLS, COMPANY_WORDS, type Department, HEALTH_BRANCHES, HOSPITALS, INDUSTRIES, PLACE_FIRST, PLACE_SECOND,
  ROADS, SCHOOL_KINDS, SOCIAL_ORGS, SOES, TOWNSHIPS,
} from './catalog.ts';
import type { DemoCountyOptions, Flags, GenOrg, OrgSpec, UnitSpec } from './generate.ts';
import type { Profile } from './people.ts';
import { IdSource, Rng, addYears, dayOf, isoOf } from './prng.ts';

/** Flags of an organization without deliberate warning cases. */
export const NO_FLAGS: Flags = { overdue: false, noCommittee: false, noSecretary: false, fewFull: false };

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
export const cnNum = (i: number) => CN_NUM[i] ?? String(i + 1);
export const shortOf = (t: string) => t.replace(/(街道|镇|乡|管委会)$/, '');

/** Term of office in years (DOMAIN §1): 村/社区 支部 5, other 支部 3, 总支 3, 党委 5. */
function termYearsOf(level: OrgLevel, category: OrgCategory | null): number {
  if (level === 'party_committee' || level === 'township_committee' || level === 'department_committee') return 5;
  if (level === 'branch') return category === 'rural' || category === 'community' ? 5 : 3;
  return 3;
}

export class Planner {
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
export function villageUnit(p: Planner, parent: GenOrg, tIdx: number, i: number, name: string, kind: 'village' | 'community', demo?: 'A' | 'B'): UnitSpec {
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
export function simpleUnit(
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
export function uniqueName(taken: Set<string>, make: () => string): string {
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

export const companyName = (r: Rng) => `${r.chance(0.5) ? '长兴' : '浙江'}${r.pick(COMPANY_WORDS)}${r.pick(COMPANY_WORDS)}${r.pick(INDUSTRIES)}有限公司`;

export function departmentUnits(p: Planner, d: Department, header: GenOrg & { committeeSize: number }, taken: Set<string>) {
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

