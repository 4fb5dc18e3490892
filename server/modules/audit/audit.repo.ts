import { type SQL, and, desc, eq, gte, ilike, inArray, like, lte, notInArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../../core/access/context.ts';
import { inSubtree } from '../../core/access/scope.ts';
import { auditLog } from '../../core/audit/audit.tables.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import type { AuditFilter } from './audit.schemas.ts';

/** Actions shown in the login log. */
export const LOGIN_ACTIONS = ['auth.login', 'auth.logout'];

/**
 * The audit trail as the caller may read it: the caller's county; county-wide when the grant sits
 * at the county root, otherwise rows about organizations in the caller's subtrees.
 */
export function auditRepo(ctx: Ctx) {
  const county = ctx.actor?.countyCode ?? '';
  const scope = ctx.scope('audit.read');
  const countyWide = scope.some((p) => p.split('/').filter(Boolean).length === 1);
  const scoped: SQL = countyWide
    ? eq(auditLog.countyCode, county)
    : (and(
        eq(auditLog.countyCode, county),
        inArray(
          auditLog.orgId,
          ctx.services.db.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.countyCode, county), inSubtree(organizations.path, scope))),
        ),
      ) as SQL);
  const where = (f: z.infer<typeof AuditFilter>) =>
    and(
      scoped,
      f.kind === 'login' ? inArray(auditLog.action, LOGIN_ACTIONS) : notInArray(auditLog.action, LOGIN_ACTIONS),
      f.from ? gte(auditLog.at, new Date(f.from)) : undefined,
      f.to ? lte(auditLog.at, new Date(f.to)) : undefined,
      f.actor ? ilike(auditLog.actorName, `%${esc(f.actor)}%`) : undefined,
      f.action ? like(auditLog.action, `${esc(f.action)}%`) : undefined,
      f.result ? eq(auditLog.result, f.result) : undefined,
    );
  return {
    async count(f: z.infer<typeof AuditFilter>) {
      const [r] = await ctx.services.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where(f));
      return r.n;
    },
    list(f: z.infer<typeof AuditFilter>, limit: number, offset = 0) {
      return ctx.services.db.select().from(auditLog).where(where(f)).orderBy(desc(auditLog.seq)).limit(limit).offset(offset);
    },
  };
}

const esc = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
