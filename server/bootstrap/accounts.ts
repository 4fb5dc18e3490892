import { and, eq } from 'drizzle-orm';
import type { Role } from '../../common/roles.ts';
import { appendAudit } from '../core/audit/audit.ts';
import { uuidv7 } from '../core/ids.ts';
import type { Services, Tx } from '../core/services.ts';
import { accounts, grants } from '../modules/auth/auth.tables.ts';
import { hashPassword } from '../modules/auth/password.ts';

/** What creating an account from the CLI or bootstrap needs. */
export type NewAccount = {
  countyCode: string;
  username: string;
  displayName: string;
  orgId: string;
  password: string;
  roles: Role[];
  mustChangePassword: boolean;
  isDemo?: boolean;
  kind?: 'admin' | 'member';
  loginKey?: string;
  /** The member record behind a member account (log in with the ID number). */
  memberId?: string;
  /** An argon2 hash of `password` made earlier (test fixtures create many accounts with one password). */
  passwordHash?: string;
};

/**
 * Creates an account with grants at its organization, audited as done by `actor` (the CLI or
 * bootstrap). Used outside requests only: it is a `system` path and checks no scope.
 */
export async function systemCreateAccount(services: Services, tx: Tx, a: NewAccount, actor = 'system') {
  const id = uuidv7();
  await tx.insert(accounts).values({
    countyCode: a.countyCode,
    id,
    kind: a.kind ?? 'admin',
    loginKey: a.loginKey ?? `u:${a.username.toLowerCase()}`,
    displayName: a.displayName,
    orgId: a.orgId,
    memberId: a.memberId ?? null,
    passwordHash: a.passwordHash ?? (await hashPassword(a.password)),
    mustChangePassword: a.mustChangePassword,
    isDemo: a.isDemo ?? false,
  });
  for (const role of a.roles)
    await tx.insert(grants).values({ countyCode: a.countyCode, id: uuidv7(), accountId: id, role, orgId: a.orgId });
  await appendAudit(tx, services.keys, a.countyCode, { actorId: null, actorName: actor, roles: '', ip: null }, {
    action: 'account.create',
    result: 'success',
    objectType: 'account',
    objectId: id,
    orgId: a.orgId,
    detail: { username: a.kind === 'member' ? undefined : a.username, roles: a.roles },
  });
  return id;
}

/** True when the county already has an account. */
export async function systemHasAccounts(tx: Tx, countyCode: string) {
  const r = await tx.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.countyCode, countyCode))).limit(1);
  return r.length > 0;
}
