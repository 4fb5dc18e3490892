import type { FastifyRequest } from 'fastify';
import { RateLimiter } from '../../core/http/rate-limit.ts';
import { defineModule } from '../../core/module.ts';
import type { Services } from '../../core/services.ts';
import { SESSION_COOKIE, authRoutes } from './auth.routes.ts';
import { AuthService } from './auth.service.ts';
import { SessionStore } from './sessions.ts';

/** Sessions, the login service and the request authenticator of one app instance. */
export function createAuth(services: Services) {
  const sessions = new SessionStore(services);
  const service = new AuthService(services, sessions, new RateLimiter(services.config.loginRateLimitPerMinute));
  const resolveToken = (token: string) => sessions.resolve(token);
  return {
    sessions,
    service,
    /** The gate's authenticator: the session cookie. */
    authenticate: (req: FastifyRequest) => sessions.resolve(req.cookies[SESSION_COOKIE]),
    module: defineModule({
      name: 'auth',
      routes: (app) => authRoutes(app, services, service, resolveToken),
    }),
  };
}
