/**
 * Temporal's Web UI server (ui-server v2, assets embedded) on loopback, pointed at the stack's
 * frontend. Its configuration is a `base.yaml` written into the state directory at every start.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startChild, type Child, type LogMode } from './child';
import { waitForHttp } from './http-ready';

const STOP_GRACE_MS = 5_000;
const READY_TIMEOUT_MS = 60_000;

export interface WebUiOptions {
  binary: string;
  /** `<stateDir>/temporal-ui`: base.yaml goes there. */
  dir: string;
  port: number;
  temporalAddress: string;
  namespace: string;
  log: LogMode;
  logFile: string;
}

export interface RunningWebUi {
  readonly url: string;
  readonly child: Child;
  stop(): Promise<void>;
}

export async function startWebUi(options: WebUiOptions): Promise<RunningWebUi> {
  const configDir = join(options.dir, 'config');
  mkdirSync(configDir, { recursive: true });
  writeFileSync(
    join(configDir, 'base.yaml'),
    `# Written by npm run stack (scripts/lib/stack/web-ui.ts) at every start.\n${stringify({
      temporalGrpcAddress: options.temporalAddress,
      host: '127.0.0.1',
      port: options.port,
      enableUi: true,
      defaultNamespace: options.namespace,
      // Its default would fetch news from the internet at every page.
      disableNewsFetch: true,
      cors: { allowOrigins: [`http://127.0.0.1:${options.port}`, `http://localhost:${options.port}`], cookieInsecure: true },
    })}`,
  );
  const child = startChild({
    name: 'temporal-ui',
    command: options.binary,
    args: ['--root', options.dir, '--config', 'config', '--env', 'stack', 'start'],
    cwd: options.dir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/' },
    log: options.log,
    logFile: options.logFile,
  });
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitForHttp(url, child, READY_TIMEOUT_MS, 'The Temporal Web UI');
  } catch (err) {
    await child.stop(STOP_GRACE_MS);
    throw err;
  }
  return { url, child, stop: () => child.stop(STOP_GRACE_MS) };
}
