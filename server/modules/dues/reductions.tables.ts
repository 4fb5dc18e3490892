import { bigint, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A reduction or exemption decision (减免, see 0016_dues_reductions.sql and docs/DUES.md). */
export const duesReductions = pgTable(
  'dues_reductions',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    memberId: uuid('member_id').notNull(),
    /** The member's organization when proposed (the branch that decides); scope follows it. */
    orgId: uuid('org_id').notNull(),
    kind: text('kind').notNull().$type<'reduction' | 'exemption'>(),
    /** A reduction: the monthly amount still to pay (分); an exemption: null. */
    amountFen: bigint('amount_fen', { mode: 'number' }),
    fromMonth: text('from_month').notNull(),
    /** Inclusive; at most 12 months after from_month. */
    toMonth: text('to_month').notNull(),
    reason: text('reason').notNull(),
    branchDecision: text('branch_decision').notNull(),
    state: text('state').notNull().default('proposed').$type<'proposed' | 'approved' | 'rejected' | 'revoked'>(),
    proposedBy: uuid('proposed_by'),
    proposedByName: text('proposed_by_name').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    /** Revoked: no longer applies from this month on. */
    revokedFromMonth: text('revoked_from_month'),
    revokedBy: uuid('revoked_by'),
    revokedByName: text('revoked_by_name'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokeReason: text('revoke_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('dues_reductions_member_idx').on(t.countyCode, t.memberId, t.fromMonth),
    index('dues_reductions_state_idx').on(t.countyCode, t.state, t.fromMonth),
  ],
);
