import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/access/context.ts';
import { inSubtree } from '../../core/access/scope.ts';
import type { Tx } from '../../core/services.ts';
import { accounts, grants } from '../auth/auth.tables.ts';
import { organizations } from '../orgs/orgs.tables.ts';

const orgJoin = and(eq(organizations.countyCode, accounts.countyCode), eq(organizations.id, accounts.orgId));
const rolesOf = sql<string[]>`coalesce((select array_agg(distinct g.role order by g.role) from grants g where g.county_code = "accounts"."county_code" and g.account_id = "accounts"."id"), '{}')`;

/** Accounts whose home organization lies in the caller's scope for a permission. */
export function accountsRepo(ctx: Ctx, perm: string, tx: Tx = ctx.services.db) {
  const county = ctx.actor?.countyCode ?? '';
  const scoped = and(eq(accounts.countyCode, county), eq(accounts.kind, 'admin'), inSubtree(organizations.path, ctx.scope(perm)));
  const select = () =>
    tx.select({ a: accounts, orgName: organizations.name, orgPath: organizations.path, roles: rolesOf }).from(accounts).innerJoin(organizations, orgJoin);
  return {
    async byId(id: string) {
      const [r] = await select().where(and(scoped, eq(accounts.id, id)));
      return r ?? null;
    },
    list(q: string | undefined, limit: number, offset: number) {
      return select().where(and(scoped, search(q))).orderBy(asc(accounts.loginKey)).limit(limit).offset(offset);
    },
    async count(q: string | undefined) {
      const [r] = await tx.select({ n: sql<number>`count(*)::int` }).from(accounts).innerJoin(organizations, orgJoin).where(and(scoped, search(q)));
      return r.n;
    },
  };
}

const search = (q: string | undefined) => {
  if (!q) return undefined;
  const pat = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return or(ilike(accounts.loginKey, pat), ilike(accounts.displayName, pat));
};

/** Grants of an account with organization names and paths. */
export function grantsOf(tx: Tx, countyCode: string, accountId: string) {
  return tx
    .select({ g: grants, orgName: organizations.name, orgPath: organizations.path })
    .from(grants)
    .innerJoin(organizations, and(eq(organizations.countyCode, grants.countyCode), eq(organizations.id, grants.orgId)))
    .where(and(eq(grants.countyCode, countyCode), eq(grants.accountId, accountId)))
    .orderBy(asc(grants.createdAt));
}
