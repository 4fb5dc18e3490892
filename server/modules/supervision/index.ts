import { defineModule } from '../../core/module.ts';
import { exportCompliance } from './compliance.export.ts';
import { ComplianceDto, ComplianceQuery, OrgComplianceDto, OrgComplianceParams, OrgComplianceQuery, RulesBody, RulesDto } from './compliance.schemas.ts';
import { COMPLIANCE_READ, RULES_EDIT, complianceView, getRules, orgCompliance, replaceRules } from './compliance.service.ts';
import { registerSupervisionJobs } from './rollup.ts';
import { exportSummary } from './summary.export.ts';
import { activitySummary } from './summary.service.ts';
import { SummaryDto, SummaryQuery } from './supervision.schemas.ts';

const tags = ['supervision'];
/** Reading the summary is reading activities in scope (the activities module's permission). */
const READ = 'activity.read';

/**
 * Supervision (issue 6; docs/SUPERVISION.md): the per-organization, per-day rollup of activities
 * (held by type, 应到 / 实到, leave, guests) kept by a job every minute, and the activity summary of a
 * subtree over days or months with dues 应交 / 实交 from the dues rollup.
 */
export const supervisionModule = defineModule({
  name: 'supervision',
  permissions: {
    [RULES_EDIT]: { description: 'Change the county’s rules of organizational life (条例 requirements; county administrators at the county root)', roles: ['county_admin'] },
  },
  async routes(app) {
    app.get(
      '/api/supervision/compliance',
      {
        config: { access: COMPLIANCE_READ },
        schema: {
          tags,
          summary: 'The rule engine’s judgement of a subtree for a period: organizations green / amber / red, checks by type, one row per child organization, the organization’s own checks and the red list',
          querystring: ComplianceQuery,
          response: { 200: ComplianceDto },
        },
      },
      (req) => complianceView(req.ctx, req.query),
    );
    app.get(
      '/api/supervision/compliance/export',
      { config: { access: COMPLIANCE_READ }, schema: { tags, summary: 'Export the judgement of a subtree (one row per organization a rule binds, with its reasons) to Excel', querystring: ComplianceQuery } },
      (req, reply) => exportCompliance(req.ctx, reply, req.query),
    );
    app.get(
      '/api/supervision/compliance/orgs/:id',
      {
        config: { access: COMPLIANCE_READ },
        schema: { tags, summary: 'One organization’s checks for a period with the activities counted for each', params: OrgComplianceParams, querystring: OrgComplianceQuery, response: { 200: OrgComplianceDto } },
      },
      (req) => orgCompliance(req.ctx, req.params.id, req.query),
    );
    app.get(
      '/api/supervision/rules',
      { config: { access: COMPLIANCE_READ }, schema: { tags, summary: 'The county’s rules of organizational life (its own, or the DOMAIN §3 defaults)', response: { 200: RulesDto } } },
      (req) => getRules(req.ctx),
    );
    app.put(
      '/api/supervision/rules',
      { config: { access: RULES_EDIT }, schema: { tags, summary: 'Replace the county’s rules of organizational life (county administrators at the root)', body: RulesBody, response: { 200: RulesDto } } },
      (req) => replaceRules(req.ctx, req.body),
    );
    app.delete(
      '/api/supervision/rules',
      { config: { access: RULES_EDIT }, schema: { tags, summary: 'Restore the DOMAIN §3 default rules', response: { 200: RulesDto } } },
      (req) => replaceRules(req.ctx, null),
    );
    app.get(
      '/api/supervision/activity-summary',
      {
        config: { access: READ },
        schema: {
          tags,
          summary: 'Activities of a subtree over a range by day or month: per child organization and in total, held by type, 应到 / 实到, rate, guests (and dues 应交 / 实交 by month)',
          querystring: SummaryQuery,
          response: { 200: SummaryDto },
        },
      },
      (req) => activitySummary(req.ctx, READ, req.query),
    );
    app.get(
      '/api/supervision/activity-summary/export',
      { config: { access: READ }, schema: { tags, summary: 'Export the activity summary (one row per child organization and the total) to Excel', querystring: SummaryQuery } },
      (req, reply) => exportSummary(req.ctx, READ, reply, req.query),
    );
  },
  jobs: (services) => registerSupervisionJobs(services),
});
