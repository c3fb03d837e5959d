/**
 * `npm run stack`: kyhan's production topology on this machine, without Docker — PostgreSQL,
 * the full Temporal server on it, the Web UI, N worker processes and the web app, each its own
 * process (scripts/lib/stack/); a worker that dies is started again. State lives in KYHAN_STACK_DIR (default var/stack): a second start
 * reuses the cluster and its data. KYHAN_WORKFLOW_BUNDLE names a prebuilt workflow bundle (else one is built at each start). Ctrl-C lets the workers drain, then stops everything; a second
 * Ctrl-C kills what is left. Nothing is left running either way.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../workers/config';
import { ExitCode, runMain, UserFacingError } from '../workers/process';
import { workflowSource } from '../workers/workflow-bundle';
import { startStack, StackStartError, type RunningStack, type WorkerHandle } from './lib/stack';
import { HistoryShardsError } from './lib/stack/history-shards';
import { NotReadyError } from './lib/stack/http-ready';
import { WorkerStartError } from './lib/stack/kyhan-processes';
import { PortInUseError } from './lib/stack/ports';
import { SchemaSetupError } from './lib/stack/temporal-schema';
import { TemporalStartError } from './lib/stack/temporal-server';
import { PostgresUnavailableError } from './lib/postgres-cluster';
import { MailCatcherPortError } from './lib/mail-catcher';

const port = (what: string) =>
  z.coerce
    .number({ error: `must be a port number for ${what}` })
    .int({ error: `must be a whole port number for ${what}` })
    .min(1, { error: `must be between 1 and 65535 (${what})` })
    .max(65535, { error: `must be between 1 and 65535 (${what})` });

/** The stack's own settings; the ports of Temporal, the Web UI, the web app and SMTP are npm start's (workers/config.ts). */
const StackEnvSchema = z.object({
  KYHAN_STACK_DIR: z.string().min(1, { error: 'must not be empty' }).default('var/stack'),
  KYHAN_STACK_WORKERS: z.coerce.number({ error: 'must be a whole number, e.g. 2' }).int({ error: 'must be a whole number, e.g. 2' }).min(1, { error: 'must be 1 or more' }).max(16, { error: 'must be 16 or fewer' }).default(2),
  KYHAN_STACK_LOG: z.enum(['file', 'inherit'], { error: 'must be file (logs under <stack dir>/logs) or inherit (this terminal)' }).default('file'),
  KYHAN_POSTGRES_PORT: port('PostgreSQL').default(5432),
  KYHAN_TEMPORAL_SHARDS: z.coerce.number({ error: 'must be a whole number, e.g. 4' }).int({ error: 'must be a whole number, e.g. 4' }).min(1, { error: 'must be 1 or more' }).optional(),
});

function loadStackEnv(env: Record<string, string | undefined> = process.env) {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = StackEnvSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((issue) => ({ variable: String(issue.path[0]), message: issue.message, received: present[String(issue.path[0])] })));
}

/** Failures whose message says what failed and the fix: shown as they are, without a stack trace. */
const EXPLAINED = [PortInUseError, MailCatcherPortError, HistoryShardsError, StackStartError, PostgresUnavailableError, SchemaSetupError, TemporalStartError, NotReadyError, WorkerStartError];

/** A worker that ends more than this many times within the window is left stopped: it would only fail again. */
const CRASH_LOOP_RESTARTS = 5;
const CRASH_LOOP_WINDOW_MS = 10 * 60_000;

/** Signals this close together are one Ctrl-C: npm forwards the terminal's SIGINT to its child again. */
const SAME_CTRL_C_MS = 1_000;

const STEPS: Record<string, string> = {
  mail: 'mail catcher',
  postgres: 'PostgreSQL',
  schema: "Temporal's schema (temporal-sql-tool)",
  temporal: 'Temporal server',
  namespace: 'namespace and search attributes',
  ui: 'Temporal Web UI',
  bundle: 'workflow bundle',
  workers: 'workers',
  web: 'web app',
};

