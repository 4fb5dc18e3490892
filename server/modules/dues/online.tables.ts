import { bigint, index, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** Online order states (see 0015_dues_online.sql; docs/DUES.md "Online payment"). */
export const ONLINE_ORDER_STATES = ['pending', 'paid', 'failed', 'expired', 'cancelled', 'refund_required'] as const;
export type OnlineOrderState = (typeof ONLINE_ORDER_STATES)[number];
/** What became of a verified provider notification. */
export const NOTIFICATION_OUTCOMES = ['paid', 'failed', 'amount_mismatch', 'refund_required', 'ignored'] as const;
export type NotificationOutcome = (typeof NOTIFICATION_OUTCOMES)[number];

/** An online order: one member's open bills, paid by the member or their proxy payer through a provider. */
export const duesOnlineOrders = pgTable(
  'dues_online_orders',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    memberId: uuid('member_id').notNull(),
    payerMemberId: uuid('payer_member_id').notNull(),
    orgId: uuid('org_id').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    provider: text('provider').notNull(),
    state: text('state').notNull().default('pending').$type<OnlineOrderState>(),
    providerTxnNo: text('provider_txn_no'),
    outcome: text('outcome'),
    reason: text('reason'),
    receiptNo: text('receipt_no'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    unique().on(t.countyCode, t.providerTxnNo),
    index('dues_online_orders_payer_idx').on(t.countyCode, t.payerMemberId, t.createdAt),
    index('dues_online_orders_member_idx').on(t.countyCode, t.memberId, t.state),
    index('dues_online_orders_id_idx').on(t.id),
  ],
);

/** The bills of an order with the amount each was to receive. */
export const duesOnlineOrderBills = pgTable(
  'dues_online_order_bills',
  {
    countyCode: text('county_code').notNull(),
    orderId: uuid('order_id').notNull(),
    billId: uuid('bill_id').notNull(),
    month: text('month').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.orderId, t.billId] }), index('dues_online_order_bills_bill_idx').on(t.countyCode, t.billId)],
);

/** Every verified provider notification, once per transaction number. */
export const duesOnlineNotifications = pgTable(
  'dues_online_notifications',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    provider: text('provider').notNull(),
    providerTxnNo: text('provider_txn_no').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    status: text('status').notNull(),
    outcome: text('outcome').notNull().$type<NotificationOutcome>(),
    reason: text('reason'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    unique().on(t.countyCode, t.provider, t.providerTxnNo),
    index('dues_online_notifications_order_idx').on(t.countyCode, t.orderId),
  ],
);
