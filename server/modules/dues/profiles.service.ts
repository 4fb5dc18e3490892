// Dues profiles (docs/DUES.md "Dues profiles"): a member's category (the member record's
// dues_category: the one source of truth, written through the registry's applyChanges), the base
// history (dues_bases, append-only), the proxy payer (代缴) with the branch's consent (dues_profiles),
// and the yearly reassessment list. Every lookup goes through membersRepo with a dues permission, so
// a member outside the caller's scope is 404 like a missing one.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { todayIn } from '../../../common/calendar.ts';
import { type DuesCategory, INCOME_CATEGORIES, MAX_BASE_FEN, formatFen, isDuesCategory } from '../../../common/dues.ts';
import type { Ctx } from '../../core/access/context.ts';
import { inSubtree } from '../../core/access/scope.ts';
import { audit } from '../../core/audit/audit.ts';
import { AppError, notFound } from '../../core/errors/app-error.ts';
import type { ErrorCode } from '../../core/errors/messages.ts';
import { type ExportColumn, exportXlsx } from '../../core/excel.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Tx } from '../../core/services.ts';
import { applyChanges } from '../members/member-changes.ts';
import type { MemberJoined } from '../members/member-dto.ts';
import { type FileEvent, appendFileEvents, fileActor } from '../members/member-file.ts';
import { memberLabel } from '../members/member-labels.ts';
import { redactSensitive } from '../members/member-validate.ts';
import { membersRepo } from '../members/members.repo.ts';
import { members } from '../members/members.tables.ts';
import { orgsRepo } from '../orgs/orgs.repo.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { fromMonth, fromMonthOrUncategorized, requoteOpenBills } from './bills.ts';
import { BILLED_STANDINGS, BILLED_STATUSES, REASSESS_MONTHS, addMonthsTo, baseFor, currentMonth, monthsBetween, owesDues, quoteBill, reassessmentDue } from './bills.rules.ts';
import { DUES_TEXTS } from './bills.labels.ts';
import { duesSettingsOf } from './dues.service.ts';
import { duesBases, duesProfiles } from './dues.tables.ts';
import type { NewBaseBody, ProfileBody } from './profiles.schemas.ts';

/** Reading profiles, base history and the reassessment list. */
export const DUES_READ = 'dues.read';
/** Changing the category and proxy, adding a base (branch secretaries and administrators above). */
export const DUES_PROFILE = 'dues.profile';
/** Excel exports of dues lists. */
export const DUES_EXPORT = 'dues.export';

/** How far ahead a base may take effect. */
export const MAX_MONTHS_AHEAD = 12;

type BaseRowFull = typeof duesBases.$inferSelect;

const baseDto = (b: BaseRowFull) => ({
  id: b.id,
  effectiveMonth: b.effectiveMonth,
  baseFen: b.baseFen,
  reason: b.reason,
  createdByName: b.createdByName,
  createdAt: b.createdAt.toISOString(),
});

/** A member's base history, oldest first (small: a row or two a year). */
export const basesOf = (tx: Tx, countyCode: string, memberId: string) =>
  tx
    .select()
    .from(duesBases)
    .where(and(eq(duesBases.countyCode, countyCode), eq(duesBases.memberId, memberId)))
    .orderBy(asc(duesBases.effectiveMonth), asc(duesBases.id));

/** The profile row and the proxy payer's name. */
async function proxyOf(tx: Tx, countyCode: string, memberId: string) {
  const [p] = await tx
    .select({ p: duesProfiles, payerName: members.name })
    .from(duesProfiles)
    .leftJoin(members, and(eq(members.countyCode, duesProfiles.countyCode), eq(members.id, duesProfiles.proxyPayerId)))
    .where(and(eq(duesProfiles.countyCode, countyCode), eq(duesProfiles.memberId, memberId)));
  return p ?? null;
}

