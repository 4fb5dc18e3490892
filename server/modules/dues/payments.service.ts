// Payments (docs/DUES.md "Payments"): append-only rows (dues_payments; the database refuses UPDATE and
// DELETE). A treasurer's entry pays one or more months of a member's bills (补交 at most 6 months back)
// and/or a voluntary extra amount, under one receipt number of the county; a mistake is corrected by a
// reversing entry with a reason. Every entry moves the bills it touches (paid / partially_paid / due) in
// the same transaction, is written to the member's electronic file (党费) and audited.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { todayIn } from '../../../common/calendar.ts';
import { formatFen } from '../../../common/dues.ts';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { AppError, conflict, notFound } from '../../core/errors/app-error.ts';
import type { ErrorCode } from '../../core/errors/messages.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Tx } from '../../core/services.ts';
import { appendFileEvents, fileActor } from '../members/member-file.ts';
import { redactSensitive } from '../members/member-validate.ts';
import { membersRepo, selfMember } from '../members/members.repo.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { addMonthsTo, currentMonth, monthsBetween } from './bills.rules.ts';
import { duesBills, duesPayments, duesReceiptCounters } from './dues.tables.ts';
import type { PaymentBody, PaymentListQuery, ReversalBody } from './payments.schemas.ts';

/** Entering payments and reversing entries (treasurers: branch committee members, secretaries, administrators). */
export const DUES_PAY = 'dues.pay';
/** 补交: a bill may be paid at most this many months after its month (DOMAIN §4). */
export const BACKPAY_MONTHS = 6;
/** A single voluntary payment above this (1,000 元) is remitted in full to the centre (DOMAIN §4). */
export const REMIT_THRESHOLD_FEN = 100_000;
/** The largest amount of one entry (分): a bound against typing errors, far above any real payment. */
const MAX_FEN = 100_000_000_000;

export const CHANNEL_ZH = { cash: '现金', transfer: '转账', bank: '银行代扣', online: '在线支付' } as const;

type PaymentRow = typeof duesPayments.$inferSelect;

export const paymentDto = (p: PaymentRow, reversedBy: string | null = null) => ({
  id: p.id,
  memberId: p.memberId,
  orgId: p.orgId,
  kind: p.kind,
  channel: p.channel,
  billId: p.billId,
  month: p.month,
  amountFen: p.amountFen,
  receiptNo: p.receiptNo,
  bankFileId: p.bankFileId,
  bankTxnNo: p.bankTxnNo,
  reversesId: p.reversesId,
  reversedBy,
  reason: p.reason,
  remitToCentre: p.remitToCentre,
  note: p.note,
  createdByName: p.createdByName,
  createdAt: p.createdAt.toISOString(),
});

const invalid = (field: string, code: ErrorCode, params: Record<string, unknown> = {}) => new AppError(400, code, params, [{ path: field, code, params }]);

/** The next receipt number of the county: '<county>-<year>-<6 digits>', running per year. */
export async function nextReceiptNo(tx: Tx, countyCode: string): Promise<string> {
  const year = todayIn().slice(0, 4);
  const r = (await tx.execute(sql`
    INSERT INTO dues_receipt_counters (county_code, year, last_no) VALUES (${countyCode}, ${year}, 1)
    ON CONFLICT (county_code, year) DO UPDATE SET last_no = ${duesReceiptCounters.lastNo} + 1
    RETURNING last_no`)) as unknown as { rows: { last_no: number }[] };
  return `${countyCode}-${year}-${String(r.rows[0].last_no).padStart(6, '0')}`;
}

export const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;
/** A typed array parameter for unnest(). */
export const arr = (values: unknown[], type: string) => sql`${sql.param(values)}::${sql.raw(type)}[]`;

export type BillNow = { id: string; month: string; amountFen: number | null; paidFen: number; state: string };

/**
 * Adds `deltaFen` to the paid amount of each bill (negative for a reversal) and sets its state from the
 * result, in one statement: paid when the amount is reached, partially_paid when something is paid, due
 * otherwise. Waived bills are never touched. Returns the bills as they now stand.
 */
export async function applyToBills(tx: Tx, countyCode: string, changes: { billId: string; deltaFen: number }[]): Promise<BillNow[]> {
  if (changes.length === 0) return [];
  const rows = rowsOf<{ id: string; month: string; amount_fen: string | null; paid_fen: string; state: string }>(
    await tx.execute(sql`
      UPDATE dues_bills b SET
        paid_fen = b.paid_fen + c.d,
        state = CASE WHEN b.paid_fen + c.d >= b.amount_fen THEN 'paid' WHEN b.paid_fen + c.d > 0 THEN 'partially_paid' ELSE 'due' END,
        updated_at = now()
      FROM unnest(${arr(changes.map((c) => c.billId), 'uuid')}, ${arr(changes.map((c) => c.deltaFen), 'int8')}) AS c(id, d)
      WHERE b.county_code = ${countyCode} AND b.id = c.id AND b.state <> 'waived'
      RETURNING b.id, b.month, b.amount_fen::text AS amount_fen, b.paid_fen::text AS paid_fen, b.state`),
  );
  return rows
    .map((r) => ({ id: r.id, month: r.month, amountFen: r.amount_fen === null ? null : Number(r.amount_fen), paidFen: Number(r.paid_fen), state: r.state }))
    .sort((a, b) => a.month.localeCompare(b.month));
}

