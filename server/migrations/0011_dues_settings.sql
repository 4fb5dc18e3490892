-- Dues (issue 5, first part): the county's dues settings. The engine itself is code
-- (common/dues.ts); what a county may change is stored here.

-- One row per county; a county without a row uses the defaults of common/dues.ts.
CREATE TABLE dues_settings (
  county_code text NOT NULL,
  -- The monthly amount of 农民 members in 分: 0.2–1 元 (DOMAIN §4), 0.2 元 by default.
  farmer_flat_fen smallint NOT NULL DEFAULT 20 CHECK (farmer_flat_fen BETWEEN 20 AND 100),
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code)
);
