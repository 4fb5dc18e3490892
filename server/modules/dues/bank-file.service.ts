// Bank deduction files (银费通, docs/DUES.md "Bank files"): a bank's result file is reconciled line by
// line against the bills, set-based (one statement finds the members by card number, one the bills of
// those members and months, one inserts the payments, one moves the bills), under a county lock so two
// imports never race. Each line gets an outcome; the report (file + lines) is stored, read and exported.
// A line pays a bill only once: the bank's 交易流水号 is unique among payments, so re-importing a file
// changes nothing.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { todayIn } from '../../../common/calendar.ts';
import { formatFen } from '../../../common/dues.ts';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { AppError, notFound } from '../../core/errors/app-error.ts';
import { type ExportColumn, exportXlsx } from '../../core/excel.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Tx } from '../../core/services.ts';
import { fileEventRows } from '../members/member-file.ts';
import { type BankLine, readBankFile } from './bank-file.parse.ts';
import { duesBankFileLines, duesBankFiles } from './dues.tables.ts';
import { applyToBills, arr, rowsOf } from './payments.service.ts';

/** Importing bank files and reading their reports. */
export const DUES_BANK = 'dues.bank';

export const BANK_OUTCOMES = [
  'matched', 'unknown_card', 'name_mismatch', 'no_bill', 'not_payable', 'amount_mismatch', 'already_paid', 'already_imported', 'duplicate', 'bank_failed', 'malformed',
] as const;
export type BankOutcome = (typeof BANK_OUTCOMES)[number];

export const OUTCOME_ZH: Record<BankOutcome, string> = {
  matched: '已入账', unknown_card: '卡号未找到', name_mismatch: '姓名不符', no_bill: '无该月账单', not_payable: '账单不可缴（已减免或无金额）',
  amount_mismatch: '金额不符', already_paid: '已缴清', already_imported: '此前已导入', duplicate: '文件内重复', bank_failed: '银行扣款失败', malformed: '格式错误',
};
const OUTCOME_EN: Record<BankOutcome, string> = {
  matched: 'matched', unknown_card: 'unknown card', name_mismatch: 'name mismatch', no_bill: 'no bill for the month', not_payable: 'bill not payable (waived or no amount)',
  amount_mismatch: 'amount mismatch', already_paid: 'already paid', already_imported: 'already imported', duplicate: 'duplicate in the file', bank_failed: 'deduction failed', malformed: 'malformed',
};

type Outcome = { outcome: BankOutcome; reason: string | null; memberId?: string; billId?: string; paymentId?: string };
const BATCH = 5000;

/** Reads the multipart field "file" (the only part). */
async function fileOf(req: FastifyRequest, maxBytes: number) {
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await req.file({ limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6 } });
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE');
    throw new AppError(400, 'DUES_BANK_FILE_EMPTY');
  }
  if (part?.fieldname !== 'file') throw new AppError(400, 'DUES_BANK_FILE_EMPTY');
  let buf: Buffer;
  try {
    buf = await part.toBuffer();
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'BODY_TOO_LARGE');
    throw new AppError(400, 'DUES_BANK_FILE_EMPTY');
  }
  if (buf.length === 0) throw new AppError(400, 'DUES_BANK_FILE_EMPTY');
  return { buf, fileName: (part.filename ?? '').slice(0, 200) || null };
}

/** POST /api/dues/bank-files: reads, reconciles and stores; answers the report. */
export async function importBankFile(ctx: Ctx, req: FastifyRequest) {
  const { buf, fileName } = await fileOf(req, ctx.services.config.importMaxBytes);
  const file = await readBankFile(buf);
  const id = await reconcile(ctx, file.lines, { fileName, format: file.format, encoding: file.encoding });
  return getReport(ctx, id, { outcome: undefined, page: 1, pageSize: 100 });
}

/**
 * Reconciles the lines for the caller's scope (DUES_BANK) and stores the report; returns its id. A line
 * finds its member by card number (members.card_no of the county); a member whose bill's organization is
 * outside the caller's scope is an unknown card, like a missing one.
 */
