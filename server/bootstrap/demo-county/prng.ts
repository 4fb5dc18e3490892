// A small deterministic PRNG (sfc32, seeded through cyrb128) and the helpers the demo county
// generator draws from. Same seed and key → same sequence, on every machine and Node version.

/** cyrb128: four 32-bit words from a string (seeds sfc32). */
function cyrb128(s: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A seeded random source with the draws the generator needs. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** The string this stream was seeded from (forks derive from it). */
  readonly key: string;

  constructor(key: string) {
    this.key = key;
    [this.a, this.b, this.c, this.d] = cyrb128(key);
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** An independent stream for a named part (same seed + name → same stream, whatever was drawn before). */
  fork(name: string): Rng {
    return new Rng(`${this.key}/${name}`);
  }

  /** sfc32: the next unsigned 32-bit integer. */
  u32(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Approximately normal (sum of uniforms), clamped to [min, max] and rounded. */
  normalInt(mean: number, sd: number, min: number, max: number): number {
    const z = this.next() + this.next() + this.next() + this.next() - 2; // variance 1/3
    const v = Math.round(mean + z * sd * Math.sqrt(3));
    return Math.min(max, Math.max(min, v));
  }

  /** `n` hexadecimal digits, upper case. */
  hex(n: number): string {
    let s = '';
    while (s.length < n) s += this.u32().toString(16).padStart(8, '0');
    return s.slice(0, n).toUpperCase();
  }

  /** `n` decimal digits. */
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }

  /** A Fisher-Yates shuffled copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}

/** A picker over weighted items: build once, draw many times. */
export function weighted<T>(items: readonly (readonly [T, number])[]): (r: Rng) => T {
  const values = items.map(([v]) => v);
  const cum: number[] = [];
  let total = 0;
  for (const [, w] of items) {
    total += w;
    cum.push(total);
  }
  return (r: Rng) => {
    const x = r.next() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return values[lo];
  };
}

/**
 * Deterministic UUIDv7s: the timestamp is a fixed epoch plus a counter (so ids sort in generation
 * order) and the random bits come from the stream.
 */
export class IdSource {
  private n = 0;
  constructor(
    private readonly r: Rng,
    private readonly epochMs = Date.UTC(2026, 0, 1),
  ) {}

  next(): string {
    const ms = this.epochMs + this.n++;
    const h = ms.toString(16).padStart(12, '0') + this.r.hex(20).toLowerCase();
    // version 7 in the 13th hex digit, variant 10xx in the 17th
    const variant = ((Number.parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

// Dates as UTC day numbers (days since 1970-01-01): cheap arithmetic, formatted as YYYY-MM-DD.
const DAY_MS = 86_400_000;

/** Day number of an ISO date (YYYY-MM-DD). */
export const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

/** ISO date of a day number. */
export const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The day `years` whole years after `day` (29 Feb → 28 Feb). */
export function addYears(day: number, years: number): number {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear() + years;
  const m = d.getUTCMonth();
  const dd = Math.min(d.getUTCDate(), new Date(Date.UTC(y, m + 1, 0)).getUTCDate());
  return Math.floor(Date.UTC(y, m, dd) / DAY_MS);
}

/** Whole years between two day numbers (an age). */
export function yearsBetween(from: number, to: number): number {
  const a = new Date(from * DAY_MS);
  const b = new Date(to * DAY_MS);
  let y = b.getUTCFullYear() - a.getUTCFullYear();
  if (b.getUTCMonth() < a.getUTCMonth() || (b.getUTCMonth() === a.getUTCMonth() && b.getUTCDate() < a.getUTCDate())) y--;
  return y;
}

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export const shanghaiToday = (now = Date.now()) => new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
