import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../core/db/client.ts';
import { TEST_ENGINE } from '../../test/db.ts';
import type { TestApp } from '../../test/app.ts';
import { type Fixture, fixtureApp } from '../../test/fixture.ts';
import { billsOf, seedBase, seedDuesMember } from './bills.fixture.ts';
import { currentMonth } from './bills.rules.ts';
import { BILLS_CRON, BILLS_JOB, generateBills } from './bills.ts';
import { duesSettings } from './dues.tables.ts';

let t: TestApp;
let f: Fixture;
let county: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  county = f.root.countyCode;
  const s = t.services;
  // The county charges 农民 0.5 元; another county keeps the default 0.2 元.
  await s.db.insert(duesSettings).values({ countyCode: county, farmerFlatFen: 50 });
  ids.wage = await seedDuesMember(s, f.b1, { seq: 1, name: '甲工资', category: 'employed' });
  ids.probationary = await seedDuesMember(s, f.b1, { seq: 2, name: '乙预备', status: 'probationary', joinedOn: '2026-03-20', category: 'farmer' });
  ids.noBase = await seedDuesMember(s, f.b1, { seq: 3, name: '丙退休', category: 'retired' });
  ids.noCategory = await seedDuesMember(s, f.b2, { seq: 4, name: '丁无类别', category: null });
  ids.student = await seedDuesMember(s, f.b2, { seq: 5, name: '戊学生', category: 'student', joinedOn: null });
  ids.restored = await seedDuesMember(s, f.b2, { seq: 6, name: '己恢复', category: 'unemployed', standing: 'restored' });
  for (const [seq, standing] of [[7, 'suspended'], [8, 'retained'], [9, 'removed'], [10, 'expelled'], [11, 'lapsed'], [12, 'deceased']] as const)
    await seedDuesMember(s, f.b1, { seq, name: `不交${standing}`, category: 'farmer', standing });
  ids.other = await seedDuesMember(s, f.xb, { seq: 13, name: '外县农民', category: 'farmer' });
  // 3000 元 from 2025-01, then 6000 元 from March 2026 (the month the new pay starts).
  await seedBase(s, county, ids.wage, '2025-01', 300_000);
  await seedBase(s, county, ids.wage, '2026-03', 600_000);
  // A base recorded for later does not apply yet.
  await seedBase(s, county, ids.noBase, '2026-04', 450_000);
});
afterAll(() => t.close());

