/**
 * The real kyhan worker process (`workers/main.ts`, as `npm run worker` runs it) for tests that
 * operate the stack: started with an environment, stopped with a signal of the test's choice
 * (SIGTERM drains, SIGKILL is a crash).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { ROOT } from './kyhan-cli';

export interface WorkerProcessOptions {
  /** Added to this process's environment: TEMPORAL_ADDRESS, KYHAN_TASK_QUEUE, KYHAN_VAR_DIR, KYHAN_SMTP_PORT, LOG_LEVEL… */
  env: Record<string, string>;
  /**
   * Where the worker's stdout and stderr go, line by line (a log file to read after a failure).
   * Unset: stdout is dropped and stderr shown with the test's output.
   */
  log?: Writable;
}

export interface WorkerProcess {
  readonly pid: number;
  /**
   * Resolves when the worker has logged `worker ready` (needs `log` and LOG_LEVEL info or lower);
   * rejects if the process exits first.
   */
  readonly ready: Promise<void>;
  /** The exit code, or the signal that ended the process. */
  readonly exited: Promise<number | NodeJS.Signals>;
  /** Sends `signal` and waits for the process to end; a process already ended is left alone. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

export function startWorkerProcess({ env, log }: WorkerProcessOptions): WorkerProcess {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', log ? 'pipe' : 'ignore', log ? 'pipe' : 'inherit'],
  });
  const exited = new Promise<number | NodeJS.Signals>((done) => child.once('exit', (code, signal) => done(signal ?? code ?? -1)));
  let readyFound: () => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    readyFound = resolve;
    void exited.then((how) => reject(new Error(`the worker process ${child.pid} ended (${how}) before it was ready`)));
  });
  // Nobody has to wait for readiness; an early exit must not become an unhandled rejection.
  ready.catch(() => undefined);
  if (log) {
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        log.write(`${line}\n`);
        if (line.includes('"msg":"worker ready"')) readyFound();
      });
    }
  }
  return {
    pid: child.pid!,
    ready,
    exited,
    async stop(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}
