import { and, count, eq, gte, isNull, lt, ne } from 'drizzle-orm';
import type { z } from 'zod';
import { todayIn } from '../../../common/calendar.ts';
import {
  LECTURE_FREQUENCIES, type LectureFrequency, PLAN_DEFAULTS, PLAN_RULE_TYPES, type PlanItemType, type PlanOrgFacts, missingSlots, planKind, requiredCounts, requiredSlots,
} from '../../../common/plan-rules.ts';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { AppError, conflict, notFound } from '../../core/errors/app-error.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Tx } from '../../core/services.ts';
import { activities } from '../activities/activities.tables.ts';
import { redactSensitive } from '../members/member-validate.ts';
import { recordHistory } from '../orgs/org-history.ts';
import { type OrgRow, orgsRepo, systemOrgs } from '../orgs/orgs.repo.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { type ItemJoined, itemsOfPlan, plansRepo } from './plans.repo.ts';
import type { AddItemBody, GenerateBody, PlanItemDto, SettingsBody, ThemeDayBody, UpdateItemBody } from './plans.schemas.ts';
import { matchSlots, planFacts } from './plan-slots.ts';
import { activityPlans, planItems, planSettings } from './plans.tables.ts';
import { cancelReminders } from './reminders.ts';

/** Most items one yearly plan may hold. */
export const MAX_ITEMS_PER_PLAN = 200;

/** The county's plan settings (the defaults of common/plan-rules.ts when none are stored). */
export async function settingsOf(tx: Tx, countyCode: string) {
  const [s] = await tx.select().from(planSettings).where(eq(planSettings.countyCode, countyCode));
  const freq = (s?.lecturesPerYear ?? PLAN_DEFAULTS.lecturesPerYear) as LectureFrequency;
  return {
    themeDay: s?.themeDay ?? PLAN_DEFAULTS.themeDay,
    lecturesPerYear: LECTURE_FREQUENCIES.includes(freq) ? freq : PLAN_DEFAULTS.lecturesPerYear,
    reminderDays: s?.reminderDays ?? PLAN_DEFAULTS.reminderDays,
  };
}
export type PlanSettings = Awaited<ReturnType<typeof settingsOf>>;

/** True when the caller may change the county settings: activity.write over the county root. */
async function canEditSettings(ctx: Ctx, tx: Tx) {
  const root = await systemOrgs.root(tx, ctx.actor?.countyCode ?? '');
  return !!root && ctx.inScope('activity.write', root.path);
}

/** The county's plan settings and whether the caller may change them. */
export async function getSettings(ctx: Ctx) {
  const db = ctx.services.db;
  return { ...(await settingsOf(db, ctx.actor?.countyCode ?? '')), editable: await canEditSettings(ctx, db) };
}

/** Changes the county's plan settings (county administrators at the county root only). */
export async function updateSettings(ctx: Ctx, body: z.infer<typeof SettingsBody>) {
  const county = ctx.actor?.countyCode ?? '';
  await ctx.services.db.transaction(async (tx) => {
    if (!(await canEditSettings(ctx, tx))) throw new AppError(403, 'PLAN_SETTINGS_COUNTY_ONLY');
    const before = await settingsOf(tx, county);
    const values = { ...body, updatedBy: ctx.actor?.accountId ?? null, updatedAt: new Date() };
    await tx.insert(planSettings).values({ countyCode: county, ...values }).onConflictDoUpdate({ target: planSettings.countyCode, set: values });
    await audit(ctx, tx, { action: 'plan.settings', result: 'success', objectType: 'plan_settings', objectId: county, detail: { before, after: body } });
  });
  return getSettings(ctx);
}

/** Whether an organization has active 党小组 below it. */
async function hasGroupChildren(tx: Tx, org: OrgRow) {
  const [{ n }] = await tx
    .select({ n: count() })
    .from(organizations)
    .where(and(eq(organizations.countyCode, org.countyCode), eq(organizations.parentId, org.id), eq(organizations.level, 'party_group'), eq(organizations.status, 'active')));
  return Number(n) > 0;
}

