import type { FileSection } from '../../../common/member.ts';
import type { Ctx } from '../../core/access/context.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Tx } from '../../core/services.ts';
import { memberEvents } from './members.tables.ts';

/** One entry of a member's electronic file (电子档案). */
export type FileEvent = {
  countyCode: string;
  memberId: string;
  section: FileSection;
  /** A stable code, e.g. joined, status_changed, standing_changed, position, reward, transfer_out. */
  type: string;
  /** A short Chinese title shown on the timeline, e.g. "转为正式党员". */
  title: string;
  detail?: Record<string, unknown>;
  occurredOn?: string | null;
  orgId?: string | null;
  source?: string;
};

/** Who wrote an entry: the request's actor, or a named system writer (import, generator, job). */
export const fileActor = (ctx: Ctx | null, fallback = 'system') => ({
  actorId: ctx?.actor?.accountId ?? null,
  actorName: ctx?.actor?.username ?? fallback,
});

/**
 * Appends entries to members' electronic files inside the caller's transaction. The timeline is
 * append-only (the database refuses UPDATE and DELETE); every module that records something about
 * a member (activities, dues, volunteering, transfers…) writes it through here.
 */
export async function appendFileEvents(tx: Tx, who: { actorId: string | null; actorName: string }, events: FileEvent[]) {
  if (events.length === 0) return;
  const rows = fileEventRows(who, events);
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(memberEvents).values(rows.slice(i, i + 1000));
}

/** The member_events rows of file entries (each with a new id), for appendFileEvents and bulk loaders. */
export function fileEventRows(who: { actorId: string | null; actorName: string }, events: FileEvent[]) {
  return events.map((e) => ({
    countyCode: e.countyCode,
    id: uuidv7(),
    memberId: e.memberId,
    section: e.section,
    type: e.type,
    title: e.title,
    detail: e.detail ?? null,
    occurredOn: e.occurredOn ?? null,
    orgId: e.orgId ?? null,
    source: e.source ?? 'members',
    ...who,
  }));
}
