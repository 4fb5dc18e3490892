// Synthetic people for the demo county: names, ID numbers (GB 11643, DOMAIN §8), ages, education,
// occupation, dues category and the member flags, each drawn per the kind of organization they sit in.
import { idCheckChar } from '../../../common/id-number.ts';
import type { DuesCategory } from '../../../common/member.ts';
import { ETHNICITIES, EXCLUDE_REASONS, GIVEN_CHARS, OTHER_PROVINCES, OTHER_ZHEJIANG, ROADS, SURNAMES, TOWNSHIPS } from './catalog.ts';
import { type Rng, addYears, dayOf, isoOf, weighted, yearsBetween } from './prng.ts';

/** Which population an organization's members are drawn from. */
export type Profile =
  | 'rural'
  | 'community'
  | 'township_gov'
  | 'gov'
  | 'retired'
  | 'teacher'
  | 'medical'
  | 'soe'
  | 'private'
  | 'social';

/** Ages are counted at this fixed date, so the same seed gives the same ID numbers whatever the day. */
export const BIRTH_ANCHOR = dayOf('2026-01-01');

/** A generated member, ready for toMemberRow (plus the facts the generator keeps for itself). */
export type GenMember = {
  id: string;
  orgId: string;
  name: string;
  idNumber: string;
  phone: string | null;
  ethnicity: string;
  education: string;
  occupation: string;
  duesCategory: DuesCategory;
  joinedOn: string;
  confirmedOn: string | null;
  status: 'probationary' | 'full';
  standing: 'normal';
  cardNo: string;
  chipUid: string;
  address: string;
  household: string;
  excludeAttendance: boolean;
  excludeReason: string | null;
  excludeApprover: string | null;
  lostContactSince: string | null;
  /** Age today (not stored; the row derives the birth date from the ID number). */
  age: number;
  gender: 'male' | 'female';
};

type AgeBand = readonly [number, number, number];
const AGE_BANDS: Record<Profile, AgeBand[]> = {
  // [weight, min, max]
  rural: [[30, 70, 92], [40, 50, 69], [25, 30, 49], [5, 19, 29]],
  community: [[38, 60, 90], [34, 40, 59], [22, 26, 39], [6, 19, 25]],
  township_gov: [[30, 45, 59], [50, 30, 44], [20, 23, 29]],
  gov: [[35, 45, 59], [45, 30, 44], [20, 23, 29]],
  retired: [[40, 60, 69], [40, 70, 79], [17, 80, 89], [3, 90, 95]],
  teacher: [[35, 45, 59], [45, 30, 44], [20, 23, 29]],
  medical: [[30, 45, 59], [45, 30, 44], [25, 24, 29]],
  soe: [[35, 45, 59], [45, 30, 44], [20, 23, 29]],
  private: [[20, 45, 59], [50, 30, 44], [30, 21, 29]],
  social: [[25, 55, 75], [45, 35, 54], [30, 25, 34]],
};
const agePickers = Object.fromEntries(
  Object.entries(AGE_BANDS).map(([p, bands]) => [p, weighted(bands.map((b) => [b, b[0]] as const))]),
) as Record<Profile, (r: Rng) => AgeBand>;

const MALE_SHIFT: Record<Profile, number> = {
  rural: 0.02, community: -0.05, township_gov: 0.03, gov: 0, retired: 0.03, teacher: -0.22, medical: -0.3, soe: 0.08, private: 0.06, social: -0.05,
};

type Dist = [string, number][];
const pickers = new Map<Dist, (r: Rng) => string>();
const draw = (r: Rng, d: Dist) => {
  let p = pickers.get(d);
  if (!p) {
    p = weighted(d);
    pickers.set(d, p);
  }
  return p(r);
};

