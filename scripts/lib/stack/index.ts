/**
 * kyhan's production topology on one machine, without Docker: `startStack()` brings up, in order,
 * a PostgreSQL cluster under `<stateDir>/postgres` (databases temporal, temporal_visibility and
 * kyhan), Temporal's schema (its SQL tool), the full Temporal server on it, the namespace and
 * kyhan's search attributes, the Web UI, N worker processes and the web app process. Each is a
 * separate process; `stop()` lets the workers drain, then stops the rest in reverse order and
 * leaves nothing running. A second start on the same state directory reuses the cluster and its data.
 *
 * `npm run stack` (scripts/stack.ts) and the stack tests (test/stack/) both start it here.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../../workers/workflow-bundle';
import { startMailCatcher, type CaughtMessage } from '../mail-catcher';
import { startPostgresCluster, type RunningPostgresCluster } from '../postgres-cluster';
import { closeLogs, type LogMode } from './child';
import { settleHistoryShards } from './history-shards';
import { startWebAppProcess, startWorkerProcess, type WebAppHandle, type WorkerHandle } from './kyhan-processes';
import { assertPortsFree, chooseTemporalPorts, choosePorts, type StackPorts } from './ports';
import { writeTemporalConfig } from './temporal-config';
import { setupTemporalSchema } from './temporal-schema';
import { ensureNamespace, startTemporalServer, type RunningTemporal } from './temporal-server';
import { findStackTools } from './tools';
import { startWebUi } from './web-ui';

export type { WorkerHandle, WebAppHandle } from './kyhan-processes';
export type { StackPorts } from './ports';
export type { LogMode } from './child';

/** kyhan's own database in the cluster (KYHAN_DATABASE_URL). */
export const KYHAN_DATABASE = 'kyhan';
export const DEFAULT_HISTORY_SHARDS = 4;

export interface StackOptions {
  /** Everything the stack keeps: the cluster, configs, logs, each process's KYHAN_VAR_DIR. */
  stateDir: string;
  /** Worker processes (default 2). */
  workers?: number;
  /** Ports people and clients use; each one missing is picked free. */
  ports?: Partial<StackPorts>;
  /** A real SMTP server for the workers and the web app; omitted = a mail catcher writing `.eml` files into `<stateDir>/mail`. */
  smtp?: { host: string; port: number };
  /** Temporal's history shards: fixed at the first start (default 4), refused if different later. */
  numHistoryShards?: number;
  /** `file` (default): every process logs into `<stateDir>/logs/`; `inherit`: to this terminal, each line prefixed. */
  log?: LogMode;
  /** Temporal namespace (default `default`). */
  namespace?: string;
  /** The web app's plans folder (KYHAN_PLANS_DIR; default the repository's `plans/`). */
  plansDir?: string;
  /** Added to every worker's and the web app's environment (LOG_LEVEL, KYHAN_TASK_QUEUE, KYHAN_SHUTDOWN_GRACE_SECONDS…). */
  env?: Record<string, string>;
  /** A workflow bundle to run; omitted = one built at this start into `<stateDir>/workflow-bundle.js`. */
  workflowBundle?: string;
  /** Told of each message the mail catcher stores (no effect with `smtp`). */
  onMail?: (message: CaughtMessage) => void;
  /** Told of each step as it starts (`npm run stack` prints them). */
  onStep?: (step: string) => void;
  /** Aborting stops the start between steps; what was started is stopped, and the start rejects. */
  signal?: AbortSignal;
}

export interface RunningStack {
  readonly stateDir: string;
  /** host:port of Temporal's frontend (TEMPORAL_ADDRESS). */
  readonly temporalAddress: string;
  readonly namespace: string;
  /** The web app's address, also its public URL (links in letters). */
  readonly webUrl: string;
  /** Temporal's Web UI. */
  readonly uiUrl: string;
  /** KYHAN_DATABASE_URL: kyhan's database in the stack's cluster. */
  readonly databaseUrl: string;
  /** Where the workers send mail; `mailDir` when it is the stack's own mail catcher. */
  readonly smtp: { host: string; port: number; mailDir?: string };
  readonly ports: StackPorts;
  readonly numHistoryShards: number;
  readonly workers: WorkerHandle[];
  readonly web: WebAppHandle;
  /** What is not as it should be but did not stop the start (e.g. not Node 24). */
  readonly warnings: string[];
  /** Every process of the stack now running: name and pid (for `ps` checks). */
  processes(): Array<{ name: string; pid: number }>;
  /** Stops the Temporal server (SIGTERM) and starts it again on the same data; resolves when it answers. */
  restartTemporal(): Promise<void>;
  /** Web app and workers first (the workers drain), then the Web UI, Temporal, PostgreSQL, the mail catcher. Safe to call twice. */
  stop(): Promise<void>;
  /** SIGKILL to everything at once, for a second Ctrl-C. */
  kill(): Promise<void>;
}

