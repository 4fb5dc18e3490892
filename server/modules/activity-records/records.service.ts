// The record (会议记录) of an activity: draft, submission (locks it and the activity, freezes the
// figures, writes every attendee's electronic file) and amendments appended afterwards.
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { type Quorum, assemblyQuorum, themeDayFixedItems, } from '../../../common/activity-rules.ts';
import { todayIn } from '../../../common/calendar.ts';
import type { Ctx } from '../../core/access/context.ts';
import { inSubtree } from '../../core/access/scope.ts';
import { audit } from '../../core/audit/audit.ts';
import { AppError, badRequest, conflict, notFound } from '../../core/errors/app-error.ts';
import { shanghaiTime } from '../../core/excel.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Tx } from '../../core/services.ts';
import { type ActivityJoined, activitiesRepo, systemActivityById } from '../activities/activities.repo.ts';
import { activities, activityTypes, themeDayItems } from '../activities/activities.tables.ts';
import { computeAttendance } from '../activities/attendance.ts';
import { checkins } from '../checkin/checkin.tables.ts';
import { appendFileEvents, fileActor } from '../members/member-file.ts';
import { redactSensitive } from '../members/member-validate.ts';
import { members } from '../members/members.tables.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import {
  type AmendmentChanges,
  activityRecordAmendments,
  activityRecords,
} from './activity-records.tables.ts';
import type { AmendmentBody, DraftBody, RecordDto } from './activity-records.schemas.ts';
import { minutesText, sanitizeMinutes } from './sanitize.ts';
import { type Attendee, applyAmendments, attendanceEntry, checklistDto, cleanChecklist, cleanDecisions, contentOf, decisionsDto, quorumOf } from './record-content.ts';

export type { Attendee } from './record-content.ts';

type RecordRow = typeof activityRecords.$inferSelect;
type AmendmentRow = typeof activityRecordAmendments.$inferSelect;
type Dto = z.infer<typeof RecordDto>;


/** An activity in the caller's scope for `perm`, or 404. */
export async function activityFor(ctx: Ctx, id: string, perm: string, tx: Tx = ctx.services.db, lock = false): Promise<ActivityJoined> {
  const r = await activitiesRepo(ctx, perm, tx).byId(id, lock);
  if (!r) throw notFound();
  return r;
}

/** The activity type's names and whether it has the 主题党日 checklist. */
async function typeOf(tx: Tx, code: string) {
  const [t] = await tx.select().from(activityTypes).where(eq(activityTypes.code, code));
  return { code, nameZh: t?.nameZh ?? code, nameEn: t?.nameEn ?? code, hasChecklist: t?.hasChecklist ?? false };
}

/** The fixed checklist items of an organization category: the county's list, else the defaults. */
export async function fixedItemsOf(tx: Tx, countyCode: string, category: string | null): Promise<string[]> {
  const configured = category
    ? await tx
        .select({ label: themeDayItems.label })
        .from(themeDayItems)
        .where(and(eq(themeDayItems.countyCode, countyCode), eq(themeDayItems.category, category)))
        .orderBy(asc(themeDayItems.seq))
    : [];
  return themeDayFixedItems(category, configured.map((c) => c.label));
}

/** Voting members (正式党员 in good standing: 正常 or 恢复) of the organization's subtree. */
async function votingMembersOf(tx: Tx, r: ActivityJoined): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(members)
    .innerJoin(organizations, and(eq(organizations.countyCode, members.countyCode), eq(organizations.id, members.orgId)))
    .where(and(eq(members.countyCode, r.a.countyCode), inSubtree(organizations.path, [r.orgPath]), eq(members.status, 'full'), inArray(members.standing, ['normal', 'restored'])));
  return Number(row?.n ?? 0);
}

