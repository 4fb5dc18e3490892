import { z } from 'zod';
import { PageQuery } from '../../core/http/pagination.ts';
import { Month } from './profiles.schemas.ts';

/** Channels a treasurer enters by hand (bank payments come from the bank files). */
export const MANUAL_CHANNELS = ['cash', 'transfer'] as const;
export const PAYMENT_CHANNELS = ['cash', 'transfer', 'bank', 'online'] as const;
export const PAYMENT_KINDS = ['bill', 'voluntary', 'reversal'] as const;

/** POST /api/dues/payments: one entry (one receipt) for one or more months of a member, and/or a voluntary amount. */
export const PaymentBody = z.strictObject({
  memberId: z.uuid(),
  channel: z.enum(MANUAL_CHANNELS),
  /** The months paid; each pays what is still due unless `amountFen` (分) says less (a partial payment). */
  bills: z.array(z.strictObject({ month: Month, amountFen: z.number().optional() })).max(12).default([]),
  /** A voluntary extra payment in 分 (no cap; over 1,000 元 it is flagged for remittance to the centre). */
  voluntaryFen: z.number().optional(),
  note: z.string().trim().max(200).optional(),
});

/** POST /api/dues/payments/:id/reversal. */
export const ReversalBody = z.strictObject({ reason: z.string().trim().min(1).max(200) });

export const PaymentParams = z.strictObject({ id: z.uuid() });

/** GET /api/dues/payments: a member's payments (newest first). */
export const PaymentListQuery = z.strictObject({ memberId: z.uuid(), ...PageQuery.shape });

/** One payment row. */
export const PaymentDto = z.object({
  id: z.string(),
  memberId: z.string(),
  orgId: z.string(),
  kind: z.enum(PAYMENT_KINDS),
  channel: z.enum(PAYMENT_CHANNELS),
  billId: z.string().nullable(),
  month: z.string().nullable(),
  /** 分; negative for a reversing entry. */
  amountFen: z.number().int(),
  receiptNo: z.string().nullable(),
  bankFileId: z.string().nullable(),
  bankTxnNo: z.string().nullable(),
  reversesId: z.string().nullable(),
  /** This payment has been reversed (by the entry with this id). */
  reversedBy: z.string().nullable(),
  reason: z.string().nullable(),
  remitToCentre: z.boolean(),
  note: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
});

/** The answer of an entry: its receipt and rows, and the bills as they now stand. */
export const PaymentResultDto = z.object({
  receiptNo: z.string(),
  payments: z.array(PaymentDto),
  bills: z.array(z.object({ id: z.string(), month: z.string(), amountFen: z.number().int().nullable(), paidFen: z.number().int(), state: z.string() })),
});

export const PaymentPageDto = z.object({ items: z.array(PaymentDto), total: z.number().int() });
