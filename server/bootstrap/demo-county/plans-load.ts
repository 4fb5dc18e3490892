// Loads this year's plans of the demo county (history-plans.ts) inside the seed's transaction:
// the plans, then their items (from their columns) with the activities created from them.
import type { Tx } from '../../core/services.ts';
import { type History, uuid7 } from './activities-history.ts';
import { insertColumns, ts } from './bulk-load.ts';
import { isoOf } from './prng.ts';

/** Inserts the plans and plan items of `h`, `chunk` rows per statement. */
export async function loadPlans(tx: Tx, county: string, h: History, chunk = 25_000): Promise<{ plans: number; items: number }> {
  const orgId = (i: number) => h.orgs[i].id;
  for (let s = 0; s < h.plans.length; s += chunk) {
    const ps = h.plans.slice(s, s + chunk);
    await insertColumns(tx, 'activity_plans', county, [
      { name: 'id', type: 'uuid', values: ps.map((p) => p.id) },
      { name: 'org_id', type: 'uuid', values: ps.map((p) => orgId(p.org)) },
      { name: 'year', type: 'int2', values: ps.map((p) => p.year) },
      { name: 'created_at', type: 'float8', values: ps.map((p) => p.createdAt), expr: ts },
      { name: 'updated_at', type: 'float8', values: ps.map((p) => p.updatedAt), expr: ts },
    ]);
  }
  const x = h.planItems;
  for (let s = 0; s < x.length; s += chunk) {
    const n = Math.min(chunk, x.length - s);
    const col = (name: string, type: string, f: (j: number) => unknown, expr?: (c: string) => string) => ({ name, type, values: Array.from({ length: n }, (_, j) => f(s + j)), expr });
    await insertColumns(tx, 'plan_items', county, [
      col('id', 'uuid', (j) => uuid7(x.createdAt[j], x.rand[3 * j], x.rand[3 * j + 1], x.rand[3 * j + 2])),
      col('plan_id', 'uuid', (j) => h.plans[x.plan[j]].id),
      col('org_id', 'uuid', (j) => orgId(h.plans[x.plan[j]].org)),
      col('type', 'text', (j) => x.types[x.type[j]]),
      col('planned_on', 'date', (j) => isoOf(x.plannedOn[j])),
      col('title', 'text', (j) => x.titles[x.title[j]]),
      col('note', 'text', (j) => (x.note[j] < 0 ? null : x.notes[x.note[j]])),
      col('generated', 'bool', (j) => x.generated[j] === 1),
      col('activity_id', 'uuid', (j) => (x.activity[j] >= 0 ? h.activities[x.activity[j]].id : null)),
      col('created_at', 'float8', (j) => x.createdAt[j], ts),
      col('updated_at', 'float8', (j) => x.updatedAt[j], ts),
    ]);
  }
  return { plans: h.plans.length, items: h.planItems.length };
}
