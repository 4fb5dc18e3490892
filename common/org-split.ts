// The split suggestion (以大数据调整基层组织设置, DOMAIN §1): a large branch's members grouped into
// units of 20–25 (the standard size of a village 下设支部 / 党小组) that keep households whole and
// prefer whole village groups (村民小组). A pure function; the route and the page show the result
// for the secretary to adopt or edit.
//
// Where the groups come from: the member registry has an address but no village-group or grid
// column, so both are read from the address text (see `groupOf` / `householdOf`):
//   - village group: the part ending in 组 / 村民小组 with its number, with the village before it
//     ("和平镇吴山村3组12号" → "吴山村3组"; Chinese numerals become digits: "三组" → "3组");
//   - else a grid: the part ending in 网格 ("第2网格" → "2网格");
//   - else the place without the house number: the text after the last 县/区/镇/乡/街道 up to the
//     number ("和平镇吴山村12号" → "吴山村", "雉城街道长兴路8号3幢" → "长兴路");
//   - no address: no group (shown last).
//   - household: the whole address, spaces removed; members without an address are each their own.
//
// The algorithm: members are lined up group by group (groups in natural order, e.g. 1组, 2组, 10组,
// so neighbouring groups stay together), households together inside a group. A dynamic programme
// over that line chooses where to cut it into consecutive units whose sizes lie in [min, max],
// minimising lexicographically (1) households cut apart, (2) village groups cut apart, (3) how far
// unit sizes are from the middle of the range.
//
// The guarantee: units of sizes in [min, max] exist iff some count k has k·min ≤ total ≤ k·max;
// then sizes s1..sk in range summing to the total exist and cutting the line after s1, s1+s2, …
// is a valid segmentation, which the programme (it considers every segmentation) will find. So the
// suggestion never has a unit outside [min, max] when a solution exists, and says why not
// (`reason`) when none does, without producing units. Households are cut only when no
// segmentation of the line keeps them whole (with households of 1–3 members, practically never).

/** A member to place: id, name and address (the grouping keys are derived from the address). */
export type SplitMember = { id: string; name: string; address: string | null };

/** One suggested unit. */
export type SplitUnit = {
  /** 1-based unit number. */
  no: number;
  /** The groups the unit draws from, in order. */
  groupKeys: string[];
  /** Groups the unit takes only part of (the rest is in a neighbouring unit). */
  partialGroups: string[];
  members: { id: string; name: string; group: string | null; household: string }[];
  size: number;
};

/** Why no split exists. */
export type SplitReason = 'TOTAL_BELOW_MIN' | 'NO_UNIT_COUNT';

/** The suggestion: units, or the reason none exists. */
export type SplitResult = {
  total: number;
  min: number;
  max: number;
  feasible: boolean;
  reason?: SplitReason;
  units: SplitUnit[];
  /** Households and village groups the suggestion had to cut apart. */
  householdsSplit: number;
  groupsSplit: number;
};

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 → 1 … 99 (digits pass through); NaN when not a number. */
export function cnNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const ten = s.indexOf('十');
  if (ten < 0) return s.length === 1 && s in CN_DIGITS ? CN_DIGITS[s] : Number.NaN;
  const tens = ten === 0 ? 1 : CN_DIGITS[s.slice(0, ten)];
  const ones = ten === s.length - 1 ? 0 : CN_DIGITS[s.slice(ten + 1)];
  return tens === undefined || ones === undefined ? Number.NaN : tens * 10 + ones;
}

/** Full-width digits and spaces normalised. */
const normalise = (s: string) => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');

const NUM = '(\\d+|[零〇一二两三四五六七八九十]+)';
const GROUP_RE = new RegExp(`([\\u4e00-\\u9fa5]*?(?:村|社区|居委会))?第?${NUM}(?:村民小组|组)`);
const GRID_RE = new RegExp(`第?${NUM}(?:号)?网格`);
const ADMIN_RE = /^.*(?:省|市|县|区|镇|乡|街道)/;