/** The organization as a plan sees it, and the generator's facts. */
export async function planOrg(tx: Tx, org: OrgRow, settings: PlanSettings) {
  const kind = planKind(org.level);
  const hasGroups = org.level === 'party_group' || (kind === 'branch' && (await hasGroupChildren(tx, org)));
  const effectiveThemeDay = org.themeDay ?? settings.themeDay;
  const dto = { id: org.id, name: org.name, level: org.level, category: org.category, themeDay: org.themeDay, effectiveThemeDay, hasGroups, kind };
  const facts: PlanOrgFacts = planFacts(org, settings, hasGroups);
  return { dto, facts };
}

/** An item's standing on `today`: held when a live activity was created from it, overdue when its date passed without one. */
export function itemStatus(r: { i: { plannedOn: string; activityId: string | null }; activityState: string | null }, today: string) {
  if (r.i.activityId && r.activityState && r.activityState !== 'cancelled') return 'held' as const;
  return r.i.plannedOn < today ? ('overdue' as const) : ('planned' as const);
}

/** The API shape of an item. */
export function itemDto(r: ItemJoined, today = todayIn()): z.infer<typeof PlanItemDto> {
  const i = r.i;
  return {
    id: i.id, planId: i.planId, orgId: i.orgId, orgName: r.orgName, type: i.type as PlanItemType, plannedOn: i.plannedOn, title: i.title, note: i.note, generated: i.generated,
    activityId: i.activityId, activityState: r.activityState, activityStartsAt: r.activityStartsAt?.toISOString() ?? null, status: itemStatus(r, today),
  };
}

/** The plan view of an organization already checked to be in scope. */
async function planView(tx: Tx, org: OrgRow, year: number) {
  const settings = await settingsOf(tx, org.countyCode);
  const { dto, facts } = await planOrg(tx, org, settings);
  const [plan] = await tx.select().from(activityPlans).where(and(eq(activityPlans.countyCode, org.countyCode), eq(activityPlans.orgId, org.id), eq(activityPlans.year, year)));
  const today = todayIn();
  const items = plan ? (await itemsOfPlan(tx, org.countyCode, plan.id)).map((r) => itemDto(r, today)) : [];
  const required = requiredCounts(facts, year);
  const requirements = PLAN_RULE_TYPES.filter((t) => required[t]).map((type) => ({ type, required: required[type] ?? 0, planned: items.filter((i) => i.type === type).length }));
  return {
    org: dto,
    year,
    plan: plan ? { id: plan.id, createdAt: plan.createdAt.toISOString(), updatedAt: plan.updatedAt.toISOString() } : null,
    items,
    requirements,
  };
}

/** The yearly plan of an organization in read scope. */
export async function getPlan(ctx: Ctx, orgId: string, year: number) {
  const org = await orgsRepo(ctx, 'activity.read').byId(orgId);
  if (!org) throw notFound();
  return planView(ctx.services.db, org, year);
}

/** An organization in write scope that keeps plans (active, at a level with plan rules). */
async function writableOrg(ctx: Ctx, tx: Tx, orgId: string) {
  const org = await orgsRepo(ctx, 'activity.write', tx).byId(orgId);
  if (!org) throw notFound();
  if (org.status !== 'active') throw conflict('ORG_DISSOLVED');
  if (!planKind(org.level)) throw conflict('PLAN_LEVEL_UNSUPPORTED');
  return org;
}

/** The plan of an organization and year, created when missing, locked for the change. */
async function lockedPlan(ctx: Ctx, tx: Tx, org: OrgRow, year: number) {
  await tx.insert(activityPlans).values({ countyCode: org.countyCode, id: uuidv7(), orgId: org.id, year, createdBy: ctx.actor?.accountId ?? null }).onConflictDoNothing();
  const [plan] = await tx
    .select()
    .from(activityPlans)
    .where(and(eq(activityPlans.countyCode, org.countyCode), eq(activityPlans.orgId, org.id), eq(activityPlans.year, year)))
    .for('update');
  return plan;
}

