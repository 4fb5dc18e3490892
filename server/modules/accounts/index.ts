import { z } from 'zod';
import { exportXlsx, shanghaiTime } from '../../core/excel.ts';
import { label, roleLabels } from '../../core/i18n/labels.ts';
import { limitOffset, pageOf } from '../../core/http/pagination.ts';
import { defineModule } from '../../core/module.ts';
import { EmptyBody } from '../auth/auth.schemas.ts';
import { accountsRepo } from './accounts.repo.ts';
import { ACCOUNT_EXPORT_HEADERS } from './export-headers.ts';
import { AccountDto, AccountListQuery, CreateAccountBody, CreateGrantBody, GrantDto, IdParams, StatusBody } from './accounts.schemas.ts';
import { accountDto, addGrant, createAccount, listGrants, removeGrant, resetPassword, setStatus } from './accounts.service.ts';

/** Administrator accounts (系统管理员) and grants (安全管理员), kept apart by 三员分立. */
export const accountsModule = defineModule({
  name: 'accounts',
  permissions: {
    'account.read': { description: 'See administrator accounts in scope', roles: ['system_admin', 'security_admin'] },
    'account.write': { description: 'Create, reset and disable accounts', roles: ['system_admin'] },
    'account.export': { description: 'Export account and API-client lists to Excel', roles: ['system_admin', 'security_admin'] },
    'grant.read': { description: 'See grants', roles: ['security_admin', 'system_admin'] },
    'grant.write': { description: 'Add and remove grants (security administrator only)', roles: ['security_admin'] },
  },
  routes(app) {
    app.get(
      '/api/accounts',
      { config: { access: 'account.read' }, schema: { tags: ['accounts'], summary: 'Accounts in scope', querystring: AccountListQuery, response: { 200: pageOf(AccountDto) } } },
      async (req) => {
        const repo = accountsRepo(req.ctx, 'account.read');
        const { limit, offset } = limitOffset(req.query);
        const [rows, total] = await Promise.all([repo.list(req.query.q, limit, offset), repo.count(req.query.q)]);
        return { items: rows.map(accountDto), total };
      },
    );
    app.get(
      '/api/accounts/export',
      { config: { access: 'account.export' }, schema: { tags: ['accounts'], summary: 'Export accounts in scope to Excel', querystring: AccountListQuery.omit({ page: true, pageSize: true }) } },
      async (req, reply) => {
        const repo = accountsRepo(req.ctx, 'account.read');
        const h = ACCOUNT_EXPORT_HEADERS[req.ctx.lang];
        return exportXlsx(req.ctx, reply, {
          name: 'accounts',
          title: h.title,
          filters: req.query,
          count: () => repo.count(req.query.q),
          rows: async (limit) => (await repo.list(req.query.q, limit, 0)).map(accountDto),
          columns: [
            { header: h.username, value: (a) => a.username },
            { header: h.displayName, value: (a) => a.displayName },
            { header: h.org, value: (a) => a.orgName, width: 30 },
            { header: h.roles, value: (a) => roleLabels(req.ctx.lang, a.roles), width: 24 },
            { header: h.status, value: (a) => label(req.ctx.lang, 'status', a.status), width: 10 },
            { header: h.totp, value: (a) => (a.totpEnabled ? '✓' : ''), width: 10 },
            { header: h.lastLogin, value: (a) => shanghaiTime(a.lastLoginAt), width: 20 },
          ],
        });
      },
    );
    app.post(
      '/api/accounts',
      { config: { access: 'account.write' }, schema: { tags: ['accounts'], summary: 'Create an account', body: CreateAccountBody, response: { 201: z.object({ account: AccountDto, oneTimePassword: z.string() }) } } },
      async (req, reply) => reply.status(201).send(await createAccount(req.ctx, req.body)),
    );
    app.post(
      '/api/accounts/:id/reset-password',
      { config: { access: 'account.write' }, schema: { tags: ['accounts'], summary: 'Reset to a one-time password', params: IdParams, body: EmptyBody, response: { 200: z.object({ oneTimePassword: z.string() }) } } },
      (req) => resetPassword(req.ctx, req.params.id),
    );
    app.post(
      '/api/accounts/:id/status',
      { config: { access: 'account.write' }, schema: { tags: ['accounts'], summary: 'Enable or disable', params: IdParams, body: StatusBody, response: { 200: AccountDto } } },
      (req) => setStatus(req.ctx, req.params.id, req.body.status),
    );
    app.get(
      '/api/accounts/:id/grants',
      { config: { access: 'grant.read' }, schema: { tags: ['accounts'], summary: 'Grants of an account', params: IdParams, response: { 200: z.object({ items: z.array(GrantDto) }) } } },
      async (req) => ({ items: await listGrants(req.ctx, req.params.id) }),
    );
    app.post(
      '/api/grants',
      { config: { access: 'grant.write' }, schema: { tags: ['accounts'], summary: 'Grant a role over a subtree', body: CreateGrantBody, response: { 201: GrantDto } } },
      async (req, reply) => reply.status(201).send(await addGrant(req.ctx, req.body)),
    );
    app.delete(
      '/api/grants/:id',
      { config: { access: 'grant.write' }, schema: { tags: ['accounts'], summary: 'Remove a grant', params: IdParams } },
      async (req, reply) => {
        await removeGrant(req.ctx, req.params.id);
        return reply.status(204).send();
      },
    );
  },
});
