-- Dues (issue 5): online payment through a payment-provider adapter (docs/DUES.md "Online payment").
-- An order (one member's open bills, paid by the member or their proxy payer) goes to the provider; the
-- provider's signed callback settles it. Payments of an order are ordinary dues_payments rows with
-- channel 'online', sharing one receipt number and pointing back to the order.

-- An online order. state: pending → paid | failed | expired | cancelled, or refund_required when the
-- provider took money the order could not credit (a late callback for an expired or cancelled order,
-- bills settled meanwhile, an amount other than the order's): outcome and reason say why.
CREATE TABLE dues_online_orders (
  county_code text NOT NULL,
  id uuid NOT NULL,
  -- Whose bills the order pays.
  member_id uuid NOT NULL,
  -- Who pays: the member themself or their proxy payer (dues_profiles.proxy_payer_id).
  payer_member_id uuid NOT NULL,
  org_id uuid NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  provider text NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'paid', 'failed', 'expired', 'cancelled', 'refund_required')),
  -- The provider's transaction number of the notification that settled the order.
  provider_txn_no text,
  outcome text,
  reason text,
  receipt_no text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  paid_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, provider_txn_no),
  CHECK ((state = 'paid') = (receipt_no IS NOT NULL)),
  CHECK (state NOT IN ('paid', 'refund_required') OR provider_txn_no IS NOT NULL),
  FOREIGN KEY (county_code, member_id) REFERENCES members(county_code, id),
  FOREIGN KEY (county_code, payer_member_id) REFERENCES members(county_code, id)
);
CREATE INDEX dues_online_orders_payer_idx ON dues_online_orders (county_code, payer_member_id, created_at);
CREATE INDEX dues_online_orders_member_idx ON dues_online_orders (county_code, member_id, state);
-- The provider's callback names the order only (a public route, no session, so no county): found by id.
CREATE INDEX dues_online_orders_id_idx ON dues_online_orders (id);

-- The bills of an order and the amount each was to receive (what was still due when it was made).
CREATE TABLE dues_online_order_bills (
  county_code text NOT NULL,
  order_id uuid NOT NULL,
  bill_id uuid NOT NULL,
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  PRIMARY KEY (county_code, order_id, bill_id),
  FOREIGN KEY (county_code, order_id) REFERENCES dues_online_orders(county_code, id),
  FOREIGN KEY (county_code, bill_id) REFERENCES dues_bills(county_code, id)
);
CREATE INDEX dues_online_order_bills_bill_idx ON dues_online_order_bills (county_code, bill_id);

-- Every verified provider notification, once per transaction number (a replay finds its row and changes
-- nothing): outcome paid, failed, amount_mismatch, refund_required or ignored, with the reason.
CREATE TABLE dues_online_notifications (
  county_code text NOT NULL,
  id uuid NOT NULL,
  order_id uuid NOT NULL,
  provider text NOT NULL,
  provider_txn_no text NOT NULL,
  amount_fen bigint NOT NULL,
  status text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('paid', 'failed', 'amount_mismatch', 'refund_required', 'ignored')),
  reason text,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, provider, provider_txn_no),
  FOREIGN KEY (county_code, order_id) REFERENCES dues_online_orders(county_code, id)
);
CREATE INDEX dues_online_notifications_order_idx ON dues_online_notifications (county_code, order_id);

-- Payments: channel 'online', linked to their order. The channel CHECK of 0013 is unnamed; PostgreSQL (and
-- PGlite) named it dues_payments_channel_check. Only 'bank' carries a bank_txn_no (unchanged); exactly the
-- 'online' rows carry an order (a reversing entry keeps its original's order).
ALTER TABLE dues_payments DROP CONSTRAINT dues_payments_channel_check;
ALTER TABLE dues_payments ADD CONSTRAINT dues_payments_channel_check CHECK (channel IN ('cash', 'transfer', 'bank', 'online'));
ALTER TABLE dues_payments ADD COLUMN online_order_id uuid;
ALTER TABLE dues_payments ADD CONSTRAINT dues_payments_online_order_check CHECK ((channel = 'online') = (online_order_id IS NOT NULL));
ALTER TABLE dues_payments ADD CONSTRAINT dues_payments_online_order_fk FOREIGN KEY (county_code, online_order_id) REFERENCES dues_online_orders(county_code, id);
