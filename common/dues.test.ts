import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DUES_CATEGORIES, DUES_RULES, type DuesCategory, FARMER_FLAT_FEN, INCOME_BRACKETS, INCOME_CATEGORIES, MAX_BASE_FEN, MINIMUM_CATEGORIES, PENSION_BRACKETS,
  formatFen, formatRateBp, isRatedCategory, parseYuanToFen, quoteDues, rateAmountFen,
} from './dues.ts';
import { DUES_CATEGORIES as MEMBER_DUES_CATEGORIES } from './member.ts';

/** 元 with up to two decimals → 分, for readable test tables. */
const yuan = (y: string) => {
  const fen = parseYuanToFen(y);
  if (fen === null) throw new Error(`bad amount ${y}`);
  return fen;
};
const quote = (category: DuesCategory, base: string, farmerFlatFen?: number) => quoteDues({ category, baseFen: yuan(base), farmerFlatFen });

describe('the categories (DOMAIN §4)', () => {
  it('are the nine codes of DOMAIN §4, defined once and shared with the member registry', () => {
    expect(DUES_CATEGORIES).toEqual(['employed', 'annual_salary', 'self_employed', 'retired', 'farmer', 'student', 'unemployed', 'relief', 'subsistence']);
    expect(MEMBER_DUES_CATEGORIES).toBe(DUES_CATEGORIES);
  });

  it('every rule code is reachable by some quote', () => {
    const seen = new Set<string>();
    for (const c of DUES_CATEGORIES) for (const b of ['0', '3000', '5000', '10000', '10000.01']) seen.add(quote(c, b).rule);
    expect([...seen].sort()).toEqual([...DUES_RULES].sort());
  });
});

describe('在职 and the categories paid "as 在职" (年薪制, 个体/无固定收入)', () => {
  // [base in 元, amount in 元, rate in bp, rule]
  const table: [string, string, number, string][] = [
    ['0', '0.00', 50, 'income_le_3000'],
    ['0.01', '0.00', 50, 'income_le_3000'],
    ['1000', '5.00', 50, 'income_le_3000'],
    ['2999.99', '15.00', 50, 'income_le_3000'], // 14.99995 → 15.00
    ['3000', '15.00', 50, 'income_le_3000'],
    ['3000.01', '30.00', 100, 'income_le_5000'], // 30.0001 → 30.00: the whole base at 1 %
    ['4000', '40.00', 100, 'income_le_5000'],
    ['4999.99', '50.00', 100, 'income_le_5000'], // 49.9999 → 50.00
    ['5000', '50.00', 100, 'income_le_5000'],
    ['5000.01', '75.00', 150, 'income_le_10000'], // 75.00015 → 75.00
    ['6543.21', '98.15', 150, 'income_le_10000'], // 98.14815 → 98.15
    ['9999.99', '150.00', 150, 'income_le_10000'], // 149.99985 → 150.00
    ['10000', '150.00', 150, 'income_le_10000'],
    ['10000.01', '200.00', 200, 'income_gt_10000'], // 200.0002 → 200.00
    ['12345.67', '246.91', 200, 'income_gt_10000'], // 246.9134 → 246.91
    ['100000', '2000.00', 200, 'income_gt_10000'],
  ];
  for (const category of INCOME_CATEGORIES) {
    it(`${category}: every bracket and both sides of every boundary`, () => {
      for (const [base, amount, rateBp, rule] of table) {
        const q = quote(category, base);
        expect({ base, amount: formatFen(q.amountFen), rateBp: q.rateBp, rule: q.rule }).toEqual({ base, amount, rateBp, rule });
      }
    });
  }

  it('applies the rate to the whole base, not split across the brackets', () => {
    // Split across brackets, 6000 元 would pay 3000×0.5 % + 2000×1 % + 1000×1.5 % = 50 元; the rules say 90 元.
    expect(quote('employed', '6000').amountFen).toBe(9000);
  });

  it('rounds half up to the 分', () => {
    expect(rateAmountFen(1, 5000)).toBe(1); // 0.5 分 → 1
    expect(rateAmountFen(100, 50)).toBe(1); // 0.5 分 → 1
    expect(rateAmountFen(99, 50)).toBe(0); // 0.495 分 → 0
    expect(quote('employed', '2001').amountFen).toBe(1001); // 10.005 元 → 10.01
    expect(quote('employed', '2000.99').amountFen).toBe(1000); // 10.00495 元 → 10.00
    expect(quote('employed', '3333.33').amountFen).toBe(3333); // 33.3333 元
    expect(quote('employed', '3333.50').amountFen).toBe(3334); // 33.335 元 → 33.34
  });
});

