// The 综合考核 and the ranking of the monthly 通报 (DOMAIN §6; issue 6): the indicators of an
// organization's month, the weighted score per organization category, and the ranking that leaves out
// organizations with too few members ("ranking with very small denominators misleads"). Pure.

/** The indicators, each a share 0–1 or null when it does not apply to the organization that month. */
export const INDICATORS = ['threeMeetings', 'themeDay', 'attendance', 'dues'] as const;
export type Indicator = (typeof INDICATORS)[number];
export type Indicators = Record<Indicator, number | null>;
export type Weights = Record<Indicator, number>;

/** Weights per organization category; '*' for every category without its own. */
export type WeightTable = Record<string, Weights>;

export const SUPERVISION_DEFAULTS = {
  /** The job generates the previous month's 通报 on this day (after the default 5 grace days). */
  bulletinDay: 6,
  /** Organizations with fewer members in their unit are not ranked. */
  minRankedMembers: 5,
  issuer: '中共县委组织部',
  weights: { '*': { threeMeetings: 40, themeDay: 20, attendance: 20, dues: 20 } } as WeightTable,
};

/** The weights of a category. */
export const weightsFor = (table: WeightTable, category: string | null): Weights => (category && table[category]) || table['*'] || SUPERVISION_DEFAULTS.weights['*'];

/** 月月清 as an indicator: clear 1, cleared late (补清) 0.5, not clear or still open 0, nobody billed: not applicable. */
export function duesIndicator(status: 'clear' | 'cleared_late' | 'pending' | 'not_clear' | 'no_bills' | null): number | null {
  if (status === 'clear') return 1;
  if (status === 'cleared_late') return 0.5;
  if (status === 'pending' || status === 'not_clear') return 0;
  return null;
}

/**
 * The weighted score 0–100 (two decimals) of the indicators that apply; the weights of those that do
 * not apply are left out of the denominator. Null when none applies or every applying weight is 0.
 */
export function scoreOf(ind: Indicators, w: Weights): number | null {
  let num = 0;
  let den = 0;
  for (const k of INDICATORS) {
    const v = ind[k];
    if (v === null || !(w[k] > 0)) continue;
    num += w[k] * v;
    den += w[k];
  }
  return den === 0 ? null : Math.round((num / den) * 10_000) / 100;
}

/**
 * Competition ranking (1, 2, 2, 4) by score, highest first, of the entries with a score and at least
 * `minMembers` members; the others get null. Ties keep the input order.
 */
export function rankByScore<T extends { score: number | null; members: number }>(rows: readonly T[], minMembers: number): (number | null)[] {
  const order = rows
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.score !== null && r.members >= minMembers)
    .sort((a, b) => (b.r.score as number) - (a.r.score as number) || a.i - b.i);
  const out: (number | null)[] = rows.map(() => null);
  order.forEach(({ r, i }, pos) => {
    const prev = pos > 0 ? order[pos - 1] : null;
    out[i] = prev && prev.r.score === r.score ? (out[prev.i] as number) : pos + 1;
  });
  return out;
}

/** A share as a 通报 prints it: 87.5%, or — when not applicable. */
export const pctText = (v: number | null) => (v === null ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);
