-- Plans of organizational life (issue 4): the county's plan settings, a yearly plan per organization
-- with its items (pre-filled from DOMAIN §3 by common/plan-rules.ts), and the organizations'
-- iCal feed tokens (only a hash of each token is stored).

-- One row per county; a county without a row uses the defaults of common/plan-rules.ts.
CREATE TABLE plan_settings (
  county_code text NOT NULL,
  -- The 主题党日 day of branches that have not fixed their own (organizations.theme_day).
  theme_day smallint NOT NULL DEFAULT 15 CHECK (theme_day BETWEEN 1 AND 28),
  -- 党课 per year: 1, 2, 4 (once a quarter) or 12.
  lectures_per_year smallint NOT NULL DEFAULT 4 CHECK (lectures_per_year IN (1, 2, 4, 12)),
  -- A to-do is put in the branch's list this many days before an item without an activity.
  reminder_days smallint NOT NULL DEFAULT 3 CHECK (reminder_days BETWEEN 0 AND 30),
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code)
);

-- A yearly plan: one per organization and year.
CREATE TABLE activity_plans (
  county_code text NOT NULL,
  id uuid NOT NULL,
  org_id uuid NOT NULL,
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, org_id, year),
  FOREIGN KEY (county_code, org_id) REFERENCES organizations(county_code, id)
);

-- The items of a plan; org_id repeats the plan's organization so scope and rollups need no join.
CREATE TABLE plan_items (
  county_code text NOT NULL,
  id uuid NOT NULL,
  plan_id uuid NOT NULL,
  org_id uuid NOT NULL,
  type text NOT NULL REFERENCES activity_types(code),
  planned_on date NOT NULL,
  title text NOT NULL,
  note text,
  -- Filled by the generator (a rule asked for it) or added by hand.
  generated boolean NOT NULL DEFAULT false,
  -- The activity created from the item (从计划创建活动).
  activity_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, plan_id) REFERENCES activity_plans(county_code, id),
  FOREIGN KEY (county_code, org_id) REFERENCES organizations(county_code, id),
  FOREIGN KEY (county_code, activity_id) REFERENCES activities(county_code, id)
);
CREATE INDEX plan_items_plan_idx ON plan_items (county_code, plan_id, planned_on);
CREATE INDEX plan_items_org_idx ON plan_items (county_code, org_id, planned_on);
-- The daily reminder scan: items coming up that have no activity yet.
CREATE INDEX plan_items_due_idx ON plan_items (county_code, planned_on) WHERE activity_id IS NULL;
CREATE UNIQUE INDEX plan_items_activity_idx ON plan_items (county_code, activity_id) WHERE activity_id IS NOT NULL;

-- iCal feeds: the token is the credential of GET /api/ical/<token>.ics; only its SHA-256 is kept.
CREATE TABLE ical_feeds (
  county_code text NOT NULL,
  id uuid NOT NULL,
  org_id uuid NOT NULL,
  token_hash text NOT NULL,
  created_by uuid,
  created_by_name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoked_by uuid,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, org_id) REFERENCES organizations(county_code, id)
);
-- The feed route knows only the token (not the county).
CREATE INDEX ical_feeds_token_idx ON ical_feeds (token_hash);
-- At most one live feed per organization (creating a new one revokes the old).
CREATE UNIQUE INDEX ical_feeds_live_idx ON ical_feeds (county_code, org_id) WHERE revoked_at IS NULL;
