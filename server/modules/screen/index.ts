import type { Ctx } from '../../core/access/context.ts';
import { defineModule } from '../../core/module.ts';
import { viewOrg } from '../dues/monitoring.service.ts';
import { ScreenActivityDto, ScreenComplianceDto, ScreenDuesDto, ScreenLiveDto, ScreenOverviewDto, ScreenQuery } from './screen.schemas.ts';
import { SCREEN_VIEW, cached, screenActivity, screenCompliance, screenDues, screenLive, screenOverview } from './screen.service.ts';

const tags = ['screen'];

/**
 * The organization asked for (in the caller's screen.view scope; 404 outside it), then the answer for
 * it from the short cache (the same for everyone who may see that organization).
 */
async function cachedFor<T>(ctx: Ctx, name: string, orgId: string | undefined, compute: (ctx: Ctx, q: { orgId: string }) => Promise<T>, ttlMs?: number): Promise<T> {
  const o = await viewOrg(ctx, SCREEN_VIEW, orgId);
  return cached(`${name}:${o.countyCode}:${o.id}`, () => compute(ctx, { orgId: o.id }), ttlMs);
}

/** The rule engine evaluates the whole subtree (≈ 0.1–0.3 s for the county): its colours change with the per-minute rollup, so a minute is fresh enough. */
const COMPLIANCE_CACHE_MS = 60_000;

/**
 * The big screen (大屏, issue 6; docs/SCREEN.md): aggregates of an organization's subtree for the wall
 * display at /screen — organizations and members, today's check-ins, the attendance trend, 三会一课,
 * dues 月月清, volunteer service. Aggregates only: no member is named.
 */
export const screenModule = defineModule({
  name: 'screen',
  permissions: {
    [SCREEN_VIEW]: { description: 'See the big screen (大屏) of the organizations in scope: aggregates only, no personal data', roles: ['county_admin', 'township_admin'] },
  },
  async routes(app) {
    const config = { access: SCREEN_VIEW };
    app.get(
      '/api/screen/overview',
      { config, schema: { tags, summary: 'The big screen’s header and blocks: per child organization its organizations, members, this month’s attendance and dues 月月清', querystring: ScreenQuery, response: { 200: ScreenOverviewDto } } },
      (req) => cachedFor(req.ctx, 'overview', req.query.orgId, screenOverview),
    );
    app.get(
      '/api/screen/live',
      { config, schema: { tags, summary: 'Today’s check-ins (in total, by hour, per child organization) and activities under way', querystring: ScreenQuery, response: { 200: ScreenLiveDto } } },
      (req) => cachedFor(req.ctx, 'live', req.query.orgId, (ctx, q) => screenLive(ctx, q)),
    );
    app.get(
      '/api/screen/activity',
      { config, schema: { tags, summary: 'The 12-month attendance trend, this month by activity type, 三会一课 and volunteer service', querystring: ScreenQuery, response: { 200: ScreenActivityDto } } },
      (req) => cachedFor(req.ctx, 'activity', req.query.orgId, screenActivity),
    );
    app.get(
      '/api/screen/dues',
      { config, schema: { tags, summary: 'Dues 月月清 this month and over 12 months: organizations clear, late, open; the paid share', querystring: ScreenQuery, response: { 200: ScreenDuesDto } } },
      (req) => cachedFor(req.ctx, 'dues', req.query.orgId, screenDues),
    );
    app.get(
      '/api/screen/compliance',
      {
        config,
        schema: { tags, summary: '三会一课 and the other rules of organizational life this month (the rule engine): organizations by colour, checks by type, per child organization', querystring: ScreenQuery, response: { 200: ScreenComplianceDto } },
      },
      (req) => cachedFor(req.ctx, 'compliance', req.query.orgId, screenCompliance, COMPLIANCE_CACHE_MS),
    );
  },
});
