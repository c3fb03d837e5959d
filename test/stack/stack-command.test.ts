/**
 * `npm run stack` itself, as a person runs it: the script is started, a plan is started with the
 * CLI, Ctrl-C (SIGINT) stops it with exit code 0 and nothing left running; a second start on the
 * same state directory reuses the cluster (schema, shards, namespace already there) and the
 * plan's campaign is still there. The second start takes the bundle the first one built
 * (KYHAN_WORKFLOW_BUNDLE), sparing webpack. A third start asking for other history shards is refused.
 */
import { execFile, spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/temporal-servers';
import { ROOT } from '../helpers/kyhan-cli';

const SECOND = 1_000;
const START_TIMEOUT = 240 * SECOND;
const STOP_TIMEOUT = 90 * SECOND;
/** What the test keeps from the developer's environment: where the built servers are. */
const KEPT_VARIABLES = ['KYHAN_CACHE_DIR', 'KYHAN_TEMPORAL_SERVER', 'KYHAN_TEMPORAL_SQL_TOOL', 'KYHAN_TEMPORAL_UI', 'KYHAN_NODE', 'KYHAN_PG_BIN'];

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(TEMPORAL_|KYHAN_)/.test(name) || KEPT_VARIABLES.includes(name)));
  return { ...env, ...extra };
}

interface RunningScript {
  output: () => string;
  exited: Promise<number | null>;
  pid: number;
}

function startScript(env: NodeJS.ProcessEnv): RunningScript {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/stack.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { output: () => text, pid: child.pid!, exited: new Promise((done) => child.once('exit', (code) => done(code))) };
}

