// The routes of dues reductions and exemptions (减免), registered by the dues module (index.ts).
import type { App } from '../../core/module.ts';
import { DUES_EXPORT, DUES_READ } from './profiles.service.ts';
import {
  ApproveBody, RejectBody, ReductionBody, ReductionFilter, ReductionListQuery, ReductionPageDto, ReductionParams, ReductionResultDto, RevokeBody,
} from './reductions.schemas.ts';
import {
  DUES_REDUCE, DUES_REDUCE_APPROVE, approveReduction, exportReductions, listReductions, proposeReduction, rejectReduction, revokeReduction,
} from './reductions.service.ts';

const tags = ['dues'];

/** The permissions of the workflow: the branch proposes, the organization above decides. */
export const REDUCTION_PERMISSIONS = {
  [DUES_REDUCE]: { description: 'Propose a dues reduction or exemption for a member in scope (the branch’s decision)', roles: ['county_admin', 'township_admin', 'branch_secretary'] },
  [DUES_REDUCE_APPROVE]: {
    description: 'Approve, reject or revoke dues reductions of organizations strictly below one’s grant (上一级党委)',
    roles: ['county_admin', 'township_admin'],
  },
} as const;

export async function registerReductionRoutes(app: App) {
  app.post(
    '/api/dues/reductions',
    { config: { access: DUES_REDUCE }, schema: { tags, summary: 'Propose a reduction or exemption of a member’s dues (the branch’s decision, for approval above)', body: ReductionBody, response: { 201: ReductionResultDto } } },
    async (req, reply) => reply.status(201).send(await proposeReduction(req.ctx, req.body)),
  );
  app.get(
    '/api/dues/reductions',
    { config: { access: DUES_READ }, schema: { tags, summary: 'Reductions and exemptions in scope (proposals first), filtered by state, organization, member', querystring: ReductionListQuery, response: { 200: ReductionPageDto } } },
    (req) => listReductions(req.ctx, req.query),
  );
  app.get(
    '/api/dues/reductions/export',
    { config: { access: DUES_EXPORT }, schema: { tags, summary: 'Export reductions and exemptions in scope to Excel', querystring: ReductionFilter } },
    (req, reply) => exportReductions(req.ctx, reply, req.query),
  );
  app.post(
    '/api/dues/reductions/:id/approve',
    { config: { access: DUES_REDUCE_APPROVE }, schema: { tags, summary: 'Approve a proposal (an organization above the branch): applies to open bills of its months and bills made later', params: ReductionParams, body: ApproveBody, response: { 200: ReductionResultDto } } },
    (req) => approveReduction(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/dues/reductions/:id/reject',
    { config: { access: DUES_REDUCE_APPROVE }, schema: { tags, summary: 'Reject a proposal with a note', params: ReductionParams, body: RejectBody, response: { 200: ReductionResultDto } } },
    (req) => rejectReduction(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/dues/reductions/:id/revoke',
    { config: { access: DUES_REDUCE_APPROVE }, schema: { tags, summary: 'Revoke an approved decision from a month on (open bills from then are quoted normally again)', params: ReductionParams, body: RevokeBody, response: { 200: ReductionResultDto } } },
    (req) => revokeReduction(req.ctx, req.params.id, req.body),
  );
}
