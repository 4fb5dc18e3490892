-- The 条例 rule engine (issue 6; docs/SUPERVISION.md "Rule engine"): the county's requirements of
-- organizational life as data, and the per-activity facts the engine judges them on.

-- A county's rules replace the defaults of common/org-life-rules.ts as a whole (a county without
-- rows uses the defaults). Edited by the county's administrators at the root.
CREATE TABLE supervision_rules (
  county_code text NOT NULL,
  code text NOT NULL,
  activity_type text NOT NULL REFERENCES activity_types(code),
  -- month | quarter | half | year
  period text NOT NULL,
  min_count smallint NOT NULL,
  levels text[] NOT NULL,
  -- Empty: every organization category.
  categories text[] NOT NULL DEFAULT '{}',
  -- members | unit | committee (common/org-life-rules.ts RULE_REQUIRES)
  requires text NOT NULL,
  -- A held activity counts only when 实到 / 应到 is strictly above this percentage.
  threshold_pct smallint,
  grace_days smallint NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  sort smallint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  PRIMARY KEY (county_code, code)
);

-- Each counted activity's type and figures beside where it was counted, so that thresholds
-- (a 支部党员大会 counts only when more than half attended) are judged per activity from the rollup.
-- The rollup is emptied: the job's next pass finds no watermark and rebuilds it with these columns.
ALTER TABLE org_activity_day_keys
  ADD COLUMN activity_type text NOT NULL DEFAULT '',
  ADD COLUMN obliged integer NOT NULL DEFAULT 0,
  ADD COLUMN attended integer NOT NULL DEFAULT 0;
DELETE FROM org_activity_day_keys;
DELETE FROM org_activity_days;
DELETE FROM supervision_rollup_marks;
-- The rule engine reads each rule's type over its window.
CREATE INDEX org_activity_day_keys_type_idx ON org_activity_day_keys (county_code, activity_type, day);

-- The month level of the rollup: org_activity_days summed per organization, month and type, kept in
-- the same transaction as the day rows they sum (rollup.ts), so that a year of months is 12 rows per
-- organization and type instead of 365 (the big screen's trend, the summary by month).
CREATE TABLE org_activity_months (
  county_code text NOT NULL,
  org_id uuid NOT NULL,
  month text NOT NULL,
  activity_type text NOT NULL,
  held integer NOT NULL DEFAULT 0,
  obliged integer NOT NULL DEFAULT 0,
  attended integer NOT NULL DEFAULT 0,
  leave integer NOT NULL DEFAULT 0,
  guests integer NOT NULL DEFAULT 0,
  PRIMARY KEY (county_code, org_id, month, activity_type)
);
CREATE INDEX org_activity_months_month_idx ON org_activity_months (county_code, month);