describe('离退休', () => {
  it('pays 0.5 % up to 5000 元 of pension and 1 % above, on the whole pension', () => {
    const table: [string, string, number, string][] = [
      ['0', '0.00', 50, 'pension_le_5000'],
      ['2800', '14.00', 50, 'pension_le_5000'],
      ['3000.01', '15.00', 50, 'pension_le_5000'], // no 3000 boundary for retirees
      ['4999.99', '25.00', 50, 'pension_le_5000'], // 24.99995 → 25.00
      ['5000', '25.00', 50, 'pension_le_5000'],
      ['5000.01', '50.00', 100, 'pension_gt_5000'], // 50.0001 → 50.00
      ['10000.01', '100.00', 100, 'pension_gt_5000'], // no 10000 boundary either
      ['20000', '200.00', 100, 'pension_gt_5000'],
    ];
    for (const [base, amount, rateBp, rule] of table) {
      const q = quote('retired', base);
      expect({ base, amount: formatFen(q.amountFen), rateBp: q.rateBp, rule: q.rule }).toEqual({ base, amount, rateBp, rule });
    }
  });
});

describe('the flat categories', () => {
  it('农民 pay the county’s flat amount (0.2 元 by default, up to 1 元) whatever the base', () => {
    for (const base of ['0', '3000', '99999999']) {
      expect(quote('farmer', base)).toEqual({ amountFen: 20, rateBp: null, rule: 'farmer_flat' });
      expect(quote('farmer', base, 100)).toEqual({ amountFen: 100, rateBp: null, rule: 'farmer_flat' });
      expect(quote('farmer', base, 50)).toEqual({ amountFen: 50, rateBp: null, rule: 'farmer_flat' });
    }
    expect(FARMER_FLAT_FEN).toEqual({ min: 20, max: 100, default: 20 });
  });

  it('学生, 下岗/失业, 依靠抚恤/救济, 低保 pay 0.2 元 whatever the base, and the farmer setting does not touch them', () => {
    for (const category of MINIMUM_CATEGORIES)
      for (const base of ['0', '2999.99', '50000'])
        expect(quote(category, base, 100)).toEqual({ amountFen: 20, rateBp: null, rule: 'flat_minimum' });
  });

  it('refuses a farmer amount outside 0.2–1 元', () => {
    for (const bad of [19, 101, 0, -20, 20.5]) expect(() => quoteDues({ category: 'farmer', baseFen: 0, farmerFlatFen: bad })).toThrow(RangeError);
  });
});

describe('bad input', () => {
  it('refuses a negative, fractional or unsafe base and an unknown category', () => {
    for (const baseFen of [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_BASE_FEN + 1])
      expect(() => quoteDues({ category: 'employed', baseFen })).toThrow(RangeError);
    expect(() => quoteDues({ category: 'rich' as DuesCategory, baseFen: 100 })).toThrow(RangeError);
    // Flat categories ignore the base but still refuse a nonsensical one.
    expect(() => quoteDues({ category: 'student', baseFen: -1 })).toThrow(RangeError);
  });
});

describe('huge bases', () => {
  it('stay exact up to the largest safe integer', () => {
    expect(quoteDues({ category: 'employed', baseFen: 100_000_000_000 })).toEqual({ amountFen: 2_000_000_000, rateBp: 200, rule: 'income_gt_10000' });
    // 9007199254740991 × 2 % = 180143985094819.82 → …820 (floating point would give …819.8 and lose the last digits beyond 2^53).
    expect(quoteDues({ category: 'employed', baseFen: MAX_BASE_FEN })).toEqual({ amountFen: 180_143_985_094_820, rateBp: 200, rule: 'income_gt_10000' });
    expect(quoteDues({ category: 'retired', baseFen: MAX_BASE_FEN }).amountFen).toBe(90_071_992_547_410); // …409.91 → …410
  });
});

