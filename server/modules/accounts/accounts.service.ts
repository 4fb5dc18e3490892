import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { type Role, breaksSeparation } from '../../../common/roles.ts';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { AppError, conflict, forbidden, notFound } from '../../core/errors/app-error.ts';
import { uuidv7 } from '../../core/ids.ts';
import { accounts, grants, sessions } from '../auth/auth.tables.ts';
import { hashPassword, oneTimePassword } from '../auth/password.ts';
import { orgsRepo } from '../orgs/orgs.repo.ts';
import { accountsRepo, grantsOf } from './accounts.repo.ts';
import type { CreateAccountBody, CreateGrantBody } from './accounts.schemas.ts';

type Listed = NonNullable<Awaited<ReturnType<ReturnType<typeof accountsRepo>['byId']>>>;

/** The API shape of an account. */
export const accountDto = (r: Listed) => ({
  id: r.a.id,
  username: r.a.loginKey.replace(/^u:/, ''),
  displayName: r.a.displayName,
  kind: r.a.kind,
  orgId: r.a.orgId,
  orgName: r.orgName,
  status: r.a.status,
  totpEnabled: !!r.a.totpEnabledAt,
  lastLoginAt: r.a.lastLoginAt?.toISOString() ?? null,
  lockedUntil: r.a.lockedUntil && r.a.lockedUntil > new Date() ? r.a.lockedUntil.toISOString() : null,
  roles: (r.roles ?? []) as Role[],
});

const isUniqueViolation = (e: unknown) => (e as { code?: string; cause?: { code?: string } })?.code === '23505' || (e as { cause?: { code?: string } })?.cause?.code === '23505';

/** Creates an administrator account with a one-time password (shown once); audited. */
export async function createAccount(ctx: Ctx, body: z.infer<typeof CreateAccountBody>) {
  const org = await orgsRepo(ctx, 'account.write').byId(body.orgId);
  if (!org) throw notFound();
  const password = oneTimePassword();
  const hash = await hashPassword(password);
  const id = uuidv7();
  try {
    await ctx.services.db.transaction(async (tx) => {
      await tx.insert(accounts).values({
        countyCode: org.countyCode, id, kind: 'admin', loginKey: `u:${body.username.toLowerCase()}`,
        displayName: body.displayName, orgId: org.id, passwordHash: hash, mustChangePassword: true,
      });
      await audit(ctx, tx, { action: 'account.create', result: 'success', objectType: 'account', objectId: id, orgId: org.id, detail: { username: body.username } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('USERNAME_TAKEN');
    throw e;
  }
  const created = await accountsRepo(ctx, 'account.write').byId(id);
  return { account: accountDto(created!), oneTimePassword: password };
}

/** Resets a password to a new one-time password, unlocks the account and ends its sessions. */
export async function resetPassword(ctx: Ctx, id: string) {
  const r = await accountsRepo(ctx, 'account.write').byId(id);
  if (!r) throw notFound();
  if (r.a.id === ctx.actor?.accountId) throw forbidden();
  const password = oneTimePassword();
  const hash = await hashPassword(password);
  await ctx.services.db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash: hash, mustChangePassword: true, failedCount: 0, lockedUntil: null, passwordChangedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(accounts.countyCode, r.a.countyCode), eq(accounts.id, id)));
    await tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.countyCode, r.a.countyCode), eq(sessions.accountId, id)));
    await audit(ctx, tx, { action: 'account.reset_password', result: 'success', objectType: 'account', objectId: id, orgId: r.a.orgId });
  });
  ctx.services.events.emit('account.changed', id);
  return { oneTimePassword: password };
}