/** The profile of a member already found in scope, as of `month`. */
export async function profileOf(ctx: Ctx, tx: Tx, r: MemberJoined, month = currentMonth()) {
  const m = r.m;
  // One after the other: `tx` may be a transaction (one connection).
  const bases = await basesOf(tx, m.countyCode, m.id);
  const proxy = await proxyOf(tx, m.countyCode, m.id);
  const settings = await duesSettingsOf(tx, m.countyCode);
  const base = baseFor(bases, month);
  const later = bases.filter((b) => b.effectiveMonth > month);
  const upcoming = later.length > 0 ? later[later.length - 1] : null;
  const last = bases.length > 0 ? bases[bases.length - 1].effectiveMonth : null;
  const q = quoteBill(m.duesCategory, base?.baseFen ?? null, settings.farmerFlatFen);
  const p = proxy?.p.proxyPayerId ? proxy : null;
  return {
    memberId: m.id,
    memberName: m.name,
    orgId: m.orgId,
    orgName: r.orgName,
    status: m.status,
    standing: m.standing,
    joinedOn: m.joinedOn,
    owes: owesDues(m, month),
    billedFrom: m.joinedOn ? m.joinedOn.slice(0, 7) : null,
    category: isDuesCategory(m.duesCategory) ? m.duesCategory : null,
    base: base ? baseDto(base) : null,
    upcomingBase: upcoming ? baseDto(upcoming) : null,
    monthly: q.amountFen !== null && q.rule ? { amountFen: q.amountFen, rateBp: q.rateBp, rule: q.rule } : null,
    issue: q.issue,
    reassessmentDue: reassessmentDue(m.duesCategory, last, month),
    proxy: p
      ? {
          payerId: p.p.proxyPayerId as string,
          payerName: p.payerName ?? '',
          consent: p.p.proxyConsent ?? '',
          consentedByName: p.p.proxyConsentedByName,
          consentedAt: p.p.proxyConsentedAt?.toISOString() ?? null,
        }
      : null,
    editable: ctx.inScope(DUES_PROFILE, r.orgPath),
  };
}

/** A member in scope for a permission, or 404. */
async function memberInScope(ctx: Ctx, perm: string, memberId: string, tx: Tx = ctx.services.db, lock = false) {
  const r = await membersRepo(ctx, perm, tx).byId(memberId, lock);
  if (!r) throw notFound();
  return r;
}

/** GET a member's dues profile. */
export async function getProfile(ctx: Ctx, memberId: string) {
  const r = await memberInScope(ctx, DUES_READ, memberId);
  return profileOf(ctx, ctx.services.db, r);
}

/** A 400 naming one body field, with the same code on the field. */
const invalid = (field: string, code: ErrorCode, params: Record<string, unknown> = {}) => new AppError(400, code, params, [{ path: `body.${field}`, code, params }]);

/**
 * Changes a member's category (on the member record, with its file entry: one source of truth) and
 * proxy payer (another member in the caller's scope, in good standing, with the branch's consent
 * recorded). A changed category re-quotes the open bills of this month on and those still missing a
 * category. Audited as dues.profile; a proxy change is written to the member's file (党费 section).
 */
export async function updateProfile(ctx: Ctx, memberId: string, body: z.infer<typeof ProfileBody>) {
  return ctx.services.db.transaction(async (tx) => {
    const r = await memberInScope(ctx, DUES_PROFILE, memberId, tx, true);
    const m = r.m;
    const changes: Record<string, unknown> = {};
    const month = currentMonth();

    if (body.category !== (m.duesCategory ?? null)) {
      await applyChanges(ctx, tx, r, { duesCategory: body.category });
      changes.category = { from: m.duesCategory, to: body.category };
      changes.requotedBills = await requoteOpenBills(tx, { countyCode: m.countyCode, id: m.id, duesCategory: body.category }, fromMonthOrUncategorized(month), () => body.category);
    }

    const current = await proxyOf(tx, m.countyCode, m.id);
    const currentPayer = current?.p.proxyPayerId ?? null;
    if (body.proxyPayerId !== currentPayer) {
      const events: FileEvent[] = [];
      const base = { countyCode: m.countyCode, memberId: m.id, orgId: m.orgId, section: 'dues' as const, source: 'dues', occurredOn: todayIn() };
      let values: Partial<typeof duesProfiles.$inferInsert>;
      if (body.proxyPayerId) {
        if (body.proxyPayerId === m.id) throw invalid('proxyPayerId', 'DUES_PROXY_SELF');
        // Like any id a write names: outside the caller's scope it is not found (404).
        const payer = await memberInScope(ctx, DUES_READ, body.proxyPayerId, tx);
        if (!(BILLED_STANDINGS as readonly string[]).includes(payer.m.standing) || !(BILLED_STATUSES as readonly string[]).includes(payer.m.status))
          throw invalid('proxyPayerId', 'DUES_PROXY_INACTIVE');
        if (!body.proxyConsent) throw invalid('proxyConsent', 'DUES_PROXY_CONSENT_REQUIRED');
        const consent = redactSensitive(body.proxyConsent);
        values = {
          proxyPayerId: payer.m.id, proxyConsent: consent, proxyConsentedBy: ctx.actor?.accountId ?? null, proxyConsentedByName: ctx.actor?.displayName ?? 'system',
          proxyConsentedAt: new Date(),
        };
        events.push({ ...base, type: 'proxy_set', title: `设置党费代缴人：${payer.m.name}`, detail: { payerId: payer.m.id, payerName: payer.m.name, consent } });
        changes.proxy = { from: currentPayer, to: payer.m.id, consent };
      } else {
        values = { proxyPayerId: null, proxyConsent: null, proxyConsentedBy: null, proxyConsentedByName: null, proxyConsentedAt: null };
        events.push({ ...base, type: 'proxy_cleared', title: `取消党费代缴（原代缴人：${current?.payerName ?? ''}）`, detail: { payerId: currentPayer } });
        changes.proxy = { from: currentPayer, to: null };
      }
      const set = { ...values, updatedBy: ctx.actor?.accountId ?? null, updatedAt: new Date() };
      await tx.insert(duesProfiles).values({ countyCode: m.countyCode, memberId: m.id, ...set }).onConflictDoUpdate({ target: [duesProfiles.countyCode, duesProfiles.memberId], set });
      await appendFileEvents(tx, fileActor(ctx), events);
    }

    if (Object.keys(changes).length > 0)
      await audit(ctx, tx, { action: 'dues.profile', result: 'success', objectType: 'member', objectId: m.id, orgId: m.orgId, detail: changes });
    const after = await memberInScope(ctx, DUES_PROFILE, memberId, tx);
    return profileOf(ctx, tx, after, month);
  });
}

