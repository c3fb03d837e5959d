/**
 * A PostgreSQL cluster of our own, for the production-like stack (`npm run stack`) and the tests:
 * Debian's binaries (`/usr/lib/postgresql/<newest>/bin`, or `KYHAN_PG_BIN`), a data directory we
 * choose, loopback TCP only, trust authentication, superuser `postgres`.
 *
 * The first start of an empty data directory runs initdb; a later start reuses the data. PostgreSQL
 * refuses to run as root, so when we are root the server runs as the `postgres` user (the data
 * directory is handed to it). The server is our child process: `stop()` shuts it down cleanly,
 * `kill()` crashes it (SIGKILL, as a power cut would), and it dies with the Node process that
 * started it.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, chownSync, closeSync, constants, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './temporal-servers';

/** How long a start (or a crash recovery on start) may take before we give up: generous for a busy 2-core machine. */
const READY_TIMEOUT_MS = 60_000;
/** Grace period for a fast shutdown (SIGINT: sessions cut, checkpoint written) before SIGKILL. */
const STOP_GRACE_MS = 20_000;
/** Unix socket paths are limited to 107 bytes; past a safe length the server listens on TCP only. */
const MAX_SOCKET_DIR_LENGTH = 80;
const DEBIAN_PG_ROOT = '/usr/lib/postgresql';

const run = promisify(execFile);

export class PostgresUnavailableError extends Error {
  override name = 'PostgresUnavailableError';
}

export interface PostgresClusterOptions {
  /** The cluster's data directory: created and initialised when missing or empty, reused otherwise. */
  dataDir: string;
  /** TCP port on 127.0.0.1; omitted = a free one. */
  port?: number;
  /**
   * Where the server's own log goes: 'file' (default) = `<dataDir>/server.log`, appended to and quoted
   * in the error when a start fails; 'inherit' = this process's output; 'ignore' = nowhere.
   */
  log?: 'file' | 'inherit' | 'ignore';
  /** For tests: no fsync (a crash of the machine may lose data) and `stop()` deletes the data directory. */
  throwaway?: boolean;
  /** Server settings for this run, e.g. `{ max_connections: '200' }` (passed as `-c name=value`). */
  settings?: Record<string, string>;
  /**
   * Run the server in its own process group, so a Ctrl-C in the terminal reaches only the caller,
   * which stops the server itself after its workers have drained (`npm run stack`).
   */
  ownProcessGroup?: boolean;
}

export interface RunningPostgresCluster {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly dataDir: string;
  /** The postmaster's process id. */
  readonly pid: number;
  /** A connection URL for `database` (default `postgres`) as the superuser, e.g. for KYHAN_DATABASE_URL. */
  url(database?: string): string;
  /** Creates `name` unless it exists (safe to call on every start, and from two callers at once). */
  createDatabase(name: string): Promise<void>;
  /** Fast shutdown (open sessions are cut), waits for the process to exit. Safe to call twice. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash would: the next start on the data directory recovers from the WAL. */
  kill(): Promise<void>;
}

/** The directory holding initdb, postgres and psql: `KYHAN_PG_BIN`, else Debian's newest version. */
export function findPostgresBin(env: Record<string, string | undefined> = process.env): string {
  const fromEnv = env.KYHAN_PG_BIN;
  if (fromEnv) {
    for (const tool of ['initdb', 'postgres', 'pg_isready', 'psql']) {
      try {
        accessSync(join(fromEnv, tool), constants.X_OK);
      } catch {
        throw new PostgresUnavailableError(`KYHAN_PG_BIN=${fromEnv} has no executable ${tool}: point it at PostgreSQL's bin directory (the one holding initdb and postgres) or unset it.`);
      }
    }
    return fromEnv;
  }
  const versions = existsSync(DEBIAN_PG_ROOT)
    ? readdirSync(DEBIAN_PG_ROOT)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(DEBIAN_PG_ROOT, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new PostgresUnavailableError(
      `No PostgreSQL server found (${DEBIAN_PG_ROOT}/<version>/bin/initdb): run \`npm run stack:prepare\` (installs Debian's postgresql as root), or set KYHAN_PG_BIN to the bin directory of a PostgreSQL 15 or later.`,
    );
  }
  return join(DEBIAN_PG_ROOT, versions[0]!, 'bin');
}

/** The major version of the binaries in `bin`, e.g. 15. */
async function binaryMajorVersion(bin: string): Promise<number> {
  const { stdout } = await run(join(bin, 'postgres'), ['--version']);
  const major = /\(PostgreSQL\)\s+(\d+)/.exec(stdout)?.[1];
  if (!major) throw new PostgresUnavailableError(`Cannot tell the version of ${join(bin, 'postgres')} from ${JSON.stringify(stdout.trim())}`);
  return Number(major);
}

/** The user the server runs as: `postgres` when we are root (PostgreSQL refuses root), else ourselves. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const ids = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = ids('-u');
  const gid = ids('-g');
  if (uid.status !== 0 || gid.status !== 0) {
    throw new PostgresUnavailableError('Running as root, PostgreSQL must run as another user and there is no `postgres` user: install Debian\'s postgresql package (`npm run stack:prepare`) or run as an ordinary user.');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Makes `dataDir` exist, belong to the server's user and be reachable by it; true when it needs initdb. */
