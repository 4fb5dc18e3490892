import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { todayIn } from '../../../common/calendar.ts';
import { ACTIVE_STANDINGS, type COMMITTEE_POSITIONS } from '../../../common/member.ts';
import type { OrgCategory, OrgLevel } from '../../../common/org.ts';
import { termDueOn } from '../../../common/org-rules.ts';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { badRequest, conflict, notFound } from '../../core/errors/app-error.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Tx } from '../../core/services.ts';
import { appendFileEvents, type FileEvent, fileActor } from '../members/member-file.ts';
import { members } from '../members/members.tables.ts';
import type { AddPositionBody } from './committee.schemas.ts';
import { orgLabel } from './org-labels.ts';
import { type OrgRow, orgsRepo } from './orgs.repo.ts';
import { orgCommittee } from './orgs.tables.ts';

type Position = (typeof COMMITTEE_POSITIONS)[number];
type Entry = typeof orgCommittee.$inferSelect;

/** Serializes committee changes of one organization (one secretary at a time). */
const lockCommittee = (tx: Tx, org: OrgRow) => tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`committee:${org.countyCode}:${org.id}`}))`);

const positionEvent = (org: OrgRow, e: Entry, kind: 'start' | 'end', on: string, reason?: string): FileEvent => ({
  countyCode: org.countyCode,
  memberId: e.memberId,
  section: 'position',
  type: kind === 'start' ? 'position_start' : 'position_end',
  title: kind === 'start' ? `任${org.name}${orgLabel('position', e.position)}` : `免去${org.name}${orgLabel('position', e.position)}职务`,
  occurredOn: on,
  orgId: org.id,
  source: 'orgs',
  detail: { orgId: org.id, orgName: org.name, position: e.position, termStart: e.termStart, ...(kind === 'end' ? { termEnd: on } : {}), ...(reason ? { reason } : {}) },
});

/** The committee of an organization in read scope (ended positions are kept and listed after). */
export async function listCommittee(ctx: Ctx, orgId: string) {
  const org = await orgsRepo(ctx).byId(orgId);
  if (!org) throw notFound();
  return committeeOf(ctx.services.db, org);
}

async function committeeOf(tx: Tx, org: OrgRow) {
  const rows = await tx
    .select({ e: orgCommittee, memberName: members.name })
    .from(orgCommittee)
    .innerJoin(members, and(eq(members.countyCode, orgCommittee.countyCode), eq(members.id, orgCommittee.memberId)))
    .where(and(eq(orgCommittee.countyCode, org.countyCode), eq(orgCommittee.orgId, org.id)))
    .orderBy(sql`${orgCommittee.termEnd} is not null`, desc(orgCommittee.termEnd), asc(orgCommittee.termStart), asc(orgCommittee.id));
  const order: Position[] = ['secretary', 'deputy_secretary', 'organization', 'propaganda', 'discipline', 'member'];
  const items = rows
    .map((r) => ({ id: r.e.id, memberId: r.e.memberId, memberName: r.memberName, position: r.e.position as Position, termStart: r.e.termStart, termEnd: r.e.termEnd, active: r.e.termEnd === null }))
    .sort((a, b) => (a.active === b.active ? (a.active ? order.indexOf(a.position) - order.indexOf(b.position) : 0) : a.active ? -1 : 1));
  return { items, termStart: org.termStart, termDueOn: termDueOn(org.level as OrgLevel, org.category as OrgCategory | null, org.termStart) };
}

/**
 * Appoints a member of the organization to a position. The member must belong to it with an
 * active standing; one secretary at a time; a member holds one position per organization (asking
 * again for the same position changes nothing). Writes a 职务 file event; audited.
 */
export async function addPosition(ctx: Ctx, orgId: string, body: z.infer<typeof AddPositionBody>) {
  if (body.termStart > todayIn()) throw badRequest('DATE_IN_FUTURE', [{ path: 'body.termStart', code: 'DATE_IN_FUTURE' }]);
  return ctx.services.db.transaction(async (tx) => {
    const org = await orgsRepo(ctx, 'org.write', tx).byId(orgId);
    if (!org) throw notFound();
    if (org.status !== 'active') throw conflict('ORG_DISSOLVED');
    await lockCommittee(tx, org);
    const [m] = await tx
      .select({ id: members.id, name: members.name })
      .from(members)
      .where(and(eq(members.countyCode, org.countyCode), eq(members.id, body.memberId), eq(members.orgId, org.id), inArray(members.standing, [...ACTIVE_STANDINGS])));
    if (!m) throw badRequest('COMMITTEE_NOT_ORG_MEMBER', [{ path: 'body.memberId', code: 'COMMITTEE_NOT_ORG_MEMBER' }]);
    const active = await tx
      .select({ e: orgCommittee, memberName: members.name })
      .from(orgCommittee)
      .innerJoin(members, and(eq(members.countyCode, orgCommittee.countyCode), eq(members.id, orgCommittee.memberId)))
      .where(and(eq(orgCommittee.countyCode, org.countyCode), eq(orgCommittee.orgId, org.id), isNull(orgCommittee.termEnd)));
    const held = active.find((a) => a.e.memberId === m.id);
    if (held?.e.position === body.position) return committeeOf(tx, org);
    if (held) throw conflict('COMMITTEE_MEMBER_HOLDS_POSITION');
    const secretary = active.find((a) => a.e.position === 'secretary');
    if (body.position === 'secretary' && secretary) throw conflict('COMMITTEE_SECRETARY_EXISTS', { name: secretary.memberName });
    const [entry] = await tx
      .insert(orgCommittee)
      .values({ countyCode: org.countyCode, id: uuidv7(), orgId: org.id, memberId: m.id, position: body.position, termStart: body.termStart })
      .returning();
    await appendFileEvents(tx, fileActor(ctx), [positionEvent(org, entry, 'start', body.termStart)]);
    await audit(ctx, tx, { action: 'org.committee.add', result: 'success', objectType: 'org_committee', objectId: entry.id, orgId: org.id, detail: { memberId: m.id, position: body.position, termStart: body.termStart } });
    return committeeOf(tx, org);
  });
}

/** Ends a position today (the entry is kept with its term end); ending an ended one changes nothing. */
export async function removePosition(ctx: Ctx, orgId: string, entryId: string) {
  await ctx.services.db.transaction(async (tx) => {
    const org = await orgsRepo(ctx, 'org.write', tx).byId(orgId);
    if (!org) throw notFound();
    const [e] = await tx.select().from(orgCommittee).where(and(eq(orgCommittee.countyCode, org.countyCode), eq(orgCommittee.id, entryId), eq(orgCommittee.orgId, org.id)));
    if (!e) throw notFound();
    if (e.termEnd) return;
    const today = todayIn();
    await tx.update(orgCommittee).set({ termEnd: today }).where(and(eq(orgCommittee.countyCode, org.countyCode), eq(orgCommittee.id, e.id)));
    await appendFileEvents(tx, fileActor(ctx), [positionEvent(org, e, 'end', today)]);
    await audit(ctx, tx, { action: 'org.committee.end', result: 'success', objectType: 'org_committee', objectId: e.id, orgId: org.id, detail: { memberId: e.memberId, position: e.position, termEnd: today } });
  });
}

/** Ends every active position of an organization (merge, dissolve), with file events; the caller audits. */
export async function endPositions(ctx: Ctx, tx: Tx, org: OrgRow, today: string, reason: string) {
  const ended = await tx
    .update(orgCommittee)
    .set({ termEnd: today })
    .where(and(eq(orgCommittee.countyCode, org.countyCode), eq(orgCommittee.orgId, org.id), isNull(orgCommittee.termEnd)))
    .returning();
  await appendFileEvents(tx, fileActor(ctx), ended.map((e) => positionEvent(org, e, 'end', today, reason)));
  return ended.length;
}
