/**
 * The browser tests' stack, started as a user starts kyhan: `npx tsx scripts/start.ts` (what
 * `npm start` runs) in a process group of its own, with a temporary state directory, free ports,
 * metrics off and the test plans (test/browser/plans/) as the web app's plans. Ready when it
 * prints "kyhan is running"; stopped at the end with SIGINT to the group, as Ctrl-C in a
 * terminal does, then waited for. Test files reach it through `inject('browserStack')`
 * (test/browser/harness.ts wraps it).
 *
 * The stack's whole output goes to test-results/browser-stack.log, kept after the run.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../scripts/lib/temporal-servers';
import { ROOT } from '../helpers/kyhan-cli';

export interface BrowserStack {
  /** The web app's address as `npm start` printed it, e.g. `http://127.0.0.1:41234`. */
  webUrl: string;
  /** The dev server's frontend, host:port (for the CLI's TEMPORAL_ADDRESS). */
  temporalAddress: string;
  /** The state directory (KYHAN_VAR_DIR) of the stack. */
  varDir: string;
  /** Where the mail catcher writes each message as an `.eml` file. */
  mailDir: string;
  /** The web app's plans folder (KYHAN_PLANS_DIR), relative to the checkout. */
  plansDir: string;
  /** Everything the stack printed (stdout and stderr), kept after the run. */
  logFile: string;
  /** The lines `npm start` printed from "kyhan is running" to "Press Ctrl-C to stop." */
  banner: string[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    browserStack: BrowserStack;
  }
}

const SECOND = 1_000;
/** Start bundles the workflows with webpack and starts the dev server: slow on a loaded 2-core machine. */
const START_DEADLINE_MS = 240 * SECOND;
/** The worker drains (KYHAN_SHUTDOWN_GRACE_SECONDS below), then the server and catcher stop. */
const STOP_DEADLINE_MS = 60 * SECOND;
const PLANS_DIR = 'test/browser/plans';
export const RESULTS_DIR = join(ROOT, 'test-results');

/** Distinct ports that were free a moment ago (one `freePort` can repeat another's). */
async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/** Pids of processes whose command line names `marker` (the run's unique state directory). */
function processesNaming(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) pids.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return pids;
}

const tail = (text: string, lines: number) => text.split('\n').slice(-lines).join('\n');

export default async function setup(project: TestProject) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const varDir = mkdtempSync(join(tmpdir(), 'kyhan-browser-'));
  const logFile = join(RESULTS_DIR, 'browser-stack.log');
  const log = createWriteStream(logFile);
  const [temporalPort, uiPort, smtpPort, webPort] = await freePorts(4);

  const env: NodeJS.ProcessEnv = { ...process.env };
  // Whatever the developer's shell points at, this stack is its own.
  for (const name of Object.keys(env)) if (/^(TEMPORAL_|KYHAN_)/.test(name) && !['KYHAN_TEMPORAL_CLI', 'KYHAN_CACHE_DIR'].includes(name)) delete env[name];
  Object.assign(env, {
    KYHAN_VAR_DIR: varDir,
    KYHAN_TEMPORAL_PORT: String(temporalPort),
    KYHAN_UI_PORT: String(uiPort),
    KYHAN_SMTP_PORT: String(smtpPort),
    KYHAN_WEB_HOST: '127.0.0.1',
    KYHAN_WEB_PORT: String(webPort),
    KYHAN_PLANS_DIR: PLANS_DIR,
    KYHAN_SHUTDOWN_GRACE_SECONDS: '5',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    NODE_ENV: 'development',
  });

  // Its own process group: teardown signals the whole group, as a terminal's Ctrl-C does.
  const child = spawn('npx', ['tsx', 'scripts/start.ts'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<string>((done) => child.once('exit', (code, signal) => done(signal ?? `exit code ${code}`)));
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      output += chunk;
      log.write(chunk);
    });
  }

  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is gone
    }
  };
  /** SIGINT as Ctrl-C; after the deadline SIGKILL to the group and to what it started (named by the state directory). */
  const stop = async (): Promise<string | undefined> => {
    if (child.exitCode === null && child.signalCode === null) {
      killGroup('SIGINT');
      const how = await Promise.race([exited, new Promise<undefined>((r) => setTimeout(() => r(undefined), STOP_DEADLINE_MS).unref())]);
      if (how === undefined) {
        killGroup('SIGKILL');
        for (const pid of processesNaming(varDir)) process.kill(pid, 'SIGKILL');
        return `the stack did not stop within ${STOP_DEADLINE_MS / SECOND} s of SIGINT; killed it (see ${relative(ROOT, logFile)})`;
      }
    }
    // The dev server has a process group of its own; the stack stops it itself. Anything left is a bug.
    const left = processesNaming(varDir);
    for (const pid of left) process.kill(pid, 'SIGKILL');
    return left.length > 0 ? `processes left running after the stack stopped: ${left.join(', ')} (killed)` : undefined;
  };

  try {
    const deadline = Date.now() + START_DEADLINE_MS;
    for (;;) {
      if (output.includes('Press Ctrl-C to stop.')) break;
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`npm start (scripts/start.ts) ended (${await exited}) before printing "kyhan is running". Its last lines:\n${tail(output, 30)}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`npm start (scripts/start.ts) did not print "kyhan is running" within ${START_DEADLINE_MS / SECOND} s. Its last lines:\n${tail(output, 30)}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (err) {
    await stop();
    log.end();
    rmSync(varDir, { recursive: true, force: true });
    throw err;
  }

  const lines = output.split('\n');
  const first = lines.findIndex((l) => l.startsWith('kyhan is running'));
  const last = lines.findIndex((l, i) => i > first && l.startsWith('Press Ctrl-C'));
  const banner = lines.slice(first, last + 1);
  const webUrl = /^\s+Web app\s+(\S+)/m.exec(banner.join('\n'))?.[1];
  const temporalAddress = /^\s+Temporal\s+(\S+)/m.exec(banner.join('\n'))?.[1];
  if (!webUrl || !temporalAddress) {
    await stop();
    throw new Error(`npm start printed no "Web app" or "Temporal" address:\n${banner.join('\n')}`);
  }
  project.provide('browserStack', { webUrl, temporalAddress, varDir, mailDir: join(varDir, 'mail'), plansDir: PLANS_DIR, logFile, banner });

  return async () => {
    const problem = await stop();
    log.write(`\n[browser tests] stack ended: ${await exited}\n`);
    log.end();
    if (process.env.KYHAN_KEEP_BROWSER_STACK) process.stderr.write(`browser tests: state directory kept at ${varDir}\n`);
    else rmSync(resolve(varDir), { recursive: true, force: true });
    if (problem) throw new Error(problem);
  };
}
