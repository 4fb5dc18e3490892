// Online payment of dues (server/modules/dues/online.*; docs/DUES.md "Online payment"): what the member
// may pay online, orders, and the payment simulator's cashier.
import { api } from './client';

export type OnlineOrderState = 'pending' | 'paid' | 'failed' | 'expired' | 'cancelled' | 'refund_required';

/** An online order. */
export type OnlineOrder = {
  id: string;
  memberId: string;
  memberName: string;
  payerMemberId: string;
  payerName: string;
  amountFen: number;
  provider: string;
  state: OnlineOrderState;
  outcome: string | null;
  reason: string | null;
  receiptNo: string | null;
  providerTxnNo: string | null;
  createdAt: string;
  expiresAt: string;
  paidAt: string | null;
  bills: { billId: string; month: string; amountFen: number }[];
  payable: boolean;
};

/** A bill payable online. */
export type PayableBill = { id: string; month: string; amountFen: number; paidFen: number; remainingFen: number; pendingOrderId: string | null };

/** GET /api/my/dues/online. */
export type MyOnline = {
  provider: string;
  expiresMinutes: number;
  earliestMonth: string;
  payable: { memberId: string; memberName: string; self: boolean; bills: PayableBill[] }[];
  orders: OnlineOrder[];
};

export const getMyOnline = () => api.get<MyOnline>('/api/my/dues/online');
export const createOnlineOrder = (billIds: string[]) =>
  api.post<{ orderId: string; amountFen: number; payUrl: string; expiresAt: string }>('/api/my/dues/online-orders', { billIds });
export const getOnlineOrder = (id: string) => api.get<OnlineOrder>(`/api/my/dues/online-orders/${encodeURIComponent(id)}`);
export const confirmSimPayment = (id: string) => api.post<OnlineOrder>(`/api/dues/pay-sim/${encodeURIComponent(id)}/confirm`);
export const cancelSimPayment = (id: string) => api.post<OnlineOrder>(`/api/dues/pay-sim/${encodeURIComponent(id)}/cancel`);
