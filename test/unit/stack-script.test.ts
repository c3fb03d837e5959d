/**
 * `npm run stack` refusing to start: each failure is one line naming the variable and the fix,
 * and nothing is left behind (no process, no lock on the state directory). The programs are
 * stand-ins (`/bin/true`): these checks come before any of them runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/temporal-servers';

const SCRIPT_TIMEOUT_MS = 60_000;

function runStack(env: Record<string, string>): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/stack.ts'], {
    env: {
      ...process.env,
      KYHAN_TEMPORAL_SERVER: '/bin/true',
      KYHAN_TEMPORAL_SQL_TOOL: '/bin/true',
      KYHAN_TEMPORAL_UI: '/bin/true',
      KYHAN_NODE: process.execPath,
      ...env,
    },
    encoding: 'utf8',
    timeout: SCRIPT_TIMEOUT_MS,
  });
  return { status: result.status, stderr: result.stderr };
}

async function freePorts() {
  return {
    KYHAN_POSTGRES_PORT: String(await freePort()),
    KYHAN_TEMPORAL_PORT: String(await freePort()),
    KYHAN_UI_PORT: String(await freePort()),
    KYHAN_WEB_PORT: String(await freePort()),
    KYHAN_SMTP_PORT: String(await freePort()),
  };
}

describe('npm run stack refuses to start', () => {
  let holder: Server | undefined;
  afterEach(() => {
    holder?.close();
    holder = undefined;
  });

  it('on a port in use, naming it, what it is for and the variable', { timeout: SCRIPT_TIMEOUT_MS }, async () => {
    const stateDir = join(mkdtempSync(join(tmpdir(), 'kyhan-stack-script-')), 'stack');
    const ports = await freePorts();
    holder = createServer();
    await new Promise<void>((done) => holder!.listen(Number(ports.KYHAN_UI_PORT), '127.0.0.1', done));

    const { status, stderr } = runStack({ ...ports, KYHAN_STACK_DIR: stateDir });
    expect(status).toBe(1);
    expect(stderr.trim()).toBe(
      `Port ${ports.KYHAN_UI_PORT} on 127.0.0.1 (Temporal Web UI) is already in use. Fix: stop what holds it (another \`npm run stack\` or \`npm start\`?) or set KYHAN_UI_PORT.`,
    );
    // Nothing started, and the state directory is not left locked.
    expect(existsSync(join(stateDir, 'stack.pid'))).toBe(false);
    expect(existsSync(join(stateDir, 'postgres'))).toBe(false);
  });

  it('on one port given for two parts', { timeout: SCRIPT_TIMEOUT_MS }, async () => {
    const ports = await freePorts();
    const { status, stderr } = runStack({ ...ports, KYHAN_WEB_PORT: ports.KYHAN_TEMPORAL_PORT, KYHAN_STACK_DIR: join(mkdtempSync(join(tmpdir(), 'kyhan-stack-script-')), 'stack') });
    expect(status).toBe(1);
    expect(stderr).toContain(`Port ${ports.KYHAN_TEMPORAL_PORT} is given twice: for the Temporal frontend (KYHAN_TEMPORAL_PORT) and the kyhan web app (KYHAN_WEB_PORT)`);
  });

  it('on bad stack settings, listing each with its fix', { timeout: SCRIPT_TIMEOUT_MS }, () => {
    const { status, stderr } = runStack({ KYHAN_STACK_WORKERS: 'two', KYHAN_STACK_LOG: 'loud', KYHAN_TEMPORAL_SHARDS: '0' });
    expect(status).toBe(2);
    expect(stderr).toContain('KYHAN_STACK_WORKERS: must be a whole number, e.g. 2 (received "two")');
    expect(stderr).toContain('KYHAN_STACK_LOG: must be file');
    expect(stderr).toContain('KYHAN_TEMPORAL_SHARDS: must be 1 or more');
  });

  it('on a program that is not there, naming its variable', { timeout: SCRIPT_TIMEOUT_MS }, async () => {
    const { status, stderr } = runStack({ ...(await freePorts()), KYHAN_TEMPORAL_SERVER: '/nonexistent/temporal-server', KYHAN_STACK_DIR: join(mkdtempSync(join(tmpdir(), 'kyhan-stack-script-')), 'stack') });
    expect(status).toBe(2);
    expect(stderr.trim()).toBe('KYHAN_TEMPORAL_SERVER=/nonexistent/temporal-server is not an executable file: point it at Temporal server 1.32.1 or unset it.');
  });
});
