import { z } from 'zod';
import { defineModule } from '../../core/module.ts';
import { CreateOrgBody, IdParams, OrgDto, TreeQuery, UpdateOrgBody } from './orgs.schemas.ts';
import { createOrg, getOrg, tree, updateOrg } from './orgs.service.ts';

/** The organization tree core: enough for access scope; the full features come with the registry. */
export const orgsModule = defineModule({
  name: 'orgs',
  permissions: {
    'org.read': {
      description: 'See organizations in scope',
      roles: ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee', 'system_admin', 'security_admin', 'api_client'],
    },
    'org.write': { description: 'Create and edit organizations in scope', roles: ['county_admin', 'township_admin'] },
  },
  routes(app) {
    app.get(
      '/api/orgs/tree',
      { config: { access: 'org.read' }, schema: { tags: ['orgs'], summary: 'One level of the organization tree', querystring: TreeQuery, response: { 200: z.object({ items: z.array(OrgDto) }) } } },
      async (req) => ({ items: await tree(req.ctx, req.query) }),
    );
    app.get(
      '/api/orgs/:id',
      { config: { access: 'org.read' }, schema: { tags: ['orgs'], summary: 'One organization', params: IdParams, response: { 200: OrgDto } } },
      (req) => getOrg(req.ctx, req.params.id),
    );
    app.post(
      '/api/orgs',
      { config: { access: 'org.write' }, schema: { tags: ['orgs'], summary: 'Create an organization', body: CreateOrgBody, response: { 201: OrgDto } } },
      async (req, reply) => reply.status(201).send(await createOrg(req.ctx, req.body)),
    );
    app.patch(
      '/api/orgs/:id',
      { config: { access: 'org.write' }, schema: { tags: ['orgs'], summary: 'Rename or recategorize an organization', params: IdParams, body: UpdateOrgBody, response: { 200: OrgDto } } },
      (req) => updateOrg(req.ctx, req.params.id, req.body),
    );
  },
});
