-- Foundation: counties, the organization tree, accounts, grants, sessions, audit trail, jobs.
-- Every large table carries county_code in its primary key (the shard key on Citus later).

CREATE TABLE counties (
  code text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organizations (
  county_code text NOT NULL REFERENCES counties(code),
  id uuid NOT NULL,
  parent_id uuid,
  path text NOT NULL,
  depth integer NOT NULL,
  name text NOT NULL,
  short_name text,
  level text NOT NULL,
  category text,
  code text,
  status text NOT NULL DEFAULT 'active',
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, parent_id) REFERENCES organizations(county_code, id)
);
CREATE INDEX organizations_path_idx ON organizations (county_code, path text_pattern_ops);
CREATE INDEX organizations_parent_idx ON organizations (county_code, parent_id);

CREATE TABLE accounts (
  county_code text NOT NULL REFERENCES counties(code),
  id uuid NOT NULL,
  kind text NOT NULL,
  login_key text NOT NULL,
  display_name text NOT NULL,
  org_id uuid,
  password_hash text NOT NULL,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  must_change_password boolean NOT NULL DEFAULT false,
  failed_count integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  totp_secret text,
  totp_enabled_at timestamptz,
  totp_last_step bigint,
  status text NOT NULL DEFAULT 'active',
  is_demo boolean NOT NULL DEFAULT false,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, login_key),
  FOREIGN KEY (county_code, org_id) REFERENCES organizations(county_code, id)
);
CREATE INDEX accounts_login_key_idx ON accounts (login_key);

CREATE TABLE grants (
  county_code text NOT NULL,
  id uuid NOT NULL,
  account_id uuid NOT NULL,
  role text NOT NULL,
  org_id uuid NOT NULL,
  granted_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, account_id, role, org_id),
  FOREIGN KEY (county_code, account_id) REFERENCES accounts(county_code, id),
  FOREIGN KEY (county_code, org_id) REFERENCES organizations(county_code, id)
);

-- Sessions are looked up by the hash of the cookie token; the token never reaches the database.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  county_code text NOT NULL,
  account_id uuid NOT NULL,
  csrf_token text NOT NULL,
  mfa_ok boolean NOT NULL DEFAULT false,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_account_idx ON sessions (county_code, account_id);

-- Audit trail: append-only, hash-chained per county (SECURITY.md 16-18).
CREATE TABLE audit_heads (
  county_code text PRIMARY KEY,
  seq bigint NOT NULL,
  hash text NOT NULL
);

CREATE TABLE audit_log (
  county_code text NOT NULL,
  seq bigint NOT NULL,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text NOT NULL,
  roles text NOT NULL DEFAULT '',
  ip text,
  action text NOT NULL,
  object_type text,
  object_id text,
  org_id uuid,
  result text NOT NULL,
  reason text,
  detail jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (county_code, seq)
);
CREATE INDEX audit_log_action_idx ON audit_log (county_code, action, at);
CREATE INDEX audit_log_at_idx ON audit_log (county_code, at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Jobs (outbox) and schedules: local to a node's database, not sharded.
CREATE TABLE jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'pending',
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  last_error text,
  locked_at timestamptz,
  locked_by text,
  dedupe_key text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX jobs_due_idx ON jobs (status, run_at);

CREATE TABLE job_schedules (
  name text PRIMARY KEY,
  cron text NOT NULL,
  job_name text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  enabled boolean NOT NULL DEFAULT true,
  next_run_at timestamptz NOT NULL,
  last_run_at timestamptz
);
