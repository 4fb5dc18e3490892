-- The in-app notification centre (通知中心, docs/NOTIFICATIONS.md): notifications written by the modules
-- (dues warnings and reminders first) through notify(), and each account's read state.

-- One notification to one recipient: a member (every account linked to the member through
-- accounts.member_id), one account, or an organization (the accounts granted an officer role exactly at
-- it). The texts are stored in both languages as the producer rendered them; kind + params keep the
-- machine-readable facts. dedupe_key makes the producers idempotent: the same key in a county is one row.
CREATE TABLE notifications (
  county_code text NOT NULL,
  id uuid NOT NULL,
  recipient_kind text NOT NULL CHECK (recipient_kind IN ('member', 'account', 'org')),
  member_id uuid,
  account_id uuid,
  org_id uuid,
  -- A stable code of what happened, e.g. 'dues.arrears_3', 'dues.reminder'.
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$' AND length(kind) <= 64),
  params jsonb NOT NULL DEFAULT '{}'::jsonb,
  title_zh text NOT NULL CHECK (length(title_zh) BETWEEN 1 AND 200),
  title_en text NOT NULL CHECK (length(title_en) BETWEEN 1 AND 200),
  body_zh text NOT NULL DEFAULT '' CHECK (length(body_zh) <= 2000),
  body_en text NOT NULL DEFAULT '' CHECK (length(body_en) <= 2000),
  -- A path of the console ('/dues/bills?month=2026-05'); never another site.
  link text CHECK (link IS NULL OR (link ~ '^/([^/\\]|$)' AND length(link) <= 500)),
  severity text NOT NULL DEFAULT 'info' CHECK (severity IN ('info', 'warning', 'danger')),
  dedupe_key text NOT NULL CHECK (length(dedupe_key) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, dedupe_key),
  CHECK (
    (recipient_kind = 'member' AND member_id IS NOT NULL AND account_id IS NULL AND org_id IS NULL)
    OR (recipient_kind = 'account' AND account_id IS NOT NULL AND member_id IS NULL AND org_id IS NULL)
    OR (recipient_kind = 'org' AND org_id IS NOT NULL AND member_id IS NULL AND account_id IS NULL)
  ),
  FOREIGN KEY (county_code, member_id) REFERENCES members(county_code, id),
  FOREIGN KEY (county_code, account_id) REFERENCES accounts(county_code, id),
  FOREIGN KEY (county_code, org_id) REFERENCES organizations(county_code, id)
);
-- "My notifications", newest first: one index per recipient column (the query ORs the three).
CREATE INDEX notifications_member_idx ON notifications (county_code, member_id, created_at DESC, id DESC) WHERE member_id IS NOT NULL;
CREATE INDEX notifications_account_idx ON notifications (county_code, account_id, created_at DESC, id DESC) WHERE account_id IS NOT NULL;
CREATE INDEX notifications_org_idx ON notifications (county_code, org_id, created_at DESC, id DESC) WHERE org_id IS NOT NULL;

-- Read state, per account: an organization's notification is read separately by each of its officers.
CREATE TABLE notification_reads (
  county_code text NOT NULL,
  notification_id uuid NOT NULL,
  account_id uuid NOT NULL,
  read_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, notification_id, account_id),
  FOREIGN KEY (county_code, notification_id) REFERENCES notifications(county_code, id) ON DELETE CASCADE,
  FOREIGN KEY (county_code, account_id) REFERENCES accounts(county_code, id)
);
