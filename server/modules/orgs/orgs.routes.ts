import { z } from 'zod';
import { limitOffset, pageOf } from '../../core/http/pagination.ts';
import type { App } from '../../core/module.ts';
import { notFound } from '../../core/errors/app-error.ts';
import { historyOf } from './org-history.ts';
import { dissolveOrg, mergeOrg, moveOrg } from './org-structure.ts';
import { exportSplitSuggestion, splitSuggestion } from './org-split.ts';
import { exportWarnings, listWarnings } from './org-warnings.ts';
import {
  CreateOrgBody, DissolveOrgBody, HistoryDto, IdParams, MergeOrgBody, MoveOrgBody, OrgDetailDto, OrgDto, SplitQuery, SplitSuggestionDto, TreeQuery, UpdateOrgBody, WarningItemDto, WarningsFilter, WarningsQuery,
} from './orgs.schemas.ts';
import { createOrg, getOrg, tree, updateOrg } from './orgs.service.ts';
import { orgsRepo } from './orgs.repo.ts';

const tags = ['orgs'];

/** The organization tree, details, structure changes, history and warnings. */
export function orgRoutes(app: App) {
  app.get(
    '/api/orgs/tree',
    { config: { access: 'org.read' }, schema: { tags, summary: 'One level of the organization tree (with subtree member counts)', querystring: TreeQuery, response: { 200: z.object({ items: z.array(OrgDto) }) } } },
    async (req) => ({ items: await tree(req.ctx, req.query) }),
  );
  app.get(
    '/api/orgs/warnings',
    { config: { access: 'org.read' }, schema: { tags, summary: 'Organizations in scope with size or term warnings', querystring: WarningsQuery, response: { 200: pageOf(WarningItemDto) } } },
    (req) => listWarnings(req.ctx, { code: req.query.code, orgId: req.query.orgId, ...limitOffset(req.query) }),
  );
  app.get(
    '/api/orgs/warnings/export',
    { config: { access: 'org.read' }, schema: { tags, summary: 'Export the warnings list to Excel', querystring: WarningsFilter } },
    (req, reply) => exportWarnings(req.ctx, reply, req.query),
  );
  app.get(
    '/api/orgs/:id',
    { config: { access: 'org.read' }, schema: { tags, summary: 'One organization with details, member counts and warnings', params: IdParams, response: { 200: OrgDetailDto } } },
    (req) => getOrg(req.ctx, req.params.id),
  );
  app.get(
    '/api/orgs/:id/history',
    { config: { access: 'org.read' }, schema: { tags, summary: 'History of an organization (before/after of every change)', params: IdParams, response: { 200: z.object({ items: z.array(HistoryDto) }) } } },
    async (req) => {
      const o = await orgsRepo(req.ctx).byId(req.params.id);
      if (!o) throw notFound();
      return { items: await historyOf(req.ctx.services.db, o.countyCode, o.id) };
    },
  );
  app.get(
    '/api/orgs/:id/split-suggestion',
    {
      config: { access: 'member.read' },
      schema: { tags, summary: 'Suggested split of the members into units of min–max (default 20–25) by village group and household', params: IdParams, querystring: SplitQuery, response: { 200: SplitSuggestionDto } },
    },
    (req) => splitSuggestion(req.ctx, req.params.id, req.query),
  );
  app.get(
    '/api/orgs/:id/split-suggestion/export',
    { config: { access: 'member.export' }, schema: { tags, summary: 'Export the split suggestion to Excel', params: IdParams, querystring: SplitQuery } },
    (req, reply) => exportSplitSuggestion(req.ctx, reply, req.params.id, req.query),
  );
  app.post(
    '/api/orgs',
    { config: { access: 'org.write' }, schema: { tags, summary: 'Create an organization', body: CreateOrgBody, response: { 201: OrgDto } } },
    async (req, reply) => reply.status(201).send(await createOrg(req.ctx, req.body)),
  );
  app.patch(
    '/api/orgs/:id',
    { config: { access: 'org.write' }, schema: { tags, summary: 'Change names, category, address, location, contact, founding date, term start', params: IdParams, body: UpdateOrgBody, response: { 200: OrgDetailDto } } },
    (req) => updateOrg(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/orgs/:id/move',
    { config: { access: 'org.write' }, schema: { tags, summary: 'Move an organization and its subtree under another parent', params: IdParams, body: MoveOrgBody, response: { 200: OrgDetailDto } } },
    (req) => moveOrg(req.ctx, req.params.id, req.body.parentId),
  );
  app.post(
    '/api/orgs/:id/merge',
    { config: { access: 'org.write' }, schema: { tags, summary: 'Merge an organization into another (members and children move; the source is dissolved)', params: IdParams, body: MergeOrgBody, response: { 200: OrgDetailDto } } },
    (req) => mergeOrg(req.ctx, req.params.id, req.body.intoId),
  );
  app.post(
    '/api/orgs/:id/dissolve',
    { config: { access: 'org.write' }, schema: { tags, summary: 'Dissolve an organization without members or children', params: IdParams, body: DissolveOrgBody, response: { 200: OrgDetailDto } } },
    (req) => dissolveOrg(req.ctx, req.params.id, req.body.reason),
  );
}