export async function reconcile(ctx: Ctx, lines: BankLine[], meta: { fileName: string | null; format: 'csv' | 'xlsx'; encoding: 'utf-8' | 'gbk' | null }) {
  const county = ctx.actor?.countyCode ?? '';
  const scope = ctx.scope(DUES_BANK);
  const who = { actorId: ctx.actor?.accountId ?? null, actorName: ctx.actor?.username ?? 'system' };
  const fileId = uuidv7();
  return ctx.services.db.transaction(async (tx) => {
    // One import at a time per county: the bills read below stay as read until the payments are in.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('dues.bank:' || ${county}))`);
    const out = new Map<number, Outcome>();
    // In-file duplicates: the same 交易流水号, or the same card and month, seen on an earlier line.
    const seenTxn = new Set<string>();
    const seenCardMonth = new Set<string>();
    const candidates: BankLine[] = [];
    for (const l of lines) {
      if (l.problem) out.set(l.lineNo, { outcome: 'malformed', reason: l.problem });
      else if (seenTxn.has(l.txn as string)) out.set(l.lineNo, { outcome: 'duplicate', reason: `交易流水号 ${l.txn} 在文件中重复` });
      else if (!l.failed && seenCardMonth.has(`${l.card}|${l.month}`)) out.set(l.lineNo, { outcome: 'duplicate', reason: `卡号与月份 ${l.month} 在文件中重复` });
      else if (l.failed) out.set(l.lineNo, { outcome: 'bank_failed', reason: `银行状态：${l.status}` });
      else candidates.push(l);
      if (!l.problem) {
        seenTxn.add(l.txn as string);
        if (!l.failed) seenCardMonth.add(`${l.card}|${l.month}`);
      }
    }
    // The lookups below join whole arrays: hash joins, not one index probe per line (the planner,
    // estimating 100 rows for an unnest, would pick nested loops; on PGlite a probe costs ≈ 50 µs).
    await tx.execute(sql`SET LOCAL enable_nestloop = off`);
    // Lines imported before (their 交易流水号 already paid something).
    const known = new Set<string>();
    if (candidates.length > 0)
      for (const r of rowsOf<{ t: string }>(
        await tx.execute(sql`
          SELECT p.bank_txn_no AS t FROM unnest(${arr(candidates.map((l) => l.txn), 'text')}) AS q(t)
            JOIN dues_payments p ON p.county_code = ${county} AND p.bank_txn_no = q.t`),
      ))
        known.add(r.t);
    const fresh = candidates.filter((l) => {
      if (!known.has(l.txn as string)) return true;
      out.set(l.lineNo, { outcome: 'already_imported', reason: `交易流水号 ${l.txn} 已于此前导入入账` });
      return false;
    });
    // Members by card, then their bills of the months named, with the bill's organization path.
    const byCard = new Map<string, { id: string; name: string; path: string }>();
    const cards = [...new Set(fresh.map((l) => l.card as string))];
    if (cards.length > 0)
      for (const r of rowsOf<{ id: string; name: string; card_no: string; path: string }>(
        await tx.execute(sql`
          SELECT m.id, m.name, m.card_no, o.path FROM unnest(${arr(cards, 'text')}) AS q(card)
            JOIN members m ON m.county_code = ${county} AND m.card_no = q.card
            JOIN organizations o ON o.county_code = m.county_code AND o.id = m.org_id`),
      ))
        byCard.set(r.card_no, { id: r.id, name: r.name, path: r.path });
    type BillRow = { id: string; member_id: string; month: string; org_id: string; path: string; amount_fen: string | null; paid_fen: string; state: string };
    const bills = new Map<string, BillRow>();
    const pairs = fresh.flatMap((l) => {
      const m = byCard.get(l.card as string);
      return m ? [{ member: m.id, month: l.month as string }] : [];
    });
    const months = [...new Set(pairs.map((p) => p.month))];
    if (pairs.length > 0)
      for (const r of rowsOf<BillRow>(
        await tx.execute(sql`
          SELECT b.id, b.member_id, b.month, b.org_id, o.path, b.amount_fen::text AS amount_fen, b.paid_fen::text AS paid_fen, b.state
            FROM unnest(${arr(pairs.map((p) => p.member), 'uuid')}, ${arr(pairs.map((p) => p.month), 'text')}) AS q(member_id, month)
            JOIN dues_bills b ON b.county_code = ${county} AND b.member_id = q.member_id AND b.month = q.month
            JOIN organizations o ON o.county_code = b.county_code AND o.id = b.org_id
           WHERE b.month = ANY(${arr(months, 'text')})`),
      ))
        bills.set(`${r.member_id}|${r.month}`, r);
    await tx.execute(sql`SET LOCAL enable_nestloop = on`);
    const inScope = (path: string) => ctx.inScope(DUES_BANK, path);
    const pay: { line: BankLine; bill: BillRow; memberId: string; paymentId: string }[] = [];
    for (const l of fresh) {
      const m = byCard.get(l.card as string);
      const b = m ? bills.get(`${m.id}|${l.month}`) : undefined;
      // In scope: the bill's organization, or the member's when there is no bill (never reveal others).
      if (!m || !inScope(b ? b.path : m.path)) {
        out.set(l.lineNo, { outcome: 'unknown_card', reason: `卡号 ${l.card} 未找到对应党员` });
        continue;
      }
      if (l.name && l.name.replace(/\s/g, '') !== m.name.replace(/\s/g, '')) {
        out.set(l.lineNo, { outcome: 'name_mismatch', reason: `姓名与卡号登记的党员不符`, memberId: m.id });
        continue;
      }
      if (!b) {
        out.set(l.lineNo, { outcome: 'no_bill', reason: `${l.month} 没有该党员的账单`, memberId: m.id });
        continue;
      }
      const amount = b.amount_fen === null ? null : Number(b.amount_fen);
      const remaining = amount === null ? 0 : amount - Number(b.paid_fen);
      if (b.state === 'waived' || amount === null) out.set(l.lineNo, { outcome: 'not_payable', reason: b.state === 'waived' ? '该月党费已减免' : '账单尚无金额', memberId: m.id, billId: b.id });
      else if (b.state === 'paid' || remaining <= 0) out.set(l.lineNo, { outcome: 'already_paid', reason: `${l.month} 党费已缴清`, memberId: m.id, billId: b.id });
      else if (l.amountFen !== remaining)
        out.set(l.lineNo, { outcome: 'amount_mismatch', reason: `扣款 ${formatFen(l.amountFen as number)} 元，应缴 ${formatFen(remaining)} 元`, memberId: m.id, billId: b.id });
      else {
        const paymentId = uuidv7();
        pay.push({ line: l, bill: b, memberId: m.id, paymentId });
        out.set(l.lineNo, { outcome: 'matched', reason: null, memberId: m.id, billId: b.id, paymentId });
      }
    }
    const today = todayIn();
    const createdBy = ctx.actor?.accountId ?? null;
    const createdByName = ctx.actor?.displayName ?? 'system';
    let matchedFen = 0;
    for (const p of pay) matchedFen += p.line.amountFen as number;
    // The file row first (the lines refer to it), totals filled in once known.
    const counts = Object.fromEntries(BANK_OUTCOMES.map((o) => [o, 0])) as Record<BankOutcome, number>;
    for (const o of out.values()) counts[o.outcome]++;
    await tx.insert(duesBankFiles).values({
      countyCode: county, id: fileId, fileName: meta.fileName, format: meta.format, encoding: meta.encoding, scopePaths: scope, lines: lines.length,
      matched: pay.length, matchedFen, outcomes: counts, createdBy, createdByName,
    });
    for (let i = 0; i < pay.length; i += BATCH) {
      const c = pay.slice(i, i + BATCH);
      await tx.execute(sql`
        INSERT INTO dues_payments (county_code, id, member_id, org_id, kind, channel, bill_id, month, amount_fen, bank_file_id, bank_txn_no, created_by, created_by_name)
        SELECT ${county}, u.id, u.member_id, u.org_id, 'bill', 'bank', u.bill_id, u.month, u.amount_fen, ${fileId}, u.txn, ${createdBy}, ${createdByName}
          FROM unnest(${arr(c.map((p) => p.paymentId), 'uuid')}, ${arr(c.map((p) => p.memberId), 'uuid')}, ${arr(c.map((p) => p.bill.org_id), 'uuid')},
                      ${arr(c.map((p) => p.bill.id), 'uuid')}, ${arr(c.map((p) => p.bill.month), 'text')}, ${arr(c.map((p) => p.line.amountFen), 'int8')},
                      ${arr(c.map((p) => p.line.txn), 'text')}) AS u(id, member_id, org_id, bill_id, month, amount_fen, txn)`);
      await applyToBills(tx, county, c.map((p) => ({ billId: p.bill.id, deltaFen: p.line.amountFen as number })));
      // The file entries, set-based too (the same rows appendFileEvents writes).
      const ev = fileEventRows(
        who,
        c.map((p) => ({
          countyCode: county, memberId: p.memberId, orgId: p.bill.org_id, section: 'dues' as const, source: 'dues', type: 'payment', occurredOn: today,
          title: `缴纳党费 ${p.bill.month} 共 ${formatFen(p.line.amountFen as number)} 元（银行代扣，流水号 ${p.line.txn}）`,
          detail: { channel: 'bank', months: [p.bill.month], billFen: p.line.amountFen, bankFileId: fileId, bankTxnNo: p.line.txn, paymentIds: [p.paymentId] },
        })),
      );
      await tx.execute(sql`
        INSERT INTO member_events (county_code, id, member_id, occurred_on, section, type, title, detail, org_id, actor_id, actor_name, source)
        SELECT ${county}, u.id, u.member_id, ${today}::date, 'dues', 'payment', u.title, u.detail, u.org_id, ${who.actorId}::uuid, ${who.actorName}, 'dues'
          FROM unnest(${arr(ev.map((e) => e.id), 'uuid')}, ${arr(ev.map((e) => e.memberId), 'uuid')}, ${arr(ev.map((e) => e.title), 'text')},
                      ${arr(ev.map((e) => JSON.stringify(e.detail)), 'jsonb')}, ${arr(ev.map((e) => e.orgId), 'uuid')}) AS u(id, member_id, title, detail, org_id)`);
    }
    await insertLines(tx, county, fileId, lines, out);
    await audit(ctx, tx, {
      action: 'dues.bank_file', result: 'success', objectType: 'dues_bank_file', objectId: fileId,
      detail: { fileName: meta.fileName, format: meta.format, encoding: meta.encoding, lines: lines.length, matched: pay.length, matchedFen, outcomes: counts },
    });
    return fileId;
  });
}

