/**
 * The stack's ports: the ones people use (PostgreSQL, Temporal's frontend, the Web UI, the web
 * app, the mail catcher) are chosen by the caller or picked free; Temporal's internal ones are
 * picked free at every start, all below the kernel's ephemeral range (QUIET_PORTS). Each is
 * checked before anything starts, so a taken port fails at once with its name and the fix, not
 * late and vaguely inside a server's log.
 */
import { createServer } from 'node:net';
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

/**
 * Where free ports are picked: below the kernel's ephemeral range (32768–60999 on Linux), for two
 * reasons. Temporal records each service's membership port in PostgreSQL as a SMALLINT
 * (cluster_membership.rpc_port): a port above 32767 makes the server exit at start. And a port
 * picked there stays free until its server binds it seconds later, whereas any outgoing
 * connection on the machine (Temporal's own to PostgreSQL, by the dozen) may be given an
 * ephemeral one meanwhile. Each is picked at random and checked free.
 */
const QUIET_PORTS = { from: 20_000, to: 32_767 };

/** Fills in missing ports with free ones. */
export async function choosePorts(given: Partial<StackPorts> = {}): Promise<StackPorts> {
  const taken = Object.values(given).filter((port): port is number => port !== undefined);
  const pick = async (port: number | undefined) => port ?? taken[taken.push(await freeQuietPort(taken)) - 1]!;
  return {
    postgres: await pick(given.postgres),
    temporal: await pick(given.temporal),
    ui: await pick(given.ui),
    web: await pick(given.web),
    smtp: await pick(given.smtp),
  };
}

async function isFree(port: number): Promise<boolean> {
  return await new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

async function freeQuietPort(taken: number[]): Promise<number> {
  for (;;) {
    const port = QUIET_PORTS.from + Math.floor(Math.random() * (QUIET_PORTS.to - QUIET_PORTS.from + 1));
    if (!taken.includes(port) && (await isFree(port))) return port;
  }
}

/** Temporal's internal services' ports, free right now. */
export async function chooseTemporalPorts(frontend: number): Promise<TemporalServerPorts> {
  const taken: number[] = [frontend];
  const pick = async () => taken[taken.push(await freeQuietPort(taken)) - 1]!;
  return {
    frontend,
    frontendHttp: await pick(),
    frontendMembership: await pick(),
    history: await pick(),
    historyMembership: await pick(),
    matching: await pick(),
    matchingMembership: await pick(),
    worker: await pick(),
    workerMembership: await pick(),
  };
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