/** Checks an amount in 分 typed by a person: a positive whole number. */
function positiveFen(v: number, field: string) {
  if (!Number.isInteger(v) || v <= 0 || v > MAX_FEN) throw invalid(field, 'DUES_PAYMENT_NOT_POSITIVE');
  return v;
}

/**
 * A treasurer's entry: pays months of a member's bills (what is still due, or less: a partial payment)
 * and/or a voluntary amount, under one new receipt number. The member must be in the caller's scope,
 * and so must each bill's organization (else the bill is missing). Refused whole (nothing written) when
 * a month is more than 6 months back (补交), not started, listed twice, without a bill, already paid,
 * waived or still without an amount, or when an amount exceeds what is due.
 */
export async function enterPayment(ctx: Ctx, body: z.infer<typeof PaymentBody>) {
  const month = currentMonth();
  const earliest = addMonthsTo(month, -BACKPAY_MONTHS);
  const seen = new Set<string>();
  body.bills.forEach((b, i) => {
    if (seen.has(b.month)) throw invalid(`body.bills.${i}.month`, 'DUES_MONTH_REPEATED', { month: b.month });
    seen.add(b.month);
    if (b.month > month) throw invalid(`body.bills.${i}.month`, 'DUES_MONTH_NOT_STARTED', { month: b.month });
    if (monthsBetween(b.month, month) > BACKPAY_MONTHS) throw invalid(`body.bills.${i}.month`, 'DUES_BACKPAY_TOO_OLD', { month: b.month, earliest });
    if (b.amountFen !== undefined) positiveFen(b.amountFen, `body.bills.${i}.amountFen`);
  });
  const voluntaryFen = body.voluntaryFen === undefined ? null : positiveFen(body.voluntaryFen, 'body.voluntaryFen');
  if (body.bills.length === 0 && voluntaryFen === null) throw invalid('body.bills', 'DUES_PAYMENT_EMPTY');
  const note = body.note ? redactSensitive(body.note) : null;

  return ctx.services.db.transaction(async (tx) => {
    const r = await membersRepo(ctx, DUES_PAY, tx).byId(body.memberId, true);
    if (!r) throw notFound();
    const m = r.m;
    const months = body.bills.map((b) => b.month);
    const bills =
      months.length === 0
        ? []
        : await tx
            .select({ b: duesBills, path: organizations.path })
            .from(duesBills)
            .innerJoin(organizations, and(eq(organizations.countyCode, duesBills.countyCode), eq(organizations.id, duesBills.orgId)))
            .where(and(eq(duesBills.countyCode, m.countyCode), eq(duesBills.memberId, m.id), inArray(duesBills.month, months)))
            .for('update', { of: duesBills });
    const byMonth = new Map(bills.filter((x) => ctx.inScope(DUES_PAY, x.path)).map((x) => [x.b.month, x.b]));
    const lines: EntryLine[] = [];
    body.bills.forEach((p, i) => {
      const b = byMonth.get(p.month);
      const field = `body.bills.${i}.month`;
      if (!b) throw invalid(field, 'DUES_BILL_MISSING', { month: p.month });
      if (b.state === 'waived') throw conflictOn(field, 'DUES_BILL_WAIVED', { month: p.month });
      if (b.amountFen === null) throw conflictOn(field, 'DUES_BILL_NOT_QUOTED', { month: p.month });
      const remainingFen = b.amountFen - b.paidFen;
      if (b.state === 'paid' || remainingFen <= 0) throw conflictOn(field, 'DUES_BILL_ALREADY_PAID', { month: p.month });
      const amountFen = p.amountFen ?? remainingFen;
      if (amountFen > remainingFen) throw invalid(`body.bills.${i}.amountFen`, 'DUES_PAYMENT_OVER_AMOUNT', { month: p.month, remainingFen });
      lines.push({ billId: b.id, orgId: b.orgId, month: b.month, amountFen });
    });
    return writeEntry(ctx, tx, {
      countyCode: m.countyCode, member: { id: m.id, orgId: m.orgId }, channel: body.channel, lines, voluntaryFen, note,
      who: { createdBy: ctx.actor?.accountId ?? null, createdByName: ctx.actor?.displayName ?? 'system' },
    });
  });
}

