// The dues engine (党费, DOMAIN §4: 《关于中国共产党党费收缴、使用和管理的规定》, 中组部 2008). Pure
// functions over integer 分 (fen), shared by the server (quotes, and later the monthly bills) and the
// web console (the 党费测算 calculator). docs/DUES.md explains the rules, the rounding and the API.
//
// Rounding rule: amount = base × rate rounded half up to the whole 分 (四舍五入到分). Rates are held
// in basis points (1 bp = 0.01 %), so the exact amount is baseFen × rateBp / 10000 分 and the rule is
//   amountFen = floor((baseFen × rateBp + 5000) / 10000).
// Half up is the usual Chinese practice for money (四舍五入), it is what a treasurer gets by hand or in
// a spreadsheet (ROUND(x, 2) in 元), it never departs from the exact amount by more than half a 分,
// and since bases are never negative "half up" and "half away from zero" agree. The product is
// computed in BigInt, so every safe-integer base is exact (no floating point anywhere).

/** Dues categories with the codes of DOMAIN §4 (used in the API and in files; the UI shows the Chinese names). */
export const DUES_CATEGORIES = ['employed', 'annual_salary', 'self_employed', 'retired', 'farmer', 'student', 'unemployed', 'relief', 'subsistence'] as const;
/** A dues category code. */
export type DuesCategory = (typeof DUES_CATEGORIES)[number];

/** True when `x` is a dues category code. */
export const isDuesCategory = (x: unknown): x is DuesCategory => typeof x === 'string' && (DUES_CATEGORIES as readonly string[]).includes(x);

/**
 * Categories paid as a share of an income (在职 table): 在职 on the monthly after-tax wage, 年薪制 on
 * the pay actually received that month, 个体/无固定收入 on last quarter's average monthly net income.
 */
export const INCOME_CATEGORIES = ['employed', 'annual_salary', 'self_employed'] as const satisfies readonly DuesCategory[];

/** Categories paying the fixed minimum of 0.2 元 a month: 学生, 下岗/失业, 依靠抚恤/救济, 低保. */
export const MINIMUM_CATEGORIES = ['student', 'unemployed', 'relief', 'subsistence'] as const satisfies readonly DuesCategory[];

/** Categories whose amount does not depend on the base (农民 and the minimum categories). */
export const FLAT_CATEGORIES: readonly DuesCategory[] = ['farmer', ...MINIMUM_CATEGORIES];

/** True when the category's amount is a share of the base (the base matters). */
export const isRatedCategory = (c: DuesCategory) => !FLAT_CATEGORIES.includes(c);

/**
 * Stable codes of the rules a quote can apply, one per bracket (labels in the web locales under
 * `duesRule.<code>`): the 在职 table for the income categories, the 离退休 table, the county's
 * 农民 flat amount, and the 0.2 元 minimum.
 */
export const DUES_RULES = [
  'income_le_3000',
  'income_le_5000',
  'income_le_10000',
  'income_gt_10000',
  'pension_le_5000',
  'pension_gt_5000',
  'farmer_flat',
  'flat_minimum',
] as const;
/** A rule code. */
export type DuesRule = (typeof DUES_RULES)[number];

/** A bracket: bases up to `upToFen` (inclusive; null = no upper bound) pay `rateBp` of the whole base. */
export type DuesBracket = { upToFen: number | null; rateBp: number; rule: DuesRule };

/** The 在职 table (also 年薪制 and 个体): ≤ 3000 元 0.5 %, ≤ 5000 元 1 %, ≤ 10000 元 1.5 %, above 2 %. */
export const INCOME_BRACKETS: readonly DuesBracket[] = [
  { upToFen: 300_000, rateBp: 50, rule: 'income_le_3000' },
  { upToFen: 500_000, rateBp: 100, rule: 'income_le_5000' },
  { upToFen: 1_000_000, rateBp: 150, rule: 'income_le_10000' },
  { upToFen: null, rateBp: 200, rule: 'income_gt_10000' },
];

/** The 离退休 table: pensions ≤ 5000 元 0.5 %, above 1 %. */
export const PENSION_BRACKETS: readonly DuesBracket[] = [
  { upToFen: 500_000, rateBp: 50, rule: 'pension_le_5000' },
  { upToFen: null, rateBp: 100, rule: 'pension_gt_5000' },
];

/** The fixed monthly amount of 学生, 下岗/失业, 依靠抚恤/救济 and 低保: 0.2 元. */
export const MINIMUM_FLAT_FEN = 20;

/** The county's monthly amount for 农民: 0.2–1 元, 0.2 元 unless the county sets another. */
export const FARMER_FLAT_FEN = { min: 20, max: 100, default: 20 } as const;

