import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROLES, type Role } from '../../common/roles.ts';
import { systemCreateAccount } from '../bootstrap/accounts.ts';
import { ensureCountyRoot } from '../bootstrap/bootstrap.ts';
import { DEMO_DEFAULTS, DEMO_PASSWORD, type DemoSeedResult, listDemoAccounts, seedDemo } from '../bootstrap/demo.ts';
import type { Services } from '../core/services.ts';
import { verifyAudit } from '../core/audit/verify.ts';
import { loadConfig } from '../core/config.ts';
import { openPglite } from '../core/db/client.ts';
import { progress } from '../core/progress.ts';
import { oneTimePassword } from '../modules/auth/password.ts';
import { assertNotRunning, openForCli } from './context.ts';

const say = (s: string) => process.stdout.write(`${s}\n`);

/** `hongyun migrate` */
export async function migrateCmd() {
  const { database } = await openForCli();
  await database.close();
  say('migrations applied');
}

/** A number option (`--scale 0.5`, `--seed 7`), or the default when absent; refuses anything else. */
export function numberOption(name: string, raw: string | undefined, fallback: number, check: (n: number) => boolean): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || !check(n)) throw new Error(`invalid --${name} ${raw}`);
  return n;
}

const grouped = (n: number) => n.toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One line describing a finished demo seed (CLI and serve print it). */
export function describeSeed(r: DemoSeedResult): string {
  if (r.status === 'present') return 'demo county already present';
  if (r.status === 'not_empty') return 'the county already holds organizations or members: demo county not seeded';
  return (
    `demo county seeded (seed ${r.seed}, scale ${r.scale}): ${grouped(r.organizations)} organizations, ${grouped(r.members)} members, ` +
    `${grouped(r.events)} file entries, ${grouped(r.committee)} committee seats, ${grouped(r.activities)} activities with ${grouped(r.checkins)} check-ins ` +
    `(${r.historyMonths} months), ${grouped(r.dues.bills)} dues bills with ${grouped(r.dues.payments)} payments (${r.duesMonths} months, ${secs(r.parts.dues ?? 0)}), ` +
    `${r.accounts} accounts in ${secs(r.totalMs)} ` +
    `(generate ${secs(r.generateMs)}, load ${secs(r.loadMs)}, accounts ${secs(r.accountsMs)}; ${grouped(Math.round(r.members / (r.totalMs / 1000)))} members/s)`
  );
}

/** The demo accounts as printed lines (password, then username, role, organization). */
export async function demoAccountLines(services: Services, password: string): Promise<string[]> {
  const list = await listDemoAccounts(services);
  if (list.length === 0) return [];
  const lines = [`演示环境 demo accounts (password ${password}):`];
  for (const a of list)
    lines.push(a.kind === 'member' ? `  ${a.username}  ${a.displayName} (member, log in with the ID number) — ${a.orgName ?? ''}` : `  ${a.username.padEnd(15)} ${a.displayName} (${a.role}) — ${a.orgName ?? ''}`);
  return lines;
}

/** `hongyun seed --demo [--scale N] [--seed S] [--history-months M] [--dues-months D]`: the demo county, never in production. */
export async function seed(opts: { demo?: boolean; scale?: string; seed?: string; historyMonths?: string; duesMonths?: string }) {
  const scale = numberOption('scale', opts.scale, DEMO_DEFAULTS.scale, (n) => n > 0 && n <= 100);
  const seedValue = numberOption('seed', opts.seed, DEMO_DEFAULTS.seed, (n) => Number.isSafeInteger(n));
  const historyMonths = opts.historyMonths === undefined ? undefined : numberOption('history-months', opts.historyMonths, 0, (n) => Number.isInteger(n) && n >= 0 && n <= 24);
  const duesMonths = opts.duesMonths === undefined ? undefined : numberOption('dues-months', opts.duesMonths, 0, (n) => Number.isInteger(n) && n >= 0 && n <= 24);
  const { config, database, services } = await openForCli({ demo: opts.demo });
  try {
    if (config.mode !== 'demo') throw new Error('refusing to seed demo data in production mode');
    const r = await seedDemo(services, { scale, seed: seedValue, historyMonths, duesMonths, onProgress: progress('demo county (members)') });
    say(describeSeed(r));
    if (r.status === 'seeded') for (const line of await demoAccountLines(services, DEMO_PASSWORD)) say(line);
    if (r.status === 'not_empty') process.exitCode = 1;
  } finally {
    await database.close();
  }
}

