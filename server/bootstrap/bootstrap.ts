import type { Services } from '../core/services.ts';
import { uuidv7 } from '../core/ids.ts';
import { systemOrgs } from '../modules/orgs/orgs.repo.ts';
import { counties } from '../modules/orgs/orgs.tables.ts';
import { oneTimePassword } from '../modules/auth/password.ts';
import { systemCreateAccount, systemHasAccounts } from './accounts.ts';

/** Creates the county and its root organization (县委) from configuration when missing. */
export async function ensureCountyRoot(services: Services) {
  const { countyCode, countyName } = services.config;
  return services.db.transaction(async (tx) => {
    await tx.insert(counties).values({ code: countyCode, name: countyName }).onConflictDoNothing();
    const existing = await systemOrgs.root(tx, countyCode);
    if (existing) return existing;
    const id = uuidv7();
    await systemOrgs.insert(tx, {
      countyCode,
      id,
      parentId: null,
      path: `/${id}/`,
      depth: 0,
      name: `中共${countyName}委员会`,
      shortName: `${countyName}委`,
      level: 'county_committee',
      code: countyCode,
    });
    return (await systemOrgs.root(tx, countyCode))!;
  });
}

/**
 * Production first start: when the county has no account, creates one 系统管理员 with a random
 * one-time password (returned to be printed once) that must be changed at first login.
 */
export async function bootstrapProduction(services: Services): Promise<{ username: string; password: string } | null> {
  const root = await ensureCountyRoot(services);
  return services.db.transaction(async (tx) => {
    if (await systemHasAccounts(tx, root.countyCode)) return null;
    const password = oneTimePassword();
    await systemCreateAccount(services, tx, {
      countyCode: root.countyCode,
      username: 'sysadmin',
      displayName: '系统管理员',
      orgId: root.id,
      password,
      roles: ['system_admin'],
      mustChangePassword: true,
    }, 'bootstrap');
    return { username: 'sysadmin', password };
  });
}
