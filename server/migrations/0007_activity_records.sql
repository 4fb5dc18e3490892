-- Activity records (会议记录, issue 4): one record per activity with its minutes (sanitized HTML),
-- decisions (重大事项决策) and the 主题党日 checklist; photos, videos and attachments stored by
-- content hash; amendments appended after submission (全程留痕).

-- The record of an activity: a draft until submitted, then frozen (the trigger below refuses any
-- change). The figures of the activity at submission (应到 / 实到 / 请假 / guests) are kept here.
CREATE TABLE activity_records (
  county_code text NOT NULL,
  activity_id uuid NOT NULL,
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted')),
  -- Sanitized on the server with an allow-list (no scripts, handlers, styles or javascript: URLs).
  minutes_html text NOT NULL DEFAULT '',
  -- [{ subject, decision, votesFor, votesAgainst, votesAbstain }]; the outcome is computed (frozen at submission).
  decisions jsonb NOT NULL DEFAULT '[]',
  -- { fixed: [{ label, done }], extra: [{ label, done }] } (主题党日 only).
  checklist jsonb NOT NULL DEFAULT '{"fixed":[],"extra":[]}',
  -- Incremented by every draft save (optimistic concurrency for two editors).
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  updated_name text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  submitted_by uuid,
  submitted_name text,
  submitted_at timestamptz,
  -- Frozen at submission.
  expected_count integer,
  present_count integer,
  leave_count integer,
  guest_count integer,
  -- The 支部党员大会 quorum at submission: the activity's present_count (members of the organization
  -- who checked in) and the 正式党员 in good standing of the organization's subtree.
  quorum_present integer,
  voting_members integer,
  PRIMARY KEY (county_code, activity_id),
  FOREIGN KEY (county_code, activity_id) REFERENCES activities(county_code, id),
  CHECK (state = 'draft' OR (submitted_at IS NOT NULL AND submitted_name IS NOT NULL))
);

-- A submitted record is never changed or deleted (amendments are appended instead).
CREATE FUNCTION activity_records_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state = 'submitted' THEN
    RAISE EXCEPTION 'activity record % is submitted: % refused', OLD.activity_id, TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER activity_records_no_change BEFORE UPDATE OR DELETE ON activity_records
  FOR EACH ROW EXECUTE FUNCTION activity_records_frozen();

-- Amendments to a submitted record, in order; append-only.
CREATE TABLE activity_record_amendments (
  county_code text NOT NULL,
  id uuid NOT NULL,
  activity_id uuid NOT NULL,
  seq integer NOT NULL,
  reason text NOT NULL,
  -- { minutesHtml?: { before, after }, decisions?: { before, after }, checklist?: { before, after } }
  changes jsonb NOT NULL,
  actor_id uuid,
  actor_name text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, activity_id, seq),
  FOREIGN KEY (county_code, activity_id) REFERENCES activity_records(county_code, activity_id)
);

CREATE FUNCTION activity_record_amendments_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'activity_record_amendments is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER activity_record_amendments_no_change BEFORE UPDATE OR DELETE ON activity_record_amendments
  FOR EACH ROW EXECUTE FUNCTION activity_record_amendments_append_only();

-- Photos, videos and attachments of an activity. The bytes live in DATA_DIR/media/<county>/<sha256>
-- (content-addressed: the same file uploaded twice is stored once).
CREATE TABLE activity_media (
  county_code text NOT NULL,
  id uuid NOT NULL,
  activity_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('photo', 'video', 'attachment')),
  -- Detected from the content (magic bytes), never taken from the name or the declared type.
  mime text NOT NULL,
  sha256 text NOT NULL,
  size bigint NOT NULL,
  file_name text NOT NULL,
  width integer,
  height integer,
  -- A small WebP preview of a photo (also content-addressed).
  thumb_sha256 text,
  uploaded_by uuid,
  uploaded_name text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, activity_id) REFERENCES activities(county_code, id)
);
CREATE INDEX activity_media_activity_idx ON activity_media (county_code, activity_id, uploaded_at);
CREATE INDEX activity_media_sha_idx ON activity_media (county_code, sha256);