/** Enables or disables an account (never one's own); disabling ends its sessions. */
export async function setStatus(ctx: Ctx, id: string, status: 'active' | 'disabled') {
  const r = await accountsRepo(ctx, 'account.write').byId(id);
  if (!r) throw notFound();
  if (r.a.id === ctx.actor?.accountId) throw forbidden();
  await ctx.services.db.transaction(async (tx) => {
    await tx.update(accounts).set({ status, updatedAt: new Date() }).where(and(eq(accounts.countyCode, r.a.countyCode), eq(accounts.id, id)));
    if (status === 'disabled') await tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.countyCode, r.a.countyCode), eq(sessions.accountId, id)));
    await audit(ctx, tx, { action: 'account.status', result: 'success', objectType: 'account', objectId: id, orgId: r.a.orgId, detail: { status } });
  });
  ctx.services.events.emit('account.changed', id);
  return accountDto((await accountsRepo(ctx, 'account.write').byId(id))!);
}

const grantDto = (r: Awaited<ReturnType<typeof grantsOf>>[number]) => ({
  id: r.g.id, accountId: r.g.accountId, role: r.g.role as Role, orgId: r.g.orgId, orgName: r.orgName, createdAt: r.g.createdAt.toISOString(),
});

/** Grants of an account in scope. */
export async function listGrants(ctx: Ctx, accountId: string) {
  const r = await accountsRepo(ctx, 'grant.read').byId(accountId);
  if (!r) throw notFound();
  return (await grantsOf(ctx.services.db, r.a.countyCode, accountId)).map(grantDto);
}

/**
 * Grants a role over an organization subtree. Both the account and the organization must be in
 * the caller's scope; nobody changes their own grants; 三员分立 is enforced; audited.
 */
export async function addGrant(ctx: Ctx, body: z.infer<typeof CreateGrantBody>) {
  const acc = await accountsRepo(ctx, 'grant.write').byId(body.accountId);
  const org = await orgsRepo(ctx, 'grant.write').byId(body.orgId);
  if (!acc || !org) throw notFound();
  if (acc.a.id === ctx.actor?.accountId) throw forbidden();
  const id = uuidv7();
  try {
    await ctx.services.db.transaction(async (tx) => {
      const held = (await grantsOf(tx, acc.a.countyCode, acc.a.id)).map((g) => g.g.role as Role);
      if (breaksSeparation(held, body.role)) throw new AppError(409, 'ROLE_CONFLICT');
      await tx.insert(grants).values({ countyCode: acc.a.countyCode, id, accountId: acc.a.id, role: body.role, orgId: org.id, grantedBy: ctx.actor?.accountId });
      await audit(ctx, tx, { action: 'grant.add', result: 'success', objectType: 'grant', objectId: id, orgId: org.id, detail: { accountId: acc.a.id, role: body.role } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('CONFLICT', { what: body.role });
    throw e;
  }
  ctx.services.events.emit('account.changed', acc.a.id);
  const all = await grantsOf(ctx.services.db, acc.a.countyCode, acc.a.id);
  return grantDto(all.find((g) => g.g.id === id)!);
}

/** Removes a grant whose account and organization are both in scope; audited. */
export async function removeGrant(ctx: Ctx, id: string) {
  const county = ctx.actor?.countyCode ?? '';
  const [g] = await ctx.services.db.select().from(grants).where(and(eq(grants.countyCode, county), eq(grants.id, id)));
  const acc = g && (await accountsRepo(ctx, 'grant.write').byId(g.accountId));
  const org = g && (await orgsRepo(ctx, 'grant.write').byId(g.orgId));
  if (!g || !acc || !org) throw notFound();
  if (g.accountId === ctx.actor?.accountId) throw forbidden();
  await ctx.services.db.transaction(async (tx) => {
    await tx.delete(grants).where(and(eq(grants.countyCode, county), eq(grants.id, id)));
    await audit(ctx, tx, { action: 'grant.remove', result: 'success', objectType: 'grant', objectId: id, orgId: g.orgId, detail: { accountId: g.accountId, role: g.role } });
  });
  ctx.services.events.emit('account.changed', g.accountId);
}
