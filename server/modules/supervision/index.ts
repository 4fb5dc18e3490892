import { defineModule } from '../../core/module.ts';
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
  async routes(app) {
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
