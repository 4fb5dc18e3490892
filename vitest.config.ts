import { defineConfig } from 'vitest/config';

// Every test runs on PGlite; when TEST_DATABASE_URL is set (CI), the database and route tests
// (*.db.test.ts, *.route.test.ts) run a second time on the PostgreSQL server.
const pgUrl = process.env.TEST_DATABASE_URL;
const dbTests = ['server/**/*.db.test.ts', 'server/**/*.route.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'pglite', include: ['server/**/*.test.ts', 'common/**/*.test.ts', 'web/src/**/*.test.ts'], env: { HY_TEST_ENGINE: 'pglite' } } },
      ...(pgUrl
        ? [{ extends: true as const, test: { name: 'postgres', include: dbTests, env: { HY_TEST_ENGINE: 'postgres', TEST_DATABASE_URL: pgUrl } } }]
        : []),
    ],
  },
});
