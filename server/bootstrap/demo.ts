import { and, eq } from 'drizzle-orm';
import type { OrgCategory, OrgLevel } from '../../common/org.ts';
import type { Role } from '../../common/roles.ts';
import { uuidv7 } from '../core/ids.ts';
import type { Services, Tx } from '../core/services.ts';
import { accounts } from '../modules/auth/auth.tables.ts';
import type { OrgRow } from '../modules/orgs/orgs.repo.ts';
import { organizations } from '../modules/orgs/orgs.tables.ts';
import { systemCreateAccount } from './accounts.ts';
import { ensureCountyRoot } from './bootstrap.ts';

/** The password of every demo account (demo mode only; never used in production). */
export const DEMO_PASSWORD = 'Hongyun@2026';

/** 长兴县's 17 townships (DOMAIN §9): 15 with statistical codes and 2 development zones. */
export const CHANGXING_TOWNSHIPS: [string, string][] = [
  ['330522001', '雉城街道'], ['330522002', '画溪街道'], ['330522003', '太湖街道'], ['330522004', '龙山街道'],
  ['330522101', '洪桥镇'], ['330522102', '李家巷镇'], ['330522103', '夹浦镇'], ['330522104', '林城镇'],
  ['330522106', '虹星桥镇'], ['330522108', '小浦镇'], ['330522110', '和平镇'], ['330522111', '泗安镇'],
  ['330522112', '煤山镇'], ['330522200', '水口乡'], ['330522202', '吕山乡'], ['', '图影管委会'], ['', '南太湖管委会'],
];

/** The demo accounts printed at start: username, display name, role, where the grant sits. */
export const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role; at: 'county' | 'township' | 'branch' }[] = [
  { username: 'county', displayName: '县委组织部管理员', role: 'county_admin', at: 'county' },
  { username: 'township', displayName: '雉城街道管理员', role: 'township_admin', at: 'township' },
  { username: 'secretary', displayName: '北门社区党支部书记', role: 'branch_secretary', at: 'branch' },
  { username: 'grid', displayName: '北门社区网格员', role: 'grid_worker', at: 'branch' },
  { username: 'sysadmin', displayName: '系统管理员', role: 'system_admin', at: 'county' },
  { username: 'secadmin', displayName: '安全管理员', role: 'security_admin', at: 'county' },
  { username: 'auditor', displayName: '审计管理员', role: 'audit_admin', at: 'county' },
];

const BRANCHES: [string, OrgCategory][] = [
  ['北门社区党支部', 'community'], ['南门社区党支部', 'community'], ['新华村党支部', 'rural'],
];

async function addOrg(tx: Tx, parent: OrgRow, name: string, level: OrgLevel, category: OrgCategory | null, code: string | null, sort: number) {
  const id = uuidv7();
  const row = { countyCode: parent.countyCode, id, parentId: parent.id, path: `${parent.path}${id}/`, depth: parent.depth + 1, name, level, category, code, sortOrder: sort };
  const [created] = await tx.insert(organizations).values(row).returning();
  return created;
}

/**
 * Seeds the demo county once: the 17 townships of 长兴县, a few branches under each, and one demo
 * account per role. The organizations-and-members issue grows this into the full county.
 */
export async function seedDemo(services: Services, onProgress?: (done: number, total: number) => void) {
  const root = await ensureCountyRoot(services);
  const exists = await services.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.countyCode, root.countyCode), eq(accounts.isDemo, true)))
    .limit(1);
  if (exists.length > 0) return false;
  await services.db.transaction(async (tx) => {
    let firstTownship: OrgRow | null = null;
    let firstBranch: OrgRow | null = null;
    for (const [i, [code, name]] of CHANGXING_TOWNSHIPS.entries()) {
      const t = await addOrg(tx, root, `中共长兴县${name}${name.endsWith('管委会') ? '党工委' : '委员会'}`, 'township_committee', null, code || null, i);
      firstTownship ??= t;
      for (const [j, [bname, cat]] of BRANCHES.entries()) {
        const b = await addOrg(tx, t, `${name}${bname}`, 'branch', cat, null, j);
        firstBranch ??= b;
      }
      onProgress?.(i + 1, CHANGXING_TOWNSHIPS.length);
    }
    const at = { county: root, township: firstTownship!, branch: firstBranch! };
    for (const a of DEMO_ACCOUNTS)
      await systemCreateAccount(services, tx, {
        countyCode: root.countyCode,
        username: a.username,
        displayName: a.displayName,
        orgId: at[a.at].id,
        password: DEMO_PASSWORD,
        roles: [a.role],
        mustChangePassword: false,
        isDemo: true,
      }, 'demo-seed');
  });
  return true;
}