/** One bill paid by an entry: the bill, its organization and month, and the amount (checked by the caller). */
export type EntryLine = { billId: string; orgId: string; month: string; amountFen: number };

/** An entry to write: months of one member's bills (already checked and locked) and/or a voluntary amount. */
export type Entry = {
  countyCode: string;
  member: { id: string; orgId: string };
  channel: 'cash' | 'transfer' | 'online';
  lines: EntryLine[];
  voluntaryFen: number | null;
  note: string | null;
  who: { createdBy: string | null; createdByName: string };
  /** The online order the entry settles (channel 'online'). */
  onlineOrderId?: string;
  /** A few words added to the file entry (e.g. who paid by proxy). */
  fileNote?: string;
};

/**
 * Writes an entry inside the caller's transaction: a new receipt number of the county, one payment row per
 * bill (and one for the voluntary amount), the bills moved (applyToBills), one entry in the member's
 * electronic file (section 党费, type `payment`) and the audit row `dues.payment`. The treasurer's entry and
 * the online payment both come here; the callers check the bills first (open, amounts, 补交 window).
 */
export async function writeEntry(ctx: Ctx, tx: Tx, e: Entry) {
  const { countyCode, member: m, channel, voluntaryFen, note, who } = e;
  const receiptNo = await nextReceiptNo(tx, countyCode);
  const onlineOrderId = e.onlineOrderId ?? null;
  const rows: (typeof duesPayments.$inferInsert)[] = e.lines.map((l) => ({
    countyCode, id: uuidv7(), memberId: m.id, orgId: l.orgId, kind: 'bill' as const, channel, billId: l.billId, month: l.month, amountFen: l.amountFen, receiptNo, note, onlineOrderId, ...who,
  }));
  if (voluntaryFen !== null)
    rows.push({
      countyCode, id: uuidv7(), memberId: m.id, orgId: m.orgId, kind: 'voluntary', channel, amountFen: voluntaryFen, receiptNo, note, onlineOrderId,
      remitToCentre: voluntaryFen > REMIT_THRESHOLD_FEN, ...who,
    });
  const inserted = await tx.insert(duesPayments).values(rows).returning();
  const after = await applyToBills(tx, countyCode, rows.filter((x) => x.billId).map((x) => ({ billId: x.billId as string, deltaFen: x.amountFen })));
  const months = e.lines.map((l) => l.month);
  const billFen = rows.filter((x) => x.kind === 'bill').reduce((s, x) => s + x.amountFen, 0);
  const parts: string[] = [];
  if (months.length > 0) parts.push(`缴纳党费 ${[...months].sort().join('、')} 共 ${formatFen(billFen)} 元`);
  if (voluntaryFen !== null) parts.push(`自愿多交党费 ${formatFen(voluntaryFen)} 元${voluntaryFen > REMIT_THRESHOLD_FEN ? '（单笔超过 1000 元，全额上缴中央）' : ''}`);
  await appendFileEvents(tx, fileActor(ctx, who.createdByName), [
    {
      countyCode, memberId: m.id, orgId: m.orgId, section: 'dues', source: 'dues', type: 'payment', occurredOn: todayIn(),
      title: `${parts.join('；')}（${CHANNEL_ZH[channel]}${e.fileNote ? `，${e.fileNote}` : ''}，收据 ${receiptNo}）`,
      detail: { receiptNo, channel, months, billFen, voluntaryFen, paymentIds: inserted.map((x) => x.id), ...(onlineOrderId ? { onlineOrderId } : {}) },
    },
  ]);
  await audit(
    ctx,
    tx,
    {
      action: 'dues.payment', result: 'success', objectType: 'member', objectId: m.id, orgId: m.orgId,
      detail: { receiptNo, channel, bills: rows.filter((x) => x.billId).map((x) => ({ month: x.month, amountFen: x.amountFen })), voluntaryFen, remitToCentre: voluntaryFen !== null && voluntaryFen > REMIT_THRESHOLD_FEN, ...(onlineOrderId ? { onlineOrderId } : {}) },
    },
    countyCode,
  );
  return { receiptNo, payments: inserted.map((x) => paymentDto(x)), bills: after };
}

const conflictOn = (field: string, code: ErrorCode, params: Record<string, unknown>) => new AppError(409, code, params, [{ path: field, code, params }]);

/** A payment in the caller's scope for `perm` (by the payment's organization), or 404. */
async function paymentInScope(ctx: Ctx, tx: Tx, id: string, perm: string, lock = false) {
  const q = tx
    .select({ p: duesPayments, path: organizations.path })
    .from(duesPayments)
    .innerJoin(organizations, and(eq(organizations.countyCode, duesPayments.countyCode), eq(organizations.id, duesPayments.orgId)))
    .where(and(eq(duesPayments.countyCode, ctx.actor?.countyCode ?? ''), eq(duesPayments.id, id)));
  const [row] = lock ? await q.for('update', { of: duesPayments }) : await q;
  if (!row || !ctx.inScope(perm, row.path)) throw notFound();
  return row.p;
}

