import { and, asc, count, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { addMonths, todayIn } from '../../../common/calendar.ts';
import type { Ctx } from '../../core/access/context.ts';
import { inSubtree } from '../../core/access/scope.ts';
import { notFound } from '../../core/errors/app-error.ts';
import { type ExportColumn, exportXlsx, shanghaiTime } from '../../core/excel.ts';
import { activities } from '../activities/activities.tables.ts';
import { orgsRepo } from '../orgs/orgs.repo.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { PLAN_TEXTS, planLabel } from './plans-labels.ts';
import { type ItemJoined, itemActivityJoin, itemCols, itemOrgJoin, itemPlanJoin } from './plans.repo.ts';
import { getPlan, itemDto, settingsOf } from './plans.service.ts';
import { activityPlans, planItems } from './plans.tables.ts';

/** Levels that keep plans (common/plan-rules.ts planKind). */
const PLAN_LEVELS = ['general_branch', 'branch', 'sub_branch', 'party_group'];

/** The subtree roots a list covers: one organization in read scope, or the caller's whole scope. */
async function rootsOf(ctx: Ctx, orgId?: string) {
  if (!orgId) return ctx.scope('activity.read');
  const org = await orgsRepo(ctx, 'activity.read').byId(orgId);
  if (!org) throw notFound();
  return [org.path];
}

/**
 * Per organization that keeps plans under the roots: whether it has a plan for the year and how
 * many items are planned, held (an activity exists and is not cancelled) and overdue (date passed
 * without one); the most overdue first.
 */
async function overviewQuery(ctx: Ctx, q: { orgId?: string; year: number }) {
  const paths = await rootsOf(ctx, q.orgId);
  const county = ctx.actor?.countyCode ?? '';
  const today = todayIn();
  const db = ctx.services.db;
  const where = and(
    eq(organizations.countyCode, county), inSubtree(organizations.path, ctx.scope('activity.read')), inSubtree(organizations.path, paths),
    eq(organizations.status, 'active'), inArray(organizations.level, PLAN_LEVELS),
  );
  const live = sql`(${activities.id} IS NOT NULL AND ${activities.state} <> 'cancelled')`;
  const held = sql<number>`count(${planItems.id}) FILTER (WHERE ${live})`.mapWith(Number);
  const overdue = sql<number>`count(${planItems.id}) FILTER (WHERE ${planItems.plannedOn} < ${today} AND NOT ${live})`.mapWith(Number);
  const settings = await settingsOf(db, county);
  const rows = (limit: number, offset: number) =>
    db
      .select({
        orgId: organizations.id, orgName: organizations.name, level: organizations.level, themeDay: organizations.themeDay,
        hasPlan: sql<boolean>`bool_or(${activityPlans.id} IS NOT NULL)`, planned: count(planItems.id), held, overdue,
      })
      .from(organizations)
      .leftJoin(activityPlans, and(eq(activityPlans.countyCode, organizations.countyCode), eq(activityPlans.orgId, organizations.id), eq(activityPlans.year, q.year)))
      .leftJoin(planItems, and(eq(planItems.countyCode, activityPlans.countyCode), eq(planItems.planId, activityPlans.id)))
      .leftJoin(activities, itemActivityJoin)
      .where(where)
      .groupBy(organizations.countyCode, organizations.id)
      .orderBy(desc(overdue), asc(organizations.name), asc(organizations.id))
      .limit(limit)
      .offset(offset)
      .then((rs) => rs.map(({ themeDay, ...r }) => ({ ...r, hasPlan: !!r.hasPlan, planned: Number(r.planned), effectiveThemeDay: themeDay ?? settings.themeDay })));
  const total = async () => Number((await db.select({ n: count() }).from(organizations).where(where))[0].n);
  return { rows, total };
}

/** A page of the overview. */
export async function overview(ctx: Ctx, q: { orgId?: string; year: number; limit: number; offset: number }) {
  const { rows, total } = await overviewQuery(ctx, q);
  const [items, n] = await Promise.all([rows(q.limit, q.offset), total()]);
  return { items, total: n };
}

type OverviewRow = Awaited<ReturnType<Awaited<ReturnType<typeof overviewQuery>>['rows']>>[number];

/** The overview as Excel. */
export async function exportOverview(ctx: Ctx, reply: FastifyReply, q: { orgId?: string; year: number }) {
  const { rows, total } = await overviewQuery(ctx, q);
  const h = PLAN_TEXTS[ctx.lang];
  const columns: ExportColumn<OverviewRow>[] = [
    { header: h.org, value: (r) => r.orgName, width: 34 },
    { header: h.themeDay, value: (r) => r.effectiveThemeDay, width: 10 },
    { header: h.hasPlan, value: (r) => (r.hasPlan ? h.yes : h.no), width: 12 },
    { header: h.planned, value: (r) => r.planned, width: 10 },
    { header: h.held, value: (r) => r.held, width: 10 },
    { header: h.overdue, value: (r) => r.overdue, width: 10 },
  ];
  return exportXlsx(ctx, reply, { name: 'plan-overview', title: `${q.year} ${h.overview}`, filters: q, count: total, rows: (limit) => rows(limit, 0), columns });
}

/** The items of a month under the roots, by date then organization. */
async function monthQuery(ctx: Ctx, q: { orgId?: string; month: string }) {
  const paths = await rootsOf(ctx, q.orgId);
  const county = ctx.actor?.countyCode ?? '';
  const db = ctx.services.db;
  const from = `${q.month}-01`;
  const to = addMonths(from, 1);
  const where = and(
    eq(planItems.countyCode, county), inSubtree(organizations.path, ctx.scope('activity.read')), inSubtree(organizations.path, paths),
    gte(planItems.plannedOn, from), lt(planItems.plannedOn, to),
  );
  const rows = (limit: number, offset: number) =>
    db
      .select(itemCols)
      .from(planItems)
      .innerJoin(organizations, itemOrgJoin)
      .innerJoin(activityPlans, itemPlanJoin)
      .leftJoin(activities, itemActivityJoin)
      .where(where)
      .orderBy(asc(planItems.plannedOn), asc(organizations.name), asc(planItems.type), asc(planItems.id))
      .limit(limit)
      .offset(offset) as Promise<ItemJoined[]>;
  const total = async () => Number((await db.select({ n: count() }).from(planItems).innerJoin(organizations, itemOrgJoin).where(where))[0].n);
  return { rows, total };
}

/** A page of a month's items. */
export async function monthItems(ctx: Ctx, q: { orgId?: string; month: string; limit: number; offset: number }) {
  const { rows, total } = await monthQuery(ctx, q);
  const today = todayIn();
  const [items, n] = await Promise.all([rows(q.limit, q.offset), total()]);
  return { items: items.map((r) => itemDto(r, today)), total: n };
}

type ItemRow = ReturnType<typeof itemDto>;

function itemColumns(ctx: Ctx): ExportColumn<ItemRow>[] {
  const h = PLAN_TEXTS[ctx.lang];
  return [
    { header: h.plannedOn, value: (r) => r.plannedOn, width: 12 },
    { header: h.org, value: (r) => r.orgName, width: 30 },
    { header: h.type, value: (r) => planLabel('type', r.type, ctx.lang), width: 14 },
    { header: h.title, value: (r) => r.title, width: 30 },
    { header: h.status, value: (r) => planLabel('status', r.status, ctx.lang), width: 10 },
    { header: h.activityStartsAt, value: (r) => (r.activityState === 'planned' ? shanghaiTime(r.activityStartsAt) : ''), width: 20 },
    { header: h.note, value: (r) => r.note, width: 30 },
  ];
}

/** A month's items as Excel. */
export async function exportMonth(ctx: Ctx, reply: FastifyReply, q: { orgId?: string; month: string }) {
  const { rows, total } = await monthQuery(ctx, q);
  const today = todayIn();
  return exportXlsx(ctx, reply, {
    name: 'plan-month', title: `${q.month} ${PLAN_TEXTS[ctx.lang].month}`, filters: q, count: total,
    rows: async (limit) => (await rows(limit, 0)).map((r) => itemDto(r, today)), columns: itemColumns(ctx),
  });
}

/** An organization's yearly plan as Excel (the 计划表 to print). */
export async function exportPlan(ctx: Ctx, reply: FastifyReply, q: { orgId: string; year: number }) {
  const view = await getPlan(ctx, q.orgId, q.year);
  return exportXlsx(ctx, reply, {
    name: 'plan', title: `${view.org.name} ${q.year} ${PLAN_TEXTS[ctx.lang].plan}`, filters: q, count: async () => view.items.length,
    rows: async (limit) => view.items.slice(0, limit), columns: itemColumns(ctx),
  });
}
