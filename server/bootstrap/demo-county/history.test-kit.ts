// Shared set-up of the demo history tests: the county planned at scale 0.05 (≈ 5,500 members) and
// its history generated without a database.
import { generateHistory } from './activities-history.ts';
import { emptyPicks, generateUnits } from './generate-units.ts';
import { type DemoCountyOptions, planCounty } from './generate.ts';

export const ROOT = { id: '01900000-0000-7000-8000-000000000000', path: '/01900000-0000-7000-8000-000000000000/', depth: 0 };
export const TODAY = '2026-11-28';
export const opts = (o: Partial<DemoCountyOptions> = {}): DemoCountyOptions => ({ seed: 42, scale: 0.05, today: TODAY, countyCode: '330522', root: ROOT, ...o });

/** The county's units and `months` of history (a full year by default). */
export function history(o: Partial<DemoCountyOptions> = {}, months = 12) {
  const plan = planCounty(opts(o));
  const picks = emptyPicks(plan);
  const units = [...generateUnits(plan, picks)];
  return { h: generateHistory(plan, units, picks, months), plan, picks, units };
}