/** The exact half-up rounding of base × rate / 10000, by integer division with remainder. */
const reference = (baseFen: number, rateBp: number) => {
  const p = BigInt(baseFen) * BigInt(rateBp);
  const q = p / 10000n;
  return Number(p % 10000n >= 5000n ? q + 1n : q);
};
const rated = DUES_CATEGORIES.filter(isRatedCategory);
const base = fc.oneof(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: MAX_BASE_FEN }));

describe('properties', () => {
  it('the amount is a non-negative integer of 分 for every category and base', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DUES_CATEGORIES), base, fc.integer({ min: 20, max: 100 }), (category, baseFen, farmerFlatFen) => {
        const { amountFen } = quoteDues({ category, baseFen, farmerFlatFen });
        return Number.isSafeInteger(amountFen) && amountFen >= 0;
      }),
    );
  });

  it('the amount equals round(base × rate) for the rated categories', () => {
    fc.assert(
      fc.property(fc.constantFrom(...rated), base, (category, baseFen) => {
        const q = quoteDues({ category, baseFen });
        if (q.rateBp === null) return false;
        if (q.amountFen !== reference(baseFen, q.rateBp)) return false;
        // Where the product is exact in floating point, Math.round agrees too.
        return baseFen * q.rateBp > Number.MAX_SAFE_INTEGER || q.amountFen === Math.round((baseFen * q.rateBp) / 10000);
      }),
    );
  });

  it('the rate is the one of the bracket holding the base', () => {
    fc.assert(
      fc.property(fc.constantFrom(...rated), base, (category, baseFen) => {
        const table = category === 'retired' ? PENSION_BRACKETS : INCOME_BRACKETS;
        // The first bracket whose upper bound (inclusive) is not below the base.
        const b = table.find((x) => x.upToFen === null || baseFen <= x.upToFen);
        const q = quoteDues({ category, baseFen });
        return q.rateBp === b?.rateBp && q.rule === b.rule;
      }),
    );
  });

  it('the amount never decreases as the base grows within a category', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DUES_CATEGORIES), base, base, (category, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return quoteDues({ category, baseFen: lo }).amountFen <= quoteDues({ category, baseFen: hi }).amountFen;
      }),
    );
    // Across every boundary, one 分 apart, step by step.
    for (const category of rated)
      for (const b of [...INCOME_BRACKETS, ...PENSION_BRACKETS]) {
        if (b.upToFen === null) continue;
        for (let x = b.upToFen - 3; x < b.upToFen + 3; x++) expect(quoteDues({ category, baseFen: x + 1 }).amountFen).toBeGreaterThanOrEqual(quoteDues({ category, baseFen: x }).amountFen);
      }
  });
});

describe('formatting and parsing of 元', () => {
  it('formats 分 as 元 and rates as percentages', () => {
    expect([0, 5, 20, 1500, 24691, 180_143_985_094_820].map(formatFen)).toEqual(['0.00', '0.05', '0.20', '15.00', '246.91', '1801439850948.20']);
    expect([50, 100, 150, 200].map(formatRateBp)).toEqual(['0.5', '1', '1.5', '2']);
  });

  it('parses 元 exactly, refusing negatives, three decimals and garbage', () => {
    expect(['3000', '3000.01', '2999.99', '0.1', '0', ' 3,000.5 ', '12.'].map(parseYuanToFen)).toEqual([300000, 300001, 299999, 10, 0, 300050, 1200]);
    expect(['-1', '1.234', 'abc', '', '1e5', '90071992547409.92'].map(parseYuanToFen)).toEqual([null, null, null, null, null, null]);
    expect(parseYuanToFen('90071992547409.91')).toBe(MAX_BASE_FEN);
  });
});
