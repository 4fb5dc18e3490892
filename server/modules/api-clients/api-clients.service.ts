import { randomBytes } from 'node:crypto';
import { type SQL, and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../../core/access/context.ts';
import { permissionsOf } from '../../core/access/permissions.ts';
import { inSubtree } from '../../core/access/scope.ts';
import { audit } from '../../core/audit/audit.ts';
import { encryptField } from '../../core/crypto/field-crypto.ts';
import { badRequest, notFound } from '../../core/errors/app-error.ts';
import { uuidv7 } from '../../core/ids.ts';
import { orgsRepo } from '../orgs/orgs.repo.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { apiClients } from './api-clients.tables.ts';
import type { CreateApiClientBody } from './api-clients.schemas.ts';
import type { ClientStore } from './client-store.ts';

/** Routes a client may be given: registered, and gated by a permission the api_client role holds. */
export type RouteCatalog = () => Map<string, string | undefined>;

const newSecret = () => randomBytes(32).toString('base64url');

/** API-client credentials, managed by the security administrator like grants. */
export function apiClientsService(ctx: Ctx, store: ClientStore, catalog: RouteCatalog) {
  const county = ctx.actor?.countyCode ?? '';
  const db = ctx.services.db;
  const select = (perm: string, extra?: SQL) =>
    db
      .select({ c: apiClients, orgName: organizations.name })
      .from(apiClients)
      .innerJoin(organizations, and(eq(organizations.countyCode, apiClients.countyCode), eq(organizations.id, apiClients.orgId)))
      .where(and(eq(apiClients.countyCode, county), inSubtree(organizations.path, ctx.scope(perm)), extra));
  const dto = (r: { c: typeof apiClients.$inferSelect; orgName: string }) => ({
    id: r.c.id, keyId: r.c.keyId, name: r.c.name, orgId: r.c.orgId, orgName: r.orgName, routes: r.c.routes, status: r.c.status,
    createdAt: r.c.createdAt.toISOString(), lastUsedAt: r.c.lastUsedAt?.toISOString() ?? null,
  });
  const byId = async (id: string, perm = 'grant.write') => {
    const [r] = await select(perm, eq(apiClients.id, id));
    if (!r) throw notFound();
    return r;
  };
  return {
    async list(limit: number, offset: number) {
      const rows = await select('grant.read').orderBy(desc(apiClients.createdAt)).limit(limit).offset(offset);
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(apiClients)
        .innerJoin(organizations, and(eq(organizations.countyCode, apiClients.countyCode), eq(organizations.id, apiClients.orgId)))
        .where(and(eq(apiClients.countyCode, county), inSubtree(organizations.path, ctx.scope('grant.read'))));
      return { items: rows.map(dto), total: n };
    },
    async create(body: z.infer<typeof CreateApiClientBody>) {
      const org = await orgsRepo(ctx, 'grant.write').byId(body.orgId);
      if (!org) throw notFound();
      const allowed = permissionsOf('api_client');
      const known = catalog();
      const bad = body.routes
        .map((r, i) => ({ r, i }))
        .filter(({ r }) => !known.has(r) || !allowed.includes(known.get(r) ?? ''));
      if (bad.length) throw badRequest('VALIDATION_FAILED', bad.map(({ i }) => ({ path: `body.routes.${i}`, code: 'invalid_value' })));
      const id = uuidv7();
      const secret = newSecret();
      const keyId = `hyk_${randomBytes(9).toString('base64url')}`;
      await db.transaction(async (tx) => {
        await tx.insert(apiClients).values({
          countyCode: org.countyCode, id, keyId, name: body.name, orgId: org.id, secretEnc: encryptField(ctx.services.keys, secret),
          routes: [...new Set(body.routes)], createdBy: ctx.actor?.accountId,
        });
        await audit(ctx, tx, { action: 'api_client.create', result: 'success', objectType: 'api_client', objectId: id, orgId: org.id, detail: { name: body.name, routes: body.routes } });
      });
      return { client: dto(await byId(id)), secret };
    },
    async setStatus(id: string, status: 'active' | 'disabled') {
      const r = await byId(id);
      await db.transaction(async (tx) => {
        await tx.update(apiClients).set({ status }).where(and(eq(apiClients.countyCode, county), eq(apiClients.id, id)));
        await audit(ctx, tx, { action: 'api_client.status', result: 'success', objectType: 'api_client', objectId: id, orgId: r.c.orgId, detail: { status } });
      });
      store.drop(r.c.keyId);
      return dto(await byId(id));
    },
    async rotate(id: string) {
      const r = await byId(id);
      const secret = newSecret();
      await db.transaction(async (tx) => {
        await tx.update(apiClients).set({ secretEnc: encryptField(ctx.services.keys, secret) }).where(and(eq(apiClients.countyCode, county), eq(apiClients.id, id)));
        await audit(ctx, tx, { action: 'api_client.rotate', result: 'success', objectType: 'api_client', objectId: id, orgId: r.c.orgId });
      });
      store.drop(r.c.keyId);
      return { client: dto(await byId(id)), secret };
    },
  };
}
