import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import { pickLang } from '../errors/messages.ts';
import type { Services } from '../services.ts';
import { type Actor, type Ctx, makeCtx } from './context.ts';
import { isPermission } from './permissions.ts';

/** What a route declares: open to all, to any logged-in account, or to holders of a permission. */
export type Access = 'public' | 'authenticated' | (string & {});

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route; the app refuses to start without it (SECURITY.md 1). */
    access?: Access;
    /**
     * Reachable by a restricted session: `true` under any restriction, `'totp_enrol'` only once
     * the password has been changed (API-FOUNDATION: a password_change session reaches me,
     * password and logout only).
     */
    allowRestricted?: boolean | 'totp_enrol';
    /** Set false only on routes that create the session (login). */
    csrf?: boolean;
  }
  interface FastifyRequest {
    ctx: Ctx;
    /** The JSON body as received (API client signatures cover it). */
    rawBody?: string;
  }
  interface FastifyInstance {
    /** Every registered route with its declared access (walked by the authorization matrix test). */
    routeTable: RouteEntry[];
  }
}

/** One registered route. */
export type RouteEntry = { method: string; url: string; access: Access | undefined; options: RouteOptions };

/** Resolves the actor of a request (session cookie today; signed API clients later). */
export type Authenticator = (req: FastifyRequest) => Promise<Actor | null>;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Checks one route declaration; returns a problem or null. */
export function checkDeclaration(access: unknown): string | null {
  if (access === undefined) return 'declares no access';
  if (access === 'public' || access === 'authenticated') return null;
  if (typeof access === 'string' && isPermission(access)) return null;
  return `declares unknown access "${String(access)}"`;
}

/**
 * Deny by default: records every route, refuses to start when one declares no access, and on
 * each request resolves the actor, builds the context, and enforces access, CSRF and restrictions
 * before the body is even parsed.
 */
export function installAccessGate(app: FastifyInstance, services: Services, authenticate: Authenticator) {
  app.decorate('routeTable', [] as RouteEntry[]);
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) {
      if (m === 'HEAD') continue;
      app.routeTable.push({ method: m, url: r.url, access: r.config?.access, options: r });
    }
  });
  app.addHook('onReady', async () => {
    const bad = app.routeTable
      .map((r) => [r, checkDeclaration(r.options.config?.access)] as const)
      .filter(([, p]) => p !== null)
      .map(([r, p]) => `${r.method} ${r.url} ${p}`);
    if (bad.length > 0) throw new Error(`refusing to start: ${bad.join('; ')}`);
  });

  // Keep the raw JSON text for signature checks; parsing stays Fastify's own (proto-poisoning safe).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    req.rawBody = body as string;
    parseJson(req, body as string, done);
  });
  // Signed requests are verified once the body is read, before validation and the handler.
  app.addHook('preValidation', async (req) => {
    await req.ctx?.actor?.client?.verify(req);
  });

  app.addHook('onRequest', async (req) => {
    const lang = pickLang(req.cookies?.hy_lang, req.headers['accept-language']);
    req.ctx = makeCtx(services, null, req.ip, lang);
    if (req.is404) return;
    const cfg = req.routeOptions.config ?? {};
    const access = cfg.access;
    if (checkDeclaration(access) !== null) throw new AppError(403, 'FORBIDDEN');
    const actor = await authenticate(req);
    req.ctx = makeCtx(services, actor, req.ip, lang);
    if (access === 'public') return;
    if (!actor) throw new AppError(401, 'UNAUTHENTICATED');
    if (actor.client) {
      // API clients reach only the routes named in their credentials, never account routes.
      if (access === 'authenticated' || !actor.client.routes.has(`${req.method} ${req.routeOptions.url}`))
        throw new AppError(403, 'FORBIDDEN');
      if (!actor.permissions.has(access as string)) throw new AppError(403, 'FORBIDDEN');
      return;
    }
    if (cfg.csrf !== false && STATE_CHANGING.has(req.method) && req.headers['x-csrf-token'] !== actor.csrfToken)
      throw new AppError(403, 'CSRF_FAILED');
    if (actor.restricted && cfg.allowRestricted !== true && cfg.allowRestricted !== actor.restricted)
      throw new AppError(403, actor.restricted === 'password_change' ? 'PASSWORD_CHANGE_REQUIRED' : 'TOTP_ENROLMENT_REQUIRED');
    if (access !== 'authenticated' && !actor.permissions.has(access as string)) throw new AppError(403, 'FORBIDDEN');
  });
}
