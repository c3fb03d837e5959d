/**
 * kyhan's own processes in the stack: N workers (`workers/main.ts`) and the web app
 * (`web/main.ts`), each a separate Node process run with tsx, each with its own KYHAN_VAR_DIR:
 * nothing they share goes through a directory, only through PostgreSQL and Temporal.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild, type Child, type LogMode } from './child';
import { waitForHttp } from './http-ready';

/** The repository: the processes run from here (tsx, plans/, node_modules). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A first start on a busy machine loads the bundle and connects twice (SMTP, Temporal). */
const READY_TIMEOUT_MS = 180_000;
/** The web app's in-flight requests get this long after SIGTERM. */
const WEB_STOP_GRACE_MS = 15_000;
/** A worker's drain: KYHAN_SHUTDOWN_GRACE_SECONDS plus the force time (workers/worker.ts), plus a margin. */
const WORKER_STOP_MARGIN_MS = 15_000;

/** A worker that ended or stayed silent before it was ready; the message quotes its last lines. */
export class WorkerStartError extends Error {
  override name = 'WorkerStartError';
}

export interface KyhanProcessOptions {
  node: string;
  /** Added to every process's environment after the caller's own; the stack's wiring comes last. */
  env: NodeJS.ProcessEnv;
  log: LogMode;
  logDir: string;
}

/** One worker process; `restart()` and `kill()` keep the same name, state directory and log. */
export interface WorkerHandle {
  readonly name: string;
  /** The current process's id. */
  readonly pid: number;
  /** Its own KYHAN_VAR_DIR. */
  readonly varDir: string;
  readonly logFile: string;
  /** How the current process ended (pending while it runs). */
  readonly exited: Promise<number | NodeJS.Signals>;
  isRunning(): boolean;
  /** Sends `signal` (default SIGKILL: a crash) and waits until the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the process if it still runs (SIGTERM: it drains), starts a new one and waits until it polls. */
  restart(): Promise<void>;
  /** SIGTERM and wait: in-flight activities finish first. A restart under way is waited for and its process stopped; no restart after. */
  stop(): Promise<void>;
}

export interface WebAppHandle {
  readonly url: string;
  readonly pid: number;
  readonly varDir: string;
  readonly logFile: string;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

function nodeArgs(entry: string): string[] {
  return ['--import', 'tsx', join(REPO_ROOT, entry)];
}

/** LOG_LEVEL as asked, but never above info: readiness is read from the `worker ready` line. */
function logLevel(env: NodeJS.ProcessEnv): string {
  return env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace' ? env.LOG_LEVEL : 'info';
}

function shutdownGraceMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.KYHAN_SHUTDOWN_GRACE_SECONDS ?? 30);
  return (Number.isFinite(seconds) ? seconds : 30) * 1000 + 10_000 + WORKER_STOP_MARGIN_MS;
}

export async function startWorkerProcess(name: string, varDir: string, options: KyhanProcessOptions): Promise<WorkerHandle> {
  const logFile = join(options.logDir, `${name}.log`);
  const env: NodeJS.ProcessEnv = { ...options.env, KYHAN_VAR_DIR: varDir, LOG_LEVEL: logLevel(options.env) };
  const graceMs = shutdownGraceMs(env);

  const launch = async (): Promise<Child> => {
    let ready: () => void = () => undefined;
    const readyLine = new Promise<void>((resolve) => (ready = resolve));
    const lastLines: string[] = [];
    const child = startChild({
      name,
      command: options.node,
      args: nodeArgs('workers/main.ts'),
      cwd: REPO_ROOT,
      env,
      log: options.log,
      logFile,
      onLine: (line) => {
        lastLines.push(line);
        if (lastLines.length > 8) lastLines.shift();
        if (line.includes('worker ready')) ready();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      readyLine.then(() => 'ready' as const),
      child.exited.then((how) => `exited (${String(how)})`),
      new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`not ready after ${READY_TIMEOUT_MS / 1000} s`), READY_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    if (outcome !== 'ready') {
      await child.stop(graceMs);
      throw new WorkerStartError(`${name} (pid ${child.pid}) ${outcome} before it was ready. Its last lines (all in ${logFile}):\n${lastLines.join('\n')}`);
    }
    return child;
  };

  let child = await launch();
  // stop() during a restart waits for the new process and stops it: none outlives the stack.
  let relaunching: Promise<void> | undefined;
  let stopped = false;
  return {
    name,
    varDir,
    logFile,
    get pid() {
      return child.pid;
    },
    get exited() {
      return child.exited;
    },
    isRunning: () => !child.hasExited(),
    kill: (signal = 'SIGKILL') => child.kill(signal),
    async restart() {
      if (stopped) throw new WorkerStartError(`${name} was stopped with the stack: not starting it again.`);
      relaunching = (async () => {
        await child.stop(graceMs);
        child = await launch();
      })();
      try {
        await relaunching;
      } finally {
        relaunching = undefined;
      }
      if (stopped) await child.stop(graceMs);
    },
    async stop() {
      stopped = true;
      await relaunching?.catch(() => undefined);
      await child.stop(graceMs);
    },
  };
}

export async function startWebAppProcess(varDir: string, url: string, options: KyhanProcessOptions): Promise<WebAppHandle> {
  const logFile = join(options.logDir, 'web.log');
  const child = startChild({
    name: 'web',
    command: options.node,
    args: nodeArgs('web/main.ts'),
    cwd: REPO_ROOT,
    env: { ...options.env, KYHAN_VAR_DIR: varDir },
    log: options.log,
    logFile,
  });
  try {
    await waitForHttp(`${url}/healthz`, child, READY_TIMEOUT_MS, `The kyhan web app (pid ${child.pid}, log ${logFile})`);
  } catch (err) {
    await child.stop(WEB_STOP_GRACE_MS);
    throw err;
  }
  return { url, pid: child.pid, varDir, logFile, stop: () => child.stop(WEB_STOP_GRACE_MS), kill: () => child.kill('SIGKILL') };
}
