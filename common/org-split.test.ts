import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cnNumber, groupOf, type SplitMember, suggestSplit } from './org-split.ts';

/** Members of village groups: sizes[g] households-of-one in group g+1, optional multi-member households. */
function village(groups: number[][]): SplitMember[] {
  const out: SplitMember[] = [];
  for (const [g, households] of groups.entries())
    for (const [h, size] of households.entries())
      for (let i = 0; i < size; i++) out.push({ id: `m-${g}-${h}-${i}`, name: `党员${g}-${h}-${i}`, address: `浙江省长兴县和平镇吴山村${g + 1}组${h + 1}号` });
  return out;
}
const ones = (n: number) => new Array<number>(n).fill(1);

describe('grouping keys from the address', () => {
  it('reads the village group, a grid, or the place', () => {
    expect(groupOf('浙江省长兴县和平镇吴山村3组12号')).toBe('吴山村3组');
    expect(groupOf('和平镇吴山村第三村民小组')).toBe('吴山村3组');
    expect(groupOf('吴山村十二组5号')).toBe('吴山村12组');
    expect(groupOf('浙江省长兴县雉城街道第２网格长兴路1号')).toBe('2网格');
    expect(groupOf('浙江省长兴县和平镇吴山村123号')).toBe('吴山村');
    expect(groupOf('浙江省长兴县雉城街道长兴路8号3幢1单元')).toBe('长兴路');
    expect(groupOf(null)).toBeNull();
    expect(groupOf('  ')).toBeNull();
    expect([cnNumber('十'), cnNumber('二十一'), cnNumber('九'), cnNumber('17'), cnNumber('甲')]).toEqual([10, 21, 9, 17, Number.NaN]);
  });
});

describe('split suggestion (known answers)', () => {
  it('keeps whole village groups when they fit', () => {
    // groups of 22, 21 and 24: three units, one group each
    const r = suggestSplit(village([ones(22), ones(21), ones(24)]));
    expect(r.feasible).toBe(true);
    expect(r.units.map((u) => [u.size, u.groupKeys, u.partialGroups])).toEqual([
      [22, ['吴山村1组'], []],
      [21, ['吴山村2组'], []],
      [24, ['吴山村3组'], []],
    ]);
    expect([r.householdsSplit, r.groupsSplit]).toEqual([0, 0]);
  });

  it('combines small neighbouring groups and splits a large one at a household boundary', () => {
    // 1组 12 + 2组 10 = 22; 3组 46 in households of 2 → 24 + 22 (never cutting a household)
    const r = suggestSplit(village([ones(12), ones(10), new Array(23).fill(2)]));
    expect(r.units.map((u) => [u.size, u.groupKeys])).toEqual([
      [22, ['吴山村1组', '吴山村2组']],
      [24, ['吴山村3组']],
      [22, ['吴山村3组']],
    ]);
    expect(r.units[1].partialGroups).toEqual(['吴山村3组']);
    expect(r.householdsSplit).toBe(0);
    expect(r.groupsSplit).toBe(1);
    for (const u of r.units) {
      const households = new Set(u.members.map((m) => m.household));
      for (const h of households) expect(r.units.filter((x) => x.members.some((m) => m.household === h))).toHaveLength(1);
    }
  });

  it('says why when no split exists, without producing units', () => {
    expect(suggestSplit(village([ones(19)]))).toMatchObject({ total: 19, feasible: false, reason: 'TOTAL_BELOW_MIN', units: [] });
    // 26–39 members: one unit is too big, two are too small
    expect(suggestSplit(village([ones(30)]))).toMatchObject({ total: 30, feasible: false, reason: 'NO_UNIT_COUNT', units: [] });
    expect(suggestSplit(village([ones(40)])).units.map((u) => u.size)).toEqual([20, 20]);
    expect(suggestSplit(village([ones(30)]), { min: 10, max: 15 }).units.map((u) => u.size)).toEqual([15, 15]);
  });

  it('members without an address come last, each their own household', () => {
    const r = suggestSplit([...village([ones(20)]), ...Array.from({ length: 21 }, (_, i) => ({ id: `x${i}`, name: `无址${i}`, address: null }))]);
    expect(r.units.map((u) => [u.size, u.groupKeys])).toEqual([
      [20, ['吴山村1组']],
      [21, ['']],
    ]);
  });
});

describe('split suggestion (property)', () => {
  const groups = fc.array(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 8 });
  const range = fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 10 })).map(([min, extra]) => ({ min, max: min + extra }));

  it('never produces a unit outside [min, max] when a solution exists, and finds one whenever it exists', () => {
    fc.assert(
      fc.property(groups, range, (g, { min, max }) => {
        const members = village(g);
        const r = suggestSplit(members, { min, max });
        const total = members.length;
        // a solution exists iff some k has k·min ≤ total ≤ k·max
        let exists = false;
        for (let k = 1; k <= total; k++) if (k * min <= total && total <= k * max) exists = true;
        expect(r.feasible).toBe(exists);
        if (!exists) {
          expect(r.units).toEqual([]);
          expect(r.reason).toBeDefined();
          return;
        }
        for (const u of r.units) {
          expect(u.size).toBeGreaterThanOrEqual(min);
          expect(u.size).toBeLessThanOrEqual(max);
          expect(u.members).toHaveLength(u.size);
        }
        // every member exactly once
        const ids = r.units.flatMap((u) => u.members.map((m) => m.id));
        expect(new Set(ids).size).toBe(total);
        expect(ids.length).toBe(total);
      }),
      { numRuns: 500 },
    );
  });

  it('with the default 20–25 and single-member households, no household is ever cut', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 10 }), (sizes) => {
        const r = suggestSplit(village(sizes.map(ones)));
        if (!r.feasible) return;
        expect(r.householdsSplit).toBe(0);
        expect(r.units.every((u) => u.size >= 20 && u.size <= 25)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
