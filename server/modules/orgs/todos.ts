import { and, count, desc, eq, isNotNull, lte } from 'drizzle-orm';
import type { z } from 'zod';
import { addMonths, todayIn } from '../../../common/calendar.ts';
import type { Ctx } from '../../core/access/context.ts';
import { inSubtree } from '../../core/access/scope.ts';
import { audit } from '../../core/audit/audit.ts';
import { conflict, notFound } from '../../core/errors/app-error.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Services, Tx } from '../../core/services.ts';
import { appendFileEvents, fileActor } from '../members/member-file.ts';
import { redactSensitive } from '../members/member-validate.ts';
import { members } from '../members/members.tables.ts';
import { orgsRepo } from './orgs.repo.ts';
import { organizations, orgTodos } from './orgs.tables.ts';
import type { DecideBody, TODO_STATUSES } from './todos.schemas.ts';

/** Months of 失联 after which 停止党籍 is proposed (DOMAIN §2). */
export const LOST_CONTACT_MONTHS = 6;
/** The daily job and its schedule (01:30 Asia/Shanghai). */
export const LOST_CONTACT_JOB = 'orgs.lost-contact-scan';
export const LOST_CONTACT_CRON = '30 1 * * *';

type Status = (typeof TODO_STATUSES)[number];
const todoSelect = { t: orgTodos, memberName: members.name };
const memberJoin = and(eq(members.countyCode, orgTodos.countyCode), eq(members.id, orgTodos.memberId));

const todoDto = (r: { t: typeof orgTodos.$inferSelect; memberName: string | null }) => ({
  id: r.t.id,
  orgId: r.t.orgId,
  kind: r.t.kind,
  memberId: r.t.memberId,
  memberName: r.memberName,
  title: r.t.title,
  detail: (r.t.detail ?? null) as Record<string, unknown> | null,
  dueOn: r.t.dueOn,
  status: r.t.status as Status,
  createdAt: r.t.createdAt.toISOString(),
  decidedAt: r.t.decidedAt?.toISOString() ?? null,
  decision: r.t.decision,
});

/** The to-do list of an organization in read scope, newest first. */
export async function listTodos(ctx: Ctx, orgId: string, q: { status?: Status; limit: number; offset: number }) {
  const org = await orgsRepo(ctx).byId(orgId);
  if (!org) throw notFound();
  const where = and(eq(orgTodos.countyCode, org.countyCode), eq(orgTodos.orgId, org.id), q.status ? eq(orgTodos.status, q.status) : undefined);
  const db = ctx.services.db;
  const [rows, [{ n }]] = await Promise.all([
    db.select(todoSelect).from(orgTodos).leftJoin(members, memberJoin).where(where).orderBy(desc(orgTodos.createdAt), desc(orgTodos.id)).limit(q.limit).offset(q.offset),
    db.select({ n: count() }).from(orgTodos).where(where),
  ]);
  return { items: rows.map(todoDto), total: Number(n) };
}

/** Accepting a 停止党籍 proposal: the member is still 失联 with a normal standing, else it is stale. */
async function acceptSuspension(ctx: Ctx, tx: Tx, t: typeof orgTodos.$inferSelect, note: string | undefined) {
  const [m] = await tx
    .select()
    .from(members)
    .where(and(eq(members.countyCode, t.countyCode), eq(members.id, t.memberId!)))
    .for('update');
  if (m?.standing !== 'normal' || !m.lostContactSince) throw conflict('TODO_STALE');
  await tx.update(members).set({ standing: 'suspended', updatedAt: new Date() }).where(and(eq(members.countyCode, m.countyCode), eq(members.id, m.id)));
  await appendFileEvents(tx, fileActor(ctx), [
    {
      countyCode: m.countyCode, memberId: m.id, section: 'basic', type: 'standing_changed', title: '停止党籍（失联满 6 个月）', occurredOn: todayIn(), orgId: m.orgId, source: 'orgs',
      detail: { from: 'normal', to: 'suspended', reason: 'lost_contact', lostContactSince: m.lostContactSince, todoId: t.id, ...(note ? { note } : {}) },
    },
  ]);
  await audit(ctx, tx, { action: 'member.standing', result: 'success', objectType: 'member', objectId: m.id, orgId: m.orgId, reason: note, detail: { from: 'normal', to: 'suspended', todoId: t.id } });
}

/** What accepting a to-do of a kind carries out (in the deciding transaction); kinds without one only close. */
export type TodoAcceptor = (ctx: Ctx, tx: Tx, todo: typeof orgTodos.$inferSelect, note: string | undefined) => Promise<void>;
const TODO_ACCEPTORS = new Map<string, TodoAcceptor>([['suspend_proposal', acceptSuspension]]);