/** GET a member's base history, the latest effective month first, with the one that applies now marked. */
export async function baseHistory(ctx: Ctx, memberId: string, page: { limit: number; offset: number }) {
  const r = await memberInScope(ctx, DUES_READ, memberId);
  const db = ctx.services.db;
  const all = await basesOf(db, r.m.countyCode, r.m.id);
  const current = baseFor(all, currentMonth());
  const ordered = [...all].reverse();
  return { items: ordered.slice(page.offset, page.offset + page.limit).map((b) => ({ ...baseDto(b), current: b.id === current?.id })), total: all.length };
}

/** Checks a new base's amount and month; returns the base in 分 or throws a 400 naming the field. */
export function checkNewBase(body: z.infer<typeof NewBaseBody>, month = currentMonth()) {
  const { baseFen, effectiveMonth } = body;
  if (baseFen < 0) throw invalid('baseFen', 'DUES_BASE_NEGATIVE');
  if (!Number.isInteger(baseFen)) throw invalid('baseFen', 'DUES_BASE_NOT_INTEGER');
  if (baseFen > MAX_BASE_FEN) throw invalid('baseFen', 'DUES_BASE_TOO_LARGE', { max: MAX_BASE_FEN });
  if (baseFen < 100) throw invalid('baseFen', 'DUES_BASE_TOO_SMALL');
  const latest = addMonthsTo(month, MAX_MONTHS_AHEAD);
  if (effectiveMonth > latest) throw invalid('effectiveMonth', 'DUES_MONTH_TOO_LATE', { max: latest });
  return baseFen;
}

/**
 * Records a new base from a month on (the history keeps every row), writes it to the member's file
 * (党费 section), re-quotes the member's open bills from that month on, and audits it as dues.base.
 */
export async function addBase(ctx: Ctx, memberId: string, body: z.infer<typeof NewBaseBody>) {
  const baseFen = checkNewBase(body);
  return ctx.services.db.transaction(async (tx) => {
    const r = await memberInScope(ctx, DUES_PROFILE, memberId, tx, true);
    const m = r.m;
    const reason = redactSensitive(body.reason);
    const [row] = await tx
      .insert(duesBases)
      .values({
        countyCode: m.countyCode, id: uuidv7(), memberId: m.id, effectiveMonth: body.effectiveMonth, baseFen, reason,
        createdBy: ctx.actor?.accountId ?? null, createdByName: ctx.actor?.displayName ?? 'system',
      })
      .returning();
    await appendFileEvents(tx, fileActor(ctx), [
      {
        countyCode: m.countyCode, memberId: m.id, orgId: m.orgId, section: 'dues', source: 'dues', type: 'base_set',
        title: `党费计算基数：自 ${body.effectiveMonth} 起每月 ${formatFen(baseFen)} 元`, detail: { effectiveMonth: body.effectiveMonth, baseFen, reason },
      },
    ]);
    const requotedBills = await requoteOpenBills(tx, { countyCode: m.countyCode, id: m.id, duesCategory: m.duesCategory }, fromMonth(body.effectiveMonth), (b) => b.category ?? m.duesCategory);
    await audit(ctx, tx, {
      action: 'dues.base', result: 'success', objectType: 'member', objectId: m.id, orgId: m.orgId, reason,
      detail: { effectiveMonth: body.effectiveMonth, baseFen, requotedBills },
    });
    return { base: baseDto(row), requotedBills };
  });
}

/** Categories that need a base (the rated ones). */
const RATED: readonly DuesCategory[] = [...INCOME_CATEGORIES, 'retired'];

