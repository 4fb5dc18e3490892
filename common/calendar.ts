// Calendar dates as ISO strings (YYYY-MM-DD), the way the rules of DOMAIN §1–§2 count them:
// "within 1 month", "≥ 1 year", "5 working days". Pure functions, no time zone except `todayIn`.

/** A calendar date written YYYY-MM-DD. */
export type IsoDate = string;

const toUtc = (d: IsoDate) => new Date(`${d}T00:00:00Z`);
const fromUtc = (d: Date): IsoDate => d.toISOString().slice(0, 10);

/** True when `s` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = toUtc(s);
  return !Number.isNaN(d.getTime()) && fromUtc(d) === s;
}

/** Today in Asia/Shanghai (the county's calendar), or the date of `now` there. */
export const todayIn = (now = new Date()): IsoDate => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);

/** `d` plus `n` days (n may be negative). */
export function addDays(d: IsoDate, n: number): IsoDate {
  const t = toUtc(d);
  t.setUTCDate(t.getUTCDate() + n);
  return fromUtc(t);
}

/**
 * `d` plus `n` calendar months; a day that does not exist in the target month becomes its last
 * day (01-31 + 1 month = 02-28 or 02-29), the way a "1 month" deadline is read.
 */
export function addMonths(d: IsoDate, n: number): IsoDate {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7)) - 1 + n;
  const day = Number(d.slice(8, 10));
  const ty = y + Math.floor(m / 12);
  const tm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return fromUtc(new Date(Date.UTC(ty, tm, Math.min(day, last))));
}

/** `d` plus `n` years (02-29 becomes 02-28 in a common year). */
export const addYears = (d: IsoDate, n: number): IsoDate => addMonths(d, 12 * n);

/** Whole days from `a` to `b` (positive when b is later). */
export const daysBetween = (a: IsoDate, b: IsoDate) => Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);

/** Monday–Friday days from `start` to `end`, both included (0 when end is before start). */
export function workingDays(start: IsoDate, end: IsoDate): number {
  const total = daysBetween(start, end) + 1;
  if (total <= 0) return 0;
  const startDow = toUtc(start).getUTCDay();
  let n = Math.floor(total / 7) * 5;
  for (let i = 0; i < total % 7; i++) {
    const dow = (startDow + i) % 7;
    if (dow !== 0 && dow !== 6) n++;
  }
  return n;
}

/** Age in whole years on `day` of someone born on `birthDate`. */
export function ageOn(birthDate: IsoDate, day: IsoDate): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/** The later of two dates (null-tolerant). */
export const maxDate = (a: IsoDate | null | undefined, b: IsoDate | null | undefined): IsoDate | null => (!a ? (b ?? null) : !b ? a : a > b ? a : b);
