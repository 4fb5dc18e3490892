// The `hongyun` command: serve, migrate, seed, audit verify, backup, restore, account create.
import { Command } from 'commander';
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
program.command('seed').description('seed the demo county (demo mode only)').option('--demo', 'allow on DATABASE_URL').action(seed);
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

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`hongyun: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
