import { defineConfig } from 'vitest/config';

// Three suites: pure unit tests, integration tests against real PostGIS
// (embedded PGlite, or TEST_DATABASE_URL), and browser tests on the built app.
// Budgets are explicit and sized for a loaded 2-core machine. A browser test that
// asserts nothing fails (requireAssertions), so none can pass by returning early.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/database-setup.ts'],
          // One shared database; the embedded one serves a single session at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/app-setup.ts'],
          fileParallelism: false,
          // A browser test makes its data, reloads the app and drives the map: on a
          // loaded machine that can take minutes, so wait for conditions, generously.
          testTimeout: 240_000,
          hookTimeout: 180_000,
          expect: { requireAssertions: true, poll: { timeout: 30_000, interval: 100 } },
        },
      },
    ],
  },
});