export class StackStartError extends Error {
  override name = 'StackStartError';
}

/** `<stateDir>/stack.pid`: one stack per state directory. */
function lockStateDir(stateDir: string): () => void {
  const file = join(stateDir, 'stack.pid');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new StackStartError(`Another stack (pid ${pid}) runs on ${stateDir}. Fix: stop it (Ctrl-C in its terminal, or kill ${pid}), or give this one another state directory.`);
    }
  }
  writeFileSync(file, `${process.pid}\n`);
  return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const stateDir = resolve(options.stateDir);
  const log: LogMode = options.log ?? 'file';
  const logDir = join(stateDir, 'logs');
  const namespace = options.namespace ?? 'default';
  const workerCount = options.workers ?? 2;
  if (!Number.isInteger(workerCount) || workerCount < 1) throw new StackStartError(`workers must be a whole number of 1 or more (received ${workerCount}).`);
  const step = (name: string) => {
    if (options.signal?.aborted) throw new StackStartError('Interrupted while starting; everything started so far is stopped.');
    options.onStep?.(name);
  };

  mkdirSync(stateDir, { recursive: true });
  const tools = findStackTools();
  const warnings = tools.nodeWarning ? [tools.nodeWarning] : [];
  const unlock = lockStateDir(stateDir);

  // What has been started, stopped in reverse order on failure or at stop().
  const started: Array<{ name: string; stop: () => Promise<void>; kill?: () => Promise<void> }> = [];
  const stopStarted = async () => {
    for (const part of started.splice(0).reverse()) await part.stop();
  };

  let bundling: Promise<string> | undefined;
  try {
    const ports = await choosePorts(options.ports);
    await assertPortsFree(ports, options.smtp ? ['smtp'] : []);
    const numHistoryShards = settleHistoryShards(join(stateDir, 'temporal', 'history-shards'), options.numHistoryShards, DEFAULT_HISTORY_SHARDS);

    // Webpack runs meanwhile: the workers need its bundle only at the end.
    if (!options.workflowBundle) {
      const target = join(stateDir, 'workflow-bundle.js');
      bundling = bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger }).then(({ code }) => {
        writeFileSync(target, code);
        return target;
      });
      bundling.catch(() => undefined);
    }

    step('mail');
    let smtp: RunningStack['smtp'];
    if (options.smtp) smtp = { ...options.smtp };
    else {
      const mailDir = join(stateDir, 'mail');
      const catcher = await startMailCatcher({ dir: mailDir, port: ports.smtp, host: '127.0.0.1', ...(options.onMail ? { onMessage: options.onMail } : {}) });
      started.push({ name: 'mail catcher', stop: catcher.close });
      smtp = { host: catcher.host, port: catcher.port, mailDir };
    }

    step('postgres');
    const postgres: RunningPostgresCluster = await startPostgresCluster({
      dataDir: join(stateDir, 'postgres'),
      port: ports.postgres,
      log: log === 'inherit' ? 'inherit' : 'file',
      // PostgreSQL's default 100 is too few: Temporal's 4 services hold up to 4 × (20 + 10) connections and each kyhan process a pool.
      settings: { max_connections: String(50 + 30 * (workerCount + 1) + 120) },
      ownProcessGroup: true,
    });
    started.push({ name: 'PostgreSQL', stop: postgres.stop, kill: postgres.kill });
    for (const database of ['temporal', 'temporal_visibility', KYHAN_DATABASE]) await postgres.createDatabase(database);
    const databaseUrl = postgres.url(KYHAN_DATABASE);
    const postgresUser = new URL(databaseUrl).username || 'postgres';

    step('schema');
    await setupTemporalSchema({ sqlTool: tools.sqlTool, host: postgres.host, port: postgres.port, user: postgresUser });

    step('temporal');
    const temporalAddress = `127.0.0.1:${ports.temporal}`;
    const configFile = writeTemporalConfig({
      dir: join(stateDir, 'temporal'),
      postgres: { host: postgres.host, port: postgres.port, user: postgresUser },
      ports: await chooseTemporalPorts(ports.temporal),
      numHistoryShards,
      logLevel: log === 'inherit' ? 'warn' : 'info',
    });
    const temporal: RunningTemporal = await startTemporalServer({ binary: tools.temporalServer, configFile, address: temporalAddress, log, logFile: join(logDir, 'temporal.log') });
    started.push({ name: 'Temporal server', stop: temporal.stop, kill: temporal.kill });

    step('namespace');
    await ensureNamespace(temporalAddress, namespace);

    step('ui');
    const ui = await startWebUi({ binary: tools.ui, dir: join(stateDir, 'temporal-ui'), port: ports.ui, temporalAddress, namespace, log, logFile: join(logDir, 'temporal-ui.log') });
    started.push({ name: 'Temporal Web UI', stop: ui.stop, kill: () => ui.child.kill('SIGKILL') });

    step('bundle');
    const workflowBundle = options.workflowBundle ?? (await bundling!);

    step('workers');
    const webUrl = `http://127.0.0.1:${ports.web}`;
    const env = kyhanEnvironment({ options, temporalAddress, namespace, databaseUrl, smtp, webPort: ports.web, webUrl, workflowBundle, log });
    const processOptions = { node: tools.node, env, log, logDir };
    const workers: WorkerHandle[] = [];
    // One at a time: on 2 cores, N processes loading the bundle at once are slower than in turn.
    for (let n = 1; n <= workerCount; n += 1) {
      const worker = await startWorkerProcess(`worker-${n}`, join(stateDir, 'processes', `worker-${n}`), processOptions);
      workers.push(worker);
      started.push({ name: worker.name, stop: worker.stop, kill: () => worker.kill('SIGKILL') });
      step('workers');
    }

    step('web');
    const web = await startWebAppProcess(join(stateDir, 'processes', 'web'), webUrl, processOptions);
    started.push({ name: 'web app', stop: web.stop, kill: web.kill });

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        // The web app and the workers together: the web app stops taking requests while the workers drain.
        const kyhan = started.filter((p) => p.name === 'web app' || p.name.startsWith('worker-'));
        await Promise.all(kyhan.map((p) => p.stop()));
        started.splice(0, started.length, ...started.filter((p) => !kyhan.includes(p)));
        await stopStarted();
        await closeLogs();
        unlock();
      })());

    return {
      stateDir,
      temporalAddress,
      namespace,
      webUrl,
      uiUrl: ui.url,
      databaseUrl,
      smtp,
      ports,
      numHistoryShards,
      workers,
      web,
      processes: () => [
        { name: 'postgres', pid: postgres.pid },
        { name: 'temporal', pid: temporal.pid },
        { name: 'temporal-ui', pid: ui.child.pid },
        ...workers.filter((w) => w.isRunning()).map((w) => ({ name: w.name, pid: w.pid })),
        { name: 'web', pid: web.pid },
      ],
      restartTemporal: () => temporal.restart(),
      stop,
      async kill() {
        await Promise.all(started.map((p) => (p.kill ? p.kill() : Promise.resolve())));
        await stop();
      },
      warnings,
    };
  } catch (err) {
    await stopStarted();
    await bundling?.catch(() => undefined);
    await closeLogs();
    unlock();
    throw err;
  }
}

