// A small 5-field cron parser ("m h dom mon dow", with *, lists, ranges and steps), evaluated in a
// fixed UTC offset (Asia/Shanghai = +8 h, no DST) so schedules mean local county time.

type Field = { min: number; max: number };
const FIELDS: Field[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12 },
  { min: 0, max: 6 },
];

/** A parsed cron expression: the allowed values of each field. */
export type Cron = { sets: Set<number>[]; domStar: boolean; dowStar: boolean };

/** Parses a cron expression; throws naming the bad field. */
export function parseCron(expr: string): Cron {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron "${expr}": expected 5 fields`);
  const sets = parts.map((p, i) => parseField(p, FIELDS[i], expr));
  // Sunday may be written 7.
  if (sets[4].has(7)) sets[4].add(0);
  return { sets, domStar: parts[2] === '*', dowStar: parts[4] === '*' };
}

function parseField(p: string, f: Field, expr: string): Set<number> {
  const out = new Set<number>();
  for (const item of p.split(',')) {
    const m = /^(\*|\d+(?:-\d+)?)(?:\/(\d+))?$/.exec(item);
    if (!m) throw new Error(`cron "${expr}": bad field "${p}"`);
    const step = m[2] ? Number(m[2]) : 1;
    let lo = f.min;
    let hi = f.max;
    if (m[1] !== '*') {
      const [a, b] = m[1].split('-').map(Number);
      lo = a;
      hi = b ?? (m[2] ? f.max : a);
    }
    const max = f === FIELDS[4] ? 7 : f.max;
    if (lo < f.min || hi > max || lo > hi || step < 1) throw new Error(`cron "${expr}": out of range "${p}"`);
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/** The first minute strictly after `from` that matches, in the given UTC offset (minutes). */
export function nextRun(cron: Cron, from: Date, offsetMinutes = 480): Date {
  const [mins, hours, doms, mons, dows] = cron.sets;
  let t = Math.floor(from.getTime() / 60000) * 60000 + 60000;
  const limit = t + 366 * 24 * 60 * 60000 * 5;
  while (t < limit) {
    const l = new Date(t + offsetMinutes * 60000);
    if (!mons.has(l.getUTCMonth() + 1)) {
      t = Date.UTC(l.getUTCFullYear(), l.getUTCMonth() + 1, 1) - offsetMinutes * 60000;
      continue;
    }
    const domOk = doms.has(l.getUTCDate());
    const dowOk = dows.has(l.getUTCDay());
    const dayOk = cron.domStar || cron.dowStar ? domOk && dowOk : domOk || dowOk;
    if (!dayOk) {
      t = Date.UTC(l.getUTCFullYear(), l.getUTCMonth(), l.getUTCDate() + 1) - offsetMinutes * 60000;
      continue;
    }
    if (!hours.has(l.getUTCHours())) {
      t += (60 - l.getUTCMinutes()) * 60000;
      continue;
    }
    if (mins.has(l.getUTCMinutes())) return new Date(t);
    t += 60000;
  }
  throw new Error('cron: no run within 5 years');
}
