import { and, asc, count, eq, gt } from 'drizzle-orm';
import type { Role } from '../../common/roles.ts';
import { appendAudit } from '../core/audit/audit.ts';
import { decryptField } from '../core/crypto/field-crypto.ts';
import type { Services, Tx } from '../core/services.ts';
import { accounts, grants } from '../modules/auth/auth.tables.ts';
import { loginKeyOf } from '../modules/auth/auth.service.ts';
import { members } from '../modules/members/members.tables.ts';
import { organizations } from '../modules/orgs/orgs.tables.ts';
import { runWarnings } from '../modules/dues/warnings.ts';
import { addMonths } from '../../common/calendar.ts';
import { generateBulletin, writeSettings } from '../modules/supervision/bulletin.service.ts';
import { refreshSnapshot } from '../modules/supervision/compliance.snapshot.ts';
import { runRollup } from '../modules/supervision/rollup.ts';
import { systemCreateAccount } from './accounts.ts';
import { ensureCountyRoot } from './bootstrap.ts';
import { TOWNSHIPS } from './demo-county/catalog.ts';
import { type DemoPicks, planCounty } from './demo-county/generate.ts';
import { emptyPicks } from './demo-county/generate-units.ts';
import { DEMO_WRITER, loadCounty } from './demo-county/load.ts';
import { shanghaiToday } from './demo-county/prng.ts';

/** The password of every demo account (demo mode only; never used in production). */
export const DEMO_PASSWORD = 'Hongyun@2026';

/** 长兴县's 17 townships (DOMAIN §9): 15 with statistical codes and 2 development zones. */
export const CHANGXING_TOWNSHIPS: [string, string][] = TOWNSHIPS.map((t) => [t.code, t.name]);

/** The default seed and scale of `npm start` and `hongyun seed --demo`. */
export const DEMO_DEFAULTS = { seed: 42, scale: 1 } as const;

/** Where an administrator demo account's grant sits. */
type At = 'county' | 'zhicheng' | 'branchA' | 'branchB';

/**
 * The administrator demo accounts (username, display name, role, where the grant sits). The two
 * branch secretaries are the committee secretaries of their branches (named in the display name); two member accounts (log in with
 * their ID numbers) are added, one in each secretary's branch: see listDemoAccounts.
 */
export const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role; at: At }[] = [
  { username: 'county.admin', displayName: '县委组织部管理员', role: 'county_admin', at: 'county' },
  { username: 'zhicheng.admin', displayName: '雉城街道管理员', role: 'township_admin', at: 'zhicheng' },
  { username: 'secretary.a', displayName: '雉城街道村党支部书记', role: 'branch_secretary', at: 'branchA' },
  // The branch's treasurer (党费收缴人, a committee member): enters cash and transfers, reminds the unpaid.
  { username: 'treasurer.a', displayName: '雉城街道村党支部党费收缴员（支部委员）', role: 'branch_committee', at: 'branchA' },
  { username: 'secretary.b', displayName: '煤山镇村党支部书记', role: 'branch_secretary', at: 'branchB' },
  { username: 'sysadmin', displayName: '系统管理员', role: 'system_admin', at: 'county' },
  { username: 'security', displayName: '安全管理员', role: 'security_admin', at: 'county' },
  { username: 'auditor', displayName: '审计管理员', role: 'audit_admin', at: 'county' },
];

/** Options of a demo seed. */
export type SeedDemoOptions = {
  seed?: number;
  /** 1 ≈ 长兴县 (≈ 1,660 organizations, ≈ 35,000 members); 30 ≈ 1 M members; 0.05 for fast tests. */
  scale?: number;
  /** YYYY-MM-DD (default: today in Asia/Shanghai). */
  today?: string;
  /** Progress in members. */
  onProgress?: (done: number, total: number) => void;
  /** Months of activity history before today (default by scale: historyMonths in activities-history.ts). */
  historyMonths?: number;
  /** Months of dues history up to this month (default 12: DUES_HISTORY_MONTHS; 0 = none). */
  duesMonths?: number;
};

/** What a seed did: nothing (already seeded, or the county holds other data), or the county with timings. */
export type DemoSeedResult =
  | { status: 'present' }
  | { status: 'not_empty' }
  | {
      status: 'seeded';
      seed: number;
      scale: number;
      organizations: number;
      members: number;
      committee: number;
      events: number;
      /** The activity history: activities, check-ins, leave requests and the months it covers. */
      activities: number;
      checkins: number;
      leaves: number;
      historyMonths: number;
      duesMonths: number;
      /** Records of past activities (and how many are submitted), amendments, this year's plans and items, kiosks. */
      records: number;
      submittedRecords: number;
      amendments: number;
      plans: number;
      planItems: number;
      kiosks: number;
      /** The dues history: bases, bills, payments, online orders, bank files. */
      dues: { bases: number; bills: number; payments: number; onlineOrders: number; bankFiles: number; bankLines: number };
      accounts: number;
      generateMs: number;
      loadMs: number;
      accountsMs: number;
      totalMs: number;
      /** Wall time per part (see LoadStats). */
      parts: Record<string, number>;
      /** The months whose 通报 the seed published (every month the history covers in full). */
      bulletins?: string[];
    };

