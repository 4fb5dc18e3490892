-- Activities and check-in (issue 4): activity types, the 主题党日 checklist per organization
-- category, activities with their invitations, leave requests and attendance counters, check-ins
-- from every channel (append-only), kiosk devices, card revocations and the county's signing keys
-- for member QR codes.

-- The fixed day of the month of a branch's 主题党日 (1-28); null means the county default.
ALTER TABLE organizations ADD COLUMN theme_day smallint CHECK (theme_day BETWEEN 1 AND 28);

-- Reference data: the same codes in every county (the rules and rollups key on them).
CREATE TABLE activity_types (
  code text PRIMARY KEY,
  name_zh text NOT NULL,
  name_en text NOT NULL,
  sort smallint NOT NULL,
  -- Part of 三会一课 (支部党员大会, 支委会, 党小组会, 党课).
  three_meetings boolean NOT NULL DEFAULT false,
  -- Has the 5+X / 4+X checklist.
  has_checklist boolean NOT NULL DEFAULT false,
  -- Obliged members are expected (应到); false for open activities such as volunteering.
  counts_attendance boolean NOT NULL DEFAULT true
);
INSERT INTO activity_types (code, name_zh, name_en, sort, three_meetings, has_checklist, counts_attendance) VALUES
  ('branch_assembly', '支部党员大会', 'Branch general meeting', 1, true, false, true),
  ('committee', '支委会', 'Branch committee meeting', 2, true, false, true),
  ('group_meeting', '党小组会', 'Party group meeting', 3, true, false, true),
  ('party_lecture', '党课', 'Party lecture', 4, true, false, true),
  ('theme_day', '主题党日', 'Theme party day', 5, false, true, true),
  ('life_meeting', '组织生活会', 'Organizational life meeting', 6, false, false, true),
  ('evaluation', '民主评议会', 'Democratic evaluation meeting', 7, false, false, true),
  ('volunteer', '志愿服务', 'Volunteer service', 8, false, false, false),
  ('other', '其他活动', 'Other activity', 9, false, false, false);

-- The fixed items of the 主题党日 checklist per organization category (5+X or 4+X), editable by
-- the county; a category without rows uses the defaults of DOMAIN §3 (common/activity-rules.ts).
CREATE TABLE theme_day_items (
  county_code text NOT NULL,
  category text NOT NULL,
  seq smallint NOT NULL,
  label text NOT NULL,
  PRIMARY KEY (county_code, category, seq)
);

CREATE TABLE activities (
  county_code text NOT NULL,
  id uuid NOT NULL,
  org_id uuid NOT NULL,
  type text NOT NULL REFERENCES activity_types(code),
  title text NOT NULL,
  agenda text,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  -- Check-in is accepted in [checkin_from, checkin_until].
  checkin_from timestamptz NOT NULL,
  checkin_until timestamptz NOT NULL,
  place text,
  -- A 红色驿站 (an organization of that level) where it takes place.
  station_org_id uuid,
  host_name text,
  recorder_name text,
  lecturer text,
  -- Members far away may check in remotely and join the online room.
  remote_allowed boolean NOT NULL DEFAULT true,
  -- planned → cancelled; the record's submission locks it (activity_records).
  state text NOT NULL DEFAULT 'planned',
  cancel_reason text,
  -- Set when the record is submitted: the activity's fields are locked from then on (amendments only).
  locked_at timestamptz,
  -- Counters kept on the write path (never a scan of check-ins): members of the host present,
  -- guests (非隶属), remote, manual (补签).
  present_count integer NOT NULL DEFAULT 0,
  guest_count integer NOT NULL DEFAULT 0,
  remote_count integer NOT NULL DEFAULT 0,
  manual_count integer NOT NULL DEFAULT 0,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, org_id) REFERENCES organizations(county_code, id),
  CHECK (ends_at > starts_at),
  CHECK (checkin_until > checkin_from)
);
CREATE INDEX activities_org_idx ON activities (county_code, org_id, starts_at DESC);
CREATE INDEX activities_time_idx ON activities (county_code, starts_at);

-- Invited members or organizations (added to 应到).
CREATE TABLE activity_invites (
  county_code text NOT NULL,
  activity_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('member', 'org')),
  target_id uuid NOT NULL,
  PRIMARY KEY (county_code, activity_id, kind, target_id),
  FOREIGN KEY (county_code, activity_id) REFERENCES activities(county_code, id)
);

-- 请假: requested by the member or the secretary, approved or rejected by the secretary.
CREATE TABLE activity_leaves (
  county_code text NOT NULL,
  id uuid NOT NULL,
  activity_id uuid NOT NULL,
  member_id uuid NOT NULL,
  reason text NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
  requested_by uuid,
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid,
  decided_name text,
  decided_at timestamptz,
  decision_note text,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, activity_id, member_id),
  FOREIGN KEY (county_code, activity_id) REFERENCES activities(county_code, id)
);

-- Check-ins: one per member and activity, one per client nonce; append-only (全程留痕).
CREATE TABLE checkins (
  county_code text NOT NULL,
  id uuid NOT NULL,
  activity_id uuid NOT NULL,
  member_id uuid NOT NULL,
  host_org_id uuid NOT NULL,
  home_org_id uuid NOT NULL,
  -- The member belongs to the host's subtree (隶属) or is a guest (非隶属).
  affiliated boolean NOT NULL,
  channel text NOT NULL CHECK (channel IN ('card', 'chip', 'member_qr', 'activity_qr', 'remote', 'manual')),
  device_id text,
  device_time timestamptz,
  server_time timestamptz NOT NULL DEFAULT now(),
  nonce text NOT NULL,
  -- Uploaded later from a kiosk's offline queue.
  offline boolean NOT NULL DEFAULT false,
  recorded_by uuid,
  recorded_name text,
  reason text,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, activity_id, member_id),
  UNIQUE (county_code, nonce)
);
CREATE INDEX checkins_member_idx ON checkins (county_code, member_id, server_time DESC);
CREATE INDEX checkins_home_idx ON checkins (county_code, home_org_id, server_time DESC);

CREATE FUNCTION checkins_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'checkins is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER checkins_no_change BEFORE UPDATE OR DELETE ON checkins
  FOR EACH ROW EXECUTE FUNCTION checkins_append_only();

-- Kiosks: an API client bound to an organization and a place.
CREATE TABLE checkin_devices (
  county_code text NOT NULL,
  client_id uuid NOT NULL,
  org_id uuid NOT NULL,
  place text,
  station_org_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, client_id),
  FOREIGN KEY (county_code, client_id) REFERENCES api_clients(county_code, id),
  FOREIGN KEY (county_code, org_id) REFERENCES organizations(county_code, id)
);

-- Lost or replaced member cards: refused at every kiosk (the list is synced to kiosks).
CREATE TABLE card_revocations (
  county_code text NOT NULL,
  card_no text NOT NULL,
  member_id uuid,
  reason text NOT NULL,
  revoked_by uuid,
  revoked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, card_no)
);

-- The county's Ed25519 keys that sign member QR codes; the private key is encrypted.
CREATE TABLE signing_keys (
  county_code text NOT NULL,
  kid text NOT NULL,
  public_key text NOT NULL,
  private_key_enc text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz,
  PRIMARY KEY (county_code, kid)
);

-- A chip UID identifies one member (stored normalized: upper case, no separators).
CREATE UNIQUE INDEX members_chip_idx ON members (county_code, chip_uid);