async function insertLines(tx: Tx, county: string, fileId: string, lines: BankLine[], out: Map<number, Outcome>) {
  for (let i = 0; i < lines.length; i += BATCH) {
    const c = lines.slice(i, i + BATCH);
    const o = c.map((l) => out.get(l.lineNo) as Outcome);
    await tx.execute(sql`
      INSERT INTO dues_bank_file_lines (county_code, file_id, line_no, card_no, name, month, amount_fen, txn_no, bank_status, outcome, reason, member_id, bill_id, payment_id)
      SELECT ${county}, ${fileId}, u.* FROM unnest(
        ${arr(c.map((l) => l.lineNo), 'int4')}, ${arr(c.map((l) => l.card), 'text')}, ${arr(c.map((l) => l.name), 'text')}, ${arr(c.map((l) => l.month), 'text')},
        ${arr(c.map((l) => l.amountFen), 'int8')}, ${arr(c.map((l) => l.txn), 'text')}, ${arr(c.map((l) => l.status), 'text')},
        ${arr(o.map((x) => x.outcome), 'text')}, ${arr(o.map((x) => x.reason), 'text')}, ${arr(o.map((x) => x.memberId ?? null), 'uuid')},
        ${arr(o.map((x) => x.billId ?? null), 'uuid')}, ${arr(o.map((x) => x.paymentId ?? null), 'uuid')}) AS u`);
  }
}