const EDU: Record<Profile, (age: number) => Dist> = {
  rural: (a) =>
    a >= 65 ? [['primary', 55], ['junior_high', 40], ['senior_high', 5]]
    : a >= 45 ? [['primary', 12], ['junior_high', 55], ['senior_high', 20], ['vocational', 8], ['college', 5]]
    : [['junior_high', 12], ['senior_high', 25], ['vocational', 20], ['college', 26], ['bachelor', 17]],
  community: (a) =>
    a >= 65 ? [['primary', 22], ['junior_high', 45], ['senior_high', 22], ['vocational', 6], ['college', 5]]
    : a >= 45 ? [['junior_high', 18], ['senior_high', 35], ['vocational', 15], ['college', 20], ['bachelor', 12]]
    : [['senior_high', 8], ['vocational', 10], ['college', 30], ['bachelor', 46], ['master', 6]],
  township_gov: (a) => (a >= 50 ? [['college', 30], ['bachelor', 62], ['master', 8]] : [['college', 8], ['bachelor', 74], ['master', 18]]),
  gov: (a) => (a >= 50 ? [['college', 25], ['bachelor', 62], ['master', 12], ['doctorate', 1]] : [['college', 5], ['bachelor', 70], ['master', 23], ['doctorate', 2]]),
  retired: () => [['junior_high', 8], ['senior_high', 25], ['vocational', 20], ['college', 30], ['bachelor', 17]],
  teacher: () => [['college', 10], ['bachelor', 75], ['master', 15]],
  medical: () => [['vocational', 10], ['college', 20], ['bachelor', 55], ['master', 13], ['doctorate', 2]],
  soe: () => [['senior_high', 8], ['vocational', 10], ['college', 25], ['bachelor', 47], ['master', 10]],
  private: () => [['junior_high', 10], ['senior_high', 20], ['vocational', 20], ['college', 25], ['bachelor', 23], ['master', 2]],
  social: () => [['senior_high', 18], ['college', 30], ['bachelor', 46], ['master', 6]],
};

const OCC: Record<Profile, (age: number) => Dist> = {
  rural: (a) => (a >= 60 ? [['农民', 85], ['个体工商户', 5], ['离退休人员', 10]] : [['农民', 52], ['村干部', 8], ['个体工商户', 12], ['企业职工', 20], ['进城务工人员', 8]]),
  community: (a) =>
    a >= 60 ? [['离退休人员', 90], ['个体工商户', 5], ['无业', 5]]
    : [['社区工作者', 10], ['企业职工', 35], ['个体工商户', 18], ['自由职业者', 10], ['专业技术人员', 17], ['无业', 10]],
  township_gov: () => [['公务员', 75], ['事业单位工作人员', 25]],
  gov: () => [['公务员', 82], ['事业单位工作人员', 18]],
  retired: () => [['离退休人员', 1]],
  teacher: () => [['教师', 90], ['事业单位工作人员', 10]],
  medical: () => [['医生', 55], ['护士', 35], ['专业技术人员', 10]],
  soe: () => [['企业职工', 55], ['企业管理人员', 25], ['专业技术人员', 20]],
  private: () => [['企业职工', 55], ['企业管理人员', 25], ['专业技术人员', 20]],
  social: (a) => (a >= 60 ? [['离退休人员', 60], ['社会组织工作人员', 40]] : [['社会组织工作人员', 75], ['自由职业者', 25]]),
};

const JOIN_AGE: Record<Profile, [number, number, number, number]> = {
  // mean, sd, min, max
  rural: [30, 8, 18, 60],
  community: [30, 8, 18, 58],
  township_gov: [26, 4, 19, 45],
  gov: [26, 4, 19, 45],
  retired: [28, 6, 18, 50],
  teacher: [27, 4, 19, 45],
  medical: [27, 4, 19, 45],
  soe: [28, 5, 19, 50],
  private: [30, 6, 19, 55],
  social: [31, 7, 19, 60],
};

const EMPLOYED = new Set(['公务员', '事业单位工作人员', '教师', '医生', '护士', '专业技术人员', '企业职工', '社区工作者', '社会组织工作人员', '进城务工人员']);

/** The dues category (DOMAIN §4) that follows from occupation and age. */
export function duesCategoryOf(r: Rng, profile: Profile, occupation: string, age: number): DuesCategory {
  if (occupation === '离退休人员') return 'retired';
  if (occupation === '农民' || occupation === '村干部') {
    if (age >= 60 && r.chance(0.05)) return r.chance(0.7) ? 'subsistence' : 'relief';
    return 'farmer';
  }
  if (occupation === '个体工商户' || occupation === '自由职业者') return 'self_employed';
  if (occupation === '无业') return r.chance(0.1) ? 'subsistence' : 'unemployed';
  if (occupation === '企业管理人员') return r.chance(profile === 'private' ? 0.4 : 0.3) ? 'annual_salary' : 'employed';
  return 'employed';
}

