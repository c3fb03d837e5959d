import { defineConfig } from 'vitest/config';

// Three kinds of test, each its own project and npm script. `forks` pool: the Temporal
// native bridge does not work in worker threads. Server-backed kinds share one server per
// run (started in globalSetup) and run their files one after another: a time-skipping
// server has one clock, so two files skipping time at once would disturb each other.
export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'workflows',
          include: ['test/workflows/**/*.test.ts'],
          globalSetup: ['test/helpers/time-skipping-server.setup.ts'],
          setupFiles: ['test/helpers/quiet-runtime.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'replay',
          include: ['test/replay/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/helpers/dev-server.setup.ts'],
          setupFiles: ['test/helpers/quiet-runtime.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
