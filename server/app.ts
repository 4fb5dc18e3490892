import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyRequest, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { installAccessGate } from './core/access/gate.ts';
import { definePermissions } from './core/access/permissions.ts';
import type { Config } from './core/config.ts';
import { loadKeyRing, type KeyRing } from './core/crypto/keys.ts';
import type { Database } from './core/db/client.ts';
import { AppError } from './core/errors/app-error.ts';
import { Events } from './core/events.ts';
import { installErrorHandling, sendError } from './core/http/error-handler.ts';
import { installOpenApi } from './core/http/openapi.ts';
import { installSecurityHeaders } from './core/http/security-headers.ts';
import { JobQueue } from './core/jobs/queue.ts';
import type { App, Module } from './core/module.ts';
import type { Services } from './core/services.ts';
import { MODULES } from './modules.ts';
import { createApiClients } from './modules/api-clients/index.ts';
import { createAuth } from './modules/auth/index.ts';

/** Where the built web console lives. */
export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

/** Options for building the app (tests pass their own keys and logger). */
export type BuildOptions = { keys?: KeyRing; logger?: boolean | object; extraModules?: Module[] };

/**
 * Builds the Fastify app: core plugins, the access gate, then the explicit list of modules.
 * Does not listen; `app.ready()` fails if any route forgot to declare its access.
 */
export async function buildApp(config: Config, database: Database, opts: BuildOptions = {}) {
  const app = Fastify({
    logger: opts.logger ?? {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization', 'req.headers["x-hy-signature"]'],
      // Request logs carry the path only: a query string may hold an ID number or a phone.
      serializers: { req: (r: { method: string; url: string; ip?: string; id?: string }) => ({ id: r.id, method: r.method, path: r.url.split('?')[0], ip: r.ip }) },
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' }),
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const services: Services = {
    config,
    database,
    db: database.db,
    keys: opts.keys ?? loadKeyRing({ keysJson: config.keysJson, dataDir: config.dataDir }),
    jobs: new JobQueue(database.db),
    events: new Events(),
    log: app.log,
  };
  const auth = createAuth(services);
  const clients = createApiClients(services);
  // Signed API-client requests carry X-HY-Client; everyone else has a session cookie.
  const authenticate = (req: FastifyRequest) => (req.headers['x-hy-client'] ? clients.store.authenticate(req) : auth.authenticate(req));
  const modules = [auth.module, clients.module, ...MODULES, ...(opts.extraModules ?? [])];
  for (const m of modules) if (m.permissions) definePermissions(m.permissions);

  await app.register(cookie);
  installErrorHandling(app);
  installSecurityHeaders(app, config);
  installAccessGate(app, services, authenticate);
  await installOpenApi(app);
  for (const m of modules) {
    await m.routes?.(app, services);
    m.jobs?.(services);
  }
  await installWeb(app);
  app.decorate('services', services);
  app.decorate('auth', auth);
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    auth: ReturnType<typeof createAuth>;
  }
}

/** Serves the built SPA; unknown non-API paths get index.html, unknown /api paths a JSON 404. */
async function installWeb(app: App) {
  const hasWeb = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasWeb) {
    await app.register(async (web) => {
      web.addHook('onRoute', (r) => {
        r.config = { ...(r.config ?? {}), access: 'public' };
      });
      // A wildcard route reads files on demand, so a rebuilt console is served without a restart.
      await web.register(fastifyStatic, { root: WEB_DIST, wildcard: true, index: false, maxAge: '1h' });
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const p = req.url.split('?')[0];
    if (p.startsWith('/api/') || p === '/api' || req.method !== 'GET' || !hasWeb) return sendError(reply, req, new AppError(404, 'NOT_FOUND'));
    // Hashed assets that do not exist are real 404s, not the SPA.
    if (p.startsWith('/assets/')) return sendError(reply, req, new AppError(404, 'NOT_FOUND'));
    // The SPA shell: read on each request (small, and a rebuilt console needs no restart for it).
    const html = fs.readFileSync(path.join(WEB_DIST, 'index.html'));
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  });
}
