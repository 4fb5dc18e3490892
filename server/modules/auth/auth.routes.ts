import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../core/access/context.ts';
import type { App } from '../../core/module.ts';
import type { Services } from '../../core/services.ts';
import { EmptyBody, LoginBody, MeDto, PasswordBody, TotpEnableBody, TotpSetupDto } from './auth.schemas.ts';
import type { AuthService } from './auth.service.ts';

/** Cookie names. */
export const SESSION_COOKIE = 'hy_sid';
export const CSRF_COOKIE = 'hy_csrf';

/** The /api/auth/me answer for an actor. */
export function meOf(actor: Actor, services: Services) {
  return {
    account: {
      id: actor.accountId,
      // API clients never reach account routes (the gate refuses them), so this is an account.
      kind: actor.kind as 'admin' | 'member',
      username: actor.username,
      displayName: actor.displayName,
      countyCode: actor.countyCode,
      orgId: actor.orgId,
      ...actor.flags,
    },
    roles: actor.roles,
    grants: actor.grants.map((g) => ({ id: g.id, role: g.role, orgId: g.orgId, orgName: g.orgName })),
    permissions: [...actor.permissions].sort(),
    restricted: actor.restricted,
    csrfToken: actor.csrfToken,
    mode: services.config.mode,
  };
}

/** Registers the auth routes. */
export function authRoutes(app: App, services: Services, auth: AuthService, resolveToken: (token: string) => Promise<Actor | null>) {
  const cfg = services.config;
  const setCookies = (reply: FastifyReply, s: { token: string; csrfToken: string }) => {
    const base = { path: '/', secure: cfg.secureCookies, sameSite: 'lax' as const };
    reply.setCookie(SESSION_COOKIE, s.token, { ...base, httpOnly: true });
    reply.setCookie(CSRF_COOKIE, s.csrfToken, { ...base, httpOnly: false, sameSite: 'strict' });
  };
  const token = (req: FastifyRequest) => req.cookies[SESSION_COOKIE] ?? '';
  const actorOf = (req: FastifyRequest) => req.ctx.actor as Actor;
  const replyMe = async (reply: FastifyReply, s: { token: string; csrfToken: string }) => {
    setCookies(reply, s);
    const actor = await resolveToken(s.token);
    return meOf(actor as Actor, services);
  };

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', csrf: false },
      schema: { tags: ['auth'], summary: 'Log in with a username or ID number', body: LoginBody, response: { 200: MeDto } },
    },
    async (req, reply) => {
      const s = await auth.login(req.ctx, req.body, { userAgent: req.headers['user-agent'], oldToken: token(req) || undefined });
      return replyMe(reply, s);
    },
  );

  app.get(
    '/api/auth/me',
    { config: { access: 'authenticated', allowRestricted: true }, schema: { tags: ['auth'], summary: 'The logged-in account', response: { 200: MeDto } } },
    async (req) => meOf(actorOf(req), services),
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'authenticated', allowRestricted: true }, schema: { tags: ['auth'], summary: 'Log out', body: EmptyBody } },
    async (req, reply) => {
      await auth.logout(req.ctx, token(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'authenticated', allowRestricted: true },
      schema: { tags: ['auth'], summary: 'Change my password', body: PasswordBody, response: { 200: MeDto } },
    },
    async (req, reply) => {
      const s = await auth.changePassword(req.ctx, actorOf(req), req.body.currentPassword, req.body.newPassword);
      return replyMe(reply, s);
    },
  );

  app.post(
    '/api/auth/totp/setup',
    {
      config: { access: 'authenticated', allowRestricted: 'totp_enrol' },
      schema: { tags: ['auth'], summary: 'Start TOTP enrolment', body: EmptyBody, response: { 200: TotpSetupDto } },
    },
    async (req) => auth.totpSetup(actorOf(req)),
  );

  app.post(
    '/api/auth/totp/enable',
    {
      config: { access: 'authenticated', allowRestricted: 'totp_enrol' },
      schema: { tags: ['auth'], summary: 'Confirm TOTP enrolment', body: TotpEnableBody, response: { 200: MeDto } },
    },
    async (req, reply) => {
      const s = await auth.totpEnable(req.ctx, actorOf(req), req.body.code);
      return replyMe(reply, s);
    },
  );
}