/** `hongyun audit verify`: exit 1 at the first broken link, naming it. */
export async function auditVerify() {
  const { database, services } = await openForCli({}, true);
  const r = await verifyAudit(database, services.keys, progress('verify'));
  await database.close();
  if (r.ok) say(`audit chain intact: ${r.checked} rows verified`);
  else {
    say(`audit chain BROKEN at county ${r.brokenAt?.countyCode} seq ${r.brokenAt?.seq} (${r.brokenAt?.reason}); ${r.checked} rows verified before it`);
    process.exitCode = 1;
  }
}

/** `hongyun backup <file>` */
export async function backup(file: string) {
  const config = loadConfig();
  const out = path.resolve(file);
  if (config.databaseUrl) {
    const r = spawnSync('pg_dump', ['-Fc', '-f', out, config.databaseUrl], { stdio: 'inherit' });
    if (r.error) throw new Error('pg_dump is not installed; install the PostgreSQL client tools');
    if (r.status !== 0) throw new Error('pg_dump failed');
  } else {
    const { database } = await openForCli({}, true);
    const tick = progress('backup');
    tick(0, 1);
    const blob = (await database.pglite!.dumpDataDir('gzip')) as Blob;
    fs.writeFileSync(out, Buffer.from(await blob.arrayBuffer()), { mode: 0o600 });
    await database.close();
    tick(1, 1);
  }
  say(`backup written to ${out}`);
}

/** `hongyun restore <file>` */
export async function restore(file: string, opts: { force?: boolean }) {
  const config = loadConfig();
  const src = path.resolve(file);
  if (!fs.existsSync(src)) throw new Error(`no such file: ${src}`);
  if (config.databaseUrl) {
    const r = spawnSync('pg_restore', ['--clean', '--if-exists', '--no-owner', '-d', config.databaseUrl, src], { stdio: 'inherit' });
    if (r.error) throw new Error('pg_restore is not installed; install the PostgreSQL client tools');
    if (r.status !== 0) throw new Error('pg_restore failed');
  } else {
    assertNotRunning(config);
    const target = path.join(config.dataDir, 'pgdata');
    if (fs.existsSync(target) && !opts.force) throw new Error(`${target} exists; pass --force to replace it`);
    const tmp = `${target}.restoring`;
    fs.rmSync(tmp, { recursive: true, force: true });
    const tick = progress('restore');
    tick(0, 1);
    const db = await openPglite(tmp, new Blob([fs.readFileSync(src)]));
    await db.query('SELECT 1');
    await db.close();
    if (fs.existsSync(target)) fs.renameSync(target, `${target}.before-restore-${Date.now()}`);
    fs.renameSync(tmp, target);
    tick(1, 1);
  }
  say('restore complete');
}

/** `hongyun account create --username u --role r` prints a one-time password once. */
export async function accountCreate(opts: { username: string; role: string; displayName?: string }) {
  if (!ROLES.includes(opts.role as Role)) throw new Error(`unknown role ${opts.role}; one of ${ROLES.join(', ')}`);
  const { database, services } = await openForCli({}, true);
  try {
    const root = await ensureCountyRoot(services);
    const password = oneTimePassword();
    await database.db.transaction((tx) =>
      systemCreateAccount(services, tx, {
        countyCode: root.countyCode,
        username: opts.username,
        displayName: opts.displayName ?? opts.username,
        orgId: root.id,
        password,
        roles: [opts.role as Role],
        mustChangePassword: true,
      }, 'cli'),
    );
    say(`account ${opts.username} (${opts.role}) created; one-time password: ${password}`);
  } finally {
    await database.close();
  }
}