const shanghaiDay = (d: Date) => todayIn(d);
const yearStart = (year: number) => new Date(`${year}-01-01T00:00:00+08:00`);

/**
 * Generates the plan of a year, or completes it: every item the rules require (common/plan-rules.ts)
 * that no item of the plan covers is added. An activity of the organization that no item links yet
 * covers its slot itself (the item is added linked to it, on its date). Idempotent: a second run adds
 * nothing.
 */
export async function generatePlan(ctx: Ctx, body: z.infer<typeof GenerateBody>) {
  let added = 0;
  const org = await ctx.services.db.transaction(async (tx) => {
    const org = await writableOrg(ctx, tx, body.orgId);
    const plan = await lockedPlan(ctx, tx, org, body.year);
    const { facts } = await planOrg(tx, org, await settingsOf(tx, org.countyCode));
    const existing = await tx
      .select({ type: planItems.type, plannedOn: planItems.plannedOn, activityId: planItems.activityId })
      .from(planItems)
      .where(and(eq(planItems.countyCode, org.countyCode), eq(planItems.planId, plan.id)));
    const missing = missingSlots(facts, body.year, existing);
    if (missing.length === 0) return org;
    // Activities already held or scheduled this year that no plan item links yet.
    const linked = await tx.select({ id: planItems.activityId }).from(planItems).where(and(eq(planItems.countyCode, org.countyCode), eq(planItems.orgId, org.id)));
    const linkedIds = new Set(linked.map((l) => l.id));
    const free = (
      await tx
        .select({ id: activities.id, type: activities.type, startsAt: activities.startsAt })
        .from(activities)
        .where(
          and(
            eq(activities.countyCode, org.countyCode), eq(activities.orgId, org.id), ne(activities.state, 'cancelled'),
            gte(activities.startsAt, yearStart(body.year)), lt(activities.startsAt, yearStart(body.year + 1)),
          ),
        )
    )
      .filter((a) => !linkedIds.has(a.id))
      .map((a) => ({ ...a, day: shanghaiDay(a.startsAt) }));
    const rows = matchSlots(missing, free).map(({ slot: s, activity }) => ({
      countyCode: org.countyCode, id: uuidv7(), planId: plan.id, orgId: org.id, type: s.type, title: s.title,
      plannedOn: activity ? activity.day : s.plannedOn, generated: !activity, activityId: activity?.id ?? null,
    }));
    await tx.insert(planItems).values(rows);
    await tx.update(activityPlans).set({ updatedAt: new Date() }).where(and(eq(activityPlans.countyCode, plan.countyCode), eq(activityPlans.id, plan.id)));
    added = rows.length;
    await audit(ctx, tx, {
      action: 'plan.generate', result: 'success', objectType: 'activity_plan', objectId: plan.id, orgId: org.id,
      detail: { year: body.year, added, linkedActivities: rows.filter((r) => r.activityId).length },
    });
    return org;
  });
  return { ...(await planView(ctx.services.db, org, body.year)), added };
}

/**
 * Fixes an organization's 主题党日 day (or goes back to the county default). Future items still on
 * the rules' dates and without an activity move with it; the change is in the organization's history.
 */
