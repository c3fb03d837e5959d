/**
 * One process of the stack (Temporal server, Web UI, a worker, the web app): started in its own
 * process group, so a Ctrl-C in the terminal reaches only `npm run stack`, which stops each part
 * in its turn; its output goes to a log file or, prefixed with its name, to the terminal; it is
 * SIGKILLed if the stack's own process exits without stopping it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';

export type LogMode = 'inherit' | 'file';

export interface ChildOptions {
  /** Short name: `temporal`, `worker-1`, `web`… (log prefix and file name). */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** `file`: appended to `logFile`; `inherit`: this process's stdout, each line prefixed with the name. */
  log: LogMode;
  logFile: string;
  /** Called with every line the process writes (readiness markers). */
  onLine?: (line: string) => void;
}

export interface Child {
  readonly name: string;
  readonly pid: number;
  /** The exit code, or the signal that ended the process. */
  readonly exited: Promise<number | NodeJS.Signals>;
  /** True once the process has exited. */
  hasExited(): boolean;
  /** Sends `signal` (if still running) and waits until the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`; waits until the process has exited. */
  stop(graceMs: number): Promise<void>;
}

const openLogs = new Map<string, WriteStream>();

/** One append stream per log file, shared by a process and its restarts. */
function logStream(file: string): WriteStream {
  let stream = openLogs.get(file);
  if (!stream) {
    mkdirSync(dirname(file), { recursive: true });
    stream = createWriteStream(file, { flags: 'a' });
    openLogs.set(file, stream);
  }
  return stream;
}

/** Closes the log files; call once every process has exited. */
export async function closeLogs(): Promise<void> {
  const streams = [...openLogs.values()];
  openLogs.clear();
  await Promise.all(streams.map((s) => new Promise<void>((done) => s.end(() => done()))));
}

export function startChild(options: ChildOptions): Child {
  const child: ChildProcess = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = new Promise<number | NodeJS.Signals>((done) => {
    child.once('exit', (code, signal) => done(signal ?? code ?? -1));
    // A command that cannot be run at all (ENOENT) emits 'error' and no 'exit'.
    child.once('error', () => done(-1));
  });
  let ended = false;
  void exited.then(() => {
    ended = true;
  });

  const sink = options.log === 'file' ? logStream(options.logFile) : undefined;
  if (sink) sink.write(`--- ${options.name} started ${new Date().toISOString()}: ${options.command} ${options.args.join(' ')}\n`);
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      if (sink) sink.write(`${line}\n`);
      else process.stdout.write(`[${options.name}] ${line}\n`);
      options.onLine?.(line);
    });
  }
  child.once('error', (err) => {
    const line = `${options.name}: cannot run ${options.command}: ${err.message}`;
    if (sink) sink.write(`${line}\n`);
    else process.stderr.write(`${line}\n`);
  });

  // If the stack's process exits without stopping this one, take it down too.
  const killOnExit = () => {
    if (!ended) signalGroup(child, 'SIGKILL');
  };
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  const kill = async (signal: NodeJS.Signals) => {
    if (!ended) signalGroup(child, signal);
    await exited;
  };
  return {
    name: options.name,
    pid: child.pid ?? -1,
    exited,
    hasExited: () => ended,
    kill,
    async stop(graceMs) {
      if (ended) return;
      const force = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
      try {
        await kill('SIGTERM');
      } finally {
        clearTimeout(force);
      }
    },
  };
}

/** The signal goes to the process's whole group: anything it started itself goes with it. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