const surname = weighted(SURNAMES);
const ethnicity = weighted(ETHNICITIES);
const zhejiang = weighted(OTHER_ZHEJIANG.map(([c, p, w]) => [[c, p], w] as const));
const provinces = weighted(OTHER_PROVINCES.map(([c, p, w]) => [[c, p], w] as const));
const phonePrefix = weighted([['13', 30], ['15', 25], ['18', 25], ['17', 8], ['19', 8], ['16', 2], ['14', 2]]);

/** A Chinese name: surname + 1 or 2 given-name characters of the person's generation. */
export function personName(r: Rng, gender: 'male' | 'female', birthYear: number): string {
  const era = birthYear < 1960 ? 'old' : birthYear < 1985 ? 'mid' : 'young';
  const pool = GIVEN_CHARS[gender][era];
  const single = r.chance(era === 'mid' ? 0.3 : era === 'old' ? 0.2 : 0.25);
  const a = r.pick(pool);
  if (single) return surname(r) + a;
  let b = r.pick(pool);
  if (b === a) b = r.pick(pool);
  return surname(r) + a + b;
}

/** Where the people of a township were registered: a township-specific band of sequence numbers. */
const seqBand = (tIdx: number) => (tIdx * 5 + 1) % 100;

/**
 * A unique, valid ID number. Locals (330522) take their township's sequence band; others a random
 * sequence. The odd/even 17th digit carries the gender; collisions draw again.
 */
export function idNumberFor(r: Rng, taken: Set<string>, region: string, tIdx: number, birthDay: number, gender: 'male' | 'female'): string {
  const birth = isoOf(birthDay).replaceAll('-', '');
  for (let attempt = 0; ; attempt++) {
    const band = region === '330522' && attempt < 20 ? seqBand(tIdx) + r.int(0, 4) : r.int(0, 99);
    let last = r.int(0, 4) * 2;
    if (gender === 'male') last += 1;
    const first17 = `${region}${birth}${String(band).padStart(2, '0')}${last}`;
    const id = first17 + idCheckChar(first17);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
    if (attempt > 200) throw new Error('ID number space exhausted');
  }
}

/** Context of the organization a member is generated for. */
export type MemberContext = {
  profile: Profile;
  orgId: string;
  /** Township index (TOWNSHIPS) the people live in; -1 for county-level units (urban residents). */
  tIdx: number;
  /** Place name for addresses (village or community), when the unit has one. */
  place: string | null;
  /** Who approves 不计到会率 in this organization. */
  approver: string;
  today: number;
};

const URBAN = [0, 1, 2, 3];

/**
 * One member. Identity (age, gender, ID number, name, ethnicity) comes from `ident`, which never
 * depends on the current date, so the same seed gives the same people on any day; everything
 * relative to today (status, join dates, flags) comes from `r`. `nextId` and `nextCard` give
 * deterministic ids and card numbers; `taken` keeps ID numbers unique.
 */
