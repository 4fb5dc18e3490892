import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../core/access/context.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Tx } from '../../core/services.ts';
import { orgHistory } from './orgs.tables.ts';

/** What an organization history entry records. */
export type HistoryAction = 'create' | 'update' | 'move' | 'merge' | 'merged_in' | 'dissolve';

/**
 * Appends one entry to an organization's history inside the caller's transaction. Only changed
 * fields are written to before/after; the history is never edited or deleted.
 */
export async function recordHistory(
  ctx: Ctx,
  tx: Tx,
  org: { countyCode: string; id: string },
  action: HistoryAction,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
) {
  await tx.insert(orgHistory).values({
    countyCode: org.countyCode,
    id: uuidv7(),
    orgId: org.id,
    action,
    actorId: ctx.actor?.accountId ?? null,
    actorName: ctx.actor?.username ?? 'system',
    before,
    after,
  });
}

/** The fields of `next` whose value differs from `prev`: [before, after] with only those keys. */
export function changedFields(prev: Record<string, unknown>, next: Record<string, unknown>): [Record<string, unknown>, Record<string, unknown>] {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    if (v === undefined) continue;
    const old = prev[k] ?? null;
    if (old !== (v ?? null)) {
      before[k] = old;
      after[k] = v ?? null;
    }
  }
  return [before, after];
}

/** An organization's history, oldest first. */
export async function historyOf(tx: Tx, countyCode: string, orgId: string) {
  const rows = await tx
    .select()
    .from(orgHistory)
    .where(and(eq(orgHistory.countyCode, countyCode), eq(orgHistory.orgId, orgId)))
    .orderBy(asc(orgHistory.at), asc(orgHistory.id));
  return rows.map((h) => ({
    id: h.id,
    at: h.at.toISOString(),
    action: h.action,
    actorName: h.actorName,
    before: (h.before ?? null) as Record<string, unknown> | null,
    after: (h.after ?? null) as Record<string, unknown> | null,
  }));
}
