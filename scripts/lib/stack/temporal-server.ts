/**
 * The full Temporal server (all four services in one process) on the stack's PostgreSQL, and the
 * namespace kyhan uses with its search attributes. Stopping it and starting it again on the same
 * config is `restartTemporal()` in the chaos tests.
 */
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
// Default import: the package is CommonJS, and Node's ESM loader cannot see its named exports.
import proto from '@temporalio/proto';
import { KYHAN_SEARCH_ATTRIBUTES } from '../../../workers/search-attributes';
import { startChild, type Child, type LogMode } from './child';

export class TemporalStartError extends Error {
  override name = 'TemporalStartError';
}

/** A first start creates the shards and system workflows: slow on a busy 2-core machine. */
const READY_TIMEOUT_MS = 120_000;
/** The server finishes its shards' work on SIGTERM; past this it is killed. */
const STOP_GRACE_MS = 20_000;
/** How long a new namespace may take to reach the frontend's cache (refreshed every 10 s by default). */
const NAMESPACE_VISIBLE_TIMEOUT_MS = 60_000;
/** Closed workflows are kept this long (the Web UI and `kyhan cycle list` show them). */
const RETENTION_DAYS = 30;

export interface TemporalServerOptions {
  binary: string;
  configFile: string;
  address: string;
  log: LogMode;
  logFile: string;
}

export interface RunningTemporal {
  readonly address: string;
  readonly pid: number;
  stop(): Promise<void>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** SIGTERM, wait, start again on the same config; resolves once it answers. */
  restart(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startTemporalServer(options: TemporalServerOptions): Promise<RunningTemporal> {
  let child = await launch(options);
  return {
    address: options.address,
    get pid() {
      return child.pid;
    },
    stop: () => child.stop(STOP_GRACE_MS),
    kill: () => child.kill('SIGKILL'),
    async restart() {
      await child.stop(STOP_GRACE_MS);
      child = await launch(options);
    },
  };
}

async function launch(options: TemporalServerOptions): Promise<Child> {
  const lastLines: string[] = [];
  const child = startChild({
    name: 'temporal',
    command: options.binary,
    args: ['--config-file', options.configFile, '--allow-no-auth', 'start'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/' },
    log: options.log,
    logFile: options.logFile,
    onLine: (line) => {
      lastLines.push(briefly(line));
      if (lastLines.length > 8) lastLines.shift();
    },
  });
  try {
    await waitUntilServing(options.address, child);
  } catch (err) {
    await child.stop(STOP_GRACE_MS);
    const tail = lastLines.length ? `\nIts last lines (all in ${options.logFile}):\n${lastLines.join('\n')}` : '';
    throw new TemporalStartError(`${(err as Error).message}${tail}`);
  }
  return child;
}

/** A JSON log line as `level: msg: error`, without its stack trace; other lines as they are. */
function briefly(line: string): string {
  try {
    const entry = JSON.parse(line) as { level?: string; msg?: string; error?: string };
    if (entry.msg) return [entry.level, entry.msg, entry.error].filter(Boolean).join(': ');
  } catch {
    // Not JSON.
  }
  return line.length > 400 ? `${line.slice(0, 400)}…` : line;
}

async function waitUntilServing(address: string, child: Child): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.hasExited()) throw new Error(`The Temporal server exited (${String(await child.exited)}) before answering on ${address}.`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await sleep(500);
    }
  }
  throw new Error(`The Temporal server did not answer on ${address} within ${READY_TIMEOUT_MS / 1000} s: ${String(lastError)}.`);
}

const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;

/**
 * Registers `namespace` unless it exists and adds kyhan's search attributes it lacks; then waits
 * until the frontend serves the namespace, so workers and the CLI do not start on "namespace not found".
 */
export async function ensureNamespace(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    try {
      await connection.workflowService.registerNamespace({
        namespace,
        description: 'kyhan',
        workflowExecutionRetentionPeriod: msToTs(`${RETENTION_DAYS} days`),
      });
    } catch (err) {
      if ((err as { code?: number }).code !== ALREADY_EXISTS) throw err;
    }

    const deadline = Date.now() + NAMESPACE_VISIBLE_TIMEOUT_MS;
    for (;;) {
      try {
        await connection.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 });
        break;
      } catch (err) {
        if ((err as { code?: number }).code !== NOT_FOUND || Date.now() > deadline) throw err;
        await sleep(500);
      }
    }

    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = Object.keys(KYHAN_SEARCH_ATTRIBUTES).filter((name) => !(customAttributes && name in customAttributes));
    if (missing.length) {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(missing.map((name) => [name, proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD])),
      });
    }
  } finally {
    await connection.close();
  }
}