function prepareDataDir(dataDir: string, user: { uid: number; gid: number } | undefined): boolean {
  // Parents with the usual mode (the server's user must enter them), the data directory private.
  mkdirSync(dirname(dataDir), { recursive: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const entries = readdirSync(dataDir).filter((name) => name !== 'server.log');
  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  if (!initialised && entries.length > 0) {
    throw new PostgresUnavailableError(`${dataDir} is neither empty nor a PostgreSQL data directory (no PG_VERSION): give the cluster an empty or new directory.`);
  }
  if (user) {
    chownSync(dataDir, user.uid, user.gid);
    const reach = spawnSync('test', ['-w', dataDir, '-a', '-x', dataDir], { uid: user.uid, gid: user.gid });
    if (reach.status !== 0) {
      throw new PostgresUnavailableError(
        `The server runs as the postgres user, which cannot reach ${dataDir}: choose a directory whose every parent it may enter (e.g. under /tmp or /var/lib), or allow it (chmod o+x on the parents).`,
      );
    }
  }
  return !initialised;
}

function socketDirFor(dataDir: string): string {
  // An empty list turns Unix sockets off; clients then use TCP, as they do anyway.
  return dataDir.length <= MAX_SOCKET_DIR_LENGTH ? dataDir : '';
}

function logTail(path: string | undefined): string {
  if (!path) return '';
  try {
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    return `\n--- last lines of ${path} ---\n${lines.slice(-15).join('\n')}`;
  } catch {
    return '';
  }
}

async function initdb(bin: string, dataDir: string, user: { uid: number; gid: number } | undefined): Promise<void> {
  const args = ['-D', dataDir, '-U', 'postgres', '--auth-host=trust', '--auth-local=trust', '--encoding=UTF8', '--locale=C', '--no-instructions'];
  await new Promise<void>((resolvePromise, reject) => {
    const child = spawn(join(bin, 'initdb'), args, { stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}) });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolvePromise();
      else reject(new PostgresUnavailableError(`initdb of ${dataDir} failed (exit ${code}):\n${output.trim()}`));
    });
  });
}

/** Exit of `child`, whatever its state now. */
function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => child.once('exit', () => resolvePromise()));
}

async function waitUntilReady(bin: string, port: number, child: ChildProcess, logPath: string | undefined): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new PostgresUnavailableError(`PostgreSQL exited (${child.exitCode ?? child.signalCode}) before accepting connections on 127.0.0.1:${port}${logTail(logPath)}`);
    }
    const probe = spawnSync(join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-t', '1']);
    if (probe.status === 0) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new PostgresUnavailableError(`PostgreSQL did not accept connections on 127.0.0.1:${port} within ${READY_TIMEOUT_MS / 1000}s${logTail(logPath)}`);
}

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Starts (after initdb when new) a PostgreSQL cluster on `options.dataDir`; see the module comment. */
export async function startPostgresCluster(options: PostgresClusterOptions): Promise<RunningPostgresCluster> {
  const bin = findPostgresBin();
  const dataDir = resolve(options.dataDir);
  const port = options.port ?? (await freePort());
  const user = serverUser();

  if (prepareDataDir(dataDir, user)) await initdb(bin, dataDir, user);
  const dataMajor = Number(readFileSync(join(dataDir, 'PG_VERSION'), 'utf8').trim());
  const binMajor = await binaryMajorVersion(bin);
  if (dataMajor !== binMajor) {
    throw new PostgresUnavailableError(
      `${dataDir} holds a PostgreSQL ${dataMajor} cluster but the binaries in ${bin} are PostgreSQL ${binMajor}: set KYHAN_PG_BIN=/usr/lib/postgresql/${dataMajor}/bin, or upgrade the data with pg_upgrade (or pg_dump and restore).`,
    );
  }

  const logMode = options.log ?? 'file';
  const logPath = logMode === 'file' ? join(dataDir, 'server.log') : undefined;
  const logFd = logPath ? openSync(logPath, 'a', 0o600) : undefined;
  if (logPath && user) chownSync(logPath, user.uid, user.gid);
  const output: number | 'inherit' | 'ignore' = logFd ?? (logMode === 'inherit' ? 'inherit' : 'ignore');

  const args = ['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', socketDirFor(dataDir)];
  if (options.throwaway) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  for (const [name, value] of Object.entries(options.settings ?? {})) args.push('-c', `${name}=${value}`);
  const child: ChildProcess = spawn(join(bin, 'postgres'), args, {
    stdio: ['ignore', output, output],
    detached: options.ownProcessGroup ?? false,
    ...(user ?? {}),
  });
  if (logFd !== undefined) closeSync(logFd); // The child holds its own copy.
  // If this Node process dies, do not leave the server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  const spawnFailed = new Promise<never>((_, reject) => child.once('error', (err: Error) => reject(new PostgresUnavailableError(`Cannot start ${join(bin, 'postgres')}: ${err.message}`))));
  spawnFailed.catch(() => undefined);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const hardKill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        child.kill('SIGINT');
        await exited(child);
        clearTimeout(hardKill);
      }
      if (options.throwaway) rmSync(dataDir, { recursive: true, force: true });
    })();
    return stopping;
  };

  try {
    await Promise.race([waitUntilReady(bin, port, child, logPath), spawnFailed]);
  } catch (err) {
    await stop();
    throw err;
  }

  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  const psql = (sql: string) =>
    run(join(bin, 'psql'), ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-d', url(), '-c', sql], { env: { ...process.env, PGCONNECT_TIMEOUT: '10' } });

  return {
    host: '127.0.0.1',
    port,
    dataDir,
    pid: child.pid!,
    url,
    async createDatabase(name) {
      const exists = async () => (await psql(`SELECT 1 FROM pg_database WHERE datname = ${quoteLiteral(name)}`)).stdout.trim() === '1';
      if (await exists()) return;
      try {
        await psql(`CREATE DATABASE ${quoteIdentifier(name)}`);
      } catch (err) {
        // Another caller created it between our look and our create.
        if (!(await exists())) throw new PostgresUnavailableError(`CREATE DATABASE ${name} failed: ${(err as { stderr?: string }).stderr?.trim() ?? String(err)}`);
      }
    },
    stop,
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
      if (options.throwaway) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
