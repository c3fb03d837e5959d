/**
 * Starting and stopping the real Temporal servers that `npm start` and the tests use.
 *
 * `scripts/prepare-servers.sh` builds them into a per-user cache; this module finds them
 * (environment variables first), starts them on free loopback ports, waits until they
 * answer, and stops them without leaving a process behind. With neither build available
 * it falls back to the SDK's own download, which needs internet.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';

export const TEMPORAL_CLI_VERSION = '1.5.1';
export const TEST_SERVER_VERSION = '1.38.0';

/** How long a freshly started server may take to answer: generous, as JVM start on a busy 2-core machine varies. */
const SERVER_READY_TIMEOUT_MS = 60_000;
/** Grace period between SIGTERM and SIGKILL when stopping a server. */
const STOP_GRACE_MS = 10_000;

export class ServerUnavailableError extends Error {
  override name = 'ServerUnavailableError';
}

export interface RunningServer {
  /** host:port for clients and workers. */
  readonly address: string;
  /** Stops the server and waits until its process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

function cacheDir(): string {
  return process.env.KYHAN_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'kyhan');
}

function executable(path: string, variable: string | undefined): string {
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    if (variable) throw new ServerUnavailableError(`${variable}=${path} is not an executable file: point it at the server binary or unset it.`);
    throw new ServerUnavailableError(`${path} is not executable`);
  }
}

/** The Temporal CLI to run `server start-dev` with, or undefined to use the SDK's download. */
export function findTemporalCli(): string | undefined {
  if (process.env.KYHAN_TEMPORAL_CLI) return executable(process.env.KYHAN_TEMPORAL_CLI, 'KYHAN_TEMPORAL_CLI');
  const cached = join(cacheDir(), `temporal-cli-${TEMPORAL_CLI_VERSION}`, 'temporal');
  return existsSync(cached) ? executable(cached, undefined) : undefined;
}

/** The launcher of the Java time-skipping test server, or undefined to use the SDK's download. */
export function findTestServer(): string | undefined {
  if (process.env.KYHAN_TEST_SERVER) return executable(process.env.KYHAN_TEST_SERVER, 'KYHAN_TEST_SERVER');
  const cached = join(cacheDir(), `temporal-test-server-${TEST_SERVER_VERSION}`, 'temporal-test-server');
  return existsSync(cached) ? executable(cached, undefined) : undefined;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until a Temporal frontend at `address` answers a real RPC, or the process dies. */
async function waitUntilServing(address: string, child: ChildProcess | undefined, what: string): Promise<void> {
  const deadline = Date.now() + SERVER_READY_TIMEOUT_MS;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new ServerUnavailableError(`${what} exited with code ${child.exitCode} before serving on ${address}`);
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new ServerUnavailableError(`${what} did not answer on ${address} within ${SERVER_READY_TIMEOUT_MS / 1000}s: ${String(lastError)}`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
    return stopping;
  };
}

function spawnServer(command: string, args: string[], logTo: 'inherit' | 'ignore', detached = false): ChildProcess {
  const child = spawn(command, args, { stdio: ['ignore', logTo, logTo], detached });
  // If this Node process dies, do not leave the server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  return child;
}

export interface DevServerOptions {
  /** SQLite file that keeps everything across restarts; omitted = in memory. */
  dbFilename?: string;
  port?: number;
  /** Web UI port; omitted = headless. */
  uiPort?: number;
  namespace?: string;
  /** Custom search attributes, e.g. `{ KyhanPlan: 'Keyword' }`. */
  searchAttributes?: Record<string, 'Keyword' | 'Text' | 'Int' | 'Double' | 'Bool' | 'Datetime' | 'KeywordList'>;
  /** Show the server's own output (for `npm start`). */
  verbose?: boolean;
  /**
   * Run it in its own process group, so a Ctrl-C in the terminal reaches only the caller, which
   * stops the server itself once its worker has drained (`npm start`). Cached CLI only.
   */
  ownProcessGroup?: boolean;
}

/** Starts the Temporal CLI dev server (server 1.29, SQLite persistence). */
export async function startDevServer(options: DevServerOptions = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const namespace = options.namespace ?? 'default';
  const cli = findTemporalCli();
  if (!cli) return await startDevServerFromSdkDownload({ ...options, port, namespace });

  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', namespace, '--log-level', 'warn'];
  if (options.dbFilename) args.push('--db-filename', options.dbFilename);
  if (options.uiPort !== undefined) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  for (const [name, type] of Object.entries(options.searchAttributes ?? {})) args.push('--search-attribute', `${name}=${type}`);

  const child = spawnServer(cli, args, options.verbose ? 'inherit' : 'ignore', options.ownProcessGroup);
  const address = `127.0.0.1:${port}`;
  const stop = stopper(child);
  try {
    await waitUntilServing(address, child, `Temporal dev server (${cli})`);
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, stop };
}

/** Starts the Java time-skipping test server (the SDK's time-skipping client drives its clock). */
export async function startTimeSkippingServer(): Promise<RunningServer> {
  const launcher = findTestServer();
  if (!launcher) return await startTimeSkippingServerFromSdkDownload();
  const port = await freePort();
  const child = spawnServer(launcher, [String(port)], 'ignore');
  const address = `127.0.0.1:${port}`;
  const stop = stopper(child);
  try {
    await waitUntilServing(address, child, `time-skipping test server (${launcher})`);
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, stop };
}

const NOTHING_WORKS =
  'Run `npm run servers:prepare` with Go (for the dev server) and Java + Maven (for the time-skipping server) installed, ' +
  'or set KYHAN_TEMPORAL_CLI / KYHAN_TEST_SERVER to binaries you built, or allow internet access for the SDK download.';

// The SDK's testing package is a dev dependency: load it only on the fallback path.
async function startDevServerFromSdkDownload(options: DevServerOptions & { port: number; namespace: string }): Promise<RunningServer> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  try {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: '127.0.0.1',
        port: options.port,
        namespace: options.namespace,
        ...(options.dbFilename ? { dbFilename: options.dbFilename } : {}),
        ...(options.uiPort !== undefined ? { ui: true, uiPort: options.uiPort } : {}),
        extraArgs: Object.entries(options.searchAttributes ?? {}).flatMap(([n, t]) => ['--search-attribute', `${n}=${t}`]),
      },
    });
    return { address: env.address, stop: () => env.teardown() };
  } catch (err) {
    throw new ServerUnavailableError(`No Temporal dev server: the cached build is missing and the SDK's download failed (${String(err)}). ${NOTHING_WORKS}`);
  }
}

async function startTimeSkippingServerFromSdkDownload(): Promise<RunningServer> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  try {
    const env = await TestWorkflowEnvironment.createTimeSkipping();
    return { address: env.address, stop: () => env.teardown() };
  } catch (err) {
    throw new ServerUnavailableError(`No time-skipping test server: the cached build is missing and the SDK's download failed (${String(err)}). ${NOTHING_WORKS}`);
  }
}