runMain(async () => {
  const config = loadConfig();
  const stackEnv = loadStackEnv();
  const explicitSmtp = Boolean(process.env.KYHAN_SMTP_HOST);
  // A bundle built ahead (`npm run build:workflows`) spares webpack at every start; workflowSource refuses a missing file.
  const bundle = config.KYHAN_WORKFLOW_BUNDLE;
  if (bundle) workflowSource({ KYHAN_WORKFLOW_BUNDLE: bundle, NODE_ENV: undefined });

  const aborting = new AbortController();
  let requestStop: () => void = () => undefined;
  const stopRequested = new Promise<void>((resolve) => (requestStop = resolve));
  let stack: RunningStack | undefined;
  let interrupted = 0;
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted > 0 && Date.now() - firstSignalAt < SAME_CTRL_C_MS) return;
    interrupted += 1;
    if (interrupted === 1) {
      firstSignalAt = Date.now();
      process.stderr.write(`\n${signal}: stopping (the workers finish what they are doing; Ctrl-C again to kill everything)\n`);
      aborting.abort();
      requestStop();
      return;
    }
    process.stderr.write(`${signal} again: killing everything\n`);
    void (stack ? stack.kill() : Promise.resolve()).finally(() => process.exit(130));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);

  let lastStep = '';
  const began = Date.now();
  try {
    stack = await startStack({
      stateDir: stackEnv.KYHAN_STACK_DIR,
      workers: stackEnv.KYHAN_STACK_WORKERS,
      ports: {
        postgres: stackEnv.KYHAN_POSTGRES_PORT,
        temporal: config.KYHAN_TEMPORAL_PORT,
        ui: config.KYHAN_UI_PORT,
        web: config.KYHAN_WEB_PORT,
        smtp: config.KYHAN_SMTP_PORT,
      },
      ...(explicitSmtp ? { smtp: { host: config.KYHAN_SMTP_HOST, port: config.KYHAN_SMTP_PORT } } : {}),
      ...(stackEnv.KYHAN_TEMPORAL_SHARDS ? { numHistoryShards: stackEnv.KYHAN_TEMPORAL_SHARDS } : {}),
      ...(bundle ? { workflowBundle: resolve(bundle) } : {}),
      log: stackEnv.KYHAN_STACK_LOG,
      namespace: config.TEMPORAL_NAMESPACE,
      onMail: ({ to, subject }) => process.stdout.write(`mail to ${to.join(', ')}: ${subject}\n`),
      onStep: (step) => {
        if (step === lastStep) return;
        lastStep = step;
        process.stdout.write(`[${String(Math.round((Date.now() - began) / 1000)).padStart(3)} s] starting ${STEPS[step] ?? step}…\n`);
      },
      signal: aborting.signal,
    });
  } catch (err) {
    if (interrupted) throw new UserFacingError(`Interrupted while starting (${(err as Error).message.split('\n')[0]}); everything started so far is stopped.`, 130);
    // The cluster's data directory is inside the state directory: say which variable moves it.
    if (err instanceof PostgresUnavailableError && /cannot reach/.test(err.message)) {
      throw new UserFacingError(`${err.message} The stack's state directory is KYHAN_STACK_DIR (now ${stackEnv.KYHAN_STACK_DIR}).`, ExitCode.failure);
    }
    if (EXPLAINED.some((type) => err instanceof type)) throw new UserFacingError((err as Error).message, ExitCode.failure);
    throw err;
  }
  for (const warning of stack.warnings) process.stderr.write(`warning: ${warning}\n`);

  const { ports } = stack;
  const cli = stack.temporalAddress === '127.0.0.1:7233' ? 'npx kyhan' : `TEMPORAL_ADDRESS=${stack.temporalAddress} npx kyhan`;
  const logs = stackEnv.KYHAN_STACK_LOG === 'file' ? `${stack.stateDir}/logs/<name>.log` : 'this terminal';
  process.stdout.write(
    [
      '',
      `kyhan's production stack is running (state in ${stack.stateDir}, logs in ${logs}):`,
      `  Web app       ${stack.webUrl}  (pid ${stack.web.pid}; sign in with an address from the plan's people)`,
      `  Temporal      ${stack.temporalAddress}  (namespace ${stack.namespace}, ${stack.numHistoryShards} history shards, pid ${stack.processes().find((p) => p.name === 'temporal')?.pid})`,
      `  Web UI        ${stack.uiUrl}`,
      `  PostgreSQL    postgres://postgres@127.0.0.1:${ports.postgres}  (databases temporal, temporal_visibility, kyhan; data in ${stack.stateDir}/postgres)`,
      `  kyhan DB      KYHAN_DATABASE_URL=${stack.databaseUrl}`,
      stack.smtp.mailDir
        ? `  Mail catcher  smtp://${stack.smtp.host}:${stack.smtp.port}  → every message as an .eml file in ${stack.smtp.mailDir}`
        : `  SMTP          ${stack.smtp.host}:${stack.smtp.port}`,
      ...stack.workers.map((w) => `  ${w.name.padEnd(12)}  pid ${w.pid}, state in ${w.varDir}`),
      '',
      'Next, in another terminal:',
      `  ${cli} plan start plans/demo.yaml    # start the demo plan's cycles`,
      `  ${cli} cycle list                    # see them`,
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  // A worker that dies on its own is started again, as a service manager would, unless it keeps dying.
  const superviseWorker = (worker: WorkerHandle, restarts: number[]) => {
    void worker.exited.then(async (how) => {
      if (interrupted) return;
      const now = Date.now();
      const recent = [...restarts.filter((at) => now - at < CRASH_LOOP_WINDOW_MS), now];
      if (recent.length > CRASH_LOOP_RESTARTS) {
        process.stderr.write(`${worker.name} ended (${String(how)}) ${recent.length} times in ${CRASH_LOOP_WINDOW_MS / 60_000} minutes: not starting it again; the others carry on. See ${worker.logFile}.\n`);
        return;
      }
      process.stderr.write(`${worker.name} (pid ${worker.pid}) ended (${String(how)}); starting it again. See ${worker.logFile}.\n`);
      try {
        await worker.restart();
        if (!interrupted) process.stdout.write(`${worker.name} running again (pid ${worker.pid})\n`);
        superviseWorker(worker, recent);
      } catch (err) {
        if (!interrupted) process.stderr.write(`${worker.name} did not start again: ${(err as Error).message}\n`);
      }
    });
  };
  for (const worker of stack.workers) superviseWorker(worker, []);
  await stopRequested;
  await stack.stop();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeListener(signal, onSignal);
  process.stdout.write('stack stopped\n');
});
