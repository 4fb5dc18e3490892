-- Dues (issue 5, monitoring): when a bill was paid in full, the per-organization monthly rollup of the
-- bills (应交 / 实交, 月月清) kept by triggers, the county's early-warning and remittance settings, and
-- the index of unpaid bills the arrears warnings read. docs/DUES.md "Monitoring".

-- When the bill reached 'paid' (cleared on leaving it). Set by the trigger below unless the writer sets
-- it (the demo generator writes history with its own dates).
ALTER TABLE dues_bills ADD COLUMN paid_at timestamptz;
UPDATE dues_bills SET paid_at = updated_at WHERE state = 'paid';

CREATE FUNCTION dues_bills_paid_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.state = 'paid' AND OLD.state <> 'paid' AND NEW.paid_at IS NOT DISTINCT FROM OLD.paid_at THEN
    NEW.paid_at := now();
  ELSIF NEW.state <> 'paid' THEN
    NEW.paid_at := NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER dues_bills_paid_at BEFORE UPDATE ON dues_bills
  FOR EACH ROW EXECUTE FUNCTION dues_bills_paid_at();

-- The bills of one organization and month, summed. Maintained by statement-level triggers on dues_bills
-- with transition tables, as DELTAS (+ the new rows, − the old rows): additions commute, so concurrent
-- writers to the same organization and month never overwrite each other's counts. Rebuilt from the
-- bills by `hongyun dues rollup --rebuild` (a test proves rebuild = incremental).
--   due: bills with an amount that are not waived (what the organization must collect);
--   paid: of those, paid in full; on_time: paid in full before the month ended (Asia/Shanghai);
--   unpaid: due or partially paid; issues: bills without an amount (no base / no category) — they
--   keep an organization from 月月清 until the branch fixes the profile; waived: exempted.
CREATE TABLE dues_org_months (
  county_code text NOT NULL,
  org_id uuid NOT NULL,
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  bills integer NOT NULL DEFAULT 0,
  due integer NOT NULL DEFAULT 0,
  paid integer NOT NULL DEFAULT 0,
  on_time integer NOT NULL DEFAULT 0,
  unpaid integer NOT NULL DEFAULT 0,
  issues integer NOT NULL DEFAULT 0,
  waived integer NOT NULL DEFAULT 0,
  should_fen bigint NOT NULL DEFAULT 0,
  paid_fen bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (county_code, org_id, month),
  FOREIGN KEY (county_code, org_id) REFERENCES organizations(county_code, id)
);
CREATE INDEX dues_org_months_month_idx ON dues_org_months (county_code, month);

-- The rows of the statement as deltas: +1 for each new row, -1 for each old one (an UPDATE gives both).
-- The transition tables exist only for their own event, hence the query text chosen per TG_OP.
CREATE FUNCTION dues_org_months_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cols constant text := 'county_code, org_id, month, amount_fen, paid_fen, state, paid_at';
  src text;
BEGIN
  src := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT 1 AS sign, %s FROM new_rows', cols)
    WHEN 'DELETE' THEN format('SELECT -1 AS sign, %s FROM old_rows', cols)
    ELSE format('SELECT 1 AS sign, %s FROM new_rows UNION ALL SELECT -1, %s FROM old_rows', cols, cols)
  END;
  EXECUTE format($q$
    INSERT INTO dues_org_months AS r (county_code, org_id, month, bills, due, paid, on_time, unpaid, issues, waived, should_fen, paid_fen)
    SELECT county_code, org_id, month,
           sum(sign),
           coalesce(sum(sign) FILTER (WHERE amount_fen IS NOT NULL AND state <> 'waived'), 0),
           coalesce(sum(sign) FILTER (WHERE state = 'paid'), 0),
           coalesce(sum(sign) FILTER (WHERE state = 'paid' AND paid_at < ((month || '-01')::date + interval '1 month') AT TIME ZONE 'Asia/Shanghai'), 0),
           coalesce(sum(sign) FILTER (WHERE state IN ('due', 'partially_paid') AND amount_fen IS NOT NULL), 0),
           coalesce(sum(sign) FILTER (WHERE amount_fen IS NULL), 0),
           coalesce(sum(sign) FILTER (WHERE state = 'waived'), 0),
           coalesce(sum(sign * amount_fen) FILTER (WHERE amount_fen IS NOT NULL AND state <> 'waived'), 0),
           sum(sign * paid_fen)
      FROM (%s) d
     GROUP BY county_code, org_id, month
     -- One lock order for every writer: no deadlock between two statements touching the same months.
     ORDER BY county_code, org_id, month
    ON CONFLICT (county_code, org_id, month) DO UPDATE SET
      bills = r.bills + EXCLUDED.bills, due = r.due + EXCLUDED.due, paid = r.paid + EXCLUDED.paid,
      on_time = r.on_time + EXCLUDED.on_time, unpaid = r.unpaid + EXCLUDED.unpaid, issues = r.issues + EXCLUDED.issues,
      waived = r.waived + EXCLUDED.waived, should_fen = r.should_fen + EXCLUDED.should_fen, paid_fen = r.paid_fen + EXCLUDED.paid_fen
  $q$, src);
  RETURN NULL;
END $$;
CREATE TRIGGER dues_org_months_ins AFTER INSERT ON dues_bills REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dues_org_months_apply();
CREATE TRIGGER dues_org_months_upd AFTER UPDATE ON dues_bills REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dues_org_months_apply();
CREATE TRIGGER dues_org_months_del AFTER DELETE ON dues_bills REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dues_org_months_apply();

-- The rollup of the bills already there.
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
  FROM dues_bills GROUP BY county_code, org_id, month;

-- The unpaid bills (a few percent of all): the arrears warnings read only these.
CREATE INDEX dues_bills_unpaid_idx ON dues_bills (county_code, member_id, month)
  WHERE state IN ('due', 'partially_paid') AND amount_fen IS NOT NULL;

-- Early warning (DOMAIN §4 and the seed's 提前预警): an organization whose paid share of the month is
-- below warn_share_bp by day warn_day of the month is listed; the yearly summary remits remit_share_bp
-- of the regular dues collected to the level above (voluntary payments over 1,000 元 go in full to the
-- centre, whatever this setting).
ALTER TABLE dues_settings ADD COLUMN warn_day smallint NOT NULL DEFAULT 20 CHECK (warn_day BETWEEN 1 AND 28);
ALTER TABLE dues_settings ADD COLUMN warn_share_bp integer NOT NULL DEFAULT 8000 CHECK (warn_share_bp BETWEEN 0 AND 10000);
ALTER TABLE dues_settings ADD COLUMN remit_share_bp integer NOT NULL DEFAULT 500 CHECK (remit_share_bp BETWEEN 0 AND 10000);
