import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/access/context.ts';
import { inSubtree } from '../../core/access/scope.ts';
import type { Tx } from '../../core/services.ts';
import { organizations } from './orgs.tables.ts';

/** An organization row. */
export type OrgRow = typeof organizations.$inferSelect;

// Written out in full: drizzle may render outer columns unqualified inside a subquery.
const hasChildren = sql<boolean>`exists (select 1 from organizations c where c.county_code = "organizations"."county_code" and c.parent_id = "organizations"."id" and c.status = 'active')`;

/**
 * Organizations as the caller may see them for a permission: every query carries the scope
 * predicate, so an id outside the caller's subtrees behaves exactly like a missing one.
 */
export function orgsRepo(ctx: Ctx, perm = 'org.read', tx: Tx = ctx.services.db) {
  const county = ctx.actor?.countyCode ?? '';
  const scoped = and(eq(organizations.countyCode, county), inSubtree(organizations.path, ctx.scope(perm)));
  return {
    /** One organization in scope, or null. */
    async byId(id: string): Promise<OrgRow | null> {
      const [row] = await tx.select().from(organizations).where(and(scoped, eq(organizations.id, id)));
      return row ?? null;
    },
    /** Active children of an organization in scope, with whether each has children. */
    children(parentId: string) {
      return tx
        .select({ org: organizations, hasChildren })
        .from(organizations)
        .where(and(scoped, eq(organizations.parentId, parentId), eq(organizations.status, 'active')))
        .orderBy(asc(organizations.sortOrder), asc(organizations.name));
    },
    /** The roots of the caller's scope (the organizations of its grants). */
    roots() {
      const paths = ctx.scope(perm);
      if (paths.length === 0) return Promise.resolve([]);
      return tx
        .select({ org: organizations, hasChildren })
        .from(organizations)
        .where(and(eq(organizations.countyCode, county), inArray(organizations.path, paths)))
        .orderBy(asc(organizations.path));
    },
    /** Active organizations in scope whose name contains the text. */
    search(q: string, limit = 50) {
      return tx
        .select({ org: organizations, hasChildren })
        .from(organizations)
        .where(and(scoped, eq(organizations.status, 'active'), like(organizations.name, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)))
        .orderBy(asc(organizations.depth), asc(organizations.name))
        .limit(limit);
    },
  };
}

/** Unscoped access for jobs, bootstrap and the session loader; never call from a route handler. */
export const systemOrgs = {
  async byId(tx: Tx, countyCode: string, id: string): Promise<OrgRow | null> {
    const [row] = await tx
      .select()
      .from(organizations)
      .where(and(eq(organizations.countyCode, countyCode), eq(organizations.id, id)));
    return row ?? null;
  },
  async root(tx: Tx, countyCode: string): Promise<OrgRow | null> {
    const [row] = await tx
      .select()
      .from(organizations)
      .where(and(eq(organizations.countyCode, countyCode), eq(organizations.depth, 0)));
    return row ?? null;
  },
  async insert(tx: Tx, row: typeof organizations.$inferInsert) {
    await tx.insert(organizations).values(row);
  },
};