/** The village group (or grid, or place) of an address; null without an address. */
export function groupOf(address: string | null | undefined): string | null {
  if (!address?.trim()) return null;
  const a = normalise(address);
  const g = a.match(GROUP_RE);
  if (g && !Number.isNaN(cnNumber(g[2]))) {
    const village = (g[1] ?? '').replace(ADMIN_RE, '');
    return `${village}${cnNumber(g[2])}组`;
  }
  const grid = a.match(GRID_RE);
  if (grid && !Number.isNaN(cnNumber(grid[1]))) return `${cnNumber(grid[1])}网格`;
  const place = a.replace(ADMIN_RE, '').replace(/\d.*$/, '');
  return place || a.replace(/\d+号.*$/, '') || a;
}

/** The household key of a member: the normalised address, or the member alone without one. */
export const householdOf = (m: SplitMember) => (m.address?.trim() ? normalise(m.address) : `#${m.id}`);

const collator = new Intl.Collator('zh-CN', { numeric: true });

/** Lexicographic cost: households cut, groups cut, squared distance of sizes from the middle. */
type Cost = [number, number, number];
const less = (a: Cost, b: Cost) => a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2];

/**
 * Splits members into units of min..max members (defaults 20–25), households whole and village
 * groups whole where the sizes allow. See the file header for the derivation and the guarantee.
 */
export function suggestSplit(members: readonly SplitMember[], opts: { min?: number; max?: number } = {}): SplitResult {
  const min = Math.max(1, Math.trunc(opts.min ?? 20));
  const max = Math.max(min, Math.trunc(opts.max ?? 25));
  const total = members.length;
  const base = { total, min, max, householdsSplit: 0, groupsSplit: 0 };
  if (total < min) return { ...base, feasible: false, reason: 'TOTAL_BELOW_MIN', units: [] };
  // Some k with k·min ≤ total ≤ k·max: the smallest k that fits the maximum must also fit the minimum.
  const k = Math.ceil(total / max);
  if (k * min > total) return { ...base, feasible: false, reason: 'NO_UNIT_COUNT', units: [] };

  // The line: groups in natural order (no group last), households inside a group, then names.
  const line = members
    .map((m) => ({ id: m.id, name: m.name, group: groupOf(m.address), household: householdOf(m) }))
    .sort(
      (a, b) =>
        (a.group === null ? 1 : 0) - (b.group === null ? 1 : 0) ||
        collator.compare(a.group ?? '', b.group ?? '') ||
        collator.compare(a.household, b.household) ||
        collator.compare(a.name, b.name) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  const n = line.length;
  const sameGroup = (p: number) => line[p - 1].group === line[p].group;
  const cutCost = (p: number): [number, number] => (p === 0 || p === n ? [0, 0] : [line[p - 1].household === line[p].household ? 1 : 0, sameGroup(p) ? 1 : 0]);
  const mid2 = min + max; // twice the middle, to stay in integers

  // best[p]: the cheapest segmentation of line[0..p); from[p]: where its last unit starts.
  const best: (Cost | null)[] = new Array(n + 1).fill(null);
  const from = new Array<number>(n + 1).fill(-1);
  best[0] = [0, 0, 0];
  for (let p = min; p <= n; p++) {
    const [h, g] = cutCost(p);
    for (let size = min; size <= max && size <= p; size++) {
      const prev = best[p - size];
      if (!prev) continue;
      const c: Cost = [prev[0] + h, prev[1] + g, prev[2] + (2 * size - mid2) ** 2];
      if (!best[p] || less(c, best[p]!)) {
        best[p] = c;
        from[p] = p - size;
      }
    }
  }
  // Unreachable by the argument above; kept so a bug can never produce bad units.
  if (!best[n]) return { ...base, feasible: false, reason: 'NO_UNIT_COUNT', units: [] };

  const cuts: number[] = [];
  for (let p = n; p > 0; p = from[p]) cuts.unshift(from[p]);
  const units: SplitUnit[] = cuts.map((start, i) => {
    const end = i + 1 < cuts.length ? cuts[i + 1] : n;
    const slice = line.slice(start, end);
    const groupKeys = [...new Set(slice.map((m) => m.group ?? ''))];
    const partial = new Set<string>();
    if (start > 0 && sameGroup(start)) partial.add(line[start].group ?? '');
    if (end < n && sameGroup(end)) partial.add(line[end - 1].group ?? '');
    return { no: i + 1, groupKeys, partialGroups: [...partial], members: slice, size: slice.length };
  });
  const [householdsSplit, groupsSplit] = best[n]!;
  return { ...base, feasible: true, units, householdsSplit, groupsSplit };
}