/** Lets another module carry out its own kind of to-do on accept (e.g. dues: the 自行脱党 review). */
export function onTodoAccept(kind: string, fn: TodoAcceptor) {
  TODO_ACCEPTORS.set(kind, fn);
}

/**
 * Decides a to-do in scope: accept carries the proposal out (停止党籍 with a file event and audit),
 * dismiss only closes it. Deciding again the same way changes nothing; the other way is refused.
 */
export async function decideTodo(ctx: Ctx, id: string, raw: z.infer<typeof DecideBody>) {
  const body = { ...raw, note: raw.note && redactSensitive(raw.note) };
  return ctx.services.db.transaction(async (tx) => {
    const county = ctx.actor?.countyCode ?? '';
    const [found] = await tx
      .select({ t: orgTodos })
      .from(orgTodos)
      .innerJoin(organizations, and(eq(organizations.countyCode, orgTodos.countyCode), eq(organizations.id, orgTodos.orgId)))
      .where(and(eq(orgTodos.countyCode, county), eq(orgTodos.id, id), inSubtree(organizations.path, ctx.scope('member.write'))))
      .for('update', { of: orgTodos });
    if (!found) throw notFound();
    const t = found.t;
    if (t.status !== 'open') {
      if (t.decision === body.decision) return getTodo(tx, t.countyCode, t.id);
      throw conflict('TODO_DECIDED', { decision: t.status });
    }
    const accept = TODO_ACCEPTORS.get(t.kind);
    if (body.decision === 'accept' && accept) await accept(ctx, tx, t, body.note);
    const detail = { ...((t.detail as Record<string, unknown> | null) ?? {}), ...(body.note ? { decisionNote: body.note } : {}) };
    await tx
      .update(orgTodos)
      .set({ status: body.decision === 'accept' ? 'accepted' : 'dismissed', decision: body.decision, decidedBy: ctx.actor?.accountId ?? null, decidedAt: new Date(), detail })
      .where(and(eq(orgTodos.countyCode, t.countyCode), eq(orgTodos.id, t.id)));
    await audit(ctx, tx, { action: 'todo.decide', result: 'success', objectType: 'org_todo', objectId: t.id, orgId: t.orgId, reason: body.note, detail: { kind: t.kind, decision: body.decision, memberId: t.memberId } });
    return getTodo(tx, t.countyCode, t.id);
  });
}

async function getTodo(tx: Tx, county: string, id: string) {
  const [r] = await tx.select(todoSelect).from(orgTodos).leftJoin(members, memberJoin).where(and(eq(orgTodos.countyCode, county), eq(orgTodos.id, id)));
  return todoDto(r);
}

/**
 * The daily 失联 scan: one 停止党籍 proposal in the member's organization for every member with a
 * normal standing who has been 失联 for ≥ 6 months. Nothing changes automatically; the dedupe key
 * `suspend:<memberId>` keeps it to one proposal per member. Returns how many were created.
 */
export async function scanLostContact(services: Services, today = todayIn()) {
  const cutoff = addMonths(today, -LOST_CONTACT_MONTHS);
  const due = await services.db
    .select({ countyCode: members.countyCode, id: members.id, orgId: members.orgId, name: members.name, since: members.lostContactSince })
    .from(members)
    .where(and(eq(members.standing, 'normal'), isNotNull(members.lostContactSince), lte(members.lostContactSince, cutoff)));
  let created = 0;
  for (let i = 0; i < due.length; i += 500) {
    const rows = due.slice(i, i + 500).map((m) => ({
      countyCode: m.countyCode,
      id: uuidv7(),
      orgId: m.orgId,
      kind: 'suspend_proposal',
      memberId: m.id,
      title: `${m.name}失联已满 ${LOST_CONTACT_MONTHS} 个月，提议停止党籍`,
      detail: { lostContactSince: m.since, months: LOST_CONTACT_MONTHS, proposedOn: today },
      dedupeKey: `suspend:${m.id}`,
    }));
    const inserted = await services.db.insert(orgTodos).values(rows).onConflictDoNothing().returning({ id: orgTodos.id });
    created += inserted.length;
  }
  if (created > 0) services.log.info({ created }, 'lost-contact suspension proposals created');
  return created;
}

/** Registers the job and its daily schedule. */
export function registerTodoJobs(services: Services) {
  services.jobs.handle(LOST_CONTACT_JOB, async () => {
    await scanLostContact(services);
  });
  services.jobs.schedule({ name: LOST_CONTACT_JOB, cron: LOST_CONTACT_CRON, job: LOST_CONTACT_JOB });
}