export async function setThemeDay(ctx: Ctx, body: z.infer<typeof ThemeDayBody>) {
  const today = todayIn();
  let moved = 0;
  const org = await ctx.services.db.transaction(async (tx) => {
    const found = await orgsRepo(ctx, 'activity.write', tx).byId(body.orgId);
    if (!found) throw notFound();
    if (found.status !== 'active') throw conflict('ORG_DISSOLVED');
    if (planKind(found.level) !== 'branch') throw conflict('PLAN_THEME_DAY_BRANCH_ONLY');
    if (found.themeDay === body.themeDay) return found;
    await tx.update(organizations).set({ themeDay: body.themeDay, updatedAt: new Date() }).where(and(eq(organizations.countyCode, found.countyCode), eq(organizations.id, found.id)));
    const org = { ...found, themeDay: body.themeDay };
    await recordHistory(ctx, tx, org, 'update', { themeDay: found.themeDay }, { themeDay: body.themeDay });
    if (body.moveItems !== false) moved = await moveRuleDatedItems(tx, org, today);
    await audit(ctx, tx, { action: 'plan.theme_day', result: 'success', objectType: 'organization', objectId: org.id, orgId: org.id, detail: { from: found.themeDay, to: body.themeDay, moved } });
    return org;
  });
  const { dto } = await planOrg(ctx.services.db, org, await settingsOf(ctx.services.db, org.countyCode));
  return { org: dto, moved };
}

/** Moves the organization's future items still on the rules' dates (no activity) to the dates of its new day. */
async function moveRuleDatedItems(tx: Tx, org: OrgRow, today: string) {
  const rows = await tx
    .select()
    .from(planItems)
    .innerJoin(activityPlans, and(eq(activityPlans.countyCode, planItems.countyCode), eq(activityPlans.id, planItems.planId)))
    .where(and(eq(planItems.countyCode, org.countyCode), eq(planItems.orgId, org.id), eq(planItems.generated, true), isNull(planItems.activityId), gte(planItems.plannedOn, today)))
    .for('update', { of: planItems });
  const { facts } = await planOrg(tx, org, await settingsOf(tx, org.countyCode));
  const slotsByYear = new Map<number, ReturnType<typeof requiredSlots>>();
  let moved = 0;
  for (const { plan_items: i, activity_plans: p } of rows) {
    if (!slotsByYear.has(p.year)) slotsByYear.set(p.year, requiredSlots(facts, p.year));
    const slot = slotsByYear.get(p.year)?.find((s) => s.type === i.type && i.plannedOn >= s.from && i.plannedOn <= s.to);
    if (!slot || slot.plannedOn === i.plannedOn || slot.plannedOn < today) continue;
    await tx.update(planItems).set({ plannedOn: slot.plannedOn, updatedAt: new Date() }).where(and(eq(planItems.countyCode, i.countyCode), eq(planItems.id, i.id)));
    await cancelReminders(tx, i);
    moved++;
  }
  return moved;
}

/** Reads an item back after a change. */
async function itemAfter(ctx: Ctx, id: string) {
  const r = await plansRepo(ctx, 'activity.read').itemById(id);
  if (!r) throw notFound();
  return itemDto(r);
}

/** Adds an item by hand to the plan of its date's year (created when missing). */
export async function addItem(ctx: Ctx, body: z.infer<typeof AddItemBody>) {
  const id = uuidv7();
  await ctx.services.db.transaction(async (tx) => {
    const org = await writableOrg(ctx, tx, body.orgId);
    const plan = await lockedPlan(ctx, tx, org, Number(body.plannedOn.slice(0, 4)));
    const [{ n }] = await tx.select({ n: count() }).from(planItems).where(and(eq(planItems.countyCode, org.countyCode), eq(planItems.planId, plan.id)));
    if (Number(n) >= MAX_ITEMS_PER_PLAN) throw conflict('PLAN_ITEMS_LIMIT', { max: MAX_ITEMS_PER_PLAN });
    const title = redactSensitive(body.title);
    const note = body.note ? redactSensitive(body.note) : null;
    await tx.insert(planItems).values({ countyCode: org.countyCode, id, planId: plan.id, orgId: org.id, type: body.type, plannedOn: body.plannedOn, title, note });
    await tx.update(activityPlans).set({ updatedAt: new Date() }).where(and(eq(activityPlans.countyCode, plan.countyCode), eq(activityPlans.id, plan.id)));
    await audit(ctx, tx, { action: 'plan.item.add', result: 'success', objectType: 'plan_item', objectId: id, orgId: org.id, detail: { type: body.type, plannedOn: body.plannedOn, title } });
  });
  return itemAfter(ctx, id);
}

