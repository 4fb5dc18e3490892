// The content of a record (会议记录): decisions and checklist as stored, their API shapes, and the
// content after amendments. Pure functions; records.service.ts reads and writes the rows.
import type { z } from 'zod';
import { type Quorum, assemblyQuorum, decisionOutcome, themeDayKind } from '../../../common/activity-rules.ts';
import { badRequest } from '../../core/errors/app-error.ts';
import type { FileEvent } from '../members/member-file.ts';
import { redactSensitive } from '../members/member-validate.ts';
import type { StoredChecklist, StoredDecision, activityRecordAmendments, activityRecords } from './activity-records.tables.ts';
import type { ChecklistInput, DecisionInput } from './activity-records.schemas.ts';

type RecordRow = typeof activityRecords.$inferSelect;
type AmendmentRow = typeof activityRecordAmendments.$inferSelect;

/** The stored content of a record. */
export type Content = { minutesHtml: string; decisions: StoredDecision[]; checklist: StoredChecklist };

export const EMPTY_CHECKLIST: StoredChecklist = { fixed: [], extra: [] };

/** Decisions as stored: texts trimmed and numbers masked like every free text. */
export function cleanDecisions(input: z.infer<typeof DecisionInput>[]): StoredDecision[] {
  return input.map((d) => ({
    subject: redactSensitive(d.subject),
    decision: redactSensitive(d.decision),
    votesFor: d.votesFor,
    votesAgainst: d.votesAgainst,
    votesAbstain: d.votesAbstain,
  }));
}

/**
 * The checklist as stored: every fixed item of the organization in its order (done as the input
 * says, else not done) and the free items. Fixed labels that are not the organization's are
 * refused (400 naming the item), and so is any checklist for a type that has none.
 */
export function cleanChecklist(input: z.infer<typeof ChecklistInput> | undefined, fixedItems: string[] | null): StoredChecklist {
  if (fixedItems === null) {
    if (input && (input.fixed.length > 0 || input.extra.length > 0))
      throw badRequest('RECORD_CHECKLIST_NOT_APPLICABLE', [{ path: 'body.checklist', code: 'RECORD_CHECKLIST_NOT_APPLICABLE' }]);
    return EMPTY_CHECKLIST;
  }
  const given = input?.fixed ?? [];
  for (const [i, item] of given.entries())
    if (!fixedItems.includes(item.label))
      throw badRequest('RECORD_CHECKLIST_UNKNOWN_ITEM', [{ path: `body.checklist.fixed.${i}.label`, code: 'RECORD_CHECKLIST_UNKNOWN_ITEM', params: { label: item.label } }], { label: item.label });
  return {
    fixed: fixedItems.map((label) => ({ label, done: given.some((g) => g.label === label && g.done) })),
    extra: (input?.extra ?? []).map((x) => ({ label: redactSensitive(x.label), done: x.done })),
  };
}

/** The quorum of a 支部党员大会 (null for other types). */
export const quorumOf = (type: string, present: number, votingMembers: number): Quorum | null => (type === 'branch_assembly' ? assemblyQuorum(present, votingMembers) : null);

export const decisionsDto = (ds: StoredDecision[], quorum: Quorum | null) => ds.map((d) => ({ ...d, ...decisionOutcome(d, quorum) }));

/** A draft shows the organization's current fixed items (done flags kept by label); a submitted record what it stored. */
export function checklistDto(stored: StoredChecklist, fixedItems: string[] | null, category: string | null, frozen: boolean) {
  if (fixedItems === null) return null;
  const fixed = frozen ? stored.fixed : fixedItems.map((label) => ({ label, done: stored.fixed.some((f) => f.label === label && f.done) }));
  return { kind: themeDayKind(category), fixed, extra: stored.extra };
}

/** The content after every amendment, in order. */
export function applyAmendments(original: Content, amendments: AmendmentRow[]): Content {
  const out = { ...original };
  for (const a of amendments) {
    if (a.changes.minutesHtml) out.minutesHtml = a.changes.minutesHtml.after;
    if (a.changes.decisions) out.decisions = a.changes.decisions.after;
    if (a.changes.checklist) out.checklist = a.changes.checklist.after;
  }
  return out;
}

export const contentOf = (row: RecordRow | null): Content => ({
  minutesHtml: row?.minutesHtml ?? '',
  decisions: row?.decisions ?? [],
  checklist: row?.checklist ?? EMPTY_CHECKLIST,
});

/** One attendee of an activity: who, and whether they belong to the host (else a guest, 非隶属). */
export type Attendee = { memberId: string; affiliated: boolean; channel: string };

/**
 * The electronic-file entry (section activity) that submitting a record writes for one attendee:
 * the activity type, title, date (Shanghai) and organization, and whether they came as a member or
 * a guest, by which channel.
 */
export function attendanceEntry(
  a: { countyCode: string; id: string; type: string; title: string; orgId: string; orgName: string; date: string },
  type: { nameZh: string; nameEn: string },
  c: Attendee,
): FileEvent {
  return {
    countyCode: a.countyCode,
    memberId: c.memberId,
    section: 'activity',
    type: 'activity_attended',
    title: `参加${type.nameZh}：${a.title}${c.affiliated ? '' : '（非隶属）'}`,
    occurredOn: a.date,
    orgId: a.orgId,
    source: 'activity-records',
    detail: {
      activityId: a.id, activityType: a.type, typeName: type.nameZh, typeNameEn: type.nameEn, title: a.title, date: a.date,
      orgId: a.orgId, orgName: a.orgName, attendedAs: c.affiliated ? 'member' : 'guest', channel: c.channel,
    },
  };
}
