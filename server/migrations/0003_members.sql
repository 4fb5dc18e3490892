-- Organizations and members: organization details, history and committees; the member registry
-- (ID numbers and phones encrypted with blind indexes), the electronic file (append-only timeline),
-- the file view log, correction requests, the development pipeline and the branch to-do list.

ALTER TABLE organizations
  ADD COLUMN address text,
  ADD COLUMN longitude double precision,
  ADD COLUMN latitude double precision,
  ADD COLUMN contact_name text,
  ADD COLUMN contact_phone text,
  ADD COLUMN established_on date,
  ADD COLUMN term_start date,
  ADD COLUMN dissolved_at timestamptz,
  ADD COLUMN merged_into uuid;
CREATE INDEX organizations_name_idx ON organizations (county_code, name);

CREATE TABLE org_history (
  county_code text NOT NULL,
  id uuid NOT NULL,
  org_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  action text NOT NULL,
  actor_id uuid,
  actor_name text NOT NULL,
  before jsonb,
  after jsonb,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, org_id) REFERENCES organizations(county_code, id)
);
CREATE INDEX org_history_org_idx ON org_history (county_code, org_id, at);

CREATE TABLE members (
  county_code text NOT NULL,
  id uuid NOT NULL,
  org_id uuid NOT NULL,
  name text NOT NULL,
  name_initials text NOT NULL DEFAULT '',
  gender text NOT NULL,
  ethnicity text,
  birth_date date NOT NULL,
  id_number_enc text NOT NULL,
  id_number_index text NOT NULL,
  id_number_tail text NOT NULL,
  phone_enc text,
  phone_index text,
  phone_tail text,
  education text,
  occupation text,
  dues_category text,
  joined_on date,
  confirmed_on date,
  status text NOT NULL,
  standing text NOT NULL DEFAULT 'normal',
  card_no text,
  chip_uid text,
  photo_file text,
  address text,
  household text,
  exclude_attendance boolean NOT NULL DEFAULT false,
  exclude_reason text,
  exclude_approver text,
  lost_contact_since date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, id_number_index),
  UNIQUE (county_code, card_no),
  FOREIGN KEY (county_code, org_id) REFERENCES organizations(county_code, id)
);
CREATE INDEX members_org_idx ON members (county_code, org_id, name);
CREATE INDEX members_name_idx ON members (county_code, name text_pattern_ops);
CREATE INDEX members_initials_idx ON members (county_code, name_initials text_pattern_ops);
CREATE INDEX members_phone_idx ON members (county_code, phone_index);

ALTER TABLE accounts ADD COLUMN member_id uuid;
CREATE INDEX accounts_member_idx ON accounts (county_code, member_id);

CREATE TABLE org_committee (
  county_code text NOT NULL,
  id uuid NOT NULL,
  org_id uuid NOT NULL,
  member_id uuid NOT NULL,
  position text NOT NULL,
  term_start date NOT NULL,
  term_end date,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, org_id) REFERENCES organizations(county_code, id),
  FOREIGN KEY (county_code, member_id) REFERENCES members(county_code, id)
);
CREATE INDEX org_committee_org_idx ON org_committee (county_code, org_id);

-- The electronic file: everything that happened to a member, never updated or deleted.
CREATE TABLE member_events (
  county_code text NOT NULL,
  id uuid NOT NULL,
  member_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  occurred_on date,
  section text NOT NULL,
  type text NOT NULL,
  title text NOT NULL,
  detail jsonb,
  org_id uuid,
  actor_id uuid,
  actor_name text NOT NULL,
  source text NOT NULL DEFAULT 'members',
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, member_id) REFERENCES members(county_code, id)
);
CREATE INDEX member_events_member_idx ON member_events (county_code, member_id, at);
CREATE FUNCTION member_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'member_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER member_events_no_change BEFORE UPDATE OR DELETE ON member_events
  FOR EACH ROW EXECUTE FUNCTION member_events_append_only();

-- Who viewed a member's file (PIPL 45-46: the member sees it).
CREATE TABLE member_views (
  county_code text NOT NULL,
  id uuid NOT NULL,
  member_id uuid NOT NULL,
  viewer_id uuid,
  viewer_name text NOT NULL,
  viewer_roles text NOT NULL DEFAULT '',
  at timestamptz NOT NULL DEFAULT now(),
  what text NOT NULL,
  reason text,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX member_views_member_idx ON member_views (county_code, member_id, at);

CREATE TABLE correction_requests (
  county_code text NOT NULL,
  id uuid NOT NULL,
  member_id uuid NOT NULL,
  org_id uuid NOT NULL,
  field text NOT NULL,
  requested_value text NOT NULL,
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid,
  decided_by_name text,
  decided_at timestamptz,
  decision_note text,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, member_id) REFERENCES members(county_code, id)
);
CREATE INDEX correction_requests_org_idx ON correction_requests (county_code, org_id, status);

-- 发展党员: applicants moving through the stages until they become members.
CREATE TABLE applicants (
  county_code text NOT NULL,
  id uuid NOT NULL,
  org_id uuid NOT NULL,
  name text NOT NULL,
  gender text NOT NULL,
  birth_date date NOT NULL,
  id_number_enc text NOT NULL,
  id_number_index text NOT NULL,
  id_number_tail text NOT NULL,
  stage text NOT NULL,
  applied_on date NOT NULL,
  talked_on date,
  activist_on date,
  candidate_on date,
  training_done_on date,
  political_review_on date,
  publicity_start date,
  publicity_end date,
  admitted_on date,
  approved_on date,
  probation_extended_to date,
  confirmed_on date,
  member_id uuid,
  closed_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, id_number_index),
  FOREIGN KEY (county_code, org_id) REFERENCES organizations(county_code, id)
);
CREATE INDEX applicants_org_idx ON applicants (county_code, org_id, stage);

-- A branch's to-do list: proposals a person decides (e.g. 失联 ≥ 6 months → 停止党籍).
CREATE TABLE org_todos (
  county_code text NOT NULL,
  id uuid NOT NULL,
  org_id uuid NOT NULL,
  kind text NOT NULL,
  member_id uuid,
  title text NOT NULL,
  detail jsonb,
  due_on date,
  status text NOT NULL DEFAULT 'open',
  dedupe_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid,
  decided_at timestamptz,
  decision text,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, dedupe_key),
  FOREIGN KEY (county_code, org_id) REFERENCES organizations(county_code, id)
);
CREATE INDEX org_todos_org_idx ON org_todos (county_code, org_id, status);
