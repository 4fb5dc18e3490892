// The routes of dues monitoring (docs/DUES.md "Monitoring"): overview, 月月清 per organization, early
// warning, yearly summary, their exports, and the branch's one-click reminder.
import type { App } from '../../core/module.ts';
import { limitOffset } from '../../core/http/pagination.ts';
import { exportOrgMonths, exportWarnings, exportYearly } from './monitoring.export.ts';
import {
  MonitorQuery, OrgMonthFilter, OrgMonthPageDto, OrgMonthQuery, OverviewDto, ReminderBody, ReminderDto, WarningExportQuery, WarningQuery, WarningsDto, YearlyDto, YearlyQuery,
} from './monitoring.schemas.ts';
import { duesOverview, duesWarnings, duesYearly, orgMonths } from './monitoring.service.ts';
import { DUES_PAY } from './payments.service.ts';
import { DUES_EXPORT, DUES_READ } from './profiles.service.ts';
import { remindUnpaid } from './warnings.ts';

const tags = ['dues'];

export function registerMonitoringRoutes(app: App) {
  app.get(
    '/api/dues/overview',
    { config: { access: DUES_READ }, schema: { tags, summary: 'A month of an organization’s subtree: totals, one row per child (应交 / 实交 / 月月清) and the 12-month trend', querystring: MonitorQuery, response: { 200: OverviewDto } } },
    (req) => duesOverview(req.ctx, DUES_READ, req.query),
  );
  app.get(
    '/api/dues/org-months',
    { config: { access: DUES_READ }, schema: { tags, summary: 'The organizations of a subtree in a month with 已缴 / 未缴 / amounts and their 月月清 status, lowest paid share first', querystring: OrgMonthQuery, response: { 200: OrgMonthPageDto } } },
    (req) => orgMonths(req.ctx, DUES_READ, req.query, limitOffset(req.query)),
  );
  app.get(
    '/api/dues/org-months/export',
    { config: { access: DUES_EXPORT }, schema: { tags, summary: 'Export the organizations’ month (月月清) to Excel', querystring: OrgMonthFilter } },
    (req, reply) => exportOrgMonths(req.ctx, DUES_EXPORT, reply, req.query),
  );
  app.get(
    '/api/dues/warnings',
    { config: { access: DUES_READ }, schema: { tags, summary: 'Early warning: organizations below the paid share by the warning day, members with 3+ months of arrears (6 in a row: 自行脱党 review)', querystring: WarningQuery, response: { 200: WarningsDto } } },
    (req) => duesWarnings(req.ctx, DUES_READ, req.query, limitOffset(req.query)),
  );
  app.get(
    '/api/dues/warnings/export',
    { config: { access: DUES_EXPORT }, schema: { tags, summary: 'Export an early-warning list (list=orgs or members) to Excel', querystring: WarningExportQuery } },
    (req, reply) => exportWarnings(req.ctx, DUES_EXPORT, reply, req.query),
  );
  app.get(
    '/api/dues/yearly',
    { config: { access: DUES_READ }, schema: { tags, summary: 'The yearly summary of a subtree: 应交 / 实交, voluntary payments, the upward remittance', querystring: YearlyQuery, response: { 200: YearlyDto } } },
    (req) => duesYearly(req.ctx, DUES_READ, req.query),
  );
  app.get(
    '/api/dues/yearly/export',
    { config: { access: DUES_EXPORT }, schema: { tags, summary: 'Export the yearly summary to Excel', querystring: YearlyQuery } },
    (req, reply) => exportYearly(req.ctx, DUES_EXPORT, reply, req.query),
  );
  app.post(
    '/api/dues/reminders',
    { config: { access: DUES_PAY }, schema: { tags, summary: 'Remind the members of an organization who have not paid a month (a notification each, once a day per bill)', body: ReminderBody, response: { 200: ReminderDto } } },
    (req) => remindUnpaid(req.ctx, req.body),
  );
}
