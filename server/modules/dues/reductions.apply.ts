// How a reduction or exemption decision (减免, docs/DUES.md "Reductions and exemptions") changes a bill:
// the pure rule (withReduction) shared by the approval and the monthly generation, and the one
// single-table read of the decisions in force in a month (used by generateBills in bills.ts).
import { sql } from 'drizzle-orm';
import type { Tx } from '../../core/services.ts';
import type { BillQuote, BillState } from './bills.rules.ts';

/** A decision as it applies to bills. */
export type ReductionInForce = { id: string; memberId: string; kind: 'reduction' | 'exemption'; amountFen: number | null };

/** What a bill carries beyond its quote when a decision applies (or none does). */
export type ReducedBill = Pick<BillQuote, 'amountFen' | 'issue'> & { state: BillState; reductionId: string | null; originalAmountFen: number | null };

/**
 * A new or still open bill (state due, nothing paid) under a decision: an exemption waives it (its
 * amount kept for the record, or none when it had an issue); a reduction charges the reduced amount,
 * never more than the normal one, keeping the normal amount in originalAmountFen (a bill that had no
 * amount yet — an issue — gets the reduced amount: the decision fixes what is due). No decision: the quote.
 */
export function withReduction(q: Pick<BillQuote, 'amountFen' | 'issue'>, r: ReductionInForce | undefined | null): ReducedBill {
  if (!r) return { amountFen: q.amountFen, issue: q.issue, state: 'due', reductionId: null, originalAmountFen: null };
  if (r.kind === 'exemption') return { amountFen: q.amountFen, issue: q.issue, state: 'waived', reductionId: r.id, originalAmountFen: null };
  const reduced = r.amountFen as number;
  if (q.amountFen === null) return { amountFen: reduced, issue: null, state: 'due', reductionId: r.id, originalAmountFen: null };
  return { amountFen: Math.min(q.amountFen, reduced), issue: q.issue, state: 'due', reductionId: r.id, originalAmountFen: q.amountFen };
}

/**
 * The SQL condition "the decision applies in month M" on dues_reductions: approved and M within its
 * months, or revoked from a later month (the months before the revocation keep it).
 */
export const appliesIn = (month: string) =>
  sql`(dues_reductions.from_month <= ${month} AND dues_reductions.to_month >= ${month}
       AND (dues_reductions.state = 'approved' OR (dues_reductions.state = 'revoked' AND dues_reductions.revoked_from_month > ${month})))`;

/** The decisions in force in a county and month, by member (one single-table read; at most one per member). */
export async function reductionsInForce(tx: Tx, countyCode: string, month: string): Promise<Map<string, ReductionInForce>> {
  const rows = (
    (await tx.execute(sql`
      SELECT id, member_id, kind, amount_fen::text AS amount_fen FROM dues_reductions
       WHERE county_code = ${countyCode} AND state IN ('approved', 'revoked') AND ${appliesIn(month)}`)) as unknown as {
      rows: { id: string; member_id: string; kind: 'reduction' | 'exemption'; amount_fen: string | null }[];
    }
  ).rows;
  return new Map(rows.map((r) => [r.member_id, { id: r.id, memberId: r.member_id, kind: r.kind, amountFen: r.amount_fen === null ? null : Number(r.amount_fen) }]));
}
