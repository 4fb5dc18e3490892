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
