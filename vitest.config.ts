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
    // Vitest's default is one worker per core minus one: a single worker on the 2-core CI machine.
    // Two keep both cores busy (PostgreSQL's own work fills the gaps while a worker waits on it).
    maxWorkers: 2,
    // A worker keeps its imported modules from one test file to the next (each file still gets its
    // own database and app): importing the server afresh for every file cost more than the tests.
    // Module-level state must therefore not depend on a file's database (caches key by ids/services).
    isolate: false,
    projects: [
      { extends: true, test: { name: 'pglite', include: ['server/**/*.test.ts', 'common/**/*.test.ts', 'web/src/**/*.test.ts'], env: { HY_TEST_ENGINE: 'pglite' } } },
      ...(pgUrl
        ? [{ extends: true as const, test: { name: 'postgres', include: dbTests, env: { HY_TEST_ENGINE: 'postgres', TEST_DATABASE_URL: pgUrl } } }]
        : []),
    ],
  },
});
