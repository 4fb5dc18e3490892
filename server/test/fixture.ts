import { ROLES, type Role } from '../../common/roles.ts';
import { systemCreateAccount } from '../bootstrap/accounts.ts';
import { ensureCountyRoot } from '../bootstrap/bootstrap.ts';
import { uuidv7 } from '../core/ids.ts';
import { hashPassword } from '../modules/auth/password.ts';
import type { Services, Tx } from '../core/services.ts';
import type { OrgRow } from '../modules/orgs/orgs.repo.ts';
import { counties, organizations } from '../modules/orgs/orgs.tables.ts';

/** The password of every fixture account. */
export const FIXTURE_PASSWORD = 'Fixture#Pass2026';

let fixtureHash: Promise<string> | undefined;
/**
 * One argon2id hash of FIXTURE_PASSWORD (production cost) per test worker, shared by the fixture
 * accounts: a hash costs ~50 ms of CPU and a fixture has some twenty accounts. Logins still verify it.
 */
export const fixturePasswordHash = () => (fixtureHash ??= hashPassword(FIXTURE_PASSWORD));

/** Where a target sits relative to the caller, whose grants all sit at `own` (SECURITY.md 3). */
export type Target = 'own' | 'child' | 'sibling' | 'ancestor' | 'otherCounty';

/** Roles that log in for the matrix (API clients authenticate differently and arrive later). */
export const MATRIX_ROLES = ROLES.filter((r) => r !== 'api_client');

async function org(tx: Tx, parent: OrgRow | null, countyCode: string, name: string, level: string): Promise<OrgRow> {
  const id = uuidv7();
  const [row] = await tx
    .insert(organizations)
    .values({ countyCode, id, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0, name, level, category: level === 'branch' ? 'community' : null })
    .returning();
  return row;
}

/**
 * A county tree: root C → townships T1 (own) and T2 (sibling), T1 → branch B1 (child), T2 → B2,
 * and a second county X. One account per role, each granted at T1 (username = role name), plus
 * a county-level administrator `root_admin`.
 */
export async function seedFixture(services: Services) {
  const root = await ensureCountyRoot(services);
  const f = await services.db.transaction(async (tx) => {
    const t1 = await org(tx, root, root.countyCode, '甲镇党委', 'township_committee');
    const t2 = await org(tx, root, root.countyCode, '乙镇党委', 'township_committee');
    const b1 = await org(tx, t1, root.countyCode, '甲镇一村党支部', 'branch');
    const b2 = await org(tx, t2, root.countyCode, '乙镇一村党支部', 'branch');
    await tx.insert(counties).values({ code: '330523', name: '安吉县' }).onConflictDoNothing();
    const x = await org(tx, null, '330523', '中共安吉县委员会', 'county_committee');
    const xb = await org(tx, x, '330523', '安吉某村党支部', 'branch');
    return { root, t1, t2, b1, b2, x, xb };
  });
  const accounts: Partial<Record<Role | 'root_admin', string>> = {};
  const passwordHash = await fixturePasswordHash();
  await services.db.transaction(async (tx) => {
    for (const role of MATRIX_ROLES)
      accounts[role] = await systemCreateAccount(services, tx, {
        countyCode: root.countyCode, username: role, displayName: `测试${role}`, orgId: f.t1.id, password: FIXTURE_PASSWORD, passwordHash, roles: [role], mustChangePassword: false,
      });
    accounts.root_admin = await systemCreateAccount(services, tx, {
      countyCode: root.countyCode, username: 'root_admin', displayName: '县级测试管理员', orgId: root.id, password: FIXTURE_PASSWORD, passwordHash, roles: ['county_admin'], mustChangePassword: false,
    });
  });
  const orgOf: Record<Target, OrgRow> = { own: f.t1, child: f.b1, sibling: f.t2, ancestor: f.root, otherCounty: f.x };
  return { ...f, orgOf, accounts };
}

/** The seeded fixture. */
export type Fixture = Awaited<ReturnType<typeof seedFixture>>;

/** A test app with the fixture seeded: `beforeAll(async () => ({ t, f } = await fixtureApp()))`. */
export async function fixtureApp(env: Record<string, string> = {}) {
  const { testApp } = await import('./app.ts');
  const t = await testApp(env);
  const f = await seedFixture(t.services);
  return { t, f };
}
