import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { PermissionDef } from './access/permissions.ts';
import type { Services } from './services.ts';

/** The Fastify instance type with zod schemas (typed params, query, body and replies). */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * A capability of Hongyun. The app registers modules from an explicit list; a module brings its
 * permissions (with the roles that hold them), its routes, and its jobs and schedules.
 */
export type Module = {
  name: string;
  permissions?: Record<string, PermissionDef>;
  routes?: (app: App, services: Services) => void | Promise<void>;
  /** Registers job handlers and schedules on services.jobs. */
  jobs?: (services: Services) => void;
};

/** Declares a module (identity function for type checking). */
export const defineModule = (m: Module) => m;