type FileRow = typeof duesBankFiles.$inferSelect;
const fileDto = (f: FileRow) => ({
  id: f.id, fileName: f.fileName, format: f.format, encoding: f.encoding, lines: f.lines, matched: f.matched, matchedFen: f.matchedFen,
  outcomes: f.outcomes, createdByName: f.createdByName, createdAt: f.createdAt.toISOString(),
});

/** A report is visible to a caller whose scope covers every organization the importer's did. */
async function fileInScope(ctx: Ctx, id: string) {
  const [f] = await ctx.services.db
    .select()
    .from(duesBankFiles)
    .where(and(eq(duesBankFiles.countyCode, ctx.actor?.countyCode ?? ''), eq(duesBankFiles.id, id)));
  if (!f?.scopePaths.every((p) => ctx.inScope(DUES_BANK, p))) throw notFound();
  return f;
}

/** GET /api/dues/bank-files: the imported files the caller may see, newest first. */
export async function listBankFiles(ctx: Ctx, page: { limit: number; offset: number }) {
  const rows = await ctx.services.db
    .select()
    .from(duesBankFiles)
    .where(eq(duesBankFiles.countyCode, ctx.actor?.countyCode ?? ''))
    .orderBy(desc(duesBankFiles.createdAt), desc(duesBankFiles.id))
    .limit(1000);
  const visible = rows.filter((f) => f.scopePaths.every((p) => ctx.inScope(DUES_BANK, p)));
  return { items: visible.slice(page.offset, page.offset + page.limit).map(fileDto), total: visible.length };
}

