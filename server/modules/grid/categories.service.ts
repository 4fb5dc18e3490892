// The county's event category tree (四个平台 at the top, SLA hours per stage): the defaults of
// common/grid-workflow.ts until the county saves its own; replaced as a whole by county administrators at
// the root; codes events use must stay.
import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { type CategoryDef, DEFAULT_CATEGORIES, treeProblems } from '../../../common/grid-workflow.ts';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { AppError, badRequest } from '../../core/errors/app-error.ts';
import type { Tx } from '../../core/services.ts';
import { systemOrgs } from '../orgs/orgs.repo.ts';
import type { CategoriesBody } from './grid.schemas.ts';
import { countyOf } from './grid.service.ts';
import { gridCategories, gridEvents } from './grid.tables.ts';

/** Edit the county's category tree (county administrators at the county root). */
export const GRID_CONFIGURE = 'grid.configure';

/** The county's categories, or the defaults when it has none. */
export async function countyCategories(db: Tx, county: string): Promise<{ categories: CategoryDef[]; custom: boolean }> {
  const rows = await db.select().from(gridCategories).where(eq(gridCategories.countyCode, county)).orderBy(asc(gridCategories.sort));
  if (!rows.length) return { categories: DEFAULT_CATEGORIES, custom: false };
  return { categories: rows.map((r) => ({ code: r.code, parent: r.parentCode, zh: r.nameZh, en: r.nameEn, sla: r.sla })), custom: true };
}

async function canConfigure(ctx: Ctx, tx: Tx) {
  const root = await systemOrgs.root(tx, countyOf(ctx));
  return !!root && ctx.inScope(GRID_CONFIGURE, root.path);
}

export async function getCategories(ctx: Ctx) {
  const db = ctx.services.db;
  return { ...(await countyCategories(db, countyOf(ctx))), editable: await canConfigure(ctx, db) };
}

/** Replaces the county's category tree (county administrators at the root); codes in use must stay. */
export async function replaceCategories(ctx: Ctx, body: z.infer<typeof CategoriesBody>) {
  const county = countyOf(ctx);
  const problems = treeProblems(body.categories);
  if (problems.length)
    throw badRequest(
      'GRID_CATEGORY_TREE',
      problems.map((p) => ({ path: `body.categories.${p.index}.${p.problem === 'duplicate' ? 'code' : 'parent'}`, code: p.problem })),
    );
  await ctx.services.db.transaction(async (tx) => {
    if (!(await canConfigure(ctx, tx))) throw new AppError(403, 'GRID_CATEGORIES_COUNTY_ONLY');
    const used = await tx.selectDistinct({ code: gridEvents.categoryCode }).from(gridEvents).where(eq(gridEvents.countyCode, county));
    const missing = used.map((u) => u.code).filter((c) => !body.categories.some((x) => x.code === c));
    if (missing.length) throw badRequest('GRID_CATEGORY_IN_USE', [{ path: 'body.categories', code: 'GRID_CATEGORY_IN_USE', params: { codes: missing.join(', ') } }], { codes: missing.join(', ') });
    await tx.delete(gridCategories).where(eq(gridCategories.countyCode, county));
    await tx.insert(gridCategories).values(
      body.categories.map((c, i) => ({ countyCode: county, code: c.code, parentCode: c.parent, nameZh: c.zh, nameEn: c.en, sla: c.sla, sort: i, updatedBy: ctx.actor?.username ?? null })),
    );
    await audit(ctx, tx, { action: 'grid.categories', result: 'success', objectType: 'grid_categories', detail: { count: body.categories.length } });
  });
  return getCategories(ctx);
}
