// Events: report, list, detail, transitions and their history (docs/GRID.md "Events"); the category tree is categories.service.ts, the Excel export events.export.ts.
import { type SQL, and, asc, count, desc, eq, gte, inArray, isNotNull, like, lt, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { addDays } from '../../../common/calendar.ts';
import {
  type CategoryDef,
  GRID_STATES,
  type GridState,
  type Sla,
  WORKFLOW_ERRORS,
  type WorkflowRole,
  allowedActions,
  decide,
  isOverdue,
  stageDue,
} from '../../../common/grid-workflow.ts';
import type { Ctx } from '../../core/access/context.ts';
import { inSubtree } from '../../core/access/scope.ts';
import { audit } from '../../core/audit/audit.ts';
import { AppError, badRequest, notFound } from '../../core/errors/app-error.ts';
import { limitOffset } from '../../core/http/pagination.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Tx } from '../../core/services.ts';
import { normalizePhone, phoneColumns } from '../members/member-row.ts';
import { members } from '../members/members.tables.ts';
import { systemOrgs } from '../orgs/orgs.repo.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import type { EventCreateBody, EventExportQuery, EventListQuery, TransitionBody } from './grid.schemas.ts';
import { countyCategories } from './categories.service.ts';
import { GRID_READ, countyOf, maskedPhone } from './grid.service.ts';
import { gridEventHistory, gridEvents, grids } from './grid.tables.ts';

/** Report an event (members, grid workers, administrators). */
export const GRID_REPORT = 'grid.report';
/** Take the township's actions (受理, 分析研判, 分流交办, 办结, 反馈, 退回, 督办, 重新办理) on events of townships in scope. */
export const GRID_HANDLE = 'grid.handle';
/** Read and work events dispatched to an organization in scope (and read every event route). */
export const GRID_ASSIGNED = 'grid.assigned';

// --- Events: visibility

const township = alias(organizations, 'township');
const assignee = alias(organizations, 'assignee');

/**
 * What the caller may see: events of a township in its grid.read scope (the township's 四个平台),
 * or dispatched to an organization in its grid.assigned scope. Anything else is a 404.
 */
function visible(ctx: Ctx): SQL {
  return or(inSubtree(township.path, ctx.scope(GRID_READ)), and(isNotNull(gridEvents.assigneeOrgId), inSubtree(assignee.path, ctx.scope(GRID_ASSIGNED)))) as SQL;
}

const eventSelect = {
  e: gridEvents,
  gridName: grids.name,
  townshipName: township.name,
  townshipPath: township.path,
  assigneeName: assignee.name,
  assigneePath: assignee.path,
};

export function eventQuery(tx: Tx) {
  return tx
    .select(eventSelect)
    .from(gridEvents)
    .innerJoin(grids, and(eq(grids.countyCode, gridEvents.countyCode), eq(grids.id, gridEvents.gridId)))
    .innerJoin(township, and(eq(township.countyCode, gridEvents.countyCode), eq(township.id, gridEvents.townshipOrgId)))
    .leftJoin(assignee, and(eq(assignee.countyCode, gridEvents.countyCode), eq(assignee.id, gridEvents.assigneeOrgId)));
}

/** How many events eventQuery finds under `where` (the same joins). */
export async function countEvents(tx: Tx, where: SQL): Promise<number> {
  const [{ n }] = await tx
    .select({ n: count() })
    .from(gridEvents)
    .innerJoin(grids, and(eq(grids.countyCode, gridEvents.countyCode), eq(grids.id, gridEvents.gridId)))
    .innerJoin(township, and(eq(township.countyCode, gridEvents.countyCode), eq(township.id, gridEvents.townshipOrgId)))
    .leftJoin(assignee, and(eq(assignee.countyCode, gridEvents.countyCode), eq(assignee.id, gridEvents.assigneeOrgId)))
    .where(where);
  return Number(n);
}

type EventRow = Awaited<ReturnType<ReturnType<typeof eventQuery>['execute']>>[number];

/** The workflow roles the caller holds for an event. */
function rolesFor(ctx: Ctx, r: EventRow): WorkflowRole[] {
  const out: WorkflowRole[] = [];
  if (ctx.inScope(GRID_HANDLE, r.townshipPath)) out.push('township');
  if (r.assigneePath && ctx.inScope(GRID_ASSIGNED, r.assigneePath)) out.push('assignee');
  return out;
}

export function eventDto(ctx: Ctx, r: EventRow, cats: CategoryDef[], now: Date) {
  const e = r.e;
  const cat = cats.find((c) => c.code === e.categoryCode);
  return {
    id: e.id,
    category: e.categoryCode,
    categoryName: cat ? (ctx.lang === 'en' ? cat.en : cat.zh) : e.categoryCode,
    description: e.description,
    latitude: e.latitude,
    longitude: e.longitude,
    gridId: e.gridId,
    gridName: r.gridName,
    townshipOrgId: e.townshipOrgId,
    townshipName: r.townshipName,
    reporterKind: e.reporterKind,
    reporterName: e.reporterName,
    reporterPhone: maskedPhone(ctx, e.reporterPhoneEnc),
    state: e.state,
    stateType: GRID_STATES[e.state].type,
    assigneeOrgId: e.assigneeOrgId,
    assigneeName: r.assigneeName ?? null,
    dueAt: e.dueAt,
    overdue: isOverdue(e.state, e.dueAt, now),
    supervised: e.supervised,
    superviseNote: e.superviseNote,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

async function visibleEvent(ctx: Ctx, id: string, tx: Tx = ctx.services.db, lock = false) {
  const q = eventQuery(tx).where(and(eq(gridEvents.countyCode, countyOf(ctx)), eq(gridEvents.id, id), visible(ctx)));
  const [row] = lock ? await q.for('update', { of: gridEvents }) : await q;
  if (!row) throw notFound();
  return row;
}

const slaOf = (cats: CategoryDef[], code: string): Sla => {
  const c = cats.find((x) => x.code === code);
  if (!c) throw new Error(`grid category ${code} is missing from the tree`);
  return c.sla;
};

// --- Report

/**
 * Reports an event on any grid of the county: the township-level grid above it names the township
 * whose 四个平台 handles it. The reporter is the resident given, else the caller's member record,
 * else the caller's account.
 */
export async function reportEvent(ctx: Ctx, body: z.infer<typeof EventCreateBody>, now = new Date()) {
  const county = countyOf(ctx);
  const db = ctx.services.db;
  const { categories } = await countyCategories(db, county);
  if (!categories.some((c) => c.code === body.category)) throw badRequest('GRID_CATEGORY_UNKNOWN', [{ path: 'body.category', code: 'GRID_CATEGORY_UNKNOWN' }]);
  if ((body.latitude == null) !== (body.longitude == null)) throw badRequest('GRID_LOCATION_PARTIAL', [{ path: body.latitude == null ? 'body.latitude' : 'body.longitude', code: 'GRID_LOCATION_PARTIAL' }]);
  const [grid] = await db.select().from(grids).where(and(eq(grids.countyCode, county), eq(grids.id, body.gridId)));
  if (!grid) throw notFound();
  const topId = grid.path.split('/').filter(Boolean)[0];
  const [top] = await db.select({ orgId: grids.orgId }).from(grids).where(and(eq(grids.countyCode, county), eq(grids.id, topId)));

  let reporter: { reporterKind: 'member' | 'account' | 'resident'; reporterMemberId: string | null; reporterAccountId: string | null; reporterName: string };
  let phone: { phoneEnc: string | null; phoneIndex: string | null; phoneTail: string | null } = phoneColumns(ctx.services.keys, null);
  if (body.resident) {
    const p = normalizePhone(body.resident.phone);
    if (!p) throw badRequest('GRID_PHONE_INVALID', [{ path: 'body.resident.phone', code: 'GRID_PHONE_INVALID' }]);
    phone = phoneColumns(ctx.services.keys, p);
    reporter = { reporterKind: 'resident', reporterMemberId: null, reporterAccountId: ctx.actor?.accountId ?? null, reporterName: body.resident.name };
  } else if (ctx.actor?.memberId) {
    const [m] = await db.select({ name: members.name, phoneEnc: members.phoneEnc, phoneIndex: members.phoneIndex, phoneTail: members.phoneTail }).from(members).where(and(eq(members.countyCode, county), eq(members.id, ctx.actor.memberId)));
    reporter = { reporterKind: 'member', reporterMemberId: ctx.actor.memberId, reporterAccountId: ctx.actor.accountId, reporterName: m?.name ?? ctx.actor.displayName };
    if (m) phone = { phoneEnc: m.phoneEnc, phoneIndex: m.phoneIndex, phoneTail: m.phoneTail };
  } else {
    reporter = { reporterKind: 'account', reporterMemberId: null, reporterAccountId: ctx.actor?.accountId ?? null, reporterName: ctx.actor?.displayName ?? '' };
  }

  const id = uuidv7();
  await db.transaction(async (tx) => {
    await tx.insert(gridEvents).values({
      countyCode: county,
      id,
      categoryCode: body.category,
      description: body.description,
      latitude: body.latitude ?? null,
      longitude: body.longitude ?? null,
      gridId: grid.id,
      townshipOrgId: top.orgId,
      ...reporter,
      reporterPhoneEnc: phone.phoneEnc,
      reporterPhoneIndex: phone.phoneIndex,
      reporterPhoneTail: phone.phoneTail,
      state: 'reported',
      stageSeq: 1,
      stageEnteredAt: now,
      dueAt: stageDue(slaOf(categories, body.category), 'reported', now),
      createdAt: now,
      updatedAt: now,
    });
    await tx.insert(gridEventHistory).values({ countyCode: county, id: uuidv7(), eventId: id, seq: 1, at: now, action: 'report', fromState: null, toState: 'reported', actorId: ctx.actor?.accountId ?? null, actorName: ctx.actor?.displayName ?? '' });
    await audit(ctx, tx, { action: 'grid.event_report', result: 'success', objectType: 'grid_event', objectId: id, orgId: top.orgId, detail: { category: body.category } });
  });
  const [row] = await eventQuery(db).where(and(eq(gridEvents.countyCode, county), eq(gridEvents.id, id)));
  return eventDto(ctx, row, categories, now);
}

// --- List, detail, export

export async function listConditions(ctx: Ctx, q: z.infer<typeof EventExportQuery>, cats: CategoryDef[], now: Date): Promise<SQL> {
  const county = countyOf(ctx);
  const conds: SQL[] = [eq(gridEvents.countyCode, county), visible(ctx)];
  if (q.state) conds.push(eq(gridEvents.state, q.state));
  if (q.category) {
    const codes = [q.category, ...cats.filter((c) => c.parent === q.category).map((c) => c.code)];
    conds.push(inArray(gridEvents.categoryCode, codes));
  }
  if (q.gridId) {
    // A grid the caller cannot read filters to nothing rather than leaking its existence.
    const [g] = await ctx.services.db
      .select({ path: grids.path })
      .from(grids)
      .innerJoin(organizations, and(eq(organizations.countyCode, grids.countyCode), eq(organizations.id, grids.orgId)))
      .where(and(eq(grids.countyCode, county), eq(grids.id, q.gridId), or(inSubtree(organizations.path, ctx.scope(GRID_READ)), inSubtree(organizations.path, ctx.scope(GRID_ASSIGNED)))));
    if (!g) throw notFound();
    conds.push(like(grids.path, `${g.path}%`));
  }
  if (q.townshipOrgId) conds.push(eq(gridEvents.townshipOrgId, q.townshipOrgId));
  if (q.overdue !== undefined) {
    const late = and(lt(gridEvents.dueAt, now), ne(gridEvents.state, 'closed'), ne(gridEvents.state, 'fed_back')) as SQL;
    conds.push(q.overdue ? late : (sql`NOT coalesce(${late}, false)` as SQL));
  }
  if (q.supervised !== undefined) conds.push(eq(gridEvents.supervised, q.supervised));
  if (q.from) conds.push(gte(gridEvents.createdAt, new Date(`${q.from}T00:00:00+08:00`)));
  if (q.to) conds.push(lt(gridEvents.createdAt, new Date(`${addDays(q.to, 1)}T00:00:00+08:00`)));
  if (q.from && q.to && q.from > q.to) throw badRequest('GRID_RANGE', [{ path: 'query.from', code: 'GRID_RANGE' }]);
  return and(...conds) as SQL;
}

export async function listEvents(ctx: Ctx, q: z.infer<typeof EventListQuery>, now = new Date()) {
  const db = ctx.services.db;
  const { categories } = await countyCategories(db, countyOf(ctx));
  const where = await listConditions(ctx, q, categories, now);
  const { limit, offset } = limitOffset(q);
  const rows = await eventQuery(db).where(where).orderBy(desc(gridEvents.createdAt), desc(gridEvents.id)).limit(limit).offset(offset);
  return { items: rows.map((r) => eventDto(ctx, r, categories, now)), total: await countEvents(db, where) };
}

async function history(tx: Tx, county: string, id: string) {
  return tx
    .select({
      seq: gridEventHistory.seq,
      at: gridEventHistory.at,
      action: gridEventHistory.action,
      fromState: gridEventHistory.fromState,
      toState: gridEventHistory.toState,
      note: gridEventHistory.note,
      assigneeOrgId: gridEventHistory.assigneeOrgId,
      actorName: gridEventHistory.actorName,
    })
    .from(gridEventHistory)
    .where(and(eq(gridEventHistory.countyCode, county), eq(gridEventHistory.eventId, id)))
    .orderBy(asc(gridEventHistory.seq));
}

export async function getEvent(ctx: Ctx, id: string, now = new Date()) {
  const db = ctx.services.db;
  const row = await visibleEvent(ctx, id);
  const { categories } = await countyCategories(db, countyOf(ctx));
  return { ...eventDto(ctx, row, categories, now), history: await history(db, countyOf(ctx), id), actions: allowedActions(row.e.state, rolesFor(ctx, row)) };
}

// --- Transitions

const STATUS: Record<string, number> = { [WORKFLOW_ERRORS.illegal]: 409, [WORKFLOW_ERRORS.role]: 403, [WORKFLOW_ERRORS.note]: 400, [WORKFLOW_ERRORS.assignee]: 400 };
const FIELD: Record<string, string> = { [WORKFLOW_ERRORS.note]: 'body.note', [WORKFLOW_ERRORS.assignee]: 'body.assignee' };

/**
 * Takes an action on an event (common/grid-workflow.ts decides), in one transaction with the row
 * locked: the event's state, stage, due time and assignee change together with the appended history row.
 */
export async function transition(ctx: Ctx, id: string, body: z.infer<typeof TransitionBody>, now = new Date()) {
  const county = countyOf(ctx);
  await ctx.services.db.transaction(async (tx) => {
    const row = await visibleEvent(ctx, id, tx, true);
    const e = row.e;
    const d = decide(e.state, body.action, rolesFor(ctx, row), { note: body.note, assignee: body.assignee });
    if (!d.ok) {
      const field = FIELD[d.error];
      throw new AppError(STATUS[d.error], d.error, { action: body.action, state: e.state }, field ? [{ path: field, code: d.error }] : undefined);
    }
    let assigneeOrgId = e.assigneeOrgId;
    if (body.action === 'dispatch') {
      const o = await systemOrgs.byId(tx, county, body.assignee as string);
      if (o?.status !== 'active') throw badRequest('GRID_ASSIGNEE_UNKNOWN', [{ path: 'body.assignee', code: 'GRID_ASSIGNEE_UNKNOWN' }]);
      assigneeOrgId = o.id;
    }
    const { categories } = await countyCategories(tx, county);
    await applyChange(tx, {
      county,
      event: e,
      action: body.action,
      to: d.to,
      changesState: d.changesState,
      note: body.note ?? null,
      assigneeOrgId,
      actorId: ctx.actor?.accountId ?? null,
      actorName: ctx.actor?.displayName ?? '',
      sla: slaOf(categories, e.categoryCode),
      now,
    });
    await audit(ctx, tx, { action: `grid.event_${body.action}`, result: 'success', objectType: 'grid_event', objectId: id, orgId: e.townshipOrgId, detail: { from: e.state, to: d.to, assignee: assigneeOrgId } });
  });
  return getEvent(ctx, id, now);
}

/**
 * Writes one change of an event: the history row (append-only) and the event row's derived fields.
 * A state change opens a new stage (stage_seq + 1, a fresh due time); 督办 sets the flag and note; a
 * closed state clears the flag.
 */
export async function applyChange(
  tx: Tx,
  c: { county: string; event: typeof gridEvents.$inferSelect; action: string; to: GridState; changesState: boolean; note: string | null; assigneeOrgId: string | null; actorId: string | null; actorName: string; sla: Sla; now: Date },
) {
  const e = c.event;
  const [{ seq }] = await tx.select({ seq: sql<number>`coalesce(max(${gridEventHistory.seq}), 0)::int + 1` }).from(gridEventHistory).where(and(eq(gridEventHistory.countyCode, c.county), eq(gridEventHistory.eventId, e.id)));
  await tx.insert(gridEventHistory).values({
    countyCode: c.county,
    id: uuidv7(),
    eventId: e.id,
    seq: Number(seq),
    at: c.now,
    action: c.action,
    fromState: e.state,
    toState: c.to,
    note: c.note,
    assigneeOrgId: c.action === 'dispatch' ? c.assigneeOrgId : null,
    actorId: c.actorId,
    actorName: c.actorName,
  });
  const closed = GRID_STATES[c.to].type === 'closed';
  const supervise = c.action === 'supervise';
  await tx
    .update(gridEvents)
    .set({
      state: c.to,
      assigneeOrgId: c.assigneeOrgId,
      ...(c.changesState ? { stageSeq: e.stageSeq + 1, stageEnteredAt: c.now, dueAt: stageDue(c.sla, c.to, c.now) } : {}),
      supervised: closed ? false : e.supervised || supervise,
      superviseNote: closed ? null : supervise ? c.note : e.superviseNote,
      updatedAt: c.now,
    })
    .where(and(eq(gridEvents.countyCode, c.county), eq(gridEvents.id, e.id)));
}
