import { defineConfig } from 'vitest/config';

// Browser journeys: a real server process and Debian's chromium driven by playwright-core.
export default defineConfig({
  test: { include: ['e2e/**/*.e2e.test.ts'], globalSetup: ['e2e/global-setup.ts'], testTimeout: 120_000, hookTimeout: 120_000, pool: 'forks', fileParallelism: false },
});
