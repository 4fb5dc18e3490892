// 组织生活计划 endpoints (server/modules/plans): the yearly plan of an organization and its items,
// 从计划创建活动, the fixed 主题党日 day, the county settings, the overview below a township, and the
// organization's iCal feed.
import type { PlanItemType, PlanRuleType } from '../../../common/plan-rules';
import { api, toQueryString } from './client';
import type { Page } from './types';

export { LECTURE_FREQUENCIES, PLAN_DEFAULTS, PLAN_ITEM_TYPES, PLAN_RULE_TYPES, type PlanItemType, type PlanRuleType } from '../../../common/plan-rules';

/** Where an item stands. */
export type ItemStatus = 'planned' | 'held' | 'overdue';

/** An item of a plan. */
export type PlanItem = {
  id: string;
  planId: string;
  orgId: string;
  orgName: string;
  type: PlanItemType;
  plannedOn: string;
  title: string;
  note: string | null;
  /** Still on the date the rules suggested. */
  generated: boolean;
  activityId: string | null;
  activityState: 'planned' | 'cancelled' | null;
  activityStartsAt: string | null;
  status: ItemStatus;
};

/** The organization of a plan. */
export type PlanOrg = {
  id: string;
  name: string;
  level: string;
  category: string | null;
  themeDay: number | null;
  effectiveThemeDay: number;
  hasGroups: boolean;
  kind: 'branch' | 'group' | null;
};

/** A yearly plan with its items and what the rules require. */
export type PlanView = {
  org: PlanOrg;
  year: number;
  plan: { id: string; createdAt: string; updatedAt: string } | null;
  items: PlanItem[];
  requirements: { type: PlanRuleType; required: number; planned: number }[];
};

/** The county's plan settings. */
export type PlanSettings = { themeDay: number; lecturesPerYear: number; reminderDays: number; editable: boolean };

/** One organization in the overview. */
export type OverviewRow = {
  orgId: string;
  orgName: string;
  level: string;
  effectiveThemeDay: number;
  hasPlan: boolean;
  planned: number;
  held: number;
  overdue: number;
};

/** An organization's live iCal feed (never its token). */
export type Feed = { id: string; orgId: string; createdAt: string; createdByName: string | null };

/** GET /api/plans. */
export const getPlan = (orgId: string, year: number) => api.get<PlanView>('/api/plans', { orgId, year });

/** The URL of the plan's Excel export. */
export const planExportUrl = (orgId: string, year: number) => `/api/plans/export${toQueryString({ orgId, year })}`;

/** POST /api/plans/generate: the items the rules still require (idempotent). */
export const generatePlan = (orgId: string, year: number) => api.post<PlanView & { added: number }>('/api/plans/generate', { orgId, year });

/** PUT /api/plans/theme-day. */
export const setThemeDay = (orgId: string, themeDay: number | null, moveItems: boolean) =>
  api.put<{ org: PlanOrg; moved: number }>('/api/plans/theme-day', { orgId, themeDay, moveItems });

/** What an item carries. */
export type ItemInput = { type: PlanItemType; plannedOn: string; title: string; note?: string | null };

/** POST /api/plans/items. */
export const addItem = (orgId: string, input: ItemInput) => api.post<PlanItem>('/api/plans/items', { orgId, ...input, note: input.note || undefined });

/** PATCH /api/plans/items/:id. */
export const updateItem = (id: string, input: Partial<ItemInput>) => api.patch<PlanItem>(`/api/plans/items/${encodeURIComponent(id)}`, input);

/** DELETE /api/plans/items/:id. */
export const deleteItem = (id: string) => api.del<void>(`/api/plans/items/${encodeURIComponent(id)}`);

/** POST /api/plans/items/:id/activity: 从计划创建活动. */
export const createItemActivity = (id: string, input: { startsAt: string; endsAt: string; title?: string; place?: string }) =>
  api.post<{ item: PlanItem; activityId: string }>(`/api/plans/items/${encodeURIComponent(id)}/activity`, input);

/** GET /api/plans/settings. */
export const getPlanSettings = () => api.get<PlanSettings>('/api/plans/settings');

/** PUT /api/plans/settings. */
export const updatePlanSettings = (input: Omit<PlanSettings, 'editable'>) => api.put<PlanSettings>('/api/plans/settings', input);

/** GET /api/plans/overview. */
export const getOverview = (q: { orgId?: string; year: number; page: number; pageSize: number }) => api.get<Page<OverviewRow>>('/api/plans/overview', q);

/** The URL of the overview's export. */
export const overviewExportUrl = (orgId: string | undefined, year: number) => `/api/plans/overview/export${toQueryString({ orgId, year })}`;

/** GET /api/plans/month. */
export const getMonthItems = (q: { orgId?: string; month: string; page: number; pageSize: number }) => api.get<Page<PlanItem>>('/api/plans/month', q);

/** The URL of a month's export. */
export const monthExportUrl = (orgId: string | undefined, month: string) => `/api/plans/month/export${toQueryString({ orgId, month })}`;

/** GET /api/plans/feed. */
export const getFeed = (orgId: string) => api.get<{ feed: Feed | null }>('/api/plans/feed', { orgId });

/** POST /api/plans/feed: a new token (the previous feed stops working). */
export const createFeed = (orgId: string) => api.post<{ feed: Feed; token: string; path: string }>('/api/plans/feed', { orgId });

/** DELETE /api/plans/feed/:id. */
export const revokeFeed = (id: string) => api.del<void>(`/api/plans/feed/${encodeURIComponent(id)}`);