type LineRow = typeof duesBankFileLines.$inferSelect;
const lineDto = (l: LineRow) => ({
  lineNo: l.lineNo, cardNo: l.cardNo, name: l.name, month: l.month, amountFen: l.amountFen, txnNo: l.txnNo, bankStatus: l.bankStatus,
  outcome: l.outcome as BankOutcome, reason: l.reason, memberId: l.memberId, billId: l.billId, paymentId: l.paymentId,
});

function linesWhere(county: string, fileId: string, outcome?: string) {
  return and(eq(duesBankFileLines.countyCode, county), eq(duesBankFileLines.fileId, fileId), outcome ? eq(duesBankFileLines.outcome, outcome) : undefined);
}

/** GET /api/dues/bank-files/:id: the report (totals) and a page of its lines, by line number. */
export async function getReport(ctx: Ctx, id: string, q: { outcome?: BankOutcome; page: number; pageSize: number }) {
  const f = await fileInScope(ctx, id);
  const db = ctx.services.db;
  const where = linesWhere(f.countyCode, f.id, q.outcome);
  const rows = await db.select().from(duesBankFileLines).where(where).orderBy(asc(duesBankFileLines.lineNo)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int`.mapWith(Number) }).from(duesBankFileLines).where(where);
  return { file: fileDto(f), items: rows.map(lineDto), total };
}

/** GET /api/dues/bank-files/:id/export: the report's lines as Excel (watermarked, audited). */
export async function exportReport(ctx: Ctx, reply: FastifyReply, id: string, q: { outcome?: BankOutcome }) {
  const f = await fileInScope(ctx, id);
  const db = ctx.services.db;
  const where = linesWhere(f.countyCode, f.id, q.outcome);
  const zh = ctx.lang === 'zh-CN';
  const columns: ExportColumn<ReturnType<typeof lineDto>>[] = [
    { header: zh ? '行号' : 'Line', value: (r) => String(r.lineNo), width: 8 },
    { header: zh ? '卡号' : 'Card', value: (r) => r.cardNo ?? '', width: 22 },
    { header: zh ? '姓名' : 'Name', value: (r) => r.name ?? '', width: 12 },
    { header: zh ? '月份' : 'Month', value: (r) => r.month ?? '', width: 10 },
    { header: zh ? '金额(元)' : 'Amount (yuan)', value: (r) => (r.amountFen === null ? '' : formatFen(r.amountFen)), width: 12 },
    { header: zh ? '交易流水号' : 'Transaction', value: (r) => r.txnNo ?? '', width: 24 },
    { header: zh ? '银行状态' : 'Bank status', value: (r) => r.bankStatus ?? '', width: 10 },
    { header: zh ? '对账结果' : 'Outcome', value: (r) => (zh ? OUTCOME_ZH : OUTCOME_EN)[r.outcome], width: 16 },
    { header: zh ? '说明' : 'Reason', value: (r) => r.reason ?? '', width: 40 },
  ];
  return exportXlsx(ctx, reply, {
    name: 'dues-bank-file',
    title: `${zh ? '银行扣款对账报告' : 'Bank file reconciliation'} ${f.fileName ?? f.id}`,
    filters: { id, outcome: q.outcome },
    count: async () => (await db.select({ n: sql<number>`count(*)::int`.mapWith(Number) }).from(duesBankFileLines).where(where))[0].n,
    rows: async (limit) => (await db.select().from(duesBankFileLines).where(where).orderBy(asc(duesBankFileLines.lineNo)).limit(limit)).map(lineDto),
    columns,
  });
}