/**
 * Seeds the demo county once, on an empty county: the organization tree, the members with their
 * electronic files and committees, and the demo accounts, in one transaction. A second call does
 * nothing (`present`); a county that already holds organizations or members is left alone (`not_empty`).
 * The caller decides whether the mode allows it (the CLI refuses production mode).
 */
export async function seedDemo(services: Services, opts: SeedDemoOptions = {}): Promise<DemoSeedResult> {
  const started = performance.now();
  const root = await ensureCountyRoot(services);
  const county = root.countyCode;
  const [demo] = await services.db.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.countyCode, county), eq(accounts.isDemo, true))).limit(1);
  if (demo) return { status: 'present' };
  const [orgs] = await services.db.select({ n: count() }).from(organizations).where(and(eq(organizations.countyCode, county), gt(organizations.depth, 0)));
  const [people] = await services.db.select({ n: count() }).from(members).where(eq(members.countyCode, county));
  if (Number(orgs.n) > 0 || Number(people.n) > 0) return { status: 'not_empty' };

  const seed = opts.seed ?? DEMO_DEFAULTS.seed;
  const scale = opts.scale ?? DEMO_DEFAULTS.scale;
  const plan = planCounty({ seed, scale, today: opts.today ?? shanghaiToday(), countyCode: county, root: { id: root.id, path: root.path, depth: root.depth } });
  const picks = emptyPicks(plan);
  const result = await services.db.transaction(async (tx) => {
    const stats = await loadCounty(services, tx, plan, picks, opts.onProgress, undefined, opts.historyMonths, opts.duesMonths);
    const accountsStarted = performance.now();
    const created = await createDemoAccounts(services, tx, county, picks);
    const accountsMs = performance.now() - accountsStarted;
    await appendAudit(tx, services.keys, county, { actorId: null, actorName: DEMO_WRITER, roles: '', ip: null }, {
      action: 'demo.seed',
      result: 'success',
      objectType: 'organization',
      objectId: root.id,
      orgId: root.id,
      detail: { seed, scale, organizations: stats.organizations, members: stats.members, activities: stats.activities, checkins: stats.checkins },
    });
    return {
      status: 'seeded' as const,
      seed,
      scale,
      organizations: stats.organizations + 1,
      members: stats.members,
      committee: stats.committee,
      events: stats.events,
      activities: stats.activities,
      checkins: stats.checkins,
      leaves: stats.leaves,
      historyMonths: stats.historyMonths,
      duesMonths: stats.dues.months,
      records: stats.records,
      submittedRecords: stats.submittedRecords,
      amendments: stats.amendments,
      plans: stats.plans,
      planItems: stats.planItems,
      kiosks: stats.kiosks,
      dues: { bases: stats.dues.bases, bills: stats.dues.bills, payments: stats.dues.payments, onlineOrders: stats.dues.onlineOrders, bankFiles: stats.dues.bankFiles, bankLines: stats.dues.bankLines },
      accounts: created,
      generateMs: Math.round(stats.generateMs),
      loadMs: Math.round(stats.loadMs),
      accountsMs: Math.round(accountsMs),
      totalMs: Math.round(performance.now() - started),
      parts: Object.fromEntries(Object.entries(stats.parts).map(([k, v]) => [k, Math.round(v)])),
    };
  });
  // Fresh statistics for the planner: PGlite runs no autovacuum, and without them the member list
  // joins and sorts the whole county instead of reading an index. VACUUM sets the visibility map of
  // the member tables so that counts and initials searches are index-only (at --scale 30 on
  // PostgreSQL this took the pinyin-initials search from 3.1 s to 50 ms p95).
  await services.database.exec('VACUUM (ANALYZE) members, organizations');
  await services.database.exec('ANALYZE');
  // The dues early warning of the history (what the daily job would have done): arrears notifications
  // and the 自行脱党 review to-dos, each with its entry in the member's file.
  const warned = await runWarnings(services, county, opts.today ?? shanghaiToday());
  // The supervision rollup of the history (its first run rebuilds everything: ≈ 15 s at scale 1 on
  // PGlite), so the per-minute job of a fresh server has only what changed since to do.
  await runRollup(services, county);
  // The seed wrote its activities within the job's 2-minute lookback: start the next pass at this one's
  // mark (nothing after it is missed), not 2 minutes before it (which would recompute the whole county).
  await services.database.query("UPDATE supervision_rollup_marks SET checked_until = checked_until + interval '2 minutes' WHERE county_code = $1", [county]);
  // Supervision starts with the history: the rule periods that began before it (a quarter half
  // covered) are not judged. Then the monthly 通报 of every month the history covers in full (the job
  // would have published them), oldest first, each with its 综合考核 scores.
  const today = opts.today ?? shanghaiToday();
  if (result.historyMonths > 0) await writeSettings(services.db, county, { startOn: addMonths(today, -result.historyMonths) }, null);
  const bulletins: string[] = [];
  for (let back = result.historyMonths - 1; back >= 1; back--) {
    const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - back);
    const month = d.toISOString().slice(0, 7);
    await generateBulletin(services, county, month, today, 'job');
    bulletins.push(month);
  }
  // This month's judgement for the big screen (the job keeps it every 5 minutes from then on).
  await refreshSnapshot(services.db, county, today);
  return { ...result, events: result.events + warned.casesOpened, bulletins };
}

