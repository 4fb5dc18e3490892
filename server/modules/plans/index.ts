import { limitOffset, pageOf } from '../../core/http/pagination.ts';
import { defineModule } from '../../core/module.ts';
import { createFeed, feedStatus, revokeFeed, serveFeed } from './feeds.ts';
import { createItemActivity } from './plan-activity.ts';
import { exportMonth, exportOverview, exportPlan, monthItems, overview } from './plans-lists.ts';
import {
  AddItemBody, FeedBody, FeedCreatedDto, FeedQuery, FeedStatusDto, GenerateBody, GenerateDto, IcalParams, IdParams, ItemActivityBody, ItemActivityDto, MonthFilter, MonthQuery,
  OverviewFilter, OverviewQuery, OverviewRowDto, PlanItemDto, PlanQuery, PlanViewDto, SettingsBody, SettingsDto, ThemeDayBody, ThemeDayDto, UpdateItemBody,
} from './plans.schemas.ts';
import { addItem, deleteItem, generatePlan, getPlan, getSettings, setThemeDay, updateItem, updateSettings } from './plans.service.ts';
import { registerPlanJobs } from './reminders.ts';

const tags = ['plans'];

/**
 * 组织生活计划: a yearly plan per organization pre-filled from DOMAIN §3 (common/plan-rules.ts),
 * its items, 从计划创建活动, the fixed 主题党日 day, the township overview, the daily reminders in
 * the branch's to-do list, and the organization's iCal feed. Uses the activities module's
 * `activity.read` / `activity.write`.
 */
export const plansModule = defineModule({
  name: 'plans',
  routes(app) {
    app.get(
      '/api/plans/settings',
      { config: { access: 'activity.read' }, schema: { tags, summary: 'The county’s plan settings (主题党日 day, 党课 per year, reminder days)', response: { 200: SettingsDto } } },
      (req) => getSettings(req.ctx),
    );
    app.put(
      '/api/plans/settings',
      { config: { access: 'activity.write' }, schema: { tags, summary: 'Change the county’s plan settings (county administrators)', body: SettingsBody, response: { 200: SettingsDto } } },
      (req) => updateSettings(req.ctx, req.body),
    );
    app.get(
      '/api/plans',
      { config: { access: 'activity.read' }, schema: { tags, summary: 'The yearly plan of an organization with its items and what the rules require', querystring: PlanQuery, response: { 200: PlanViewDto } } },
      (req) => getPlan(req.ctx, req.query.orgId, req.query.year),
    );
    app.get(
      '/api/plans/export',
      { config: { access: 'activity.read' }, schema: { tags, summary: 'Export the yearly plan of an organization to Excel', querystring: PlanQuery } },
      (req, reply) => exportPlan(req.ctx, reply, req.query),
    );
    app.post(
      '/api/plans/generate',
      { config: { access: 'activity.write' }, schema: { tags, summary: 'Generate the yearly plan or add the items the rules still require (idempotent)', body: GenerateBody, response: { 200: GenerateDto } } },
      (req) => generatePlan(req.ctx, req.body),
    );
    app.put(
      '/api/plans/theme-day',
      { config: { access: 'activity.write' }, schema: { tags, summary: 'Fix a branch’s 主题党日 day of the month (1–28, or null for the county default)', body: ThemeDayBody, response: { 200: ThemeDayDto } } },
      (req) => setThemeDay(req.ctx, req.body),
    );
    app.post(
      '/api/plans/items',
      { config: { access: 'activity.write' }, schema: { tags, summary: 'Add an item to the plan of its year', body: AddItemBody, response: { 201: PlanItemDto } } },
      async (req, reply) => reply.status(201).send(await addItem(req.ctx, req.body)),
    );
    app.patch(
      '/api/plans/items/:id',
      { config: { access: 'activity.write' }, schema: { tags, summary: 'Move or edit an item', params: IdParams, body: UpdateItemBody, response: { 200: PlanItemDto } } },
      (req) => updateItem(req.ctx, req.params.id, req.body),
    );
    app.delete(
      '/api/plans/items/:id',
      { config: { access: 'activity.write' }, schema: { tags, summary: 'Delete an item without an activity', params: IdParams } },
      async (req, reply) => {
        await deleteItem(req.ctx, req.params.id);
        return reply.status(204).send();
      },
    );
    app.post(
      '/api/plans/items/:id/activity',
      { config: { access: 'activity.write' }, schema: { tags, summary: 'Create the activity of an item (从计划创建活动)', params: IdParams, body: ItemActivityBody, response: { 201: ItemActivityDto } } },
      async (req, reply) => reply.status(201).send(await createItemActivity(req.ctx, req.params.id, req.body)),
    );
    app.get(
      '/api/plans/overview',
      { config: { access: 'activity.read' }, schema: { tags, summary: 'Plans below an organization: planned, held and overdue items per organization', querystring: OverviewQuery, response: { 200: pageOf(OverviewRowDto) } } },
      (req) => overview(req.ctx, { orgId: req.query.orgId, year: req.query.year, ...limitOffset(req.query) }),
    );
    app.get(
      '/api/plans/overview/export',
      { config: { access: 'activity.read' }, schema: { tags, summary: 'Export the overview to Excel', querystring: OverviewFilter } },
      (req, reply) => exportOverview(req.ctx, reply, req.query),
    );
    app.get(
      '/api/plans/month',
      { config: { access: 'activity.read' }, schema: { tags, summary: 'The plan items of a month below an organization', querystring: MonthQuery, response: { 200: pageOf(PlanItemDto) } } },
      (req) => monthItems(req.ctx, { orgId: req.query.orgId, month: req.query.month, ...limitOffset(req.query) }),
    );
    app.get(
      '/api/plans/month/export',
      { config: { access: 'activity.read' }, schema: { tags, summary: 'Export a month’s plan items to Excel', querystring: MonthFilter } },
      (req, reply) => exportMonth(req.ctx, reply, req.query),
    );
    app.get(
      '/api/plans/feed',
      { config: { access: 'activity.read' }, schema: { tags, summary: 'The live iCal feed of an organization (never its token)', querystring: FeedQuery, response: { 200: FeedStatusDto } } },
      (req) => feedStatus(req.ctx, req.query.orgId),
    );
    app.post(
      '/api/plans/feed',
      { config: { access: 'activity.write' }, schema: { tags, summary: 'Create the iCal feed of an organization (revokes the previous one); the token is shown once', body: FeedBody, response: { 201: FeedCreatedDto } } },
      async (req, reply) => reply.status(201).send(await createFeed(req.ctx, req.body.orgId)),
    );
    app.delete(
      '/api/plans/feed/:id',
      { config: { access: 'activity.write' }, schema: { tags, summary: 'Revoke an iCal feed', params: IdParams } },
      async (req, reply) => {
        await revokeFeed(req.ctx, req.params.id);
        return reply.status(204).send();
      },
    );
    app.get(
      '/api/ical/:file',
      { config: { access: 'public' }, schema: { tags, summary: 'An organization’s calendar (RFC 5545), public fields only; the token in `<token>.ics` is the credential', params: IcalParams } },
      (req, reply) => serveFeed(req.ctx, reply, req.params.file),
    );
  },
  jobs: registerPlanJobs,
});