export function generateMember(ident: Rng, r: Rng, c: MemberContext, taken: Set<string>, nextId: () => string, nextCard: () => string): GenMember {
  const { profile, today } = c;
  const [, minAge, maxAge] = agePickers[profile](ident);
  const age = ident.int(minAge, maxAge);
  let birthDay = BIRTH_ANCHOR - Math.round(age * 365.2425) - ident.int(0, 364);
  // never a member under 18 today (only matters when today is before the anchor)
  const latest = addYears(today, -18);
  if (birthDay > latest) birthDay = latest;
  const ageToday = yearsBetween(birthDay, today);
  const birthYear = new Date(birthDay * 86_400_000).getUTCFullYear();
  const pMale = Math.min(0.9, Math.max(0.2, (age >= 50 ? 0.7 : age >= 35 ? 0.6 : 0.52) + MALE_SHIFT[profile]));
  const gender = ident.chance(pMale) ? 'male' : 'female';

  // Where the person is registered: mostly 长兴, more outsiders in enterprises, schools and hospitals.
  const pOutside = profile === 'private' ? 0.3 : profile === 'teacher' || profile === 'medical' || profile === 'soe' ? 0.18 : profile === 'rural' ? 0.04 : 0.1;
  const tHome = c.tIdx >= 0 ? c.tIdx : ident.chance(0.6) ? ident.pick(URBAN) : ident.int(0, TOWNSHIPS.length - 1);
  let region = '330522';
  let household = `浙江省湖州市长兴县${TOWNSHIPS[tHome].name}`;
  if (ident.chance(pOutside)) {
    const [code, place] = ident.chance(0.55) ? zhejiang(ident) : provinces(ident);
    region = code;
    household = place;
  }
  const idNumber = idNumberFor(ident, taken, region, tHome, birthDay, gender);
  const name = personName(ident, gender, birthYear);
  const eth = ethnicity(ident);

  const education = draw(r, EDU[profile](ageToday));
  let occupation = draw(r, OCC[profile](ageToday));
  if (EMPLOYED.has(occupation) && ageToday > 60) occupation = '离退休人员';
  const duesCategory = duesCategoryOf(r, profile, occupation, ageToday);

  // Join date: after 18, typically in the person's twenties or thirties; 预备党员 joined within the last year.
  const pProbation = ageToday < 30 ? 0.12 : ageToday < 45 ? 0.035 : ageToday < 60 ? 0.008 : 0.001;
  const adult = addYears(birthDay, 18);
  let status: 'probationary' | 'full' = r.chance(pProbation) || adult > today - 420 ? 'probationary' : 'full';
  let joined: number;
  let confirmed: number | null = null;
  if (status === 'probationary') {
    joined = Math.max(adult, today - r.int(15, 360));
    if (joined > today - 5) joined = today - 5;
  } else {
    const [m, sd, lo, hi] = JOIN_AGE[profile];
    joined = addYears(birthDay, r.normalInt(m, sd, lo, Math.min(hi, Math.max(lo, ageToday - 2)))) + r.int(0, 364);
    joined = Math.max(adult, Math.min(joined, today - 400 - r.int(0, 60)));
    confirmed = joined + 365 + (r.chance(0.02) ? r.int(180, 365) : r.int(0, 20));
    if (confirmed > today) {
      status = 'probationary';
      confirmed = null;
    }
  }

  const phone = (ageToday >= 75 && r.chance(0.25)) || r.chance(0.02) ? null : phonePrefix(r) + r.int(0, 9) + r.digits(8);
  const addr =
    profile === 'rural' && c.place
      ? `浙江省长兴县${TOWNSHIPS[c.tIdx].name}${c.place}${r.int(1, 199)}号`
      : `浙江省长兴县${TOWNSHIPS[tHome].name}${r.pick(ROADS)}${r.int(1, 688)}号${r.int(1, 30)}幢${r.int(1, 4)}单元${r.int(1, 18)}0${r.int(1, 4)}室`;

  // 不计到会率: mostly the very old and sick, with a reason and who approved it.
  const pExclude = ageToday >= 85 ? 0.22 : ageToday >= 78 ? 0.08 : ageToday >= 70 ? 0.015 : 0.001;
  const excluded = status === 'full' && r.chance(pExclude);
  // 失联: rare; most of them for more than six months already.
  const lost = profile !== 'gov' && profile !== 'township_gov' && ageToday < 65 && r.chance(0.0065);
  const lostSince = lost ? (r.chance(0.65) ? today - r.int(190, 900) : today - r.int(20, 170)) : null;

  return {
    id: nextId(),
    orgId: c.orgId,
    name,
    idNumber,
    phone,
    ethnicity: eth,
    education,
    occupation,
    duesCategory,
    joinedOn: isoOf(joined),
    confirmedOn: confirmed === null ? null : isoOf(confirmed),
    status,
    standing: 'normal',
    cardNo: nextCard(),
    chipUid: r.hex(16),
    address: addr,
    household,
    excludeAttendance: excluded,
    excludeReason: excluded ? r.pick(EXCLUDE_REASONS) : null,
    excludeApprover: excluded ? c.approver : null,
    lostContactSince: lostSince === null ? null : isoOf(lostSince),
    age: ageToday,
    gender,
  };
}
