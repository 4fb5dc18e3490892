import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Everything the benchmark creates (server processes, temp dirs, databases) registers an undo
 * step here; `cleanupAll` runs them newest first, each bounded in time, and is safe to call twice.
 */
type Step = { label: string; run: () => Promise<void> | void };
const steps: Step[] = [];

/** Registers an undo step; returns a function that runs it now and forgets it. */
export function onCleanup(label: string, run: Step['run']): () => Promise<void> {
  const step: Step = { label, run };
  steps.push(step);
  return async () => {
    const i = steps.indexOf(step);
    if (i < 0) return;
    steps.splice(i, 1);
    await step.run();
  };
}

/** Runs every pending undo step (newest first); errors are reported, not thrown. */
export async function cleanupAll(timeoutMs = 30_000) {
  while (steps.length > 0) {
    const step = steps.pop()!;
    try {
      await Promise.race([
        Promise.resolve().then(step.run),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs).unref()),
      ]);
    } catch (e) {
      process.stderr.write(`cleanup of ${step.label} failed: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }
}

/** A fresh temp dir, removed at cleanup. */
export function tempDir(prefix = 'hongyun-bench-'): { dir: string; remove: () => Promise<void> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const remove = onCleanup(`temp dir ${dir}`, () => fs.rmSync(dir, { recursive: true, force: true }));
  return { dir, remove };
}

/**
 * Runs a benchmark's `main` bounded in time and always cleans up: exit 0 when it finishes (a missed
 * target is not a failure), 1 when a server would not start, 2 when the bench itself broke, 3 past
 * the time limit, 130 on Ctrl-C / SIGTERM.
 */
export function runBench(main: () => Promise<void>, opts: { timeoutMinutes: number; isStartError?: (e: unknown) => boolean }) {
  const say = (s: string) => process.stdout.write(`${s}\n`);
  let exiting = false;
  const exit = async (code: number) => {
    if (exiting) return;
    exiting = true;
    clearTimeout(watchdog);
    await cleanupAll();
    process.exit(code);
  };
  const watchdog = setTimeout(() => {
    say(`bench: gave up after ${opts.timeoutMinutes} minutes`);
    void exit(3);
  }, opts.timeoutMinutes * 60_000);
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.on(sig, () => {
      say(`bench: ${sig}, cleaning up`);
      void exit(130);
    });
  main().then(
    () => void exit(0),
    (e: unknown) => {
      const start = opts.isStartError?.(e) ?? false;
      say(start ? `bench: ${(e as Error).message}` : `bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      void exit(start ? 1 : 2);
    },
  );
}
