// Seeds the demo county once for all browser journeys: `hongyun seed` into a template data dir, which
// every journey's server starts from (a copy each, so journeys never see each other's changes). One
// seed (≈ 1 min on PGlite with a year of dues) instead of one per file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

export default function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hy-e2e-template-'));
  const r = spawnSync(process.execPath, ['bin/hongyun.mjs', 'seed'], {
    env: { ...process.env, DATA_DIR: dir, HONGYUN_MODE: 'demo', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`demo seed for the journeys failed: ${r.stderr || r.stdout}`);
  project.provide('e2eTemplateDir', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eTemplateDir: string;
  }
}
