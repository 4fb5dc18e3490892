import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Tx } from '../services.ts';
import { parseCron, nextRun } from './cron.ts';
import { jobSchedules, jobs } from './jobs.tables.ts';

/** What a job handler receives. */
export type JobRun = { id: number; name: string; payload: Record<string, unknown>; attempts: number };

/** A job handler: throw to fail the attempt (it is retried with backoff). */
export type JobHandler = (job: JobRun) => Promise<void>;

/** A cron schedule that enqueues a job. */
export type Schedule = { name: string; cron: string; job: string; payload?: Record<string, unknown> };

/** Options when enqueueing. */
export type EnqueueOptions = { runAt?: Date; dedupeKey?: string; maxAttempts?: number };

/** Days a successfully finished job is kept (the daily jobs.purge job deletes older ones). */
export const JOB_RETENTION_DAYS = 30;

/** Delay before retry n (1-based): 5 s, 10 s, 20 s … capped at one hour. */
export const backoffMs = (attempt: number) => Math.min(5000 * 2 ** (attempt - 1), 3_600_000);

/**
 * The outbox: enqueue inside the caller's transaction (so a job exists only if its cause
 * committed), claim due jobs with FOR UPDATE SKIP LOCKED, retry with backoff, run schedules.
 */
export class JobQueue {
  private handlers = new Map<string, JobHandler>();
  private schedules: Schedule[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly workerId = `${hostname()}:${process.pid}`;

  constructor(private readonly db: Db) {}

  /** Registers the handler of a job name (modules do this at start). */
  handle(name: string, handler: JobHandler) {
    if (this.handlers.has(name)) throw new Error(`job ${name} registered twice`);
    this.handlers.set(name, handler);
  }

  /** Registers a schedule; it is stored in job_schedules at start. */
  schedule(s: Schedule) {
    parseCron(s.cron);
    this.schedules.push(s);
  }

  /** Adds a job; with a dedupeKey, adding it twice creates one job. */
  async enqueue(name: string, payload: Record<string, unknown> = {}, opts: EnqueueOptions = {}, tx: Tx = this.db) {
    const rows = await tx
      .insert(jobs)
      .values({
        name,
        payload,
        runAt: opts.runAt ?? new Date(),
        dedupeKey: opts.dedupeKey,
        maxAttempts: opts.maxAttempts ?? 5,
      })
      .onConflictDoNothing()
      .returning({ id: jobs.id });
    return rows[0]?.id ?? null;
  }

  /** Writes the registered schedules, keeping next_run_at of those already stored. */
  async syncSchedules(now = new Date()) {
    for (const s of this.schedules) {
      const next = nextRun(parseCron(s.cron), now);
      await this.db
        .insert(jobSchedules)
        .values({ name: s.name, cron: s.cron, jobName: s.job, payload: s.payload ?? {}, nextRunAt: next })
        .onConflictDoUpdate({
          target: jobSchedules.name,
          set: { cron: s.cron, jobName: s.job, payload: s.payload ?? {} },
        });
    }
  }

  /** Enqueues one job per due schedule (deduplicated by slot) and moves each schedule on. */
  async runDueSchedules(now = new Date()) {
    await this.db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(jobSchedules)
        .where(sql`${jobSchedules.enabled} AND ${jobSchedules.nextRunAt} <= ${now.toISOString()}`)
        .for('update', { skipLocked: true });
      for (const s of due) {
        const slot = s.nextRunAt.toISOString();
        await this.enqueue(s.jobName, { ...(s.payload as object), scheduledFor: slot }, { dedupeKey: `${s.name}@${slot}` }, tx);
        await tx
          .update(jobSchedules)
          .set({ lastRunAt: now, nextRunAt: nextRun(parseCron(s.cron), now) })
          .where(sql`${jobSchedules.name} = ${s.name}`);
      }
    });
  }

  /** Claims and runs up to `limit` due jobs; returns how many ran. */
  async runDue(limit = 10): Promise<number> {
    // Jobs left running by a crashed worker go back to pending after 10 minutes.
    await this.db.execute(sql`UPDATE jobs SET status = 'pending', locked_at = NULL, locked_by = NULL
      WHERE status = 'running' AND locked_at < now() - interval '10 minutes'`);
    const claimed = await this.db.execute<{ id: number; name: string; payload: unknown; attempts: number; max_attempts: number }>(sql`
      UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_at = now(), locked_by = ${this.workerId}
       WHERE id IN (SELECT id FROM jobs WHERE status = 'pending' AND run_at <= now()
                     ORDER BY run_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
       RETURNING id, name, payload, attempts, max_attempts`);
    const rows = (claimed as unknown as { rows: { id: number; name: string; payload: unknown; attempts: number; max_attempts: number }[] }).rows;
    for (const j of rows) {
      const handler = this.handlers.get(j.name);
      try {
        if (!handler) throw new Error(`no handler for job ${j.name}`);
        await handler({ id: Number(j.id), name: j.name, payload: (j.payload ?? {}) as Record<string, unknown>, attempts: j.attempts });
        await this.db.execute(sql`UPDATE jobs SET status = 'done', finished_at = now(), last_error = NULL WHERE id = ${j.id}`);
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        const final = j.attempts >= j.max_attempts;
        const runAt = new Date(Date.now() + backoffMs(j.attempts)).toISOString();
        await this.db.execute(sql`UPDATE jobs SET status = ${final ? 'failed' : 'pending'}, last_error = ${msg.slice(0, 2000)},
          run_at = ${runAt}, locked_at = NULL, locked_by = NULL, finished_at = ${final ? sql`now()` : null} WHERE id = ${j.id}`);
      }
    }
    return rows.length;
  }

  /**
   * Deletes the jobs that finished successfully more than `days` ago (a per-minute schedule adds 1,440
   * rows a day); failed jobs stay for the system administrator. Returns how many were deleted.
   */
  async purgeDone(days = JOB_RETENTION_DAYS): Promise<number> {
    const r = await this.db.execute(sql`DELETE FROM jobs WHERE status = 'done' AND finished_at < now() - make_interval(days => ${days})`);
    return Number((r as unknown as { affectedRows?: number; rowCount?: number }).affectedRows ?? (r as unknown as { rowCount?: number }).rowCount ?? 0);
  }

  /** One worker tick: schedules, then due jobs until none are left. */
  async tick() {
    await this.runDueSchedules();
    while ((await this.runDue()) > 0) {}
  }

  /** Starts the in-process worker: a tick every `intervalMs`, never two at once. */
  start(intervalMs = 1000, onError: (e: unknown) => void = () => {}) {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.tick()
        .catch(onError)
        .finally(() => {
          this.running = null;
        });
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the worker and waits for the current tick. */
  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
