/** Nearest-rank percentile of a sample (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const median = (values: readonly number[]) => {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

export const max = (values: readonly number[]) => (values.length ? Math.max(...values) : Number.NaN);
export const min = (values: readonly number[]) => (values.length ? Math.min(...values) : Number.NaN);
export const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN);

/** Rounds for display and JSON (1 decimal under 100, integers above). */
export const round = (v: number) => (Number.isFinite(v) ? (Math.abs(v) < 100 ? Math.round(v * 10) / 10 : Math.round(v)) : v);
