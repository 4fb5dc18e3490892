import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { WEB_DIST, buildApp } from '../app.ts';
import { bootstrapProduction, ensureCountyRoot } from '../bootstrap/bootstrap.ts';
import { DEMO_DEFAULTS, DEMO_PASSWORD, seedDemo } from '../bootstrap/demo.ts';
import { loadConfig } from '../core/config.ts';
import { openDatabase } from '../core/db/client.ts';
import { migrate } from '../core/db/migrate.ts';
import { progress } from '../core/progress.ts';
import { demoAccountLines, describeSeed, numberOption } from './commands.ts';
import { assertNotRunning, pidFile } from './context.ts';

const say = (s: string) => process.stdout.write(`${s}\n`);

/** Builds the web console once when its bundle is missing (first `npm start` on a fresh clone). */
function ensureWebBuild() {
  if (fs.existsSync(path.join(WEB_DIST, 'index.html'))) return;
  say('building the web console (first start only)…');
  const root = path.resolve(WEB_DIST, '../..');
  const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('web build failed');
}

/** `hongyun serve`: migrate, bootstrap or seed, start the job worker, listen. */
export async function serve(opts: { production?: boolean; demo?: boolean; dev?: boolean }) {
  const started = performance.now();
  const config = loadConfig(process.env, opts);
  if (!opts.dev) ensureWebBuild();
  const buildDone = performance.now();
  assertNotRunning(config);
  fs.mkdirSync(config.dataDir, { recursive: true });
  if (!config.databaseUrl) fs.writeFileSync(pidFile(config), String(process.pid));
  const database = await openDatabase(config);
  await migrate(database, progress('migrate'));
  const app = await buildApp(config, database);
  const services = app.services;
  let bootstrap: { username: string; password: string } | null = null;
  if (config.mode === 'demo') {
    // An empty database gets the demo county (HONGYUN_DEMO_SCALE / HONGYUN_DEMO_SEED change its size and
    // seed, HONGYUN_DEMO_DUES_MONTHS its months of dues history: 12 by default).
    const scale = numberOption('HONGYUN_DEMO_SCALE', process.env.HONGYUN_DEMO_SCALE, DEMO_DEFAULTS.scale, (n) => n > 0 && n <= 100);
    const seed = numberOption('HONGYUN_DEMO_SEED', process.env.HONGYUN_DEMO_SEED, DEMO_DEFAULTS.seed, (n) => Number.isSafeInteger(n));
    const duesMonths = process.env.HONGYUN_DEMO_DUES_MONTHS
      ? numberOption('HONGYUN_DEMO_DUES_MONTHS', process.env.HONGYUN_DEMO_DUES_MONTHS, 12, (n) => Number.isInteger(n) && n >= 0 && n <= 24)
      : undefined;
    const r = await seedDemo(services, { scale, seed, duesMonths, onProgress: progress('demo county (members)') });
    if (r.status !== 'present') say(describeSeed(r));
  } else {
    await ensureCountyRoot(services);
    bootstrap = await bootstrapProduction(services);
  }
  await services.jobs.syncSchedules();
  if (config.runJobs) services.jobs.start(1000, (e) => app.log.error({ err: e }, 'job worker tick failed'));
  await app.listen({ port: config.port, host: config.host });
  const ms = Math.round(performance.now() - buildDone);
  say(`红云 Hongyun ready in ${ms} ms — http://${config.host}:${config.port}/ (${config.mode} mode, ${database.engine})`);
  if (config.mode === 'demo') for (const line of await demoAccountLines(services, DEMO_PASSWORD)) say(line);
  if (bootstrap) {
    say('First start: the system administrator account was created. Its one-time password is shown only now:');
    say(`  username: ${bootstrap.username}   password: ${bootstrap.password}   (must be changed at first login)`);
  }
  if (started !== buildDone && process.env.HONGYUN_TIMING) say(`(web build took ${Math.round(buildDone - started)} ms)`);
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await services.jobs.stop();
    await app.close();
    await database.close();
    if (!config.databaseUrl) fs.rmSync(pidFile(config), { force: true });
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
