import { defineConfig } from 'vitest/config';

// Each kind of test is its own project and npm script. `forks` pool: the Temporal native
// bridge does not work in worker threads. Time-skipping files each start a server of their own
// (test/helpers/temporal-env.ts); dev-server kinds share one per run (globalSetup). Server-
// backed files run one after another: they are heavy for a 2-core machine.
export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // Most take milliseconds, but a few start processes (npx tsx), send a 51 MB form or run
          // property tests: they outran vitest's 5 s when other work shares the 2 cores.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'workflows',
          include: ['test/workflows/**/*.test.ts'],
          globalSetup: ['test/helpers/workflow-bundle.setup.ts'],
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
        // Faults on purpose, under time skipping: SMTP down for a day, refused addresses, an
        // unwritable ledger, a cycle run again, hostile payloads. Each scenario prints what it
        // expected and what it counted.
        test: {
          name: 'chaos',
          include: ['test/chaos/*.test.ts'],
          globalSetup: ['test/helpers/workflow-bundle.setup.ts'],
          setupFiles: ['test/chaos/quiet-errors-only.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 180_000,
        },
      },
      {
        // Faults on the real stack: the worker process killed again and again on the dev server.
        test: {
          name: 'chaos-stack',
          include: ['test/chaos/stack/*.test.ts'],
          globalSetup: ['test/helpers/dev-server.setup.ts'],
          setupFiles: ['test/helpers/quiet-runtime.ts'],
          fileParallelism: false,
          testTimeout: 1_200_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The production topology (`npm run stack`: PostgreSQL, Temporal 1.32, two workers, the
        // web app, each its own process) carrying a 500-unit cycle through a worker SIGKILL and a
        // Temporal restart. Each file starts a stack of its own; see test/stack/production-stack.test.ts.
        test: {
          name: 'stack',
          include: ['test/stack/**/*.test.ts'],
          setupFiles: ['test/helpers/quiet-runtime.ts'],
          fileParallelism: false,
          testTimeout: 900_000,
          hookTimeout: 600_000,
        },
      },
      {
        // Real Chromium (Debian's, scripts/prepare-browser.sh) on the whole stack `npm start`
        // runs, started once per run by the global setup; see test/browser/README.md.
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/stack.setup.ts'],
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 300_000,
        },
      },
      {
        // kyhan's PostgreSQL stores on a real throwaway cluster (scripts/lib/postgres-cluster.ts),
        // raced from several pools and processes as several workers and web apps would.
        test: {
          name: 'postgres',
          include: ['test/postgres/**/*.test.ts'],
          globalSetup: ['test/postgres/cluster.setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
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
