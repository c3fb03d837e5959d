/**
 * The stack's ports: the ones people use (PostgreSQL, Temporal's frontend, the Web UI, the web
 * app, the mail catcher) are chosen by the caller or picked free; Temporal's internal ones are
 * picked free at every start. Each is checked before anything starts, so a taken port fails
 * at once with its name and the fix, not late and vaguely inside a server's log.
 */
import { createServer } from 'node:net';
import { freePort } from '../temporal-servers';
import type { TemporalServerPorts } from './temporal-config';

export interface StackPorts {
  postgres: number;
  temporal: number;
  ui: number;
  web: number;
  /** The mail catcher's SMTP port (unused when an SMTP server is given). */
  smtp: number;
}

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/** What each public port is, and the variable `npm run stack` reads it from. */
export const PORT_NAMES: Record<keyof StackPorts, { what: string; variable: string }> = {
  postgres: { what: 'PostgreSQL', variable: 'KYHAN_POSTGRES_PORT' },
  temporal: { what: 'Temporal frontend', variable: 'KYHAN_TEMPORAL_PORT' },
  ui: { what: 'Temporal Web UI', variable: 'KYHAN_UI_PORT' },
  web: { what: 'kyhan web app', variable: 'KYHAN_WEB_PORT' },
  smtp: { what: 'mail catcher', variable: 'KYHAN_SMTP_PORT' },
};

/** Fills in missing ports with free ones. */
export async function choosePorts(given: Partial<StackPorts> = {}): Promise<StackPorts> {
  const pick = async (port: number | undefined) => port ?? (await freePort());
  return {
    postgres: await pick(given.postgres),
    temporal: await pick(given.temporal),
    ui: await pick(given.ui),
    web: await pick(given.web),
    smtp: await pick(given.smtp),
  };
}

/** Temporal's internal services' ports, free right now. */
export async function chooseTemporalPorts(frontend: number): Promise<TemporalServerPorts> {
  const ports: number[] = [];
  // freePort() may hand back a port it gave a moment ago: ask until eight distinct ones are found.
  while (ports.length < 8) {
    const port = await freePort();
    if (port !== frontend && !ports.includes(port)) ports.push(port);
  }
  const [frontendHttp, frontendMembership, history, historyMembership, matching, matchingMembership, worker, workerMembership] = ports as [number, number, number, number, number, number, number, number];
  return { frontend, frontendHttp, frontendMembership, history, historyMembership, matching, matchingMembership, worker, workerMembership };
}

/** Throws `PortInUseError` naming the port, what it is for and the variable to change. */
export async function assertPortFree(port: number, what: string, variable: string, host = '127.0.0.1'): Promise<void> {
  await new Promise<void>((done, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new PortInUseError(
          err.code === 'EADDRINUSE'
            ? `Port ${port} on ${host} (${what}) is already in use. Fix: stop what holds it (another \`npm run stack\` or \`npm start\`?) or set ${variable}.`
            : `Cannot use port ${port} on ${host} (${what}): ${err.message}. Fix: set ${variable}.`,
        ),
      ),
    );
    probe.listen(port, host, () => probe.close(() => done()));
  });
}

/** Checks every public port the stack will bind; `skip` names the ones it will not (e.g. smtp with a real server). */
export async function assertPortsFree(ports: StackPorts, skip: Array<keyof StackPorts> = []): Promise<void> {
  const seen = new Map<number, keyof StackPorts>();
  for (const key of Object.keys(PORT_NAMES) as Array<keyof StackPorts>) {
    if (skip.includes(key)) continue;
    const { what, variable } = PORT_NAMES[key];
    const other = seen.get(ports[key]);
    if (other) {
      throw new PortInUseError(`Port ${ports[key]} is given twice: for the ${PORT_NAMES[other].what} (${PORT_NAMES[other].variable}) and the ${what} (${variable}). Fix: give each its own port.`);
    }
    seen.set(ports[key], key);
    await assertPortFree(ports[key], what, variable);
  }
}
