-- Dues reductions and exemptions (减免, issue 5; DOMAIN §4: "decided by the 支部, approved by the 上一级党委").
-- A decision of the member's branch (proposed) approved or rejected by an organization above it; an approved
-- one may be revoked from a month on. While it applies, the member's open bills of its months are waived
-- (exemption) or carry the reduced amount (reduction); the bill keeps the amount it had in
-- original_amount_fen. Amounts are integer 分; months 'YYYY-MM' (Asia/Shanghai). docs/DUES.md.
CREATE TABLE dues_reductions (
  county_code text NOT NULL,
  id uuid NOT NULL,
  member_id uuid NOT NULL,
  -- The member's organization when proposed (the branch that decides); scope follows it.
  org_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('reduction', 'exemption')),
  -- A reduction: the monthly amount still to pay (分, > 0). An exemption: none.
  amount_fen bigint CHECK (amount_fen > 0),
  from_month text NOT NULL CHECK (from_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  -- Inclusive. One decision covers at most 12 months (renewed by a new decision; docs/DUES.md).
  to_month text NOT NULL CHECK (to_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  reason text NOT NULL,
  -- The branch's decision as recorded (e.g. "支委会 2026-03-05 决定").
  branch_decision text NOT NULL,
  state text NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'approved', 'rejected', 'revoked')),
  proposed_by uuid,
  proposed_by_name text NOT NULL,
  proposed_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid,
  decided_by_name text,
  decided_at timestamptz,
  decision_note text,
  -- A revoked decision no longer applies from this month on (the months before keep it).
  revoked_from_month text CHECK (revoked_from_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  revoked_by uuid,
  revoked_by_name text,
  revoked_at timestamptz,
  revoke_reason text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, member_id) REFERENCES members(county_code, id),
  FOREIGN KEY (county_code, org_id) REFERENCES organizations(county_code, id),
  CHECK ((kind = 'exemption') = (amount_fen IS NULL)),
  CHECK (to_month >= from_month),
  CHECK ((substr(to_month, 1, 4)::int * 12 + substr(to_month, 6, 2)::int) - (substr(from_month, 1, 4)::int * 12 + substr(from_month, 6, 2)::int) < 12),
  CHECK ((state = 'proposed') = (decided_at IS NULL)),
  CHECK ((state = 'proposed') = (decided_by_name IS NULL)),
  CHECK ((state = 'revoked') = (revoked_from_month IS NOT NULL)),
  CHECK ((state = 'revoked') = (revoked_at IS NOT NULL)),
  CHECK (revoked_from_month IS NULL OR (revoked_from_month >= from_month AND revoked_from_month <= to_month))
);
-- A member's decisions (the overlap check, the member's list).
CREATE INDEX dues_reductions_member_idx ON dues_reductions (county_code, member_id, from_month);
-- The decisions in force for a month (bill generation) and the lists by state.
CREATE INDEX dues_reductions_state_idx ON dues_reductions (county_code, state, from_month);

-- The bill's amount before a reduction applied (NULL when none applies or the bill had no amount).
ALTER TABLE dues_bills ADD COLUMN original_amount_fen bigint CHECK (original_amount_fen > 0);
ALTER TABLE dues_bills ADD CONSTRAINT dues_bills_original_needs_reduction CHECK (original_amount_fen IS NULL OR reduction_id IS NOT NULL);
ALTER TABLE dues_bills ADD CONSTRAINT dues_bills_reduction_fk FOREIGN KEY (county_code, reduction_id) REFERENCES dues_reductions(county_code, id);
