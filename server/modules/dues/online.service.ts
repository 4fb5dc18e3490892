// Online payment of dues (docs/DUES.md "Online payment"): a member (or the proxy payer of a member) makes
// an order of open bills, pays it at the provider, and the provider's signed callback settles it. The
// payments are written by payments.service.ts writeEntry (the same receipt numbers, bill states, file entry
// and audit as a treasurer's entry), with channel 'online' and the order linked. Every verified
// notification is stored once per transaction number: a replay changes nothing. Orders expire lazily: a
// pending order past its expiry is marked expired when it is next read, and a callback for it is recorded
// as needing a refund.
import { and, asc, desc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { formatFen } from '../../../common/dues.ts';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { AppError, conflict, notFound } from '../../core/errors/app-error.ts';
import type { ErrorCode } from '../../core/errors/messages.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Tx } from '../../core/services.ts';
import { selfMember } from '../members/members.repo.ts';
import { members } from '../members/members.tables.ts';
import { addMonthsTo, currentMonth, monthsBetween } from './bills.rules.ts';
import { duesBills, duesProfiles } from './dues.tables.ts';
import type { PaymentProvider, VerifiedNotification } from './online.provider.ts';
import type { CreateOrderBody } from './online.schemas.ts';
import { type NotificationOutcome, type OnlineOrderState, duesOnlineNotifications, duesOnlineOrderBills, duesOnlineOrders } from './online.tables.ts';
import { BACKPAY_MONTHS, writeEntry } from './payments.service.ts';

/** An order not paid within this many minutes expires. */
export const ORDER_MINUTES = 15;

type Order = typeof duesOnlineOrders.$inferSelect;

const fieldError = (status: number, field: string, code: ErrorCode, params: Record<string, unknown> = {}) => new AppError(status, code, params, [{ path: field, code, params }]);

/** The member behind the caller's account (self scope), or 404. */
async function me(ctx: Ctx, tx: Tx = ctx.services.db) {
  const r = await selfMember(ctx, tx);
  if (!r) throw notFound();
  return r.m;
}

/** The members whose dues the caller pays by proxy (dues_profiles.proxy_payer_id). */
async function proxiedBy(tx: Tx, countyCode: string, payerId: string) {
  const rows = await tx.select({ id: duesProfiles.memberId }).from(duesProfiles).where(and(eq(duesProfiles.countyCode, countyCode), eq(duesProfiles.proxyPayerId, payerId)));
  return new Set(rows.map((r) => r.id));
}

/** Marks pending orders past their expiry as expired (lazy expiry), for the given orders or a payer's. */
async function expireDue(tx: Tx, countyCode: string, where: { payerOrMember?: string; orderId?: string }) {
  await tx
    .update(duesOnlineOrders)
    .set({ state: 'expired', outcome: 'expired', reason: `${ORDER_MINUTES} 分钟内未支付，订单失效`, updatedAt: new Date() })
    .where(
      and(
        eq(duesOnlineOrders.countyCode, countyCode),
        eq(duesOnlineOrders.state, 'pending'),
        lte(duesOnlineOrders.expiresAt, new Date()),
        where.orderId ? eq(duesOnlineOrders.id, where.orderId) : undefined,
        where.payerOrMember ? or(eq(duesOnlineOrders.payerMemberId, where.payerOrMember), eq(duesOnlineOrders.memberId, where.payerOrMember)) : undefined,
      ),
    );
}

/**
 * POST /api/my/dues/online-orders: an order of bills of one member — the caller's own or of a member whose
 * proxy payer the caller is (any other bill is 404, like a missing one). Each bill must have an amount,
 * something still due, not be waived, lie within the 补交 window (6 months back) and not be in another
 * pending order. The total is what is still due. The provider then says where the payer pays.
 */
export async function createOrder(ctx: Ctx, provider: PaymentProvider, body: z.infer<typeof CreateOrderBody>) {
  const payer = await me(ctx);
  const county = payer.countyCode;
  const month = currentMonth();
  const earliest = addMonthsTo(month, -BACKPAY_MONTHS);
  const order = await ctx.services.db.transaction(async (tx) => {
    const proxied = await proxiedBy(tx, county, payer.id);
    const found = await tx
      .select({ b: duesBills, memberOrgId: members.orgId, memberName: members.name })
      .from(duesBills)
      .innerJoin(members, and(eq(members.countyCode, duesBills.countyCode), eq(members.id, duesBills.memberId)))
      .where(and(eq(duesBills.countyCode, county), inArray(duesBills.id, body.billIds)))
      .for('update', { of: duesBills });
    const byId = new Map(found.filter((x) => x.b.memberId === payer.id || proxied.has(x.b.memberId)).map((x) => [x.b.id, x]));
    const seen = new Set<string>();
    const lines: { billId: string; month: string; amountFen: number }[] = [];
    body.billIds.forEach((id, i) => {
      const x = byId.get(id);
      if (!x) throw notFound();
      const b = x.b;
      const field = `body.billIds.${i}`;
      if (seen.has(id)) throw fieldError(400, field, 'DUES_ONLINE_BILL_REPEATED', { month: b.month });
      seen.add(id);
      if (b.state === 'waived') throw fieldError(409, field, 'DUES_BILL_WAIVED', { month: b.month });
      if (b.amountFen === null) throw fieldError(409, field, 'DUES_BILL_NOT_QUOTED', { month: b.month });
      const remainingFen = b.amountFen - b.paidFen;
      if (b.state === 'paid' || remainingFen <= 0) throw fieldError(409, field, 'DUES_BILL_ALREADY_PAID', { month: b.month });
      if (b.month > month) throw fieldError(400, field, 'DUES_MONTH_NOT_STARTED', { month: b.month });
      if (monthsBetween(b.month, month) > BACKPAY_MONTHS) throw fieldError(400, field, 'DUES_BACKPAY_TOO_OLD', { month: b.month, earliest });
      lines.push({ billId: b.id, month: b.month, amountFen: remainingFen });
    });
    const whose = new Set([...byId.values()].map((x) => x.b.memberId));
    if (whose.size > 1) throw fieldError(400, 'body.billIds', 'DUES_ONLINE_MIXED_MEMBERS');
    const owner = [...byId.values()][0];
    await expireDue(tx, county, { payerOrMember: owner.b.memberId });
    const pending = await tx
      .select({ billId: duesOnlineOrderBills.billId, month: duesOnlineOrderBills.month })
      .from(duesOnlineOrderBills)
      .innerJoin(duesOnlineOrders, and(eq(duesOnlineOrders.countyCode, duesOnlineOrderBills.countyCode), eq(duesOnlineOrders.id, duesOnlineOrderBills.orderId)))
      .where(and(eq(duesOnlineOrderBills.countyCode, county), inArray(duesOnlineOrderBills.billId, body.billIds), eq(duesOnlineOrders.state, 'pending')));
    if (pending.length > 0) {
      const i = body.billIds.indexOf(pending[0].billId);
      throw fieldError(409, `body.billIds.${i}`, 'DUES_ONLINE_BILL_PENDING', { month: pending[0].month, minutes: ORDER_MINUTES });
    }
    lines.sort((a, b) => a.month.localeCompare(b.month));
    const amountFen = lines.reduce((s, l) => s + l.amountFen, 0);
    const now = new Date();
    const [o] = await tx
      .insert(duesOnlineOrders)
      .values({
        countyCode: county, id: uuidv7(), memberId: owner.b.memberId, payerMemberId: payer.id, orgId: owner.memberOrgId, amountFen, provider: provider.name, state: 'pending',
        createdBy: ctx.actor?.accountId ?? null, createdAt: now, expiresAt: new Date(now.getTime() + ORDER_MINUTES * 60_000), updatedAt: now,
      })
      .returning();
    await tx.insert(duesOnlineOrderBills).values(lines.map((l) => ({ countyCode: county, orderId: o.id, ...l })));
    await audit(ctx, tx, {
      action: 'dues.online_order', result: 'success', objectType: 'dues_online_order', objectId: o.id, orgId: o.orgId,
      detail: { memberId: o.memberId, payerMemberId: o.payerMemberId, amountFen, months: lines.map((l) => l.month), provider: provider.name },
    });
    return { o, months: lines.map((l) => l.month) };
  });
  const { payUrl } = await provider.createPayment({ orderId: order.o.id, amountFen: order.o.amountFen, description: `党费 ${order.months.join('、')}`, expiresAt: order.o.expiresAt });
  return { orderId: order.o.id, amountFen: order.o.amountFen, payUrl, expiresAt: order.o.expiresAt.toISOString() };
}

/** Orders with their bills and names, as answered. */
async function ordersDto(tx: Tx, rows: Order[], viewerId: string) {
  if (rows.length === 0) return [];
  const county = rows[0].countyCode;
  const ids = rows.map((o) => o.id);
  const bills = await tx.select().from(duesOnlineOrderBills).where(and(eq(duesOnlineOrderBills.countyCode, county), inArray(duesOnlineOrderBills.orderId, ids))).orderBy(asc(duesOnlineOrderBills.month));
  const people = [...new Set(rows.flatMap((o) => [o.memberId, o.payerMemberId]))];
  const names = new Map((await tx.select({ id: members.id, name: members.name }).from(members).where(and(eq(members.countyCode, county), inArray(members.id, people)))).map((m) => [m.id, m.name]));
  return rows.map((o) => ({
    id: o.id,
    memberId: o.memberId,
    memberName: names.get(o.memberId) ?? '',
    payerMemberId: o.payerMemberId,
    payerName: names.get(o.payerMemberId) ?? '',
    amountFen: o.amountFen,
    provider: o.provider,
    state: o.state,
    outcome: o.outcome,
    reason: o.reason,
    receiptNo: o.receiptNo,
    providerTxnNo: o.providerTxnNo,
    createdAt: o.createdAt.toISOString(),
    expiresAt: o.expiresAt.toISOString(),
    paidAt: o.paidAt?.toISOString() ?? null,
    bills: bills.filter((b) => b.orderId === o.id).map((b) => ({ billId: b.billId, month: b.month, amountFen: b.amountFen })),
    payable: o.state === 'pending' && o.payerMemberId === viewerId,
  }));
}

/** An order of the caller (as payer, or the member whose bills it pays), after lazy expiry; else 404. */
async function myOrder(ctx: Ctx, tx: Tx, id: string, asPayer: boolean) {
  const m = await me(ctx, tx);
  await expireDue(tx, m.countyCode, { orderId: id });
  const [o] = await tx
    .select()
    .from(duesOnlineOrders)
    .where(and(eq(duesOnlineOrders.countyCode, m.countyCode), eq(duesOnlineOrders.id, id), asPayer ? eq(duesOnlineOrders.payerMemberId, m.id) : or(eq(duesOnlineOrders.payerMemberId, m.id), eq(duesOnlineOrders.memberId, m.id))));
  if (!o) throw notFound();
  return { o, m };
}

/** GET /api/my/dues/online-orders/:id. */
export async function getOrder(ctx: Ctx, id: string) {
  const db = ctx.services.db;
  const { o, m } = await myOrder(ctx, db, id, false);
  return (await ordersDto(db, [o], m.id))[0];
}

/** GET /api/my/dues/online: the bills the caller may pay online (own and proxied, open, within 补交) and the recent orders. */
export async function myOnline(ctx: Ctx, provider: PaymentProvider) {
  const db = ctx.services.db;
  const m = await me(ctx);
  const county = m.countyCode;
  await expireDue(db, county, { payerOrMember: m.id });
  const proxied = await proxiedBy(db, county, m.id);
  const whose = [m.id, ...proxied];
  const month = currentMonth();
  const earliest = addMonthsTo(month, -BACKPAY_MONTHS);
  const open = await db
    .select({ b: duesBills, name: members.name })
    .from(duesBills)
    .innerJoin(members, and(eq(members.countyCode, duesBills.countyCode), eq(members.id, duesBills.memberId)))
    .where(
      and(
        eq(duesBills.countyCode, county),
        inArray(duesBills.memberId, whose),
        inArray(duesBills.state, ['due', 'partially_paid']),
        sql`${duesBills.amountFen} IS NOT NULL`,
        sql`${duesBills.month} >= ${earliest}`,
        sql`${duesBills.month} <= ${month}`,
      ),
    )
    .orderBy(asc(duesBills.month));
  const pending =
    open.length === 0
      ? []
      : await db
          .select({ billId: duesOnlineOrderBills.billId, orderId: duesOnlineOrderBills.orderId })
          .from(duesOnlineOrderBills)
          .innerJoin(duesOnlineOrders, and(eq(duesOnlineOrders.countyCode, duesOnlineOrderBills.countyCode), eq(duesOnlineOrders.id, duesOnlineOrderBills.orderId)))
          .where(and(eq(duesOnlineOrderBills.countyCode, county), inArray(duesOnlineOrderBills.billId, open.map((x) => x.b.id)), eq(duesOnlineOrders.state, 'pending')));
  const pendingOf = new Map(pending.map((p) => [p.billId, p.orderId]));
  const payable = whose
    .map((id) => {
      const bills = open.filter((x) => x.b.memberId === id && (x.b.amountFen as number) > x.b.paidFen);
      return {
        memberId: id,
        memberName: id === m.id ? m.name : (bills[0]?.name ?? ''),
        self: id === m.id,
        bills: bills.map((x) => ({ id: x.b.id, month: x.b.month, amountFen: x.b.amountFen as number, paidFen: x.b.paidFen, remainingFen: (x.b.amountFen as number) - x.b.paidFen, pendingOrderId: pendingOf.get(x.b.id) ?? null })),
      };
    })
    .filter((p) => p.self || p.bills.length > 0);
  const rows = await db
    .select()
    .from(duesOnlineOrders)
    .where(and(eq(duesOnlineOrders.countyCode, county), or(eq(duesOnlineOrders.payerMemberId, m.id), eq(duesOnlineOrders.memberId, m.id))))
    .orderBy(desc(duesOnlineOrders.createdAt))
    .limit(20);
  return { provider: provider.name, expiresMinutes: ORDER_MINUTES, earliestMonth: earliest, payable, orders: await ordersDto(db, rows, m.id) };
}

/** POST /api/dues/pay-sim/:orderId/cancel: the payer closes the cashier; a pending order is cancelled. */
export async function cancelOrder(ctx: Ctx, id: string) {
  const db = ctx.services.db;
  return db.transaction(async (tx) => {
    const { o, m } = await myOrder(ctx, tx, id, true);
    if (o.state !== 'pending') throw o.state === 'expired' ? conflict('DUES_ONLINE_ORDER_EXPIRED', { minutes: ORDER_MINUTES }) : conflict('DUES_ONLINE_ORDER_CLOSED', { state: o.state });
    const [row] = await tx
      .update(duesOnlineOrders)
      .set({ state: 'cancelled', outcome: 'cancelled', reason: '付款人取消支付', updatedAt: new Date() })
      .where(and(eq(duesOnlineOrders.countyCode, o.countyCode), eq(duesOnlineOrders.id, o.id), eq(duesOnlineOrders.state, 'pending')))
      .returning();
    await audit(ctx, tx, { action: 'dues.online_cancel', result: 'success', objectType: 'dues_online_order', objectId: o.id, orgId: o.orgId, detail: { amountFen: o.amountFen } });
    return (await ordersDto(tx, [row], m.id))[0];
  });
}

/** The payer's pending order for the simulator's cashier (confirm): 404 when not theirs, 409 when closed. */
export async function orderToPay(ctx: Ctx, id: string) {
  const { o } = await myOrder(ctx, ctx.services.db, id, true);
  if (o.state === 'expired') throw conflict('DUES_ONLINE_ORDER_EXPIRED', { minutes: ORDER_MINUTES });
  if (o.state !== 'pending') throw conflict('DUES_ONLINE_ORDER_CLOSED', { state: o.state });
  return o;
}

export type CallbackResult = { outcome: NotificationOutcome; orderState: OnlineOrderState; duplicate: boolean; order: Order; amountFen: number };

const STATE_ZH: Record<OnlineOrderState, string> = { pending: '待支付', paid: '已支付', failed: '支付失败', expired: '已失效', cancelled: '已取消', refund_required: '待退款' };

/**
 * POST /api/dues/online/callback: the provider's notification, verified by the adapter on the raw body.
 * In one transaction, with the order locked: a transaction number seen before answers what it was
 * (nothing written); otherwise the notification is stored with its outcome —
 * - paid: success, the order's amount, pending and not expired, every bill still owing exactly what the
 *   order was made for → the payments (writeEntry, channel online, one receipt), the order paid;
 * - failed: the provider says the payment failed → a pending order failed;
 * - amount_mismatch: an amount other than the order's → nothing credited, a pending order refund_required;
 * - refund_required: money taken for an order that can no longer be credited (expired, cancelled, failed,
 *   already paid by another transaction, or bills settled meanwhile) → recorded with the reason;
 * - ignored: a failure notice for an order that is no longer pending.
 */
export async function handleCallback(ctx: Ctx, provider: PaymentProvider, rawBody: string, headers: Record<string, string | string[] | undefined>): Promise<CallbackResult> {
  const n: VerifiedNotification = provider.verifyCallback(rawBody, headers);
  return ctx.services.db.transaction(async (tx) => {
    const [found] = await tx.select().from(duesOnlineOrders).where(eq(duesOnlineOrders.id, n.orderId)).for('update');
    if (!found || found.provider !== provider.name) throw new AppError(404, 'DUES_ONLINE_ORDER_NOT_FOUND');
    const county = found.countyCode;
    const [seen] = await tx
      .select()
      .from(duesOnlineNotifications)
      .where(and(eq(duesOnlineNotifications.countyCode, county), eq(duesOnlineNotifications.provider, provider.name), eq(duesOnlineNotifications.providerTxnNo, n.providerTxnNo)));
    if (seen) return { outcome: seen.outcome, orderState: found.state, duplicate: true, order: found, amountFen: seen.amountFen };

    const now = new Date();
    let o = found;
    const settle = async (set: Partial<Order>) => {
      [o] = await tx
        .update(duesOnlineOrders)
        .set({ ...set, updatedAt: now })
        .where(and(eq(duesOnlineOrders.countyCode, county), eq(duesOnlineOrders.id, o.id)))
        .returning();
    };
    let outcome: NotificationOutcome;
    let reason: string | null = null;
    const late = o.state === 'pending' && o.expiresAt <= now;
    if (n.status === 'failed') {
      if (o.state === 'pending') {
        outcome = 'failed';
        reason = '支付机构通知支付未成功';
        await settle({ state: late ? 'expired' : 'failed', outcome: late ? 'expired' : 'provider_failed', reason });
      } else {
        outcome = 'ignored';
        reason = `订单已${STATE_ZH[o.state]}，忽略支付失败通知`;
      }
    } else if (n.amountFen !== o.amountFen) {
      outcome = 'amount_mismatch';
      reason = `支付金额 ${formatFen(n.amountFen)} 元与订单金额 ${formatFen(o.amountFen)} 元不符，未入账，需退款`;
      if (o.state === 'pending') await settle({ state: 'refund_required', outcome, reason, providerTxnNo: n.providerTxnNo });
    } else if (o.state !== 'pending' || late) {
      outcome = 'refund_required';
      const why = late ? 'expired' : o.state;
      reason =
        why === 'paid'
          ? `订单已由交易 ${o.providerTxnNo} 支付，本笔重复支付需退款`
          : why === 'expired'
            ? `订单已于 ${o.expiresAt.toISOString()} 失效，到账的款项需退款`
            : `订单已${STATE_ZH[o.state]}，到账的款项需退款`;
      // The order records the first money it could not credit; later ones are on their notifications.
      if (o.providerTxnNo === null) await settle({ state: 'refund_required', outcome: why, reason, providerTxnNo: n.providerTxnNo });
    } else {
      const lines = await tx.select().from(duesOnlineOrderBills).where(and(eq(duesOnlineOrderBills.countyCode, county), eq(duesOnlineOrderBills.orderId, o.id)));
      const bills = await tx
        .select()
        .from(duesBills)
        .where(and(eq(duesBills.countyCode, county), inArray(duesBills.id, lines.map((l) => l.billId))))
        .for('update');
      const byId = new Map(bills.map((b) => [b.id, b]));
      const changed = lines.filter((l) => {
        const b = byId.get(l.billId);
        return !b || b.state === 'waived' || b.amountFen === null || b.amountFen - b.paidFen !== l.amountFen;
      });
      if (changed.length > 0) {
        outcome = 'refund_required';
        reason = `账单 ${changed.map((l) => l.month).sort().join('、')} 在下单后已缴纳或金额已变化，款项需退款`;
        await settle({ state: 'refund_required', outcome: 'bills_settled', reason, providerTxnNo: n.providerTxnNo });
      } else {
        const [owner] = await tx.select({ orgId: members.orgId }).from(members).where(and(eq(members.countyCode, county), eq(members.id, o.memberId)));
        const [payer] = await tx.select({ name: members.name }).from(members).where(and(eq(members.countyCode, county), eq(members.id, o.payerMemberId)));
        const entry = await writeEntry(ctx, tx, {
          countyCode: county,
          member: { id: o.memberId, orgId: owner.orgId },
          channel: 'online',
          lines: lines
            .map((l) => ({ billId: l.billId, orgId: (byId.get(l.billId) as typeof duesBills.$inferSelect).orgId, month: l.month, amountFen: l.amountFen }))
            .sort((a, b) => a.month.localeCompare(b.month)),
          voluntaryFen: null,
          note: null,
          who: { createdBy: o.createdBy, createdByName: payer.name },
          onlineOrderId: o.id,
          fileNote: `${o.payerMemberId === o.memberId ? '' : `代缴人 ${payer.name}，`}交易号 ${n.providerTxnNo}`,
        });
        outcome = 'paid';
        await settle({ state: 'paid', outcome: 'paid', reason: null, providerTxnNo: n.providerTxnNo, receiptNo: entry.receiptNo, paidAt: now });
      }
    }
    await tx.insert(duesOnlineNotifications).values({
      countyCode: county, id: uuidv7(), orderId: o.id, provider: provider.name, providerTxnNo: n.providerTxnNo, amountFen: n.amountFen, status: n.status, outcome, reason, receivedAt: now,
    });
    await audit(
      ctx,
      tx,
      {
        action: 'dues.online_notification', result: outcome === 'paid' || outcome === 'failed' || outcome === 'ignored' ? 'success' : 'failure', objectType: 'dues_online_order', objectId: o.id, orgId: o.orgId,
        reason: reason ?? undefined, detail: { provider: provider.name, providerTxnNo: n.providerTxnNo, amountFen: n.amountFen, status: n.status, outcome, orderState: o.state },
      },
      county,
    );
    return { outcome, orderState: o.state, duplicate: false, order: o, amountFen: n.amountFen };
  });
}
