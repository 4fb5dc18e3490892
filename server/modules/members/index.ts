import { exportCorrections } from './corrections.export.ts';
import { pageOf } from '../../core/http/pagination.ts';
import { defineModule } from '../../core/module.ts';
import { CorrectionDto, CorrectionListQuery, DecideBody } from './corrections.schemas.ts';
import { decideCorrection, listCorrections } from './corrections.service.ts';
import { fileRoutes, selfRoutes } from './file.routes.ts';
import { IdParams } from './members.schemas.ts';
import { registryRoutes } from './registry.routes.ts';

const BRANCH_WRITERS = ['county_admin', 'township_admin', 'branch_secretary'] as const;

/**
 * The member registry (党员信息库): records with encrypted ID numbers and phones shown masked, the
 * electronic file (电子档案), the view log, correction requests, member logins, and the member's
 * own data (PIPL 45-46).
 */
export const membersModule = defineModule({
  name: 'members',
  permissions: {
    'member.read': { description: 'See members in scope (masked), their file and view log', roles: [...BRANCH_WRITERS, 'branch_committee'] },
    'member.write': { description: 'Register and edit members in scope, set flags, enable member logins', roles: [...BRANCH_WRITERS] },
    'member.unmask': { description: 'Show an ID number or phone in clear, with a reason (audited)', roles: [...BRANCH_WRITERS] },
    'member.export': { description: 'Export member lists in scope (masked, watermarked, audited)', roles: [...BRANCH_WRITERS] },
    'member.correction': { description: 'Decide members’ correction requests in scope', roles: ['branch_secretary', 'township_admin', 'county_admin'] },
    'self.file': { description: 'A member’s own record, file, view log and correction requests', roles: ['member'] },
  },
  routes(app) {
    registryRoutes(app);
    fileRoutes(app);
    selfRoutes(app);
    app.get(
      '/api/corrections',
      { config: { access: 'member.correction' }, schema: { tags: ['members'], summary: 'Correction requests of members in scope', querystring: CorrectionListQuery, response: { 200: pageOf(CorrectionDto) } } },
      (req) => listCorrections(req.ctx, req.query),
    );
    app.get(
      '/api/corrections/export',
      { config: { access: 'member.export' }, schema: { tags: ['members'], summary: 'Export the correction queue to Excel', querystring: CorrectionListQuery.omit({ page: true, pageSize: true }) } },
      (req, reply) => exportCorrections(req.ctx, reply, req.query),
    );
    app.post(
      '/api/corrections/:id/decide',
      { config: { access: 'member.correction' }, schema: { tags: ['members'], summary: 'Approve (applies the change) or reject a correction request', params: IdParams, body: DecideBody, response: { 200: CorrectionDto } } },
      (req) => decideCorrection(req.ctx, req.params.id, req.body),
    );
  },
});
