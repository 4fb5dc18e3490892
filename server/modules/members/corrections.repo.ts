import { type SQL, and, count, desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../core/access/context.ts';
import { inSubtree } from '../../core/access/scope.ts';
import type { Tx } from '../../core/services.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { correctionRequests, members } from './members.tables.ts';

const memberJoin = and(eq(members.countyCode, correctionRequests.countyCode), eq(members.id, correctionRequests.memberId));
const orgJoin = and(eq(organizations.countyCode, members.countyCode), eq(organizations.id, members.orgId));

/** A correction request with its member and the member's current organization. */
export type CorrectionJoined = { c: typeof correctionRequests.$inferSelect; m: typeof members.$inferSelect; orgName: string; orgPath: string };

/** Filters of the correction queue. */
export type CorrectionFilter = { status?: 'pending' | 'approved' | 'rejected'; orgPath?: string };

function base(tx: Tx, where: SQL | undefined) {
  return tx
    .select({ c: correctionRequests, m: members, orgName: organizations.name, orgPath: organizations.path })
    .from(correctionRequests)
    .innerJoin(members, memberJoin)
    .innerJoin(organizations, orgJoin)
    .where(where);
}

/**
 * Correction requests as the caller may see them: a request is in scope when its member's current
 * organization lies in ctx.scope(perm); out-of-scope ids behave like missing ones.
 */
export function correctionsRepo(ctx: Ctx, perm: string, tx: Tx = ctx.services.db) {
  const county = ctx.actor?.countyCode ?? '';
  const scoped = and(eq(correctionRequests.countyCode, county), inSubtree(organizations.path, ctx.scope(perm)));
  const where = (f: CorrectionFilter) =>
    and(scoped, f.status ? eq(correctionRequests.status, f.status) : undefined, f.orgPath ? inSubtree(organizations.path, [f.orgPath]) : undefined);
  return {
    async byId(id: string, lock = false): Promise<CorrectionJoined | null> {
      const q = base(tx, and(scoped, eq(correctionRequests.id, id)));
      const [r] = lock ? await q.for('update', { of: correctionRequests }) : await q;
      return r ?? null;
    },
    list(f: CorrectionFilter, limit: number, offset: number): Promise<CorrectionJoined[]> {
      return base(tx, where(f)).orderBy(desc(correctionRequests.createdAt), desc(correctionRequests.id)).limit(limit).offset(offset);
    },
    async count(f: CorrectionFilter) {
      const [r] = await tx.select({ n: count() }).from(correctionRequests).innerJoin(members, memberJoin).innerJoin(organizations, orgJoin).where(where(f));
      return Number(r.n);
    },
  };
}

/** The caller's own requests (self scope: the member behind the account). */
export function ownCorrections(ctx: Ctx, tx: Tx = ctx.services.db) {
  const own = and(eq(correctionRequests.countyCode, ctx.actor?.countyCode ?? ''), eq(correctionRequests.memberId, ctx.actor?.memberId ?? '00000000-0000-0000-0000-000000000000'));
  return {
    list(limit: number, offset: number): Promise<CorrectionJoined[]> {
      return base(tx, own).orderBy(desc(correctionRequests.createdAt), desc(correctionRequests.id)).limit(limit).offset(offset);
    },
    async count() {
      const [r] = await tx.select({ n: count() }).from(correctionRequests).where(own);
      return Number(r.n);
    },
    async pending(field: string) {
      const [r] = await tx.select({ n: count() }).from(correctionRequests).where(and(own, eq(correctionRequests.field, field), eq(correctionRequests.status, 'pending')));
      return Number(r.n) > 0;
    },
  };
}
