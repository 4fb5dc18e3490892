-- The monthly 通报 and the 综合考核 (issue 6; docs/SUPERVISION.md "Monthly 通报", "综合考核").

-- A county's supervision settings (no row: the defaults of bulletin.rules.ts).
CREATE TABLE supervision_settings (
  county_code text PRIMARY KEY,
  -- Day of the month the job generates the previous month's 通报 (after the rules' grace days).
  bulletin_day smallint NOT NULL,
  -- Organizations with fewer members in their unit are not ranked (small samples mislead).
  min_ranked_members smallint NOT NULL,
  -- 发文单位 printed at the top of the 通报.
  issuer text NOT NULL,
  -- Weights of the 综合考核 indicators per organization category ('*' for the rest):
  -- {"*": {"threeMeetings": 40, "themeDay": 20, "attendance": 20, "dues": 20}, "rural": {...}}
  weights jsonb NOT NULL,
  -- The day the county's supervision starts (records before it are incomplete): rule periods that
  -- begin earlier bind nobody. Null: no such limit.
  start_on date,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text
);

-- Every 通报 generated, kept: one or more versions per month (a regeneration adds a version).
CREATE TABLE supervision_bulletins (
  county_code text NOT NULL,
  id uuid NOT NULL,
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  version smallint NOT NULL,
  -- 期号 within the year (the month's number).
  serial text NOT NULL,
  title text NOT NULL,
  issuer text NOT NULL,
  as_of date NOT NULL,
  generated_at timestamptz NOT NULL DEFAULT now(),
  -- 'job' or the account's display name.
  generated_by text NOT NULL,
  content jsonb NOT NULL,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, month, version)
);

-- The monthly 综合考核 score of every organization a rule binds, written with the month's latest 通报.
CREATE TABLE org_assessment_scores (
  county_code text NOT NULL,
  month text NOT NULL,
  org_id uuid NOT NULL,
  category text,
  members integer NOT NULL,
  -- 0–100 with two decimals (rounded by the application); null when no indicator applies.
  score numeric,
  -- Null when not ranked (too few members, or no score).
  rank integer,
  indicators jsonb NOT NULL,
  PRIMARY KEY (county_code, month, org_id)
);
CREATE INDEX org_assessment_scores_org_idx ON org_assessment_scores (county_code, org_id, month);

-- The rule engine's judgement of this month for every organization a rule binds, kept by the job
-- supervision.compliance every 5 minutes (and after a change of the rules): what the big screen reads.
CREATE TABLE org_compliance_snapshots (
  county_code text NOT NULL,
  month text NOT NULL,
  org_id uuid NOT NULL,
  -- green | amber | red
  color text NOT NULL,
  -- {"<activity type>": [green, amber, red, pending]}
  checks jsonb NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, month, org_id)
);
