import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openPostgres } from '../db/client.ts';
import type { Database } from '../db/client.ts';
import { TEST_ENGINE, testDatabase } from '../../test/db.ts';
import { backoffMs, type JobRun, JobQueue } from './queue.ts';

let d: Database;
const extra: Database[] = [];
afterAll(async () => {
  for (const x of extra) await x.close();
  await d?.close();
});
beforeEach(async () => {
  d ??= await testDatabase();
  await d.exec('DELETE FROM jobs; DELETE FROM job_schedules;');
});

type JobRow = { id: number; status: string; attempts: number; run_at: Date | string; last_error: string | null; finished_at: unknown; payload: Record<string, unknown> };
const jobRows = (name?: string) =>
  d.query<JobRow>(`SELECT id::int AS id, status, attempts, run_at, last_error, finished_at, payload FROM jobs ${name ? 'WHERE name = $1' : ''} ORDER BY id`, name ? [name] : []);
/** Makes every pending job due, as if its backoff had passed. */
const timePasses = () => d.query(`UPDATE jobs SET run_at = now() - interval '1 second' WHERE status = 'pending'`);

describe('JobQueue', () => {
  it('runs an enqueued job once with its payload and marks it done', async () => {
    const q = new JobQueue(d.db);
    const seen: JobRun[] = [];
    q.handle('mail.send', async (j) => {
      seen.push(j);
    });
    const id = await q.enqueue('mail.send', { to: 'county' });
    expect(await q.runDue()).toBe(1);
    expect(await q.runDue()).toBe(0);
    expect(seen).toEqual([{ id, name: 'mail.send', payload: { to: 'county' }, attempts: 1 }]);
    const [row] = await jobRows();
    expect(row).toMatchObject({ status: 'done', attempts: 1, last_error: null });
    expect(row.finished_at).not.toBeNull();
  });

  it('does not run a job before its runAt', async () => {
    const q = new JobQueue(d.db);
    let runs = 0;
    q.handle('later', async () => {
      runs++;
    });
    await q.enqueue('later', {}, { runAt: new Date(Date.now() + 3_600_000) });
    expect(await q.runDue()).toBe(0);
    expect(runs).toBe(0);
  });

  it('creates one job for a repeated dedupeKey', async () => {
    const q = new JobQueue(d.db);
    const a = await q.enqueue('report', { n: 1 }, { dedupeKey: 'report@2026-11' });
    const b = await q.enqueue('report', { n: 2 }, { dedupeKey: 'report@2026-11' });
    expect(a).not.toBeNull();
    expect(b).toBeNull();
    expect((await jobRows()).map((r) => r.payload)).toEqual([{ n: 1 }]);
  });

  it('retries a failing job with growing backoff and ends failed after maxAttempts', async () => {
    const q = new JobQueue(d.db);
    let calls = 0;
    q.handle('flaky', async () => {
      calls++;
      throw new Error(`boom ${calls}`);
    });
    await q.enqueue('flaky', {}, { maxAttempts: 3 });
    for (let attempt = 1; attempt <= 2; attempt++) {
      const before = Date.now();
      expect(await q.runDue()).toBe(1);
      const [row] = await jobRows();
      expect(row).toMatchObject({ status: 'pending', attempts: attempt, last_error: `boom ${attempt}`, finished_at: null });
      const delay = new Date(row.run_at).getTime() - before;
      expect(delay).toBeGreaterThanOrEqual(backoffMs(attempt) - 1000);
      expect(delay).toBeLessThanOrEqual(backoffMs(attempt) + 5000);
      // Not retried before its backoff has passed.
      expect(await q.runDue()).toBe(0);
      await timePasses();
    }
    expect(await q.runDue()).toBe(1);
    const [row] = await jobRows();
    expect(row).toMatchObject({ status: 'failed', attempts: 3, last_error: 'boom 3' });
    expect(row.finished_at).not.toBeNull();
    await timePasses();
    expect(await q.runDue()).toBe(0);
    expect(calls).toBe(3);
  });

  it('backs off 5 s, 10 s, 20 s … and never more than an hour', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([5000, 10_000, 20_000, 40_000]);
    expect(backoffMs(30)).toBe(3_600_000);
  });

  it('fails the attempt of a job nobody handles, naming it', async () => {
    const q = new JobQueue(d.db);
    await q.enqueue('nobody.handles', {}, { maxAttempts: 1 });
    await q.runDue();
    expect((await jobRows())[0]).toMatchObject({ status: 'failed', last_error: 'no handler for job nobody.handles' });
  });

  it('refuses to register a handler twice', () => {
    const q = new JobQueue(d.db);
    q.handle('x', async () => {});
    expect(() => q.handle('x', async () => {})).toThrow(/registered twice/);
  });

  it('puts back jobs left running by a crashed worker after 10 minutes', async () => {
    const q = new JobQueue(d.db);
    let runs = 0;
    q.handle('stuck', async () => {
      runs++;
    });
    await q.enqueue('stuck');
    await q.enqueue('fresh-running');
    await d.query(`UPDATE jobs SET status = 'running', attempts = 1, locked_at = now() - interval '11 minutes', locked_by = 'dead:1' WHERE name = 'stuck'`);
    await d.query(`UPDATE jobs SET status = 'running', attempts = 1, locked_at = now() - interval '1 minute', locked_by = 'busy:2' WHERE name = 'fresh-running'`);
    expect(await q.runDue()).toBe(1);
    expect(runs).toBe(1);
    expect((await jobRows('stuck'))[0]).toMatchObject({ status: 'done', attempts: 2 });
    expect((await jobRows('fresh-running'))[0]).toMatchObject({ status: 'running', attempts: 1 });
  });

  it('keeps no job enqueued inside a rolled-back transaction', async () => {
    const q = new JobQueue(d.db);
    await expect(
      d.db.transaction(async (tx) => {
        await q.enqueue('outbox', { cause: 'rolled back' }, {}, tx);
        throw new Error('the cause failed');
      }),
    ).rejects.toThrow('the cause failed');
    await d.db.transaction(async (tx) => {
      await q.enqueue('outbox', { cause: 'committed' }, {}, tx);
    });
    expect((await jobRows()).map((r) => r.payload)).toEqual([{ cause: 'committed' }]);
  });
});

