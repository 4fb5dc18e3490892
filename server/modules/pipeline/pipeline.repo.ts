import { and, asc, eq, inArray, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { PipelineStage } from '../../../common/member.ts';
import type { Ctx } from '../../core/access/context.ts';
import { inSubtree } from '../../core/access/scope.ts';
import type { Tx } from '../../core/services.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { applicants } from './pipeline.tables.ts';

/** An applicant row with its organization. */
export type ApplicantJoined = { a: typeof applicants.$inferSelect; orgName: string; orgPath: string };

const orgJoin = and(eq(organizations.countyCode, applicants.countyCode), eq(organizations.id, applicants.orgId));
const cols = { a: applicants, orgName: organizations.name, orgPath: organizations.path };

/** Cut-off dates of the overdue pre-filter (the exact test is the timers function). */
export type OverdueCutoffs = { talk: string; approval: string; probation: string; today: string };

/**
 * Applicants whose organization lies in the caller's scope for a permission: an id outside scope
 * behaves exactly like a missing one.
 */
export function pipelineRepo(ctx: Ctx, perm: string, tx: Tx = ctx.services.db) {
  const county = ctx.actor?.countyCode ?? '';
  const scoped = and(eq(applicants.countyCode, county), inSubtree(organizations.path, ctx.scope(perm)));
  return {
    /** One applicant in scope; `lock` takes a row lock for a change. */
    async byId(id: string, lock = false): Promise<ApplicantJoined | null> {
      const q = tx.select(cols).from(applicants).innerJoin(organizations, orgJoin).where(and(scoped, eq(applicants.id, id)));
      const [row] = lock ? await q.for('update', { of: applicants }) : await q;
      return row ?? null;
    },
    /** The applicants of one organization in the given stages. */
    ofOrg(orgId: string, stages: readonly PipelineStage[]) {
      return tx
        .select(cols)
        .from(applicants)
        .innerJoin(organizations, orgJoin)
        .where(and(scoped, eq(applicants.orgId, orgId), inArray(applicants.stage, [...stages])))
        .orderBy(asc(applicants.appliedOn), asc(applicants.id));
    },
    /**
     * Applicants under the given subtree paths that may have an overdue step: talk not held a month
     * after applying, 党委 approval pending 3 months after the 支部大会, 预备期 over without 转正.
     */
    maybeOverdue(paths: string[], c: OverdueCutoffs) {
      return tx
        .select(cols)
        .from(applicants)
        .innerJoin(organizations, orgJoin)
        .where(
          and(
            scoped,
            inSubtree(organizations.path, paths),
            or(
              and(eq(applicants.stage, 'applicant'), isNull(applicants.talkedOn), lt(applicants.appliedOn, c.talk)),
              and(eq(applicants.stage, 'candidate'), isNotNull(applicants.admittedOn), isNull(applicants.approvedOn), lt(applicants.admittedOn, c.approval)),
              and(eq(applicants.stage, 'probationary'), isNotNull(applicants.probationExtendedTo), lt(applicants.probationExtendedTo, c.today)),
              and(eq(applicants.stage, 'probationary'), isNull(applicants.probationExtendedTo), lt(applicants.admittedOn, c.probation)),
            ),
          ),
        )
        .orderBy(asc(applicants.appliedOn), asc(applicants.id));
    },
  };
}
