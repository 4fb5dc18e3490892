// The payment-provider adapter of online dues payment (docs/DUES.md "Online payment"). Hongyun talks to a
// provider through this interface only: it asks for a payment of an order (the provider answers where the
// payer pays), and it hands the provider's asynchronous notification (the callback, as received) to the
// adapter, which verifies it and answers what it says. The one adapter here is the simulator of the demo
// and the tests: HMAC-SHA256 over the timestamp and the raw body with a shared secret.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../core/errors/app-error.ts';

/** What Hongyun asks a provider to collect. */
export type PaymentRequest = {
  orderId: string;
  /** 分 (integer): providers take amounts in the smallest unit (WeChat Pay `amount.total`, UnionPay `txnAmt`). */
  amountFen: number;
  /** What the payer sees (e.g. "党费 2026-10、2026-11"). */
  description: string;
  expiresAt: Date;
};

/** A notification the adapter verified: the order, the provider's transaction number, the amount, the result. */
export type VerifiedNotification = {
  orderId: string;
  providerTxnNo: string;
  amountFen: number;
  /** success: the money was taken; failed: the payment failed or was closed at the provider. */
  status: 'success' | 'failed';
};

/**
 * A payment provider. A real adapter (WeChat Pay, UnionPay, a bank's aggregated QR) implements:
 * - `createPayment`: calls the provider's order API (WeChat Pay v3 `POST /v3/pay/transactions/h5` or
 *   `jsapi`; UnionPay `frontTransReq`) with the order id as the merchant's order number, the amount in 分,
 *   the expiry and the notify URL `/api/dues/online/callback`, and answers where the payer goes.
 * - `verifyCallback`: checks the provider's signature over the raw body (WeChat Pay: the platform
 *   certificate's RSA/SM2 signature of `timestamp\nnonce\nbody\n` in `Wechatpay-Signature`, then decrypts
 *   `resource` with the APIv3 key; UnionPay: the `signature` field), refuses stale timestamps, and answers
 *   the verified notification — or throws an AppError (401 for a bad or stale signature, 400 for a body it
 *   cannot read). It must not trust anything of the body before the signature is checked.
 * The service then stores the notification once per transaction number (a replay changes nothing) and
 * answers success only after storing it, so the provider retries until Hongyun has it.
 */
export interface PaymentProvider {
  readonly name: string;
  createPayment(order: PaymentRequest): Promise<{ payUrl: string }>;
  verifyCallback(rawBody: string, headers: Record<string, string | string[] | undefined>): VerifiedNotification;
}

/** A notification older (or further ahead) than this is refused: a replay of an old capture. */
export const CALLBACK_MAX_AGE_SECONDS = 300;
export const SIM_SIGNATURE_HEADER = 'x-sim-signature';
export const SIM_TIMESTAMP_HEADER = 'x-sim-timestamp';

/** The simulator's notification body (JSON). */
const SimNotification = z.strictObject({
  orderId: z.uuid(),
  txnNo: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/),
  amountFen: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  status: z.enum(['success', 'failed']),
});

const header = (h: Record<string, string | string[] | undefined>, name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/** The simulator's signature: lowercase hex HMAC-SHA256 of `timestamp + "\n" + rawBody`. */
export const simSignature = (secret: string, timestamp: string, rawBody: string) => createHmac('sha256', secret).update(`${timestamp}\n${rawBody}`).digest('hex');

/**
 * The payment simulator: a cashier page of the console (/pay-sim/:orderId) stands in for the provider's;
 * its confirm builds and signs a notification with `buildCallback` and posts it to the real callback route.
 */
export function simulatorProvider(secret: string) {
  const provider = {
    name: 'simulator',
    async createPayment(order: PaymentRequest) {
      return { payUrl: `/pay-sim/${order.orderId}` };
    },
    verifyCallback(rawBody: string, headers: Record<string, string | string[] | undefined>): VerifiedNotification {
      const sig = header(headers, SIM_SIGNATURE_HEADER);
      const ts = header(headers, SIM_TIMESTAMP_HEADER);
      if (!sig || !ts) throw new AppError(401, 'DUES_ONLINE_SIGNATURE_MISSING');
      const want = Buffer.from(simSignature(secret, ts, rawBody), 'hex');
      const got = /^[0-9a-f]{64}$/i.test(sig) ? Buffer.from(sig, 'hex') : Buffer.alloc(0);
      if (got.length !== want.length || !timingSafeEqual(got, want)) throw new AppError(401, 'DUES_ONLINE_SIGNATURE_INVALID');
      const at = /^\d{1,12}$/.test(ts) ? Number(ts) : Number.NaN;
      if (!Number.isFinite(at) || Math.abs(Date.now() / 1000 - at) > CALLBACK_MAX_AGE_SECONDS)
        throw new AppError(401, 'DUES_ONLINE_SIGNATURE_STALE', { seconds: CALLBACK_MAX_AGE_SECONDS });
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        json = undefined;
      }
      const n = SimNotification.safeParse(json);
      if (!n.success) throw new AppError(400, 'DUES_ONLINE_CALLBACK_MALFORMED');
      return { orderId: n.data.orderId, providerTxnNo: n.data.txnNo, amountFen: n.data.amountFen, status: n.data.status };
    },
    /** What the simulated provider sends for a payment: the body, its headers (signed now, unless `at` says when). */
    buildCallback(n: { orderId: string; amountFen: number; status: 'success' | 'failed'; txnNo?: string }, at = Math.floor(Date.now() / 1000)) {
      const body = JSON.stringify({ orderId: n.orderId, txnNo: n.txnNo ?? `SIM${randomUUID().replaceAll('-', '').slice(0, 24)}`, amountFen: n.amountFen, status: n.status });
      const timestamp = String(at);
      return { body, headers: { 'content-type': 'application/json', [SIM_TIMESTAMP_HEADER]: timestamp, [SIM_SIGNATURE_HEADER]: simSignature(secret, timestamp, body) } };
    },
  };
  return provider satisfies PaymentProvider;
}

export type SimulatorProvider = ReturnType<typeof simulatorProvider>;

/**
 * The simulator's secret: HONGYUN_PAY_SIM_SECRET (config.paySimSecret), else one generated per process —
 * enough for the demo and the tests, where the cashier and the callback run in the same process.
 */
export const simulatorSecret = (configured: string | undefined) => configured || randomBytes(32).toString('hex');