/** True when `fen` is an allowed 农民 flat amount (an integer 20–100 分). */
export const isFarmerFlatFen = (fen: unknown): fen is number =>
  typeof fen === 'number' && Number.isInteger(fen) && fen >= FARMER_FLAT_FEN.min && fen <= FARMER_FLAT_FEN.max;

/** The largest base the engine takes: every base must be an exact integer number of 分. */
export const MAX_BASE_FEN = Number.MAX_SAFE_INTEGER;

/** True when `fen` is a valid base: an integer number of 分, 0 or more, exactly representable. */
export const isValidBaseFen = (fen: unknown): fen is number => typeof fen === 'number' && Number.isSafeInteger(fen) && fen >= 0;

/** What a quote needs. `baseFen` is ignored by the flat categories; `farmerFlatFen` defaults to 20. */
export type DuesQuoteInput = { category: DuesCategory; baseFen: number; farmerFlatFen?: number };

/** A quote: the monthly amount in 分, the rate in basis points (null for flat amounts) and the rule applied. */
export type DuesQuote = { amountFen: number; rateBp: number | null; rule: DuesRule };

/** `baseFen × rateBp / 10000` rounded half up to the 分 (the rounding rule above), exact for every valid base. */
export function rateAmountFen(baseFen: number, rateBp: number): number {
  if (!isValidBaseFen(baseFen)) throw new RangeError(`dues base must be a non-negative safe integer of fen, got ${baseFen}`);
  if (!Number.isInteger(rateBp) || rateBp < 0) throw new RangeError(`rate must be a non-negative integer of basis points, got ${rateBp}`);
  return Number((BigInt(baseFen) * BigInt(rateBp) + 5000n) / 10000n);
}

/** The bracket of a table that holds `baseFen` (the last one has no upper bound). */
export function bracketOf(table: readonly DuesBracket[], baseFen: number): DuesBracket {
  return table.find((b) => b.upToFen === null || baseFen <= b.upToFen) ?? table[table.length - 1];
}

/**
 * The monthly dues of a member (DOMAIN §4).
 *
 * - 在职 / 年薪制 / 个体: the 在职 table on the base; 离退休: the pension table on the base. The rate
 *   of the bracket holding the base applies to the whole base (not split across brackets); a base
 *   exactly on a boundary (3000, 5000, 10000 元) belongs to the lower bracket ("≤").
 * - 农民: the county's flat amount (`farmerFlatFen`, 20–100 分, default 20), whatever the base.
 * - 学生 / 下岗失业 / 依靠抚恤救济 / 低保: 20 分, whatever the base.
 *
 * The amount is rounded half up to the 分 (see the top of this file). Throws a RangeError for a base
 * that is not a non-negative safe integer, an unknown category or a farmer amount outside 20–100 分:
 * callers validate their input first (the server answers 400 with a code naming the field).
 */
export function quoteDues({ category, baseFen, farmerFlatFen = FARMER_FLAT_FEN.default }: DuesQuoteInput): DuesQuote {
  if (!isDuesCategory(category)) throw new RangeError(`unknown dues category ${String(category)}`);
  if (!isValidBaseFen(baseFen)) throw new RangeError(`dues base must be a non-negative safe integer of fen, got ${baseFen}`);
  if (category === 'farmer') {
    if (!isFarmerFlatFen(farmerFlatFen)) throw new RangeError(`farmer flat amount must be ${FARMER_FLAT_FEN.min}–${FARMER_FLAT_FEN.max} fen, got ${farmerFlatFen}`);
    return { amountFen: farmerFlatFen, rateBp: null, rule: 'farmer_flat' };
  }
  if (!isRatedCategory(category)) return { amountFen: MINIMUM_FLAT_FEN, rateBp: null, rule: 'flat_minimum' };
  const bracket = bracketOf(category === 'retired' ? PENSION_BRACKETS : INCOME_BRACKETS, baseFen);
  return { amountFen: rateAmountFen(baseFen, bracket.rateBp), rateBp: bracket.rateBp, rule: bracket.rule };
}

/** A rate in basis points as a percentage string without trailing zeros (50 → "0.5", 150 → "1.5", 200 → "2"). */
export const formatRateBp = (rateBp: number) => String(rateBp / 100);

/** An amount of 分 as 元 with two decimals (2345 → "23.45"), exact for every safe integer. */
export function formatFen(fen: number): string {
  const neg = fen < 0;
  const s = String(Math.abs(fen)).padStart(3, '0');
  return `${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
}

/**
 * Parses an amount of 元 typed by a person ("3000", "3000.5", "3,000.01") into 分, exactly (no
 * floating point); null when it is not a non-negative amount with at most two decimals or too large.
 */
export function parseYuanToFen(text: string): number | null {
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(text.trim().replace(/[,，\s]/g, ''));
  if (!m) return null;
  const fen = BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0') || '0');
  return fen <= BigInt(MAX_BASE_FEN) ? Number(fen) : null;
}
