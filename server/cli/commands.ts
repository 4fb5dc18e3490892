import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROLES, type Role } from '../../common/roles.ts';
import { systemCreateAccount } from '../bootstrap/accounts.ts';
import { ensureCountyRoot } from '../bootstrap/bootstrap.ts';
import { seedDemo } from '../bootstrap/demo.ts';
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

/** `hongyun seed`: the demo county, never in production. */
export async function seed(opts: { demo?: boolean }) {
  const { config, database, services } = await openForCli({ demo: opts.demo });
  try {
    if (config.mode !== 'demo') throw new Error('refusing to seed demo data in production mode');
    const seeded = await seedDemo(services, progress('demo county'));
    say(seeded ? 'demo county seeded' : 'demo county already present');
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
