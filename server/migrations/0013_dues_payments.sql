-- Dues (issue 5, third part): payments (append-only; a mistake is corrected by a reversing entry with a
-- reason), the per-county receipt counter, and the bank deduction files (银费通) with their
-- reconciliation reports, line by line. Amounts are integer 分; months are 'YYYY-MM' (Asia/Shanghai).

-- The receipt numbers of a county, per year: 'YYYY' + a running number (docs/DUES.md "Payments").
CREATE TABLE dues_receipt_counters (
  county_code text NOT NULL,
  year text NOT NULL,
  last_no integer NOT NULL,
  PRIMARY KEY (county_code, year)
);

-- A bank deduction result file (银费通) as imported, with the totals of its reconciliation.
CREATE TABLE dues_bank_files (
  county_code text NOT NULL,
  id uuid NOT NULL,
  file_name text,
  format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  encoding text CHECK (encoding IN ('utf-8', 'gbk')),
  -- The scope of the importer (organization paths): only the bills under them were reconciled.
  scope_paths text[] NOT NULL,
  lines integer NOT NULL,
  matched integer NOT NULL,
  matched_fen bigint NOT NULL,
  -- The count per outcome (docs/DUES.md "Bank files").
  outcomes jsonb NOT NULL,
  created_by uuid,
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);

-- One line of a bank file and its outcome: matched, unknown_card, name_mismatch, no_bill, not_payable,
-- amount_mismatch, already_paid, already_imported, duplicate, bank_failed, malformed.
CREATE TABLE dues_bank_file_lines (
  county_code text NOT NULL,
  file_id uuid NOT NULL,
  line_no integer NOT NULL,
  card_no text,
  name text,
  month text,
  amount_fen bigint,
  txn_no text,
  bank_status text,
  outcome text NOT NULL,
  reason text,
  member_id uuid,
  bill_id uuid,
  payment_id uuid,
  -- No foreign key to dues_bank_files: the lines are written with their file in one transaction, and a
  -- key checked per line (35,000 index probes) would cost a bank import about a second on PGlite.
  PRIMARY KEY (county_code, file_id, line_no)
);

-- Payments: one row per bill paid (kind 'bill'), per voluntary extra payment ('voluntary'), or per
-- reversing entry ('reversal': the negative of the entry it reverses, with a reason). Rows entered
-- together share a receipt number; bank payments carry the bank's 交易流水号 instead (unique: a bank
-- line is never counted twice).
CREATE TABLE dues_payments (
  county_code text NOT NULL,
  id uuid NOT NULL,
  member_id uuid NOT NULL,
  org_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('bill', 'voluntary', 'reversal')),
  channel text NOT NULL CHECK (channel IN ('cash', 'transfer', 'bank')),
  bill_id uuid,
  month text CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  amount_fen bigint NOT NULL CHECK (amount_fen <> 0),
  receipt_no text,
  bank_file_id uuid,
  bank_txn_no text,
  reverses_id uuid,
  reason text,
  -- A single voluntary payment over 1,000 元 is remitted in full to the centre (DOMAIN §4).
  remit_to_centre boolean NOT NULL DEFAULT false,
  note text,
  created_by uuid,
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, bank_txn_no),
  UNIQUE (county_code, reverses_id),
  CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL)),
  CHECK ((kind = 'reversal') = (amount_fen < 0)),
  CHECK (kind <> 'reversal' OR reason IS NOT NULL),
  CHECK ((channel = 'bank') = (bank_txn_no IS NOT NULL)),
  CHECK (kind = 'voluntary' OR bill_id IS NOT NULL),
  -- The member and organization are the bill's (whose own keys check them) or, for a voluntary payment,
  -- those of a member the service found in scope: no key of their own, as each would be checked per row
  -- (a bank file pays 35,000 bills at once).
  FOREIGN KEY (county_code, bill_id) REFERENCES dues_bills(county_code, id),
  FOREIGN KEY (county_code, reverses_id) REFERENCES dues_payments(county_code, id)
);
CREATE INDEX dues_payments_member_idx ON dues_payments (county_code, member_id, created_at);
CREATE INDEX dues_payments_receipt_idx ON dues_payments (county_code, receipt_no);
CREATE FUNCTION dues_payments_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dues_payments is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER dues_payments_no_change BEFORE UPDATE OR DELETE ON dues_payments
  FOR EACH ROW EXECUTE FUNCTION dues_payments_append_only();
