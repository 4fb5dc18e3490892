import { limitOffset, pageOf } from '../../core/http/pagination.ts';
import { defineModule } from '../../core/module.ts';
import { board, exportBoard, exportOverdue, overdue } from './pipeline-lists.ts';
import {
  AdvanceBody, ApplicantDto, BoardDto, BoardQuery, CloseBody, CreateApplicantBody, ExtendBody, IdParams, OverdueFilter, OverdueQuery, RecordBody, StepDto,
} from './pipeline.schemas.ts';
import { advance, closeApplicant, createApplicant, extendProbation, getApplicant, recordDates } from './pipeline.service.ts';

const tags = ['pipeline'];

/** 发展党员: applicants through the stages of DOMAIN §2 with their timers, a board per branch and an overdue list. */
export const pipelineModule = defineModule({
  name: 'pipeline',
  permissions: {
    'pipeline.read': { description: 'See the development pipeline in scope', roles: ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee'] },
    'pipeline.write': { description: 'Register applications and record the development steps in scope', roles: ['township_admin', 'branch_secretary', 'county_admin'] },
  },
  routes(app) {
    app.get(
      '/api/pipeline',
      { config: { access: 'pipeline.read' }, schema: { tags, summary: 'The board of a branch: stages with people and timers', querystring: BoardQuery, response: { 200: BoardDto } } },
      (req) => board(req.ctx, req.query),
    );
    app.get(
      '/api/pipeline/export',
      { config: { access: 'pipeline.read' }, schema: { tags, summary: 'Export the board of a branch to Excel', querystring: BoardQuery } },
      (req, reply) => exportBoard(req.ctx, reply, req.query),
    );
    app.get(
      '/api/pipeline/overdue',
      { config: { access: 'pipeline.read' }, schema: { tags, summary: 'Overdue development steps under an organization (or the whole scope)', querystring: OverdueQuery, response: { 200: pageOf(ApplicantDto) } } },
      (req) => overdue(req.ctx, { orgId: req.query.orgId, ...limitOffset(req.query) }),
    );
    app.get(
      '/api/pipeline/overdue/export',
      { config: { access: 'pipeline.read' }, schema: { tags, summary: 'Export the overdue list to Excel', querystring: OverdueFilter } },
      (req, reply) => exportOverdue(req.ctx, reply, req.query),
    );
    app.get(
      '/api/pipeline/:id',
      { config: { access: 'pipeline.read' }, schema: { tags, summary: 'One person in the pipeline', params: IdParams, response: { 200: ApplicantDto } } },
      (req) => getApplicant(req.ctx, req.params.id),
    );
    app.post(
      '/api/pipeline',
      { config: { access: 'pipeline.write' }, schema: { tags, summary: 'Register an application (≥ 18, ID number encrypted)', body: CreateApplicantBody, response: { 201: ApplicantDto } } },
      async (req, reply) => reply.status(201).send(await createApplicant(req.ctx, req.body)),
    );
    app.post(
      '/api/pipeline/:id/record',
      { config: { access: 'pipeline.write' }, schema: { tags, summary: 'Record dates of the current stage (talk, training, 政审, 公示, 支部大会)', params: IdParams, body: RecordBody, response: { 200: StepDto } } },
      (req) => recordDates(req.ctx, req.params.id, req.body),
    );
    app.post(
      '/api/pipeline/:id/advance',
      { config: { access: 'pipeline.write' }, schema: { tags, summary: 'One step forward under the rules (预备党员 creates the member record)', params: IdParams, body: AdvanceBody, response: { 200: StepDto } } },
      (req) => advance(req.ctx, req.params.id, req.body),
    );
    app.post(
      '/api/pipeline/:id/extend',
      { config: { access: 'pipeline.write' }, schema: { tags, summary: 'Extend the 预备期 once, by at most a year', params: IdParams, body: ExtendBody, response: { 200: StepDto } } },
      (req) => extendProbation(req.ctx, req.params.id, req.body.to),
    );
    app.post(
      '/api/pipeline/:id/close',
      { config: { access: 'pipeline.write' }, schema: { tags, summary: 'Stop the procedure', params: IdParams, body: CloseBody, response: { 200: StepDto } } },
      (req) => closeApplicant(req.ctx, req.params.id, req.body.reason),
    );
  },
});

