-- Dues (issue 5, second part): dues profiles (the proxy payer, 代缴), the history of each member's base,
-- and the monthly bills. The dues category is NOT stored here: it is members.dues_category (one source
-- of truth, docs/DUES.md). Amounts are integer 分; months are 'YYYY-MM' in Asia/Shanghai.

-- The proxy payer (代缴) of a member, with the branch's consent; no row = the member pays themselves.
CREATE TABLE dues_profiles (
  county_code text NOT NULL,
  member_id uuid NOT NULL,
  -- Another member who pays this member's dues (DOMAIN §4: by proxy with the branch's consent).
  proxy_payer_id uuid,
  -- The branch's consent as recorded (e.g. "支委会 2026-03-05 同意"), who recorded it and when.
  proxy_consent text,
  proxy_consented_by uuid,
  proxy_consented_by_name text,
  proxy_consented_at timestamptz,
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, member_id),
  FOREIGN KEY (county_code, member_id) REFERENCES members(county_code, id),
  FOREIGN KEY (county_code, proxy_payer_id) REFERENCES members(county_code, id),
  CHECK (proxy_payer_id IS NULL OR proxy_payer_id <> member_id),
  CHECK ((proxy_payer_id IS NULL) = (proxy_consent IS NULL))
);
CREATE INDEX dues_profiles_payer_idx ON dues_profiles (county_code, proxy_payer_id) WHERE proxy_payer_id IS NOT NULL;

-- The base of a member (计算基数, 分 per month) from the month the pay starts. Append-only: a new base is
-- a new row, so the history is kept. The base of month M is the latest row with effective_month <= M
-- (ties: the newest row, ids being UUIDv7).
CREATE TABLE dues_bases (
  county_code text NOT NULL,
  id uuid NOT NULL,
  member_id uuid NOT NULL,
  effective_month text NOT NULL CHECK (effective_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  -- At least 1 元: every rated category then owes at least 1 分 (a bill is never 0).
  base_fen bigint NOT NULL CHECK (base_fen >= 100),
  reason text NOT NULL,
  created_by uuid,
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, member_id) REFERENCES members(county_code, id)
);
CREATE INDEX dues_bases_member_idx ON dues_bases (county_code, member_id, effective_month, id);
CREATE FUNCTION dues_bases_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dues_bases is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER dues_bases_no_change BEFORE UPDATE OR DELETE ON dues_bases
  FOR EACH ROW EXECUTE FUNCTION dues_bases_append_only();

-- The monthly bills: one per member and month (the unique key makes the generator idempotent).
-- org_id is the organization that collects it (the member's when the bill was made); scope follows it.
-- A bill whose amount cannot be computed yet carries an issue (no category, or a rated category without
-- a base) and no amount until the branch fixes the profile; an amount is never 0.
CREATE TABLE dues_bills (
  county_code text NOT NULL,
  id uuid NOT NULL,
  member_id uuid NOT NULL,
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  org_id uuid NOT NULL,
  category text,
  base_fen bigint,
  rule text,
  rate_bp integer,
  amount_fen bigint CHECK (amount_fen > 0),
  paid_fen bigint NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
  state text NOT NULL DEFAULT 'due' CHECK (state IN ('due', 'paid', 'partially_paid', 'waived')),
  issue text CHECK (issue IN ('base_missing', 'category_missing')),
  -- The reduction or exemption decision that applies (减免, a later task).
  reduction_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, member_id, month),
  CHECK ((issue IS NULL) = (amount_fen IS NOT NULL)),
  FOREIGN KEY (county_code, member_id) REFERENCES members(county_code, id),
  FOREIGN KEY (county_code, org_id) REFERENCES organizations(county_code, id)
);
-- A month's bills of an organization (the branch's month table, the scoped list and its totals).
CREATE INDEX dues_bills_month_org_idx ON dues_bills (county_code, month, org_id);
