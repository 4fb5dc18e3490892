// The import benchmark: a 35,000-row members .xlsx (synthetic people with valid ID numbers, spread
// over 340 branches) imported on the embedded database (PGlite, in a temp DATA_DIR) and, when
// BENCH_DATABASE_URL is set, on PostgreSQL. Prints parse, validate, insert and total times against
// the issue's target (< 15 s including validation) and writes bench/results/import-<engine>.json.
// Exits 0 even when the target is missed; 2 when the import itself fails. See bench/README.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureCountyRoot } from '../server/bootstrap/bootstrap.ts';
import { cliServices } from '../server/cli/context.ts';
import { loadConfig } from '../server/core/config.ts';
import { generateKeyRingJson } from '../server/core/crypto/keys.ts';
import { type Database, openPglite, openPostgres } from '../server/core/db/client.ts';
import { migrate } from '../server/core/db/migrate.ts';
import { uuidv7 } from '../server/core/ids.ts';
import { runImport } from '../server/modules/imports/run.ts';
import { MEMBER_HEADERS, syntheticMember, xlsxOf } from '../server/modules/imports/test-workbook.ts';
import { readSheet } from '../server/modules/imports/xlsx-read.ts';
import { organizations } from '../server/modules/orgs/orgs.tables.ts';
import { runBench, tempDir } from './lib/cleanup.ts';
import { createBenchDatabase, redact } from './lib/pg.ts';
import { type Figure, environment, figure, printTable } from './lib/report.ts';
import { ROOT } from './lib/server.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS) > 0 ? Number(process.env.BENCH_IMPORT_ROWS) : 35_000;
const TARGET_MS = 15_000;
const TOWNSHIPS = 17;
const BRANCHES = 20;

const say = (s: string) => process.stderr.write(`${s}\n`);
const since = (t0: number) => Math.round(performance.now() - t0);

/** Branch names of the synthetic county: 甲1镇第1党支部 … (unique, so rows can name them). */
const branchName = (t: number, b: number) => `测试${t + 1}镇第${b + 1}党支部`;

async function seedTree(database: Database, countyCode: string) {
  const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: tempDir().dir, HONGYUN_KEYS: generateKeyRingJson(), COUNTY_CODE: countyCode });
  const services = cliServices(config, database);
  const root = await ensureCountyRoot(services);
  const rows: (typeof organizations.$inferInsert)[] = [];
  for (let t = 0; t < TOWNSHIPS; t++) {
    const tid = uuidv7();
    const tpath = `${root.path}${tid}/`;
    rows.push({ countyCode, id: tid, parentId: root.id, path: tpath, depth: 1, name: `测试${t + 1}镇党委`, level: 'township_committee' });
    for (let b = 0; b < BRANCHES; b++) {
      const id = uuidv7();
      rows.push({ countyCode, id, parentId: tid, path: `${tpath}${id}/`, depth: 2, name: branchName(t, b), level: 'branch', category: 'rural' });
    }
  }
  await database.db.insert(organizations).values(rows);
  return { services, root };
}

async function benchEngine(engine: 'pglite' | 'postgres', file: Buffer): Promise<{ figures: Figure[]; raw: Record<string, unknown> }> {
  let database: Database;
  if (engine === 'pglite') database = await openPglite(path.join(tempDir().dir, 'pgdata'));
  else {
    const db = await createBenchDatabase(process.env.BENCH_DATABASE_URL!);
    say(`postgres: database on ${redact(db.url)}`);
    database = await openPostgres(db.url, 5);
  }
  try {
    await migrate(database);
    const { services, root } = await seedTree(database, '330522');
    const importer = { countyCode: root.countyCode, who: { actorId: null, actorName: 'bench', roles: 'system', ip: null }, orgId: root.id, scope: [root.path] };
    say(`${engine}: importing ${ROWS.toLocaleString('en-US')} rows…`);
    const load0 = os.loadavg()[0];
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const sheet = await readSheet('members', file, Math.max(ROWS, 50_000));
    const parseMs = since(t0);
    const result = await runImport(services, importer, sheet, { mode: 'all' }, () => {});
    const totalMs = since(t0);
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
    if (!result.ok || result.written !== ROWS) throw new Error(`${engine}: import failed: ${JSON.stringify(result.errors.slice(0, 5))}`);
    const [{ n }] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM members');
    if (n !== ROWS) throw new Error(`${engine}: ${n} members in the database, expected ${ROWS}`);
    const { validateMs, writeMs } = result.timings;
    const figures = [
      figure('parse (.xlsx → rows)', parseMs, 'ms', null),
      figure('validate (every row, duplicates, registry)', validateMs, 'ms', null),
      figure('insert (members + file events + audit, 1 tx)', writeMs, 'ms', null),
      figure(`total for ${ROWS.toLocaleString('en-US')} rows`, totalMs, 'ms', { op: '<', value: TARGET_MS }),
      figure('throughput', Math.round((ROWS / totalMs) * 1000), 'rows/s', null),
      figure('process CPU time (parse → commit)', cpuMs, 'ms', null, engine === 'pglite' ? 'includes the embedded database' : 'the PostgreSQL server not included'),
      figure('load average before', load0, '', null, `${os.cpus().length} CPUs`),
    ];
    return { figures, raw: { engine, rows: ROWS, fileBytes: file.length, parseMs, validateMs, writeMs, totalMs, cpuMs, loadavgBefore: load0 } };
  } finally {
    await database.close();
  }
}

async function main() {
  const engines = (process.env.BENCH_ENGINES ?? (process.env.BENCH_DATABASE_URL ? 'pglite,postgres' : 'pglite')).split(',').map((s) => s.trim()) as ('pglite' | 'postgres')[];
  if (engines.includes('postgres') && !process.env.BENCH_DATABASE_URL) throw new Error('BENCH_ENGINES names postgres but BENCH_DATABASE_URL is not set');
  say(`generating a ${ROWS.toLocaleString('en-US')}-row members workbook…`);
  const g0 = performance.now();
  const rows = Array.from({ length: ROWS }, (_, i) => syntheticMember(i, branchName(i % TOWNSHIPS, Math.floor(i / TOWNSHIPS) % BRANCHES)));
  const file = await xlsxOf(MEMBER_HEADERS, rows, { textColumns: [2] });
  say(`workbook: ${(file.length / 2 ** 20).toFixed(1)} MiB, generated in ${since(g0)} ms`);
  const out = path.join(ROOT, 'bench/results');
  fs.mkdirSync(out, { recursive: true });
  let misses = 0;
  for (const engine of engines) {
    const r = await benchEngine(engine, file);
    printTable(`import — ${engine}`, [figure('workbook size', Math.round(file.length / 1024), 'KiB', null), ...r.figures]);
    misses += r.figures.filter((f) => f.status === 'MISS').length;
    fs.writeFileSync(path.join(out, `import-${engine}.json`), `${JSON.stringify({ ...r.raw, figures: r.figures, environment: environment(ROOT) }, null, 2)}\n`);
  }
  process.stdout.write(`${misses === 0 ? 'all targets met' : `${misses} target(s) missed`}\n`);
}

runBench(main, { timeoutMinutes: 30 });
