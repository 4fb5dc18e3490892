import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseIdNumber } from '../../../common/id-number.ts';
import { DUES_CATEGORIES, EDUCATIONS } from '../../../common/member.ts';
import { canNest, type OrgLevel } from '../../../common/org.ts';
import { generateCounty } from './generate-units.ts';
import type { DemoCountyOptions } from './generate.ts';
import { Rng, addYears, dayOf, yearsBetween } from './prng.ts';

const ROOT = { id: '01900000-0000-7000-8000-000000000000', path: '/01900000-0000-7000-8000-000000000000/', depth: 0 };
const opts = (o: Partial<DemoCountyOptions> = {}): DemoCountyOptions => ({ seed: 42, scale: 1, today: '2026-11-28', countyCode: '330522', root: ROOT, ...o });
const digest = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

// Scale 1 is generated once and shared (about a second).
const county = generateCounty(opts());
const orgs = [...county.headers, ...county.units.flatMap((u) => u.orgs)];
const members = county.units.flatMap((u) => u.members);
const committee = county.units.flatMap((u) => u.committee);
const share = (f: (m: (typeof members)[number]) => unknown, of = members) => of.filter(f).length / of.length;

describe('PRNG', () => {
  it('is deterministic per key and forks independently of what was drawn before', () => {
    const a = new Rng('k');
    const b = new Rng('k');
    expect(Array.from({ length: 5 }, () => a.u32())).toEqual(Array.from({ length: 5 }, () => b.u32()));
    const c = new Rng('k');
    c.u32();
    expect(c.fork('x').u32()).toBe(new Rng('k').fork('x').u32());
    expect(new Rng('k').u32()).not.toBe(new Rng('l').u32());
  });

  it('draws integers in range, roughly uniformly', () => {
    const r = new Rng('uniform');
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[r.int(0, 3)]++;
    for (const c of counts) expect(c).toBeGreaterThan(9_500);
    for (const c of counts) expect(c).toBeLessThan(10_500);
  });
});