/** An item in write scope, locked, of an active organization. */
async function itemForChange(ctx: Ctx, tx: Tx, id: string) {
  const r = await plansRepo(ctx, 'activity.write', tx).itemById(id, true);
  if (!r) throw notFound();
  if (r.orgStatus !== 'active') throw conflict('ORG_DISSOLVED');
  return r;
}

const hasLiveActivity = (r: ItemJoined) => !!r.i.activityId && r.activityState !== null && r.activityState !== 'cancelled';

/** Changes an item's type, date (within the plan's year), title or note; a date set by hand is no longer the rules'. */
export async function updateItem(ctx: Ctx, id: string, body: z.infer<typeof UpdateItemBody>) {
  await ctx.services.db.transaction(async (tx) => {
    const r = await itemForChange(ctx, tx, id);
    const i = r.i;
    if (body.plannedOn && Number(body.plannedOn.slice(0, 4)) !== r.year)
      throw new AppError(400, 'PLAN_ITEM_OUTSIDE_YEAR', { year: r.year }, [{ path: 'body.plannedOn', code: 'PLAN_ITEM_OUTSIDE_YEAR', params: { year: r.year } }]);
    if (body.type && body.type !== i.type && hasLiveActivity(r)) throw conflict('PLAN_ITEM_HAS_ACTIVITY');
    const next = {
      type: body.type ?? i.type,
      plannedOn: body.plannedOn ?? i.plannedOn,
      title: body.title !== undefined ? redactSensitive(body.title) : i.title,
      note: body.note !== undefined ? (body.note ? redactSensitive(body.note) : null) : i.note,
    };
    const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => v !== i[k as keyof typeof next]));
    if (Object.keys(changed).length === 0) return;
    const moved = next.plannedOn !== i.plannedOn || next.type !== i.type;
    await tx
      .update(planItems)
      .set({ ...next, ...(moved ? { generated: false } : {}), updatedAt: new Date() })
      .where(and(eq(planItems.countyCode, i.countyCode), eq(planItems.id, i.id)));
    if (moved) await cancelReminders(tx, i);
    await audit(ctx, tx, {
      action: 'plan.item.update', result: 'success', objectType: 'plan_item', objectId: i.id, orgId: i.orgId,
      detail: { before: Object.fromEntries(Object.keys(changed).map((k) => [k, i[k as keyof typeof next]])), after: changed },
    });
  });
  return itemAfter(ctx, id);
}

/** Deletes an item that has no live activity (its open reminder is cancelled). */
export async function deleteItem(ctx: Ctx, id: string) {
  await ctx.services.db.transaction(async (tx) => {
    const r = await itemForChange(ctx, tx, id);
    if (hasLiveActivity(r)) throw conflict('PLAN_ITEM_HAS_ACTIVITY');
    const i = r.i;
    await cancelReminders(tx, i);
    await tx.delete(planItems).where(and(eq(planItems.countyCode, i.countyCode), eq(planItems.id, i.id)));
    await audit(ctx, tx, { action: 'plan.item.delete', result: 'success', objectType: 'plan_item', objectId: i.id, orgId: i.orgId, detail: { type: i.type, plannedOn: i.plannedOn, title: i.title } });
  });
}

/** The new link of an item to the activity created from it (and its reminder cancelled). */
export async function linkActivity(ctx: Ctx, tx: Tx, r: ItemJoined, activityId: string) {
  await tx.update(planItems).set({ activityId, updatedAt: new Date() }).where(and(eq(planItems.countyCode, r.i.countyCode), eq(planItems.id, r.i.id)));
  const cancelled = await cancelReminders(tx, r.i);
  await audit(ctx, tx, { action: 'plan.item.activity', result: 'success', objectType: 'plan_item', objectId: r.i.id, orgId: r.i.orgId, detail: { activityId, remindersCancelled: cancelled } });
}

export { hasLiveActivity, itemForChange };
