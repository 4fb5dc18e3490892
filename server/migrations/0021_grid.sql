-- Grid governance (issue 7; docs/GRID.md): grids in three levels, grid workers and members assigned
-- to them, households (户) and 党员联户 links, the event category tree, events with their
-- append-only history, and the escalation keys of the automatic 督办.

-- A grid: 乡镇/街道 (township) → 社区/村 (community) → 网格 (grid). `path` is "/id/id/.../" like
-- organizations; scope follows `org_id` (the township or village/community Party organization).
CREATE TABLE grids (
  county_code text NOT NULL,
  id uuid NOT NULL,
  parent_id uuid,
  path text NOT NULL,
  -- township | community | grid
  level text NOT NULL,
  name text NOT NULL,
  code text,
  org_id uuid NOT NULL,
  -- GeoJSON Polygon or MultiPolygon (validated by the API), or null.
  boundary jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, code),
  FOREIGN KEY (county_code, parent_id) REFERENCES grids(county_code, id),
  FOREIGN KEY (county_code, org_id) REFERENCES organizations(county_code, id)
);
CREATE INDEX grids_parent_idx ON grids (county_code, parent_id);
CREATE INDEX grids_org_idx ON grids (county_code, org_id);
CREATE INDEX grids_path_idx ON grids (county_code, path text_pattern_ops);

-- Grid workers of a grid (accounts holding grid_worker, or member accounts).
CREATE TABLE grid_workers (
  county_code text NOT NULL,
  grid_id uuid NOT NULL,
  account_id uuid NOT NULL,
  since date NOT NULL,
  PRIMARY KEY (county_code, grid_id, account_id),
  FOREIGN KEY (county_code, grid_id) REFERENCES grids(county_code, id),
  FOREIGN KEY (county_code, account_id) REFERENCES accounts(county_code, id)
);

-- A member is assigned to at most one grid (the primary key is the member).
CREATE TABLE grid_members (
  county_code text NOT NULL,
  member_id uuid NOT NULL,
  grid_id uuid NOT NULL,
  since date NOT NULL,
  PRIMARY KEY (county_code, member_id),
  FOREIGN KEY (county_code, grid_id) REFERENCES grids(county_code, id),
  FOREIGN KEY (county_code, member_id) REFERENCES members(county_code, id)
);
CREATE INDEX grid_members_grid_idx ON grid_members (county_code, grid_id);

-- A household (户) of a grid; the head's phone encrypted with a blind index like members' phones.
CREATE TABLE grid_households (
  county_code text NOT NULL,
  id uuid NOT NULL,
  grid_id uuid NOT NULL,
  address text NOT NULL,
  head_name text NOT NULL,
  phone_enc text,
  phone_index text,
  phone_tail text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, grid_id) REFERENCES grids(county_code, id)
);
CREATE INDEX grid_households_grid_idx ON grid_households (county_code, grid_id);

-- 党员联户: a member keeps in touch with households (many to many).
CREATE TABLE grid_household_links (
  county_code text NOT NULL,
  member_id uuid NOT NULL,
  household_id uuid NOT NULL,
  since date NOT NULL,
  PRIMARY KEY (county_code, member_id, household_id),
  FOREIGN KEY (county_code, member_id) REFERENCES members(county_code, id),
  FOREIGN KEY (county_code, household_id) REFERENCES grid_households(county_code, id)
);
CREATE INDEX grid_household_links_household_idx ON grid_household_links (county_code, household_id);

-- The county's event categories (two levels; the top level is the 四个平台). A county without rows
-- uses the defaults of common/grid-workflow.ts; its first edit writes the whole tree.
CREATE TABLE grid_categories (
  county_code text NOT NULL,
  code text NOT NULL,
  parent_code text,
  name_zh text NOT NULL,
  name_en text NOT NULL,
  -- Hours per stage: {"reported": 24, "accepted": 24, ...}
  sla jsonb NOT NULL,
  sort smallint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  PRIMARY KEY (county_code, code)
);

-- An event (社情民意 / hazard). State, assignee and due time are kept in the same transaction as the
-- history row that records the change; metrics read the history.
CREATE TABLE grid_events (
  county_code text NOT NULL,
  id uuid NOT NULL,
  category_code text NOT NULL,
  description text NOT NULL,
  latitude double precision,
  longitude double precision,
  grid_id uuid NOT NULL,
  -- The township-level grid's organization: the township whose 四个平台 handles the event (scope).
  township_org_id uuid NOT NULL,
  -- member | account | resident
  reporter_kind text NOT NULL,
  reporter_member_id uuid,
  reporter_account_id uuid,
  reporter_name text NOT NULL,
  reporter_phone_enc text,
  reporter_phone_index text,
  reporter_phone_tail text,
  state text NOT NULL,
  -- Incremented at each state change: the stage an escalation belongs to.
  stage_seq integer NOT NULL DEFAULT 1,
  stage_entered_at timestamptz NOT NULL,
  due_at timestamptz,
  assignee_org_id uuid,
  supervised boolean NOT NULL DEFAULT false,
  supervise_note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, grid_id) REFERENCES grids(county_code, id),
  FOREIGN KEY (county_code, township_org_id) REFERENCES organizations(county_code, id),
  FOREIGN KEY (county_code, assignee_org_id) REFERENCES organizations(county_code, id)
);
CREATE INDEX grid_events_township_idx ON grid_events (county_code, township_org_id, created_at DESC);
CREATE INDEX grid_events_assignee_idx ON grid_events (county_code, assignee_org_id) WHERE assignee_org_id IS NOT NULL;
CREATE INDEX grid_events_due_idx ON grid_events (county_code, due_at) WHERE due_at IS NOT NULL;

-- Every change of an event (append-only: the database refuses UPDATE and DELETE).
CREATE TABLE grid_event_history (
  county_code text NOT NULL,
  id uuid NOT NULL,
  event_id uuid NOT NULL,
  seq integer NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  action text NOT NULL,
  from_state text,
  to_state text NOT NULL,
  note text,
  assignee_org_id uuid,
  actor_id uuid,
  actor_name text NOT NULL,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, event_id, seq),
  FOREIGN KEY (county_code, event_id) REFERENCES grid_events(county_code, id)
);

CREATE FUNCTION grid_event_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'grid_event_history is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER grid_event_history_no_change BEFORE UPDATE OR DELETE ON grid_event_history
  FOR EACH ROW EXECUTE FUNCTION grid_event_history_append_only();

-- One automatic 督办 per event and stage (the escalation job's dedupe).
CREATE TABLE grid_escalations (
  county_code text NOT NULL,
  event_id uuid NOT NULL,
  stage_seq integer NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, event_id, stage_seq),
  FOREIGN KEY (county_code, event_id) REFERENCES grid_events(county_code, id)
);
