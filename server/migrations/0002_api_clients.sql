-- API clients (kiosks, other government systems): own credentials, limited to named routes,
-- HMAC-signed requests with timestamp and nonce (SECURITY.md 5).
CREATE TABLE api_clients (
  county_code text NOT NULL,
  id uuid NOT NULL,
  key_id text NOT NULL,
  name text NOT NULL,
  org_id uuid NOT NULL,
  secret_enc text NOT NULL,
  routes text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'active',
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, key_id),
  FOREIGN KEY (county_code, org_id) REFERENCES organizations(county_code, id)
);
CREATE INDEX api_clients_key_idx ON api_clients (key_id);

-- Nonces seen per client; a second request with the same nonce is a replay.
CREATE TABLE api_nonces (
  county_code text NOT NULL,
  client_id uuid NOT NULL,
  nonce text NOT NULL,
  seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, client_id, nonce)
);
CREATE INDEX api_nonces_seen_idx ON api_nonces (seen_at);