describe('purgeDone', () => {
  it('deletes jobs done more than 30 days ago and keeps recent and failed ones', async () => {
    await d.exec(`INSERT INTO jobs (name, payload, run_at, status, finished_at) VALUES
      ('old.done', '{}', now() - interval '40 days', 'done', now() - interval '31 days'),
      ('new.done', '{}', now() - interval '2 days', 'done', now() - interval '29 days'),
      ('old.failed', '{}', now() - interval '40 days', 'failed', now() - interval '31 days')`);
    const q = new JobQueue(d.db);
    expect(await q.purgeDone()).toBe(1);
    expect((await d.query<{ name: string }>('SELECT name FROM jobs ORDER BY name')).map((r) => r.name)).toEqual(['new.done', 'old.failed']);
    expect(await q.purgeDone()).toBe(0);
  });
});

describe('schedules', () => {
  const T0 = new Date('2026-11-28T10:00:00Z');
  const slot = '2026-11-28T18:00:00.000Z'; // 02:00 Asia/Shanghai

  function queue() {
    const q = new JobQueue(d.db);
    q.schedule({ name: 'nightly-stats', cron: '0 2 * * *', job: 'stats.rebuild', payload: { scope: 'county' } });
    return q;
  }
  const schedule = async () => (await d.query<{ next_run_at: Date | string }>(`SELECT next_run_at FROM job_schedules WHERE name = 'nightly-stats'`))[0];

  it('refuses a schedule with a bad cron expression at registration', () => {
    expect(() => new JobQueue(d.db).schedule({ name: 'x', cron: '0 25 * * *', job: 'x' })).toThrow(/out of range/);
  });

  it('stores the next slot and keeps it when synced again later', async () => {
    await queue().syncSchedules(T0);
    expect(new Date((await schedule()).next_run_at).toISOString()).toBe(slot);
    await queue().syncSchedules(new Date('2026-11-29T10:00:00Z'));
    expect(new Date((await schedule()).next_run_at).toISOString()).toBe(slot);
  });

  it('enqueues nothing before the slot', async () => {
    const q = queue();
    await q.syncSchedules(T0);
    await q.runDueSchedules(new Date('2026-11-28T17:59:00Z'));
    expect(await jobRows()).toEqual([]);
  });

  it('enqueues exactly one job per slot even when called twice, and moves to the next slot', async () => {
    const q = queue();
    await q.syncSchedules(T0);
    const now = new Date('2026-11-28T18:00:30Z');
    await q.runDueSchedules(now);
    await q.runDueSchedules(now);
    await queue().runDueSchedules(now);
    const rows = await jobRows('stats.rebuild');
    expect(rows.map((r) => r.payload)).toEqual([{ scope: 'county', scheduledFor: slot }]);
    expect(new Date((await schedule()).next_run_at).toISOString()).toBe('2026-11-29T18:00:00.000Z');
  });

  it('does not enqueue a slot twice even if the schedule is put back to it', async () => {
    const q = queue();
    await q.syncSchedules(T0);
    await q.runDueSchedules(new Date('2026-11-28T18:01:00Z'));
    await d.query(`UPDATE job_schedules SET next_run_at = $1`, [slot]);
    await q.runDueSchedules(new Date('2026-11-28T18:02:00Z'));
    expect(await jobRows('stats.rebuild')).toHaveLength(1);
  });

  it('runs a missed schedule once after downtime, not once per missed day', async () => {
    const q = queue();
    await q.syncSchedules(T0);
    await q.runDueSchedules(new Date('2026-12-03T09:00:00Z'));
    expect(await jobRows('stats.rebuild')).toHaveLength(1);
    expect(new Date((await schedule()).next_run_at).toISOString()).toBe('2026-12-03T18:00:00.000Z');
  });

  it('runs the scheduled job through runDue', async () => {
    const q = queue();
    const ran: unknown[] = [];
    q.handle('stats.rebuild', async (j) => {
      ran.push(j.payload);
    });
    await q.syncSchedules(new Date(Date.now() - 2 * 86_400_000));
    await q.runDueSchedules(new Date());
    while ((await q.runDue()) > 0) {}
    expect(ran).toHaveLength(1);
  });
});

describe.skipIf(TEST_ENGINE !== 'postgres')('two workers on PostgreSQL', () => {
  it('never run the same job twice when claiming concurrently (SKIP LOCKED)', async () => {
    const url = (d.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    const other = await openPostgres(url, 5);
    extra.push(other);
    const ran: number[] = [];
    const workers = [new JobQueue(d.db), new JobQueue(other.db)];
    for (const w of workers)
      w.handle('work', async (j) => {
        ran.push(j.id);
        await new Promise((r) => setTimeout(r, 2));
      });
    for (let i = 0; i < 120; i++) await workers[0].enqueue('work', { i });
    const drain = async (w: JobQueue) => {
      let total = 0;
      for (let n = await w.runDue(5); n > 0; n = await w.runDue(5)) total += n;
      return total;
    };
    const counts = await Promise.all([drain(workers[0]), drain(workers[1]), drain(workers[0]), drain(workers[1])]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(120);
    expect(ran).toHaveLength(120);
    expect(new Set(ran).size).toBe(120);
    expect(counts.filter((c) => c > 0).length).toBeGreaterThan(1);
    expect((await jobRows()).every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
  });
});
