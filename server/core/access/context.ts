import type { Role } from '../../../common/roles.ts';
import type { Lang } from '../errors/messages.ts';
import type { Services } from '../services.ts';
import { permissionsOf } from './permissions.ts';
import { isInSubtree, minimalRoots } from './scope.ts';

/** A grant resolved with its organization path. */
export type ResolvedGrant = { id: string; role: Role; orgId: string; orgPath: string; orgName: string };

/** Why a session may only reach a few routes. */
export type Restriction = 'password_change' | 'totp_enrol' | null;

/** The authenticated account behind a request. */
export type Actor = {
  accountId: string;
  countyCode: string;
  username: string;
  displayName: string;
  kind: 'admin' | 'member' | 'api_client';
  orgId: string | null;
  /** The member record behind a member account ("self" scope), else null. */
  memberId: string | null;
  grants: ResolvedGrant[];
  roles: Role[];
  permissions: Set<string>;
  restricted: Restriction;
  sessionId: string;
  csrfToken: string;
  /** Set for API clients: the routes they may call and the check of the request's signature. */
  client?: { routes: ReadonlySet<string>; verify: (req: import('fastify').FastifyRequest) => Promise<void> };
  /** Account flags shown by /api/auth/me. */
  flags: { mustChangePassword: boolean; totpEnabled: boolean; isDemo: boolean };
};

/** Everything a service needs about the request: services, actor, language, client address. */
export type Ctx = {
  services: Services;
  actor: Actor | null;
  ip: string;
  lang: Lang;
  /** True when the actor holds the permission through any grant. */
  can(perm: string): boolean;
  /** Organization paths (subtree roots) where the actor holds the permission. */
  scope(perm: string): string[];
  /** True when the organization path lies in the actor's scope for the permission. */
  inScope(perm: string, orgPath: string): boolean;
};

/** Computes the permissions an actor holds from its grants. */
export function permissionsFromGrants(grants: readonly ResolvedGrant[]): Set<string> {
  return new Set(grants.flatMap((g) => permissionsOf(g.role)));
}

/** Builds a request context. */
export function makeCtx(services: Services, actor: Actor | null, ip: string, lang: Lang): Ctx {
  const scopeCache = new Map<string, string[]>();
  const scope = (perm: string) => {
    let s = scopeCache.get(perm);
    if (!s) {
      const roles = actor?.grants.filter((g) => permissionsOf(g.role).includes(perm)) ?? [];
      s = minimalRoots(roles.map((g) => g.orgPath));
      scopeCache.set(perm, s);
    }
    return s;
  };
  return {
    services,
    actor,
    ip,
    lang,
    can: (perm) => !!actor && actor.permissions.has(perm),
    scope,
    inScope: (perm, orgPath) => isInSubtree(orgPath, scope(perm)),
  };
}

/** A context for jobs and the CLI: no actor, no scope; only `system…` repository functions work with it. */
export function systemCtx(services: Services): Ctx {
  return makeCtx(services, null, 'system', 'zh-CN');
}
