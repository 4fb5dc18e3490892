-- Supervision rollups (issue 6, "Rollups"; docs/SUPERVISION.md): the activities of each organization
-- and day (Asia/Shanghai) by type — held, 应到, 实到, 请假, guests — kept by the job
-- `supervision.rollup` every minute (never on the check-in write path, never by a request). A month is
-- the sum of its days (a query over this table, no second copy). Dues should/paid per month are read
-- from dues_org_months (0017), not copied.

-- One organization, day and activity type: the activities that were held (not cancelled, started) and
-- their attendance — the frozen figures of a submitted record, else the live attendance (DOMAIN §3).
CREATE TABLE org_activity_days (
  county_code text NOT NULL,
  org_id uuid NOT NULL,
  day date NOT NULL,
  activity_type text NOT NULL REFERENCES activity_types(code),
  held integer NOT NULL DEFAULT 0,
  obliged integer NOT NULL DEFAULT 0,
  attended integer NOT NULL DEFAULT 0,
  leave integer NOT NULL DEFAULT 0,
  guests integer NOT NULL DEFAULT 0,
  PRIMARY KEY (county_code, org_id, day, activity_type),
  FOREIGN KEY (county_code, org_id) REFERENCES organizations(county_code, id)
);
CREATE INDEX org_activity_days_day_idx ON org_activity_days (county_code, day);

-- Bookkeeping of the job: where each counted activity was counted (organization, day), so that an
-- activity moved to another day or cancelled leaves its old day recomputed too.
CREATE TABLE org_activity_day_keys (
  county_code text NOT NULL,
  activity_id uuid NOT NULL,
  org_id uuid NOT NULL,
  day date NOT NULL,
  PRIMARY KEY (county_code, activity_id)
);
CREATE INDEX org_activity_day_keys_pair_idx ON org_activity_day_keys (county_code, org_id, day);

-- The job's watermark per county: changes up to checked_until are in the rollup.
CREATE TABLE supervision_rollup_marks (
  county_code text NOT NULL,
  checked_until timestamptz NOT NULL,
  last_run_at timestamptz NOT NULL,
  last_pairs integer NOT NULL DEFAULT 0,
  PRIMARY KEY (county_code)
);

-- The job finds activities changed since the watermark (edits, cancellations, submissions bump
-- updated_at; the check-in path's counter bumps do not, and are found through the check-ins' time-
-- ordered ids instead). updated_at is never changed by checkin_write, so its counter updates stay HOT.
CREATE INDEX activities_updated_idx ON activities (county_code, updated_at);