async function waitForReady(script: RunningScript): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT;
  let ended = false;
  void script.exited.then(() => (ended = true));
  while (!script.output().includes('Press Ctrl-C to stop.')) {
    if (ended) throw new Error(`npm run stack ended before it was ready:\n${script.output()}`);
    if (Date.now() > deadline) throw new Error(`npm run stack not ready within ${START_TIMEOUT / SECOND} s:\n${script.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function interrupt(script: RunningScript): Promise<number | null> {
  process.kill(script.pid, 'SIGINT');
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), STOP_TIMEOUT).unref());
  const code = await Promise.race([script.exited, timeout]);
  if (code === 'timeout') throw new Error(`npm run stack still running ${STOP_TIMEOUT / SECOND} s after SIGINT:\n${script.output()}`);
  return code;
}

/** Every process whose command line, working directory or environment mentions `dir` (postgres runs as its own user with -D <dir>). */
async function processesMentioning(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)) {
    const read = async (what: string) => (await readFile(`/proc/${pid}/${what}`).catch(() => Buffer.alloc(0))).toString().replaceAll('\0', ' ');
    const cmdline = await read('cmdline');
    const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => '');
    if (cmdline.includes(dir) || cwd.startsWith(dir) || (await read('environ')).includes(dir)) found.push(`${pid}: ${cmdline.trim()}`);
  }
  return found;
}

function kyhan(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(ROOT, 'bin/kyhan.mjs'), '--lang', 'en', ...args], { cwd: ROOT, env, timeout: 120 * SECOND }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run stack (scripts/stack.ts)', () => {
  it('stops on Ctrl-C with exit 0 leaving no process, and a second start on the same directory still has the plan', { timeout: 2 * START_TIMEOUT + 4 * STOP_TIMEOUT }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kyhan-stack-command-'));
    // PostgreSQL runs as its own user when we are root: it must be able to enter this directory.
    await chmod(dir, 0o755);
    const stateDir = join(dir, 'stack');
    let keep = true;
    const ports = async () => ({
      KYHAN_POSTGRES_PORT: String(await freePort()),
      KYHAN_TEMPORAL_PORT: String(await freePort()),
      KYHAN_UI_PORT: String(await freePort()),
      KYHAN_WEB_PORT: String(await freePort()),
      KYHAN_SMTP_PORT: String(await freePort()),
    });
    let script: RunningScript | undefined;
    try {
      // --- First start: builds the bundle, initialises the cluster and the schema ----------------
      script = startScript(cleanEnv({ KYHAN_STACK_DIR: stateDir, ...(await ports()) }));
      await waitForReady(script);
      const address = /Temporal\s+(127\.0\.0\.1:\d+)/.exec(script.output())?.[1];
      expect(address, script.output()).toBeDefined();
      const cliEnv = cleanEnv({ TEMPORAL_ADDRESS: address!, KYHAN_VAR_DIR: join(dir, 'cli') });
      const started = await kyhan(['plan', 'start', 'plans/demo.yaml'], cliEnv);
      expect(started.code, started.stderr).toBe(0);
      const status = await kyhan(['plan', 'status', 'demo', '--json'], cliEnv);
      expect(status.code, status.stderr).toBe(0);
      const campaign = JSON.parse(status.stdout) as { planId: string; version: number };
      expect(campaign.planId).toBe('demo');
      // The scan below sees the running stack (PostgreSQL, Temporal, the Web UI, workers, web app), so its empty answer later means something.
      expect((await processesMentioning(stateDir)).length).toBeGreaterThanOrEqual(6);

      expect(await interrupt(script), script.output()).toBe(0);
      expect(await processesMentioning(stateDir)).toEqual([]);

      // --- Second start on the same directory, with the bundle the first one built -----------------
      script = startScript(cleanEnv({ KYHAN_STACK_DIR: stateDir, KYHAN_WORKFLOW_BUNDLE: join(stateDir, 'workflow-bundle.js'), ...(await ports()) }));
      await waitForReady(script);
      const again = /Temporal\s+(127\.0\.0\.1:\d+)/.exec(script.output())?.[1];
      // Right after a restart a query may fail for some seconds (the campaign's sticky worker is gone): asked again, as a person would.
      let statusAgain = await kyhan(['plan', 'status', 'demo', '--json'], { ...cliEnv, TEMPORAL_ADDRESS: again! });
      for (const deadline = Date.now() + 60 * SECOND; statusAgain.code !== 0 && Date.now() < deadline; ) {
        await new Promise((r) => setTimeout(r, 2 * SECOND));
        statusAgain = await kyhan(['plan', 'status', 'demo', '--json'], { ...cliEnv, TEMPORAL_ADDRESS: again! });
      }
      expect(statusAgain.code, statusAgain.stdout + statusAgain.stderr).toBe(0);
      expect(JSON.parse(statusAgain.stdout)).toMatchObject({ planId: 'demo', version: campaign.version });

      expect(await interrupt(script), script.output()).toBe(0);
      expect(await processesMentioning(stateDir)).toEqual([]);

      // --- The shard count is the cluster's for good: another one is refused before anything starts --
      script = startScript(cleanEnv({ KYHAN_STACK_DIR: stateDir, KYHAN_TEMPORAL_SHARDS: '8', ...(await ports()) }));
      expect(await script.exited, script.output()).not.toBe(0);
      expect(script.output()).toContain('was created with 4 history shards');
      expect(script.output()).toContain('KYHAN_TEMPORAL_SHARDS');
      expect(await processesMentioning(stateDir)).toEqual([]);
      keep = false;
    } finally {
      // A step above failed while it ran: Ctrl-C it (tsx passes the signal on to the script), as a person would.
      if (script && keep) await interrupt(script).catch(() => undefined);
      // A stop that hung too: nothing of this stack may outlive the test (its parts run in process groups of their own).
      if (keep) {
        for (const found of await processesMentioning(stateDir)) {
          try {
            process.kill(Number(found.split(':')[0]), 'SIGKILL');
          } catch {
            // Gone meanwhile.
          }
        }
      }
      if (keep) console.log(`stack command: kept ${dir}\n${script?.output() ?? ''}`);
      else await rm(dir, { recursive: true, force: true });
    }
  });
});
