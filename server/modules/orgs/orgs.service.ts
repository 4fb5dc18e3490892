import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { canNest, type OrgCategory, type OrgLevel } from '../../../common/org.ts';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { badRequest, notFound } from '../../core/errors/app-error.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { CreateOrgBody, UpdateOrgBody } from './orgs.schemas.ts';
import { type OrgRow, orgsRepo } from './orgs.repo.ts';
import { organizations } from './orgs.tables.ts';

/** The API shape of an organization row. */
export const orgDto = (o: OrgRow, hasChildren?: boolean) => ({
  id: o.id,
  parentId: o.parentId,
  name: o.name,
  shortName: o.shortName,
  level: o.level as OrgLevel,
  category: o.category as OrgCategory | null,
  code: o.code,
  countyCode: o.countyCode,
  depth: o.depth,
  status: o.status,
  ...(hasChildren === undefined ? {} : { hasChildren }),
});

/** One level of the tree (or the caller's roots, or a name search). */
export async function tree(ctx: Ctx, q: { parentId?: string; q?: string }) {
  const repo = orgsRepo(ctx);
  if (q.q) return (await repo.search(q.q)).map((r) => orgDto(r.org, r.hasChildren));
  if (!q.parentId) return (await repo.roots()).map((r) => orgDto(r.org, r.hasChildren));
  if (!(await repo.byId(q.parentId))) throw notFound();
  return (await repo.children(q.parentId)).map((r) => orgDto(r.org, r.hasChildren));
}

/** One organization in scope. */
export async function getOrg(ctx: Ctx, id: string) {
  const o = await orgsRepo(ctx).byId(id);
  if (!o) throw notFound();
  return orgDto(o);
}

/** Creates an organization under a parent the caller may write; audited. */
export async function createOrg(ctx: Ctx, body: z.infer<typeof CreateOrgBody>) {
  return ctx.services.db.transaction(async (tx) => {
    const parent = await orgsRepo(ctx, 'org.write', tx).byId(body.parentId);
    // A parent outside the write scope is refused like a missing one (mass assignment of orgId).
    if (!parent) throw notFound();
    if (!canNest(parent.level as OrgLevel, body.level))
      throw badRequest('VALIDATION_FAILED', [{ path: 'body.level', code: 'invalid_value' }]);
    const id = uuidv7();
    const row = {
      countyCode: parent.countyCode,
      id,
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      name: body.name,
      shortName: body.shortName ?? null,
      level: body.level,
      category: body.category ?? parent.category,
      code: body.code ?? null,
    };
    const [created] = await tx.insert(organizations).values(row).returning();
    await audit(ctx, tx, { action: 'org.create', result: 'success', objectType: 'organization', objectId: id, orgId: id, detail: { name: body.name, level: body.level } });
    return orgDto(created, false);
  });
}

/** Renames or recategorizes an organization in write scope; audited. */
export async function updateOrg(ctx: Ctx, id: string, body: z.infer<typeof UpdateOrgBody>) {
  return ctx.services.db.transaction(async (tx) => {
    const o = await orgsRepo(ctx, 'org.write', tx).byId(id);
    if (!o) throw notFound();
    const [updated] = await tx
      .update(organizations)
      .set({ ...body, updatedAt: new Date() })
      .where(and(eq(organizations.countyCode, o.countyCode), eq(organizations.id, o.id)))
      .returning();
    await audit(ctx, tx, { action: 'org.update', result: 'success', objectType: 'organization', objectId: id, orgId: id, detail: body });
    return orgDto(updated);
  });
}