async function createDemoAccounts(services: Services, tx: Tx, county: string, picks: DemoPicks) {
  const { branchA, branchB } = picks;
  if (!branchA || !branchB) throw new Error('the demo county has no branch for secretary.a or secretary.b (scale too small?)');
  const at: Record<At, string> = { county: picks.countyId, zhicheng: picks.zhichengId, branchA: branchA.orgId, branchB: branchB.orgId };
  // The secretaries' accounts are administrator accounts (no member_id: that marks a member login);
  // the person is the branch's committee secretary and named in the display name.
  const person = { branchA: branchA.secretary, branchB: branchB.secretary } as Partial<Record<At, { name: string }>>;
  for (const a of DEMO_ACCOUNTS) {
    const p = person[a.at];
    await systemCreateAccount(services, tx, {
      countyCode: county,
      username: a.username,
      displayName: p ? `${p.name}（${a.displayName}）` : a.displayName,
      orgId: at[a.at],
      password: DEMO_PASSWORD,
      roles: [a.role],
      mustChangePassword: false,
      isDemo: true,
    }, DEMO_WRITER);
  }
  for (const b of [branchA, branchB])
    await systemCreateAccount(services, tx, {
      countyCode: county,
      username: b.member.idNumber,
      displayName: b.member.name,
      orgId: b.orgId,
      password: DEMO_PASSWORD,
      roles: ['member'],
      mustChangePassword: false,
      isDemo: true,
      kind: 'member',
      loginKey: loginKeyOf(services, b.member.idNumber),
      memberId: b.member.id,
    }, DEMO_WRITER);
  return DEMO_ACCOUNTS.length + 2;
}

/** A demo account as shown on the login page and printed at start (all share DEMO_PASSWORD). */
export type DemoAccountInfo = {
  /** What to type as the username: a name, or the ID number of a member account. */
  username: string;
  kind: 'admin' | 'member';
  role: Role;
  displayName: string;
  /** The organization of the account's grant. */
  orgName: string | null;
};

/** The demo accounts of the county, in creation order (administrators, then the two members). */
export async function listDemoAccounts(services: Services, countyCode = services.config.countyCode): Promise<DemoAccountInfo[]> {
  const rows = await services.db
    .select({ id: accounts.id, kind: accounts.kind, loginKey: accounts.loginKey, displayName: accounts.displayName, role: grants.role, orgName: organizations.name, idNumberEnc: members.idNumberEnc })
    .from(accounts)
    .leftJoin(grants, and(eq(grants.countyCode, accounts.countyCode), eq(grants.accountId, accounts.id)))
    .leftJoin(organizations, and(eq(organizations.countyCode, accounts.countyCode), eq(organizations.id, grants.orgId)))
    .leftJoin(members, and(eq(members.countyCode, accounts.countyCode), eq(members.id, accounts.memberId)))
    .where(and(eq(accounts.countyCode, countyCode), eq(accounts.isDemo, true), eq(accounts.status, 'active')))
    .orderBy(asc(accounts.id));
  return rows.map((r) => ({
    username: r.kind === 'member' && r.idNumberEnc ? decryptField(services.keys, r.idNumberEnc) : r.loginKey.replace(/^u:/, ''),
    kind: r.kind,
    role: (r.role ?? 'member') as Role,
    displayName: r.displayName,
    orgName: r.orgName,
  }));
}