/**
 * The reversing entry of a payment (a mistake): the negative of its amount, with the reason and a new
 * receipt number; the bill goes back by that amount (due or partially_paid). A payment is reversed at
 * most once (also a unique key), and a reversing entry is never reversed.
 */
export async function reversePayment(ctx: Ctx, id: string, body: z.infer<typeof ReversalBody>) {
  const reason = redactSensitive(body.reason);
  return ctx.services.db.transaction(async (tx) => {
    const p = await paymentInScope(ctx, tx, id, DUES_PAY, true);
    if (p.kind === 'reversal') throw conflict('DUES_PAYMENT_IS_REVERSAL');
    const [done] = await tx.select({ id: duesPayments.id }).from(duesPayments).where(and(eq(duesPayments.countyCode, p.countyCode), eq(duesPayments.reversesId, p.id)));
    if (done) throw conflict('DUES_PAYMENT_REVERSED');
    if (p.billId) await tx.select({ id: duesBills.id }).from(duesBills).where(and(eq(duesBills.countyCode, p.countyCode), eq(duesBills.id, p.billId))).for('update');
    const receiptNo = await nextReceiptNo(tx, p.countyCode);
    const [row] = await tx
      .insert(duesPayments)
      .values({
        countyCode: p.countyCode, id: uuidv7(), memberId: p.memberId, orgId: p.orgId, kind: 'reversal', channel: p.channel, billId: p.billId, month: p.month,
        amountFen: -p.amountFen, receiptNo, bankFileId: null, bankTxnNo: p.channel === 'bank' ? `${p.bankTxnNo}#冲正` : null, reversesId: p.id, reason, onlineOrderId: p.onlineOrderId,
        createdBy: ctx.actor?.accountId ?? null, createdByName: ctx.actor?.displayName ?? 'system',
      })
      .returning();
    const bills = p.billId ? await applyToBills(tx, p.countyCode, [{ billId: p.billId, deltaFen: -p.amountFen }]) : [];
    await appendFileEvents(tx, fileActor(ctx), [
      {
        countyCode: p.countyCode, memberId: p.memberId, orgId: p.orgId, section: 'dues', source: 'dues', type: 'payment_reversed', occurredOn: todayIn(),
        title: `冲正党费缴纳记录${p.month ? ` ${p.month}` : '（自愿多交）'} ${formatFen(p.amountFen)} 元：${reason}`,
        detail: { reversesId: p.id, receiptNo, amountFen: -p.amountFen, reason },
      },
    ]);
    await audit(ctx, tx, { action: 'dues.payment_reversal', result: 'success', objectType: 'dues_payment', objectId: p.id, orgId: p.orgId, reason, detail: { receiptNo, amountFen: -p.amountFen, month: p.month } });
    return { receiptNo, payments: [paymentDto(row)], bills };
  });
}

/** Payment rows of a member, newest first, each with the id of the entry that reversed it. */
async function paymentsOf(tx: Tx, countyCode: string, memberId: string, page: { limit: number; offset: number }) {
  const mine = and(eq(duesPayments.countyCode, countyCode), eq(duesPayments.memberId, memberId));
  const rows = await tx.select().from(duesPayments).where(mine).orderBy(desc(duesPayments.createdAt), desc(duesPayments.id)).limit(page.limit).offset(page.offset);
  const [{ total }] = await tx.select({ total: sql<number>`count(*)::int`.mapWith(Number) }).from(duesPayments).where(mine);
  const ids = rows.map((x) => x.id);
  const rev =
    ids.length === 0
      ? []
      : await tx.select({ id: duesPayments.id, of: duesPayments.reversesId }).from(duesPayments).where(and(eq(duesPayments.countyCode, countyCode), inArray(duesPayments.reversesId, ids)));
  const by = new Map(rev.map((x) => [x.of, x.id]));
  return { items: rows.map((x) => paymentDto(x, by.get(x.id) ?? null)), total };
}

/** GET /api/dues/payments?memberId=: a member in scope's payments. */
export async function listPayments(ctx: Ctx, q: z.infer<typeof PaymentListQuery>) {
  const r = await membersRepo(ctx, DUES_PAY).byId(q.memberId);
  if (!r) throw notFound();
  return paymentsOf(ctx.services.db, r.m.countyCode, r.m.id, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
}

/** The caller's own payments (the newest 100), for /api/my/dues. */
export async function myPayments(ctx: Ctx) {
  const r = await selfMember(ctx);
  if (!r) return [];
  return (await paymentsOf(ctx.services.db, r.m.countyCode, r.m.id, { limit: 100, offset: 0 })).items;
}