/** The record row of an activity (a `lock` takes a row lock). */
async function recordRow(tx: Tx, countyCode: string, activityId: string, lock = false): Promise<RecordRow | null> {
  const q = tx.select().from(activityRecords).where(and(eq(activityRecords.countyCode, countyCode), eq(activityRecords.activityId, activityId)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** The record row for a change, created as an empty draft when there is none, and locked. */
export async function lockedRecord(tx: Tx, r: ActivityJoined): Promise<RecordRow> {
  await tx.insert(activityRecords).values({ countyCode: r.a.countyCode, activityId: r.a.id }).onConflictDoNothing();
  return (await recordRow(tx, r.a.countyCode, r.a.id, true))!;
}

async function amendmentsOf(tx: Tx, countyCode: string, activityId: string): Promise<AmendmentRow[]> {
  return tx
    .select()
    .from(activityRecordAmendments)
    .where(and(eq(activityRecordAmendments.countyCode, countyCode), eq(activityRecordAmendments.activityId, activityId)))
    .orderBy(asc(activityRecordAmendments.seq));
}

/** True when the activity's record has been submitted (its fields are locked). */
export async function recordSubmitted(tx: Tx, countyCode: string, activityId: string): Promise<boolean> {
  return (await recordRow(tx, countyCode, activityId))?.state === 'submitted';
}

/** Builds the API shape of a record; `edit` says what the caller may do. */
async function recordDto(tx: Tx, r: ActivityJoined, row: RecordRow | null, edit: { write: boolean }): Promise<Dto> {
  const a = r.a;
  const type = await typeOf(tx, a.type);
  const fixedItems = type.hasChecklist ? await fixedItemsOf(tx, a.countyCode, r.orgCategory) : null;
  const submitted = row?.state === 'submitted';
  let figures: Dto['figures'];
  let quorum: Quorum | null;
  if (submitted && row) {
    figures = { expected: row.expectedCount ?? 0, present: row.presentCount ?? 0, leave: row.leaveCount ?? 0, guests: row.guestCount ?? 0, frozen: true };
    quorum = quorumOf(a.type, row.quorumPresent ?? 0, row.votingMembers ?? 0);
  } else {
    const att = await computeAttendance(tx, r);
    figures = { expected: att.expected, present: att.present, leave: att.leave, guests: att.guests, frozen: false };
    quorum = a.type === 'branch_assembly' ? assemblyQuorum(a.presentCount, await votingMembersOf(tx, r)) : null;
  }
  const amendments = submitted ? await amendmentsOf(tx, a.countyCode, a.id) : [];
  const original = contentOf(row);
  const current = amendments.length > 0 ? applyAmendments(original, amendments) : null;
  return {
    activityId: a.id,
    activityType: a.type,
    activityTitle: a.title,
    orgId: a.orgId,
    orgName: r.orgName,
    startsAt: a.startsAt.toISOString(),
    state: submitted ? 'submitted' : 'draft',
    version: row?.version ?? 1,
    minutesHtml: original.minutesHtml,
    decisions: decisionsDto(original.decisions, quorum),
    checklist: checklistDto(original.checklist, fixedItems, r.orgCategory, submitted),
    quorum,
    figures,
    updatedName: row?.updatedName ?? null,
    updatedAt: row ? row.updatedAt.toISOString() : null,
    submittedName: row?.submittedName ?? null,
    submittedAt: row?.submittedAt?.toISOString() ?? null,
    amendments: amendments.map((m) => ({ id: m.id, seq: m.seq, reason: m.reason, actorName: m.actorName, at: m.at.toISOString(), changes: m.changes })),
    current: current
      ? { minutesHtml: current.minutesHtml, decisions: decisionsDto(current.decisions, quorum), checklist: checklistDto(current.checklist, fixedItems, r.orgCategory, true) }
      : null,
    canEdit: edit.write && !submitted && a.state !== 'cancelled',
    canAmend: edit.write && submitted,
  };
}

/** The record of an activity in read scope (an empty draft when nothing was saved yet). */
export async function getRecord(ctx: Ctx, id: string): Promise<Dto> {
  const db = ctx.services.db;
  const r = await activityFor(ctx, id, 'activity.read');
  const row = await recordRow(db, r.a.countyCode, r.a.id);
  return recordDto(db, r, row, { write: ctx.inScope('activity.write', r.orgPath) });
}

/**
 * A member's view of the record of an activity they attended (a check-in of theirs exists) once it
 * is submitted; anything else is 404, like a missing id.
 */
export async function myRecord(ctx: Ctx, id: string): Promise<Dto> {
  const db = ctx.services.db;
  const memberId = ctx.actor?.memberId;
  const county = ctx.actor?.countyCode ?? '';
  if (!memberId) throw notFound();
  const [seen] = await db
    .select({ id: checkins.id })
    .from(checkins)
    .where(and(eq(checkins.countyCode, county), eq(checkins.activityId, id), eq(checkins.memberId, memberId)));
  if (!seen) throw notFound();
  const r = await systemActivityById(db, county, id);
  const row = r ? await recordRow(db, county, id) : null;
  if (!r || row?.state !== 'submitted') throw notFound();
  return recordDto(db, r, row, { write: false });
}

/** Saves the draft: minutes sanitized, decisions and checklist checked; 409 once submitted. */
export async function saveDraft(ctx: Ctx, id: string, body: z.infer<typeof DraftBody>): Promise<Dto> {
  await ctx.services.db.transaction(async (tx) => {
    const r = await activityFor(ctx, id, 'activity.write', tx);
    if (r.a.state === 'cancelled') throw conflict('RECORD_ACTIVITY_CANCELLED');
    const row = await lockedRecord(tx, r);
    if (row.state === 'submitted') throw conflict('RECORD_SUBMITTED');
    if (body.version !== undefined && body.version !== row.version) throw conflict('RECORD_STALE', { version: row.version });
    const type = await typeOf(tx, r.a.type);
    const fixedItems = type.hasChecklist ? await fixedItemsOf(tx, r.a.countyCode, r.orgCategory) : null;
    const minutesHtml = sanitizeMinutes(body.minutesHtml);
    const decisions = cleanDecisions(body.decisions);
    const checklist = cleanChecklist(body.checklist, fixedItems);
    const version = row.version + 1;
    await tx
      .update(activityRecords)
      .set({ minutesHtml, decisions, checklist, version, updatedBy: ctx.actor?.accountId ?? null, updatedName: ctx.actor?.displayName ?? null, updatedAt: new Date() })
      .where(and(eq(activityRecords.countyCode, r.a.countyCode), eq(activityRecords.activityId, r.a.id)));
    await audit(ctx, tx, {
      action: 'activity_record.save',
      result: 'success',
      objectType: 'activity_record',
      objectId: r.a.id,
      orgId: r.a.orgId,
      detail: { version, minutesChars: minutesHtml.length, decisions: decisions.length, sanitized: minutesHtml !== body.minutesHtml.trim() },
    });
  });
  return getRecord(ctx, id);
}

/**
 * Writes an entry in the electronic file (section activity) of each attendee, in one batch: the
 * activity type, title, date, organization and whether they attended as a member or a guest.
 * Submission calls it for every check-in; the check-in path may call it for a check-in that
 * arrives after the record was submitted (an offline kiosk's late upload).
 */
export async function appendAttendanceEntries(tx: Tx, who: { actorId: string | null; actorName: string }, r: ActivityJoined, attendees: Attendee[]) {
  if (attendees.length === 0) return;
  const a = r.a;
  const type = await typeOf(tx, a.type);
  const activity = { ...a, date: todayIn(a.startsAt), orgName: r.orgName };
  await appendFileEvents(tx, who, attendees.map((c) => attendanceEntry(activity, type, c)));
}

/**
 * Submits the record: it and the activity are locked from now on; the figures of the activity
 * (应到 / 实到 / 请假 / guests, and the quorum of a 支部党员大会) are frozen in it; every attendee (a
 * check-in of the activity) gets an entry in their electronic file, in one batch.
 */
export async function submitRecord(ctx: Ctx, id: string, version: number | undefined): Promise<Dto> {
  await ctx.services.db.transaction(async (tx) => {
    const r = await activityFor(ctx, id, 'activity.write', tx, true);
    const a = r.a;
    if (a.state === 'cancelled') throw conflict('RECORD_ACTIVITY_CANCELLED');
    const now = new Date();
    if (a.startsAt > now) throw conflict('RECORD_NOT_HELD', { startsAt: shanghaiTime(a.startsAt) });
    const row = await lockedRecord(tx, r);
    if (row.state === 'submitted') throw conflict('RECORD_SUBMITTED');
    if (version !== undefined && version !== row.version) throw conflict('RECORD_STALE', { version: row.version });
    if (!minutesText(row.minutesHtml)) throw conflict('RECORD_MINUTES_EMPTY');
    const att = await computeAttendance(tx, r);
    const votingMembers = await votingMembersOf(tx, r);
    const who = { id: ctx.actor?.accountId ?? null, name: ctx.actor?.displayName ?? 'system' };
    await tx
      .update(activityRecords)
      .set({
        state: 'submitted', submittedBy: who.id, submittedName: who.name, submittedAt: now,
        expectedCount: att.expected, presentCount: att.present, leaveCount: att.leave, guestCount: att.guests, quorumPresent: a.presentCount, votingMembers,
      })
      .where(and(eq(activityRecords.countyCode, a.countyCode), eq(activityRecords.activityId, a.id)));
    await tx.update(activities).set({ lockedAt: now, updatedAt: now }).where(and(eq(activities.countyCode, a.countyCode), eq(activities.id, a.id)));
    const attendees = await tx
      .select({ memberId: checkins.memberId, affiliated: checkins.affiliated, channel: checkins.channel })
      .from(checkins)
      .where(and(eq(checkins.countyCode, a.countyCode), eq(checkins.activityId, a.id)));
    await appendAttendanceEntries(tx, fileActor(ctx), r, attendees);
    await audit(ctx, tx, {
      action: 'activity_record.submit',
      result: 'success',
      objectType: 'activity_record',
      objectId: a.id,
      orgId: a.orgId,
      detail: { version: row.version, expected: att.expected, present: att.present, leave: att.leave, guests: att.guests, quorumPresent: a.presentCount, votingMembers, fileEntries: attendees.length },
    });
  });
  // The activity is locked now: caches (the check-in engine's, live views) take it afresh.
  ctx.services.events.emit('activity.changed', ctx.actor?.countyCode ?? '', id);
  return getRecord(ctx, id);
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

/**
 * Appends an amendment to a submitted record: the reason (required), who and when, and each field
 * that changes with its value before and after. The original is never overwritten; the database
 * refuses any UPDATE or DELETE of the record and of its amendments.
 */
export async function amendRecord(ctx: Ctx, id: string, body: z.infer<typeof AmendmentBody>): Promise<Dto> {
  await ctx.services.db.transaction(async (tx) => {
    const r = await activityFor(ctx, id, 'activity.write', tx);
    const row = await recordRow(tx, r.a.countyCode, r.a.id, true);
    if (row?.state !== 'submitted') throw conflict('RECORD_NOT_SUBMITTED');
    const previous = await amendmentsOf(tx, r.a.countyCode, r.a.id);
    const current = applyAmendments(contentOf(row), previous);
    const changes: AmendmentChanges = {};
    if (body.minutesHtml !== undefined) {
      const after = sanitizeMinutes(body.minutesHtml);
      if (!minutesText(after)) throw conflict('RECORD_MINUTES_EMPTY');
      if (after !== current.minutesHtml) changes.minutesHtml = { before: current.minutesHtml, after };
    }
    if (body.decisions !== undefined) {
      const after = cleanDecisions(body.decisions);
      if (!same(after, current.decisions)) changes.decisions = { before: current.decisions, after };
    }
    if (body.checklist !== undefined) {
      const type = await typeOf(tx, r.a.type);
      // The fixed items are those the record was submitted with.
      const after = cleanChecklist(body.checklist, type.hasChecklist ? current.checklist.fixed.map((f) => f.label) : null);
      if (!same(after, current.checklist)) changes.checklist = { before: current.checklist, after };
    }
    const fields = Object.keys(changes);
    if (fields.length === 0) throw badRequest('RECORD_AMENDMENT_EMPTY');
    const seq = previous.length + 1;
    const reason = redactSensitive(body.reason);
    const amendmentId = uuidv7();
    await tx.insert(activityRecordAmendments).values({
      countyCode: r.a.countyCode, id: amendmentId, activityId: r.a.id, seq, reason, changes, actorId: ctx.actor?.accountId ?? null, actorName: ctx.actor?.displayName ?? 'system',
    });
    await audit(ctx, tx, {
      action: 'activity_record.amend',
      result: 'success',
      objectType: 'activity_record',
      objectId: r.a.id,
      orgId: r.a.orgId,
      reason,
      detail: { amendmentId, seq, fields },
    });
  });
  return getRecord(ctx, id);
}

/** Throws 409 when the record of an activity is submitted (media are part of the record). */
export function assertDraft(row: RecordRow) {
  if (row.state === 'submitted') throw conflict('RECORD_SUBMITTED');
}

/** 409 for a cancelled activity. */
export function assertNotCancelled(r: ActivityJoined) {
  if (r.a.state === 'cancelled') throw new AppError(409, 'RECORD_ACTIVITY_CANCELLED');
}