/**
 * The reassessment list as one query: members in scope (under `orgId` when given) who owe dues this
 * month, in a rated category, whose latest base is missing or took effect 12 months or more ago; by
 * organization, the oldest base first.
 */
async function reassessmentQuery(ctx: Ctx, perm: string, orgId: string | undefined) {
  const db = ctx.services.db;
  let paths = ctx.scope(perm);
  if (orgId) {
    const org = await orgsRepo(ctx, perm).byId(orgId);
    if (!org) throw notFound();
    paths = [org.path];
  }
  const month = currentMonth();
  const stale = addMonthsTo(month, -REASSESS_MONTHS);
  const county = ctx.actor?.countyCode ?? '';
  const list = (xs: readonly string[]) => sql.join(xs.map((x) => sql`${x}`), sql`, `);
  const from = sql`
      FROM members
      JOIN organizations ON organizations.county_code = members.county_code AND organizations.id = members.org_id
      LEFT JOIN LATERAL (
        SELECT x.effective_month, x.base_fen FROM dues_bases x
         WHERE x.county_code = members.county_code AND x.member_id = members.id
         ORDER BY x.effective_month DESC, x.id DESC LIMIT 1) lb ON true
     WHERE members.county_code = ${county}
       AND ${inSubtree(organizations.path, ctx.scope(perm))} AND ${inSubtree(organizations.path, paths)}
       AND members.status IN (${list(BILLED_STATUSES)}) AND members.standing IN (${list(BILLED_STANDINGS)})
       AND (members.joined_on IS NULL OR members.joined_on < ${`${addMonthsTo(month, 1)}-01`}::date)
       AND members.dues_category IN (${list(RATED)})
       AND (lb.effective_month IS NULL OR lb.effective_month <= ${stale})`;
  type Row = { member_id: string; member_name: string; org_id: string; org_name: string; category: string; last_month: string | null; last_base: string | null };
  const rows = async (limit: number, offset: number) => {
    const res = (await db.execute(sql`
      SELECT members.id AS member_id, members.name AS member_name, organizations.id AS org_id, organizations.name AS org_name,
             members.dues_category AS category, lb.effective_month AS last_month, lb.base_fen::text AS last_base
      ${from}
      ORDER BY organizations.name, organizations.id, lb.effective_month ASC NULLS FIRST, members.name_initials, members.name, members.id
      LIMIT ${limit} OFFSET ${offset}`)) as unknown as { rows: Row[] };
    return res.rows.map((x) => ({
      memberId: x.member_id, memberName: x.member_name, orgId: x.org_id, orgName: x.org_name, category: x.category as DuesCategory,
      lastEffectiveMonth: x.last_month, lastBaseFen: x.last_base === null ? null : Number(x.last_base), monthsSince: x.last_month ? monthsBetween(x.last_month, month) : null,
    }));
  };
  const total = async () => {
    const res = (await db.execute(sql`SELECT count(*)::int AS n ${from}`)) as unknown as { rows: { n: number }[] };
    return Number(res.rows[0].n);
  };
  return { rows, total, month };
}

/** A page of the reassessment list. */
export async function reassessmentList(ctx: Ctx, q: { orgId?: string; limit: number; offset: number }) {
  const { rows, total } = await reassessmentQuery(ctx, DUES_READ, q.orgId);
  const [items, n] = await Promise.all([rows(q.limit, q.offset), total()]);
  return { items, total: n };
}

type ReassessmentRow = Awaited<ReturnType<Awaited<ReturnType<typeof reassessmentQuery>>['rows']>>[number];

/** The reassessment list as Excel (the exporter's name as watermark, audited). */
export async function exportReassessment(ctx: Ctx, reply: FastifyReply, q: { orgId?: string }) {
  const { rows, total, month } = await reassessmentQuery(ctx, DUES_EXPORT, q.orgId);
  const h = DUES_TEXTS[ctx.lang];
  const columns: ExportColumn<ReassessmentRow>[] = [
    { header: h.org, value: (r) => r.orgName, width: 34 },
    { header: h.name, value: (r) => r.memberName, width: 12 },
    { header: h.category, value: (r) => memberLabel('dues', r.category, ctx.lang), width: 16 },
    { header: h.lastEffectiveMonth, value: (r) => r.lastEffectiveMonth ?? h.none, width: 14 },
    { header: h.lastBase, value: (r) => (r.lastBaseFen === null ? '' : formatFen(r.lastBaseFen)), width: 14 },
    { header: h.monthsSince, value: (r) => r.monthsSince ?? '', width: 12 },
  ];
  return exportXlsx(ctx, reply, { name: 'dues-reassessment', title: `${h.reassessmentTitle}（${month}）`, filters: q, count: total, rows: (limit) => rows(limit, 0), columns });
}
