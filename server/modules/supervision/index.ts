import { defineModule } from '../../core/module.ts';
import { exportAssessment, exportBulletin } from './bulletin.export.ts';
import {
  AssessmentDto,
  AssessmentOrgDto,
  AssessmentOrgQuery,
  AssessmentQuery,
  BulletinDto,
  BulletinListDto,
  BulletinListQuery,
  BulletinParams,
  ExportQuery,
  GenerateBody,
  SettingsBody,
  SettingsDto,
} from './bulletin.schemas.ts';
import { assessment, assessmentOfOrg, generateByHand, getBulletin, getSettings, listBulletins, registerBulletinJob, updateSettings } from './bulletin.service.ts';
import { exportCompliance } from './compliance.export.ts';
import { registerComplianceJob } from './compliance.snapshot.ts';
import { ComplianceDto, ComplianceQuery, OrgComplianceDto, OrgComplianceParams, OrgComplianceQuery, RulesBody, RulesDto } from './compliance.schemas.ts';
import { COMPLIANCE_READ, SUPERVISION_MANAGE, complianceView, getRules, orgCompliance, replaceRules } from './compliance.service.ts';
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
    [SUPERVISION_MANAGE]: { description: 'Change the county’s rules of organizational life and supervision settings, generate a 通报 by hand (county administrators at the county root)', roles: ['county_admin'] },
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
      { config: { access: SUPERVISION_MANAGE }, schema: { tags, summary: 'Replace the county’s rules of organizational life (county administrators at the root)', body: RulesBody, response: { 200: RulesDto } } },
      (req) => replaceRules(req.ctx, req.body),
    );
    app.delete(
      '/api/supervision/rules',
      { config: { access: SUPERVISION_MANAGE }, schema: { tags, summary: 'Restore the DOMAIN §3 default rules', response: { 200: RulesDto } } },
      (req) => replaceRules(req.ctx, null),
    );
    app.get(
      '/api/supervision/settings',
      { config: { access: COMPLIANCE_READ }, schema: { tags, summary: 'The county’s supervision settings: the 通报 day, the ranking minimum, the issuer, the 综合考核 weights per category', response: { 200: SettingsDto } } },
      (req) => getSettings(req.ctx),
    );
    app.put(
      '/api/supervision/settings',
      { config: { access: SUPERVISION_MANAGE }, schema: { tags, summary: 'Change the county’s supervision settings (county administrators at the root)', body: SettingsBody, response: { 200: SettingsDto } } },
      (req) => updateSettings(req.ctx, req.body),
    );
    app.get(
      '/api/supervision/bulletins',
      { config: { access: COMPLIANCE_READ }, schema: { tags, summary: 'The county’s monthly 通报, newest first (every version kept)', querystring: BulletinListQuery, response: { 200: BulletinListDto } } },
      (req) => listBulletins(req.ctx, req.query.year),
    );
    app.post(
      '/api/supervision/bulletins',
      { config: { access: SUPERVISION_MANAGE }, schema: { tags, summary: 'Generate the 通报 of an ended month now (a new version; county administrators at the root)', body: GenerateBody, response: { 201: BulletinDto } } },
      async (req, reply) => reply.code(201).send(await generateByHand(req.ctx, req.body.month)),
    );
    app.get(
      '/api/supervision/bulletins/:id',
      { config: { access: COMPLIANCE_READ }, schema: { tags, summary: 'A 通报: the whole county at the root, else the townships and organizations in the caller’s scope', params: BulletinParams, response: { 200: BulletinDto } } },
      (req) => getBulletin(req.ctx, req.params.id),
    );
    app.get(
      '/api/supervision/bulletins/:id/export',
      { config: { access: COMPLIANCE_READ }, schema: { tags, summary: 'A 通报 as a formal document (红头) in Excel, PDF or Word, within the caller’s scope', params: BulletinParams, querystring: ExportQuery } },
      (req, reply) => exportBulletin(req.ctx, reply, req.params.id, req.query.format),
    );
    app.get(
      '/api/supervision/assessment',
      { config: { access: COMPLIANCE_READ }, schema: { tags, summary: '综合考核: the organizations of a subtree with their monthly scores and ranks of a year, the year’s score and rank', querystring: AssessmentQuery, response: { 200: AssessmentDto } } },
      (req) => assessment(req.ctx, req.query),
    );
    app.get(
      '/api/supervision/assessment/export',
      { config: { access: COMPLIANCE_READ }, schema: { tags, summary: 'Export the 综合考核 of a subtree and year to Excel (one row per organization, by year rank)', querystring: AssessmentQuery } },
      (req, reply) => exportAssessment(req.ctx, reply, req.query),
    );
    app.get(
      '/api/supervision/assessment/orgs/:id',
      { config: { access: COMPLIANCE_READ }, schema: { tags, summary: 'One organization’s 综合考核 history: monthly score, rank and indicators, with its category’s weights', params: BulletinParams, querystring: AssessmentOrgQuery, response: { 200: AssessmentOrgDto } } },
      (req) => assessmentOfOrg(req.ctx, req.params.id, req.query.months),
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
  jobs: (services) => {
    registerSupervisionJobs(services);
    registerBulletinJob(services);
    registerComplianceJob(services);
  },
});
