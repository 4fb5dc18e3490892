// The `hongyun` command: serve, migrate, seed, audit verify, backup, restore, account create, import, dues bills.
import { Command } from 'commander';
import { duesBillsCmd, duesRollupCmd, duesWarningsCmd } from './cli/dues.ts';
import { bulletinGenerateCmd, rollupRebuildCmd, rollupRunCmd } from './cli/supervision.ts';
import { importCmd } from './cli/import.ts';
import { serve } from './cli/serve.ts';
import { accountCreate, auditVerify, backup, migrateCmd, restore, seed } from './cli/commands.ts';

const program = new Command('hongyun').description('红云 Hongyun — smart Party-building cloud platform');

program
  .command('serve')
  .description('start the server (demo mode on the embedded database unless --production or DATABASE_URL)')
  .option('--production', 'production mode: no demo data, every security rule applies')
  .option('--demo', 'demo mode even with DATABASE_URL')
  .option('--dev', 'development: do not build the web console')
  .action(serve);
program.command('migrate').description('apply pending database migrations').action(migrateCmd);
program
  .command('seed')
  .description('seed the deterministic demo county (demo mode only; does nothing when already seeded)')
  .option('--demo', 'demo mode even with DATABASE_URL')
  .option('--scale <n>', 'size: 1 ≈ 长兴县 (≈ 1,660 organizations, ≈ 35,000 members), 30 ≈ 1 M members, 0.05 for a quick try', '1')
  .option('--seed <n>', 'random seed: the same seed gives the same county', '42')
  .option('--history-months <n>', 'months of activity history before today (default 4 up to scale 2, 2 up to scale 10, then 1; 12 = a full year)')
  .option('--dues-months <n>', 'months of dues history (bases, bills, payments) up to this month (default 12; 0 = none)')
  .action(seed);
program
  .command('audit')
  .description('audit trail tools')
  .command('verify')
  .description('verify the hash chain; exits non-zero at the first broken link')
  .action(auditVerify);
program.command('backup <file>').description('write a backup (PGlite: data-dir dump; PostgreSQL: pg_dump)').action(backup);
program
  .command('restore <file>')
  .description('restore a backup made by `hongyun backup` (the server must be stopped)')
  .option('--force', 'replace an existing database')
  .action(restore);
program
  .command('account')
  .description('account tools for operators on the server')
  .command('create')
  .description('create an administrator account with a one-time password (e.g. the security or audit administrator)')
  .requiredOption('--username <name>')
  .requiredOption('--role <role>')
  .option('--display-name <name>')
  .action(accountCreate);

const imports = program.command('import').description('import members or organizations from an .xlsx (the templates of the web console)');
imports
  .command('members <file>')
  .description('import members as the system (county scope); exit 0 all written, 1 nothing written, 2 only the valid rows (--valid-only)')
  .option('--org <ref>', 'organization (id, code or name) for rows whose 所在组织 is empty')
  .option('--valid-only', 'write the valid rows even when other rows have errors')
  .action((file: string, opts: { org?: string; validOnly?: boolean }) => importCmd('members', file, opts));
imports
  .command('organizations <file>')
  .description('import organizations as the system (county scope); parents by id, code or name, or rows of the same file')
  .option('--org <ref>', 'parent organization (id, code or name) for rows whose 上级组织 is empty')
  .option('--valid-only', 'write the valid rows even when other rows have errors')
  .action((file: string, opts: { org?: string; validOnly?: boolean }) => importCmd('organizations', file, opts));

const dues = program.command('dues').description('dues (党费) tools');
dues
  .command('bills')
  .description('generate the monthly dues bills of the county (what the job of the 1st does); running it again creates nothing new')
  .option('--month <YYYY-MM>', 'the month (default: the current month, Asia/Shanghai)')
  .action((opts: { month?: string }) => duesBillsCmd(opts));
dues
  .command('warnings')
  .description('run the dues early warning now (what the daily job does): arrears notifications, 自行脱党 review to-dos; a rerun writes nothing twice')
  .action(() => duesWarningsCmd());
dues
  .command('rollup')
  .description('the per-organization monthly dues rollup (kept by triggers)')
  .option('--rebuild', 'recompute it from the bills')
  .action((opts: { rebuild?: boolean }) => duesRollupCmd(opts));

const rollup = program.command('rollup').description('the supervision rollup of activities per organization and day (kept by a job every minute)');
rollup
  .command('rebuild')
  .description('recompute the rollup from the activities')
  .option('--from <YYYY-MM-DD>', 'only the days from this one on (Asia/Shanghai); the earlier ones are kept')
  .action((opts: { from?: string }) => rollupRebuildCmd(opts));
rollup
  .command('run')
  .description('one incremental pass now (what the job does every minute)')
  .action(() => rollupRunCmd());

program
  .command('bulletin')
  .description('the monthly 通报 of organizational life')
  .command('generate')
  .description('generate a month’s 通报 now (a new version; the job does it on the configured day)')
  .requiredOption('--month <YYYY-MM>', 'an ended month')
  .action((opts: { month: string }) => bulletinGenerateCmd(opts));

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`hongyun: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
