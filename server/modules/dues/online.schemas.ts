import { z } from 'zod';
import { NOTIFICATION_OUTCOMES, ONLINE_ORDER_STATES } from './online.tables.ts';

/** POST /api/my/dues/online-orders: the bills to pay (one member's: the caller's own or of a member they pay for). */
export const CreateOrderBody = z.strictObject({ billIds: z.array(z.uuid()).min(1).max(12) });

export const OrderParams = z.strictObject({ id: z.uuid() });
export const SimParams = z.strictObject({ orderId: z.uuid() });

/** The answer of a new order: where the payer pays, and until when. */
export const CreatedOrderDto = z.object({ orderId: z.string(), amountFen: z.number().int(), payUrl: z.string(), expiresAt: z.string() });

/** An online order as its payer (or the member whose bills it pays) sees it. */
export const OrderDto = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  payerMemberId: z.string(),
  payerName: z.string(),
  amountFen: z.number().int(),
  provider: z.string(),
  state: z.enum(ONLINE_ORDER_STATES),
  /** Why the order ended as it did (paid, cancelled, expired, provider_failed, amount_mismatch, bills_settled…). */
  outcome: z.string().nullable(),
  reason: z.string().nullable(),
  /** The receipt number of the payments (state paid). */
  receiptNo: z.string().nullable(),
  providerTxnNo: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  paidAt: z.string().nullable(),
  bills: z.array(z.object({ billId: z.string(), month: z.string(), amountFen: z.number().int() })),
  /** The caller may pay or cancel it (the payer, while pending). */
  payable: z.boolean(),
});

/** GET /api/my/dues/online: what the caller may pay online (own bills and those of members they pay for) and their recent orders. */
export const MyOnlineDto = z.object({
  provider: z.string(),
  expiresMinutes: z.number().int(),
  /** The earliest month still payable (补交: at most 6 months back). */
  earliestMonth: z.string(),
  payable: z.array(
    z.object({
      memberId: z.string(),
      memberName: z.string(),
      /** The caller's own bills (false: a member the caller pays for by proxy). */
      self: z.boolean(),
      bills: z.array(z.object({ id: z.string(), month: z.string(), amountFen: z.number().int(), paidFen: z.number().int(), remainingFen: z.number().int(), pendingOrderId: z.string().nullable() })),
    }),
  ),
  orders: z.array(OrderDto),
});

/** The callback's answer to the provider: stored (SUCCESS), with what became of it. */
export const CallbackAnswerDto = z.object({
  code: z.literal('SUCCESS'),
  outcome: z.enum(NOTIFICATION_OUTCOMES),
  orderState: z.enum(ONLINE_ORDER_STATES),
  /** The same transaction was notified before: nothing changed. */
  duplicate: z.boolean(),
});
