// This month's judgement of the rule engine kept as a table (docs/SUPERVISION.md "Snapshot"): the job
// supervision.compliance evaluates each county every 5 minutes (and a change of the rules refreshes it),
// so that the big screen's 三会一课 panel reads ≈ 1,650 small rows instead of running the engine on a
// request. The drill-down views and the 通报 still evaluate on demand (they take a period and a day).
import { and, eq, sql } from 'drizzle-orm';
import { todayIn } from '../../../common/calendar.ts';
import { jsonRows } from '../../core/db/json-rows.ts';
import type { Services, Tx } from '../../core/services.ts';
import { systemOrgs } from '../orgs/orgs.repo.ts';
import { type CheckCounts, type ColorCounts, emptyChecks, emptyColors, evaluate } from './compliance.engine.ts';
import { countyCodes } from './rollup.ts';
import { orgComplianceSnapshots } from './supervision.tables.ts';

export const COMPLIANCE_JOB = 'supervision.compliance';
export const COMPLIANCE_CRON = '*/5 * * * *';
const STATUSES = ['green', 'amber', 'red', 'pending'] as const;

/** Evaluates a county's month as of `today` and replaces the month's snapshot rows. Returns the rows written. */
export async function refreshSnapshot(db: Tx, countyCode: string, today = todayIn()): Promise<number> {
  const root = await systemOrgs.root(db, countyCode);
  if (!root) return 0;
  const month = today.slice(0, 7);
  const ev = await evaluate(db, countyCode, root.path, month, today);
  const rows = ev.orgs
    .filter((o) => o.color !== null)
    .map((o) => {
      const checks: Record<string, number[]> = {};
      for (const c of o.checks) {
        const v = checks[c.activityType] ?? [0, 0, 0, 0];
        v[STATUSES.indexOf(c.status)] += 1;
        checks[c.activityType] = v;
      }
      return { countyCode, month, orgId: o.id, color: o.color as string, checks };
    });
  await db.transaction(async (tx) => {
    await tx.delete(orgComplianceSnapshots).where(and(eq(orgComplianceSnapshots.countyCode, countyCode), eq(orgComplianceSnapshots.month, month)));
    for (let i = 0; i < rows.length; i += 500) await tx.insert(orgComplianceSnapshots).values(rows.slice(i, i + 500));
  });
  return rows.length;
}

/** The snapshot of a month for the subtree under `path`, counted in total, per activity type and per direct child; null when the month has none. */
export async function snapshotCounts(db: Tx, countyCode: string, root: { id: string; path: string }, month: string) {
  const like = `${root.path.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
  const rows = await jsonRows<{ path: string; parent_id: string | null; color: 'green' | 'amber' | 'red'; checks: Record<string, number[]>; computed_at: string }>(
    db,
    sql`SELECT o.path, o.parent_id, s.color, s.checks, s.computed_at FROM org_compliance_snapshots s
          JOIN organizations o ON o.county_code = s.county_code AND o.id = s.org_id
         WHERE s.county_code = ${countyCode} AND s.month = ${month} AND o.path LIKE ${like}`,
  );
  if (rows.length === 0) return null;
  const orgs: ColorCounts = emptyColors();
  const byType = new Map<string, CheckCounts>();
  const byChild = new Map<string, ColorCounts>();
  for (const r of rows) {
    orgs.total += 1;
    orgs[r.color] += 1;
    const child = r.path.slice(root.path.length).split('/')[0];
    if (child) {
      const c = byChild.get(child) ?? emptyColors();
      byChild.set(child, c);
      c.total += 1;
      c[r.color] += 1;
    }
    for (const [t, v] of Object.entries(r.checks)) {
      const c = byType.get(t) ?? emptyChecks();
      byType.set(t, c);
      STATUSES.forEach((s, i) => {
        c[s] += v[i] ?? 0;
      });
      c.checks += v.reduce((a, b) => a + b, 0);
    }
  }
  const computedAt = rows.map((r) => r.computed_at).sort()[0];
  return { orgs, byType, byChild, computedAt };
}

/** The job: every county's snapshot of this month. */
export function registerComplianceJob(services: Services) {
  services.jobs.handle(COMPLIANCE_JOB, async () => {
    for (const code of await countyCodes(services)) await refreshSnapshot(services.db, code);
  });
  services.jobs.schedule({ name: COMPLIANCE_JOB, cron: COMPLIANCE_CRON, job: COMPLIANCE_JOB });
}