describe('demo county generator', () => {
  it('produces exactly the same county from the same seed (ids, names, ID numbers, committees)', () => {
    const again = generateCounty(opts());
    expect(digest(again.headers)).toBe(digest(county.headers));
    expect(digest(again.units)).toBe(digest(county.units));
    expect(again.picks).toEqual(county.picks);
    const small1 = generateCounty(opts({ scale: 0.05 }));
    const small2 = generateCounty(opts({ scale: 0.05 }));
    expect(small2.units).toEqual(small1.units);
  });

  it('gives another county for another seed', () => {
    const other = generateCounty(opts({ seed: 7, scale: 0.05 }));
    const small = generateCounty(opts({ scale: 0.05 }));
    expect(other.units[0].members.map((m) => m.idNumber)).not.toEqual(small.units[0].members.map((m) => m.idNumber));
  });

  it('keeps names and ID numbers on another day (only dates relative to today move)', () => {
    const later = generateCounty(opts({ today: '2027-03-15' }));
    const people = (c: typeof county) => c.units.flatMap((u) => u.members.map((m) => `${m.id} ${m.name} ${m.idNumber}`));
    expect(digest(people(later))).toBe(digest(people(county)));
    expect(later.picks.branchA!.member.idNumber).toBe(county.picks.branchA!.member.idNumber);
    expect(later.picks.branchB!.secretary.idNumber).toBe(county.picks.branchB!.secretary.idNumber);
  });

  it('keeps the demo branches and people at any scale', () => {
    const small = generateCounty(opts({ scale: 0.05 }));
    expect(small.picks.branchA!.member.idNumber).toBe(county.picks.branchA!.member.idNumber);
    expect(small.picks.branchB!.member.idNumber).toBe(county.picks.branchB!.member.idNumber);
    expect(small.picks.branchA!.orgName).toBe(county.picks.branchA!.orgName);
  });

  it('lays out 长兴县: 17 townships, 48 departments, 97 红色驿站, about 1,660 organizations', () => {
    const by = (level: OrgLevel) => orgs.filter((o) => o.level === level).length;
    expect(by('township_committee')).toBe(17);
    expect(by('department_committee')).toBe(48);
    expect(by('red_station')).toBe(97);
    expect(orgs.length + 1).toBeGreaterThan(1_580);
    expect(orgs.length + 1).toBeLessThan(1_740);
    const cats = new Set(orgs.map((o) => o.category));
    for (const c of ['rural', 'community', 'government', 'institution', 'soe', 'private_enterprise', 'social_org']) expect(cats).toContain(c);
    expect(orgs.filter((o) => o.category === 'rural' && o.parentId !== ROOT.id && o.depth === 2).length).toBeGreaterThan(190);
    expect(orgs.filter((o) => o.level === 'sub_branch').length).toBeGreaterThan(300);
    const townships = county.headers.filter((h) => h.level === 'township_committee');
    expect(townships.filter((t) => t.code).map((t) => t.code)).toHaveLength(15);
    expect(townships.map((t) => t.shortName)).toContain('图影管委会');
    expect(townships.map((t) => t.shortName)).toContain('南太湖管委会');
  });

  it('builds a consistent tree: unique ids, parent before child, paths, nesting rules', () => {
    const byId = new Map(orgs.map((o) => [o.id, o]));
    expect(byId.size).toBe(orgs.length);
    const seen = new Set([ROOT.id]);
    for (const o of orgs) {
      expect(seen.has(o.parentId), o.name).toBe(true);
      seen.add(o.id);
      const parent = byId.get(o.parentId);
      expect(o.path).toBe(`${parent?.path ?? ROOT.path}${o.id}/`);
      expect(o.depth).toBe((parent?.depth ?? 0) + 1);
      if (parent) expect(canNest(parent.level as OrgLevel, o.level), `${parent.name} > ${o.name}`).toBe(true);
      expect(o.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(orgs.map((o) => o.name)).size).toBe(orgs.length);
  });

  it('has about 35,000 members with valid, unique ID numbers, card numbers and chip UIDs', () => {
    expect(members.length).toBeGreaterThan(33_000);
    expect(members.length).toBeLessThan(37_000);
    const invalid = members.filter((m) => {
      const p = parseIdNumber(m.idNumber, new Date('2026-11-28T12:00:00Z'));
      return !p.ok || p.value.id !== m.idNumber || p.value.gender !== m.gender;
    });
    expect(invalid.map((m) => m.idNumber)).toEqual([]);
    expect(new Set(members.map((m) => m.idNumber)).size).toBe(members.length);
    expect(new Set(members.map((m) => m.id)).size).toBe(members.length);
    expect(new Set(members.map((m) => m.cardNo)).size).toBe(members.length);
    expect(members.every((m) => /^CX\d{8}$/.test(m.cardNo) && /^[0-9A-F]{16}$/.test(m.chipUid))).toBe(true);
    expect(members.every((m) => m.phone === null || /^1[3-9]\d{9}$/.test(m.phone))).toBe(true);
    expect(share((m) => m.idNumber.startsWith('330522'))).toBeGreaterThan(0.8);
    expect(share((m) => !m.idNumber.startsWith('33'))).toBeGreaterThan(0.02);
  });

  it('draws plausible people: ages 18–95, gender by generation, vocabulary codes, 汉族 mostly', () => {
    const today = dayOf('2026-11-28');
    const wrong = members.filter((m) => {
      const birth = dayOf(`${m.idNumber.slice(6, 10)}-${m.idNumber.slice(10, 12)}-${m.idNumber.slice(12, 14)}`);
      const joined = dayOf(m.joinedOn);
      return (
        m.age < 18 || m.age > 96 || yearsBetween(birth, today) !== m.age || joined < addYears(birth, 18) || joined > today ||
        !(EDUCATIONS as readonly string[]).includes(m.education) || !(DUES_CATEGORIES as readonly string[]).includes(m.duesCategory)
      );
    });
    expect(wrong.slice(0, 3)).toEqual([]);
    const older = members.filter((m) => m.age >= 50);
    const younger = members.filter((m) => m.age < 35);
    expect(share((m) => m.gender === 'male', older)).toBeGreaterThan(0.65);
    expect(share((m) => m.gender === 'male', older)).toBeLessThan(0.75);
    expect(share((m) => m.gender === 'male', younger)).toBeLessThan(0.58);
    expect(share((m) => m.ethnicity === '汉族')).toBeGreaterThan(0.97);
    const rural = county.units.filter((u) => u.key.startsWith('village:')).flatMap((u) => u.members);
    const gov = county.units.filter((u) => u.key.startsWith('dept:')).flatMap((u) => u.members);
    const mean = (xs: typeof members) => xs.reduce((s, m) => s + m.age, 0) / xs.length;
    expect(mean(rural)).toBeGreaterThan(mean(gov) + 5);
    expect(share((m) => m.occupation === '农民', rural)).toBeGreaterThan(0.5);
    expect(share((m) => m.occupation === '公务员' || m.occupation === '事业单位工作人员' || m.occupation === '离退休人员', gov)).toBe(1);
  });

  it('keeps dues categories consistent with occupation and age', () => {
    const wrong = members.filter(
      (m) =>
        (m.occupation === '离退休人员' && m.duesCategory !== 'retired') ||
        (m.occupation === '农民' && !['farmer', 'subsistence', 'relief'].includes(m.duesCategory)) ||
        (['公务员', '教师', '医生', '护士'].includes(m.occupation) && (m.duesCategory !== 'employed' || m.age > 60)),
    );
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(members.filter((m) => m.age > 60 && m.duesCategory === 'employed')).toEqual([]);
  });

  it('has 预备党员 (2–3 %, joined within the last year), 失联 (≈ 0.3 %) and 不计到会率 (≈ 2 %) cases', () => {
    const today = dayOf('2026-11-28');
    const prob = members.filter((m) => m.status === 'probationary');
    expect(prob.length / members.length).toBeGreaterThan(0.02);
    expect(prob.length / members.length).toBeLessThan(0.035);
    expect(prob.every((m) => m.confirmedOn === null && today - dayOf(m.joinedOn) <= 731)).toBe(true);
    // most joined within the last year; a few have their 预备期 extended (up to one more year)
    expect(share((m) => today - dayOf(m.joinedOn) <= 366, prob)).toBeGreaterThan(0.9);
    expect(members.filter((x) => x.status === 'full').every((m) => dayOf(m.confirmedOn!) >= dayOf(m.joinedOn) + 365 && dayOf(m.confirmedOn!) <= today)).toBe(true);
    const lost = members.filter((m) => m.lostContactSince);
    expect(lost.length / members.length).toBeGreaterThan(0.002);
    expect(lost.length / members.length).toBeLessThan(0.006);
    expect(lost.filter((m) => today - dayOf(m.lostContactSince!) >= 183).length).toBeGreaterThan(10);
    const excluded = members.filter((m) => m.excludeAttendance);
    expect(excluded.length / members.length).toBeGreaterThan(0.012);
    expect(excluded.length / members.length).toBeLessThan(0.03);
    expect(excluded.every((m) => m.excludeReason && m.excludeApprover)).toBe(true);
    expect(share((m) => m.age >= 70, excluded)).toBeGreaterThan(0.8);
  });

  it('makes size-rule warnings real: branches over 50, under 3 正式党员, without a committee, 换届 overdue', () => {
    const direct = new Map<string, typeof members>();
    for (const m of members) direct.set(m.orgId, [...(direct.get(m.orgId) ?? []), m]);
    const branches = orgs.filter((o) => o.level === 'branch');
    expect(branches.filter((b) => (direct.get(b.id)?.length ?? 0) > 50).length).toBeGreaterThan(5);
    expect(branches.filter((b) => direct.has(b.id) && direct.get(b.id)!.filter((m) => m.status === 'full').length < 3).length).toBeGreaterThan(3);
    const seats = new Map<string, string[]>();
    for (const c of committee) seats.set(c.orgId, [...(seats.get(c.orgId) ?? []), c.position]);
    const bigNoCommittee = branches.filter((b) => (direct.get(b.id)?.filter((m) => m.status === 'full').length ?? 0) >= 7 && (seats.get(b.id)?.length ?? 0) <= 1);
    expect(bigNoCommittee.length).toBeGreaterThan(5);
    const withSecretary = branches.filter((b) => seats.get(b.id)?.includes('secretary'));
    expect(withSecretary.length / branches.length).toBeGreaterThan(0.85);
    const today = dayOf('2026-11-28');
    const overdue = orgs.filter((o) => o.termStart && addYears(dayOf(o.termStart), o.category === 'rural' || o.category === 'community' || o.level === 'party_committee' ? 5 : 3) < today);
    expect(overdue.length).toBeGreaterThan(20);
    for (const [, positions] of seats) expect(positions.length).toBeLessThanOrEqual(7);
  });

  it('seats committee members only from the organization (or its subtree), in contact and 正式党员', () => {
    const memberById = new Map(members.map((m) => [m.id, m]));
    const orgById = new Map(orgs.map((o) => [o.id, o]));
    const wrong = committee.filter((c) => {
      const m = memberById.get(c.memberId)!;
      const seatOrg = orgById.get(c.orgId)!;
      return m.status !== 'full' || m.lostContactSince !== null || !(orgById.get(m.orgId)!.path.startsWith(seatOrg.path) || seatOrg.level.endsWith('_committee'));
    });
    expect(wrong).toEqual([]);
  });

  it('picks the demo people: secretary.a heads a 雉城街道 village branch, the members are in the two branches', () => {
    const { branchA, branchB } = county.picks;
    expect(branchA!.orgName).toMatch(/^中共长兴县雉城街道.+村支部委员会$/);
    expect(branchB!.orgName).toMatch(/^中共长兴县煤山镇.+村支部委员会$/);
    for (const b of [branchA!, branchB!]) {
      expect(committee.some((c) => c.orgId === b.orgId && c.position === 'secretary' && c.memberId === b.secretary.id)).toBe(true);
      expect(b.member.orgId).toBe(b.orgId);
      expect(b.member.status).toBe('full');
      expect(b.member.lostContactSince).toBeNull();
      expect(b.member).not.toBe(b.secretary);
    }
  });
});
