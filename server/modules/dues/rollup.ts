// The rollup of the bills per organization and month (dues_org_months) is kept by triggers on
// dues_bills (0017_dues_monitoring.sql); this recomputes it from the bills, for `hongyun dues rollup
// --rebuild` and for the test that proves rebuild = incremental.
import { sql } from 'drizzle-orm';
import type { Tx } from '../../core/services.ts';

/** Recomputes a county's rollup from its bills in one transaction; returns the rows written. */
export async function rebuildDuesRollup(db: Tx, countyCode: string): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`DELETE FROM dues_org_months WHERE county_code = ${countyCode}`);
    const r = await tx.execute(sql`
      INSERT INTO dues_org_months (county_code, org_id, month, bills, due, paid, on_time, unpaid, issues, waived, should_fen, paid_fen)
      SELECT county_code, org_id, month, count(*),
             count(*) FILTER (WHERE amount_fen IS NOT NULL AND state <> 'waived'),
             count(*) FILTER (WHERE state = 'paid'),
             count(*) FILTER (WHERE state = 'paid' AND paid_at < ((month || '-01')::date + interval '1 month') AT TIME ZONE 'Asia/Shanghai'),
             count(*) FILTER (WHERE state IN ('due', 'partially_paid') AND amount_fen IS NOT NULL),
             count(*) FILTER (WHERE amount_fen IS NULL),
             count(*) FILTER (WHERE state = 'waived'),
             coalesce(sum(amount_fen) FILTER (WHERE amount_fen IS NOT NULL AND state <> 'waived'), 0),
             coalesce(sum(paid_fen), 0)
        FROM dues_bills WHERE county_code = ${countyCode}
       GROUP BY county_code, org_id, month`);
    return (r as unknown as { affectedRows?: number; rowCount?: number }).affectedRows ?? (r as unknown as { rowCount?: number }).rowCount ?? 0;
  });
}
