import { lt } from 'drizzle-orm';
import { exportXlsx, shanghaiTime } from '../../core/excel.ts';
import { label } from '../../core/i18n/labels.ts';
import { limitOffset, pageOf } from '../../core/http/pagination.ts';
import { type App, defineModule } from '../../core/module.ts';
import type { Services } from '../../core/services.ts';
import { ACCOUNT_EXPORT_HEADERS } from '../accounts/export-headers.ts';
import { EmptyBody } from '../auth/auth.schemas.ts';
import { apiNonces } from './api-clients.tables.ts';
import { ApiClientDto, ApiClientListQuery, ApiClientSecretDto, ApiClientStatusBody, CreateApiClientBody, IdParams } from './api-clients.schemas.ts';
import { apiClientsService } from './api-clients.service.ts';
import { ClientStore } from './client-store.ts';

/** API clients (kiosks, other government systems): credentials, signed requests, nonce cleanup. */
export function createApiClients(services: Services) {
  const store = new ClientStore(services);
  let app: App | null = null;
  const catalog = () => new Map((app?.routeTable ?? []).map((r) => [`${r.method} ${r.url}`, r.options.config?.access as string | undefined]));
  const module = defineModule({
    name: 'api-clients',
    routes(a) {
      app = a;
      const svc = (req: { ctx: Parameters<typeof apiClientsService>[0] }) => apiClientsService(req.ctx, store, catalog);
      a.get(
        '/api/api-clients',
        { config: { access: 'grant.read' }, schema: { tags: ['api-clients'], summary: 'API clients in scope', querystring: ApiClientListQuery, response: { 200: pageOf(ApiClientDto) } } },
        (req) => {
          const { limit, offset } = limitOffset(req.query);
          return svc(req).list(limit, offset);
        },
      );
      a.get(
        '/api/api-clients/export',
        { config: { access: 'account.export' }, schema: { tags: ['api-clients'], summary: 'Export API clients in scope to Excel' } },
        async (req, reply) => {
          const h = ACCOUNT_EXPORT_HEADERS[req.ctx.lang];
          const s = svc(req);
          return exportXlsx(req.ctx, reply, {
            name: 'api-clients',
            title: h.clientsTitle,
            count: async () => (await s.list(1, 0)).total,
            rows: async (limit) => (await s.list(limit, 0)).items,
            columns: [
              { header: h.name, value: (c) => c.name },
              { header: h.keyId, value: (c) => c.keyId, width: 22 },
              { header: h.org, value: (c) => c.orgName, width: 30 },
              { header: h.routes, value: (c) => c.routes.join('\n'), width: 40 },
              { header: h.status, value: (c) => label(req.ctx.lang, 'status', c.status), width: 10 },
              { header: h.created, value: (c) => shanghaiTime(c.createdAt), width: 20 },
            ],
          });
        },
      );
      a.post(
        '/api/api-clients',
        { config: { access: 'grant.write' }, schema: { tags: ['api-clients'], summary: 'Register an API client (the secret is shown once)', body: CreateApiClientBody, response: { 201: ApiClientSecretDto } } },
        async (req, reply) => reply.status(201).send(await svc(req).create(req.body)),
      );
      a.post(
        '/api/api-clients/:id/status',
        { config: { access: 'grant.write' }, schema: { tags: ['api-clients'], summary: 'Enable or disable a client', params: IdParams, body: ApiClientStatusBody, response: { 200: ApiClientDto } } },
        (req) => svc(req).setStatus(req.params.id, req.body.status),
      );
      a.post(
        '/api/api-clients/:id/rotate',
        { config: { access: 'grant.write' }, schema: { tags: ['api-clients'], summary: 'Issue a new secret (the old one stops working)', params: IdParams, body: EmptyBody, response: { 200: ApiClientSecretDto } } },
        (req) => svc(req).rotate(req.params.id),
      );
    },
    jobs(s) {
      s.jobs.handle('api-clients.prune-nonces', async () => {
        // Timestamps older than 5 minutes are refused anyway; keep an hour of nonces.
        await s.db.delete(apiNonces).where(lt(apiNonces.seenAt, new Date(Date.now() - 3_600_000)));
      });
      s.jobs.schedule({ name: 'api-clients.prune-nonces', cron: '*/10 * * * *', job: 'api-clients.prune-nonces' });
    },
  });
  return { store, module };
}