/** The environment of every worker and the web app: the caller's, then `options.env`, then the stack's wiring. */
function kyhanEnvironment(input: {
  options: StackOptions;
  temporalAddress: string;
  namespace: string;
  databaseUrl: string;
  smtp: RunningStack['smtp'];
  webPort: number;
  webUrl: string;
  workflowBundle: string;
  log: LogMode;
}): NodeJS.ProcessEnv {
  const { options } = input;
  const inherited = { ...process.env };
  // Settings that would point the processes elsewhere or make them collide with each other.
  for (const name of ['TEMPORAL_API_KEY', 'TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_CA', 'TEMPORAL_TLS_SERVER_NAME', 'KYHAN_METRICS_PORT', 'KYHAN_VAR_DIR', 'KYHAN_PUBLIC_URL']) {
    delete inherited[name];
  }
  return {
    ...inherited,
    ...options.env,
    TEMPORAL_ADDRESS: input.temporalAddress,
    TEMPORAL_NAMESPACE: input.namespace,
    TEMPORAL_TLS: 'false',
    KYHAN_DATABASE_URL: input.databaseUrl,
    KYHAN_SMTP_HOST: input.smtp.host,
    KYHAN_SMTP_PORT: String(input.smtp.port),
    ...(input.smtp.mailDir ? { KYHAN_SMTP_SECURE: 'false' } : {}),
    KYHAN_WEB_HOST: '127.0.0.1',
    KYHAN_WEB_PORT: String(input.webPort),
    KYHAN_PUBLIC_URL: options.env?.KYHAN_PUBLIC_URL ?? input.webUrl,
    KYHAN_WORKFLOW_BUNDLE: input.workflowBundle,
    // Lines prefixed on a terminal read better pretty; in files, JSON is what tools read.
    ...(input.log === 'inherit' && process.stdout.isTTY && !options.env?.LOG_FORMAT && !process.env.LOG_FORMAT ? { LOG_FORMAT: 'pretty' } : {}),
    ...(options.plansDir ? { KYHAN_PLANS_DIR: resolve(options.plansDir) } : {}),
  };
}

const quietBundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string, meta?: Record<string, unknown>) => console.error(message, meta ?? ''),
  log: () => undefined,
};