describe('generateBills', () => {
  it('bills every member who owes, with the base effective that month, and marks what the branch must fix', async () => {
    const r = await generateBills(t.services, { countyCode: county, month: '2026-02' });
    expect(r).toMatchObject({ countyCode: county, month: '2026-02', bills: 5, created: 5, baseMissing: 1, categoryMissing: 1, createdFen: 1500 + 20 + 20 });
    expect((await billsOf(t.services, county, '2026-02')).map((b) => [b.name, b.amount, b.issue, b.state])).toEqual([
      ['丁无类别', null, 'category_missing', 'due'],
      ['丙退休', null, 'base_missing', 'due'],
      ['己恢复', 20, null, 'due'],
      ['戊学生', 20, null, 'due'],
      // 3000 元 × 0.5 %.
      ['甲工资', 1500, null, 'due'],
    ]);
  });

  it('takes a new base from its effective month and bills a 预备党员 from the month of admission', async () => {
    const r = await generateBills(t.services, { countyCode: county, month: '2026-03' });
    expect(r).toMatchObject({ bills: 6, created: 6, baseMissing: 1, categoryMissing: 1 });
    const bills = await billsOf(t.services, county, '2026-03');
    // 6000 元 × 1.5 %: the whole base at the bracket's rate.
    expect(bills.find((b) => b.name === '甲工资')).toMatchObject({ amount: 9000, base: 600_000, category: 'employed' });
    // Admitted on 20 March: billed for March at the county's 农民 amount, not for February.
    expect(bills.find((b) => b.name === '乙预备')).toMatchObject({ amount: 50, base: null, category: 'farmer', org_id: f.b1.id });
    expect((await billsOf(t.services, county, '2026-02')).some((b) => b.name === '乙预备')).toBe(false);
    // The base recorded from April does not apply in March.
    expect(bills.find((b) => b.name === '丙退休')).toMatchObject({ amount: null, issue: 'base_missing' });
    expect((await generateBills(t.services, { countyCode: county, month: '2026-04' })).baseMissing).toBe(0);
    expect((await billsOf(t.services, county, '2026-04')).find((b) => b.name === '丙退休')).toMatchObject({ amount: 2250, base: 450_000 });
  });

  it('never bills 停止党籍, 保留党籍, 除名, 开除, 自行脱党 or 死亡, nor another county', async () => {
    const names = (await billsOf(t.services, county, '2026-03')).map((b) => b.name);
    expect(names.filter((n) => n.startsWith('不交'))).toEqual([]);
    expect(await billsOf(t.services, '330523', '2026-03')).toEqual([]);
  });

  it('is idempotent: running a month again creates nothing and changes nothing', async () => {
    const before = await t.database.query<{ id: string; amount_fen: number | null; updated_at: Date }>(`SELECT id, amount_fen, updated_at FROM dues_bills WHERE month = '2026-03' ORDER BY id`);
    const again = await generateBills(t.services, { countyCode: county, month: '2026-03' });
    expect(again).toMatchObject({ bills: 6, created: 0, createdFen: 0, baseMissing: 0, categoryMissing: 0 });
    // Two runs at once: the second waits for the first and finds nothing to do.
    const both = await Promise.all([generateBills(t.services, { countyCode: county, month: '2026-05' }), generateBills(t.services, { countyCode: county, month: '2026-05' })]);
    expect(both.map((r) => r.created).sort()).toEqual([0, 6]);
    const after = await t.database.query<{ id: string; amount_fen: number | null; updated_at: Date }>(`SELECT id, amount_fen, updated_at FROM dues_bills WHERE month = '2026-03' ORDER BY id`);
    expect(after).toEqual(before);
    const [{ n }] = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM dues_bills WHERE county_code = $1 AND month = '2026-05'`, [county]);
    expect(n).toBe(6);
  });

  it('bills a member who became liable after a first run when it runs again', async () => {
    const late = await seedDuesMember(t.services, f.b2, { seq: 14, name: '庚补录', category: 'student', joinedOn: '2026-01-05' });
    const r = await generateBills(t.services, { countyCode: county, month: '2026-03' });
    expect(r).toMatchObject({ bills: 7, created: 1, createdFen: 20 });
    expect((await billsOf(t.services, county, '2026-03')).filter((b) => b.name === '庚补录')).toHaveLength(1);
    expect(late).toBeTruthy();
  });

  it('refuses a month that is not YYYY-MM', async () => {
    await expect(generateBills(t.services, { countyCode: county, month: '2026-13' })).rejects.toThrow(/YYYY-MM/);
  });
});

describe('the database keeps the rules', () => {
  it('refuses a bill of 0, a bill with an issue and an amount, and a second bill for a member and month', async () => {
    const insert = (month: string, amount: number | null, issue: string | null) =>
      t.database.query(
        `INSERT INTO dues_bills (county_code, id, member_id, month, org_id, category, amount_fen, issue) VALUES ($1, gen_random_uuid(), $2, $3, $4, 'farmer', $5, $6)`,
        [county, ids.student, month, f.b2.id, amount, issue],
      );
    await expect(insert('2025-06', 0, null)).rejects.toThrow();
    await expect(insert('2025-06', 20, 'base_missing')).rejects.toThrow();
    await expect(insert('2025-06', null, null)).rejects.toThrow();
    await insert('2025-06', 20, null);
    await expect(insert('2025-06', 20, null)).rejects.toThrow();
  });

  it('keeps the base history append-only', async () => {
    await expect(t.database.query(`UPDATE dues_bases SET base_fen = 1 WHERE member_id = $1`, [ids.wage])).rejects.toThrow(/append-only/);
    await expect(t.database.query(`DELETE FROM dues_bases WHERE member_id = $1`, [ids.wage])).rejects.toThrow(/append-only/);
  });
});

describe('the monthly job', () => {
  it('is scheduled at 01:00 on the 1st (Asia/Shanghai) and bills every county for the month of its slot', async () => {
    const jobs = t.services.jobs;
    await jobs.syncSchedules(new Date('2026-06-15T00:00:00Z'));
    const [s] = await t.database.query<{ cron: string; job_name: string; next_run_at: Date | string }>(`SELECT cron, job_name, next_run_at FROM job_schedules WHERE name = $1`, [BILLS_JOB]);
    expect(s).toMatchObject({ cron: BILLS_CRON, job_name: BILLS_JOB });
    expect(new Date(s.next_run_at).toISOString()).toBe('2026-06-30T17:00:00.000Z');
    // The slot of 1 July 01:00 in Shanghai, run (late) by the worker.
    await jobs.enqueue(BILLS_JOB, { scheduledFor: '2026-06-30T17:00:00.000Z' });
    while ((await jobs.runDue()) > 0) {}
    const [job] = await t.database.query<{ status: string; last_error: string | null }>(`SELECT status, last_error FROM jobs WHERE name = $1`, [BILLS_JOB]);
    expect(job).toEqual({ status: 'done', last_error: null });
    expect((await billsOf(t.services, county, '2026-07')).length).toBe(7);
    // The other county is billed too, at its own default 农民 amount.
    expect((await billsOf(t.services, '330523', '2026-07')).map((b) => [b.name, b.amount])).toEqual([['外县农民', 20]]);
  });
});

// `hongyun dues bills` on the embedded database of a temp DATA_DIR (PGlite only: it opens DATA_DIR/pgdata).
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe.skipIf(TEST_ENGINE === 'postgres')('hongyun dues bills', () => {
  let dir = '';
  const hongyun = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, HONGYUN_MODE: 'demo' };
    for (const k of ['DATABASE_URL', 'HONGYUN_KEYS', 'TEST_DATABASE_URL']) delete env[k];
    const r = spawnSync(process.execPath, ['bin/hongyun.mjs', ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
    if (r.error) throw r.error;
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hy-dues-cli-'));
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('bills a small demo county with a progress line, and creates nothing the second time', async () => {
    expect(hongyun('seed', '--demo', '--scale', '0.02', '--history-months', '0', '--dues-months', '0').status).toBe(0);
    const month = currentMonth();
    const first = hongyun('dues', 'bills', '--month', month);
    expect(first.stderr).not.toMatch(/hongyun: /);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain(`党费账单 bills ${month}`);
    const created = Number(/新建 (\d+) 条/.exec(first.stdout)?.[1]);
    expect(created).toBeGreaterThan(0);
    expect(first.stdout).toContain(`本月账单共 ${created} 条`);
    const second = hongyun('dues', 'bills', '--month', month);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('新建 0 条');
    expect(second.stdout).toContain(`本月账单共 ${created} 条`);
    const db = await openPglite(path.join(dir, 'pgdata'));
    try {
      const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dues_bills WHERE month = $1', [month]);
      expect(n).toBe(created);
    } finally {
      await db.close();
    }
  }, 240_000);

  it('refuses a month that has not started and a malformed month', () => {
    const future = hongyun('dues', 'bills', '--month', '2100-01');
    expect(future.status).toBe(1);
    expect(future.stderr).toContain('refusing to bill 2100-01');
    const bad = hongyun('dues', 'bills', '--month', '2026-3');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('invalid --month 2026-3');
  }, 120_000);
});
