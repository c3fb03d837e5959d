/**
 * Where the programs of the production topology without Docker are: the Temporal server, its
 * SQL tool and PostgreSQL schema, the Web UI server, PostgreSQL's own programs, and the Node
 * releases kyhan runs on.
 *
 * `npm run stack:prepare` (scripts/prepare-stack.sh, which runs scripts/prepare-node.sh too)
 * puts them into a per-user cache keyed by version; each finder looks at its environment variable first, then at that cache,
 * and otherwise throws a StackBinaryMissingError that names the variable and the command that
 * fixes it. The versions here must match the scripts' (test/unit/stack-binaries.test.ts checks).
 */
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { ExitCode, UserFacingError } from '../../workers/process';

export const TEMPORAL_SERVER_VERSION = '1.32.1';
export const TEMPORAL_UI_VERSION = '2.54.1';
/** The Node releases scripts/prepare-node.sh fetches: 24 is the runtime, 22 the oldest supported. */
export const NODE_VERSIONS = { 24: '24.22.3', 22: '22.23.5' } as const;
export type NodeMajor = keyof typeof NODE_VERSIONS;

const PREPARE_STACK = 'npm run stack:prepare';

/** Thrown when a program of the stack is neither named by its variable nor prepared in the cache. */
export class StackBinaryMissingError extends UserFacingError {
  override name = 'StackBinaryMissingError';
  constructor(message: string) {
    super(message, ExitCode.badConfiguration);
  }
}

/** The cache the prepare scripts build into: $KYHAN_CACHE_DIR, else $XDG_CACHE_HOME/kyhan, else ~/.cache/kyhan. */
export function stackCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.KYHAN_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kyhan');
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The program named by `variable` when set (it must be executable), else the cached one. */
function findProgram(env: NodeJS.ProcessEnv, variable: string, what: string, cached: string, fix: string): string {
  const override = env[variable];
  if (override) {
    if (!isExecutableFile(override)) {
      throw new StackBinaryMissingError(`${variable}=${override} is not an executable file: point it at ${what} or unset it.`);
    }
    return override;
  }
  if (!isExecutableFile(cached)) {
    throw new StackBinaryMissingError(`${what} not found at ${cached}. Fix: run \`${fix}\`, or set ${variable} to your own build.`);
  }
  return cached;
}

function temporalServerDir(env: NodeJS.ProcessEnv): string {
  return join(stackCacheDir(env), `temporal-server-${TEMPORAL_SERVER_VERSION}`);
}

/** The `temporal-server` binary (KYHAN_TEMPORAL_SERVER, else the cached v1.32.1). */
export function findTemporalServer(env: NodeJS.ProcessEnv = process.env): string {
  const cached = join(temporalServerDir(env), 'temporal-server');
  return findProgram(env, 'KYHAN_TEMPORAL_SERVER', `Temporal server ${TEMPORAL_SERVER_VERSION}`, cached, PREPARE_STACK);
}

/** The `temporal-sql-tool` binary that creates and updates the server's schema (KYHAN_TEMPORAL_SQL_TOOL, else cached). */
export function findTemporalSqlTool(env: NodeJS.ProcessEnv = process.env): string {
  const cached = join(temporalServerDir(env), 'temporal-sql-tool');
  return findProgram(env, 'KYHAN_TEMPORAL_SQL_TOOL', `temporal-sql-tool ${TEMPORAL_SERVER_VERSION}`, cached, PREPARE_STACK);
}

/** The versioned schema directories `temporal-sql-tool update-schema --schema-dir` takes, one per database. */
export interface TemporalPostgresSchema {
  /** `<schema>/postgresql/v12/temporal/versioned`: the `temporal` database. */
  readonly temporal: string;
  /** `<schema>/postgresql/v12/visibility/versioned`: the `temporal_visibility` database. */
  readonly visibility: string;
}

/**
 * The PostgreSQL schema of the server release in use: KYHAN_TEMPORAL_SCHEMA (a `schema`
 * directory of the Temporal server's source), else the `schema` directory beside the SQL tool
 * (where prepare-stack.sh copies it), so an overridden tool is paired with its own schema.
 */
export function findTemporalPostgresSchema(env: NodeJS.ProcessEnv = process.env): TemporalPostgresSchema {
  const variable = 'KYHAN_TEMPORAL_SCHEMA';
  const root = env[variable] || join(dirname(findTemporalSqlTool(env)), 'schema');
  const schema = {
    temporal: join(root, 'postgresql', 'v12', 'temporal', 'versioned'),
    visibility: join(root, 'postgresql', 'v12', 'visibility', 'versioned'),
  };
  const missing = Object.values(schema).find((dir) => !isDirectory(dir));
  if (missing === undefined) return schema;
  if (env[variable]) {
    throw new StackBinaryMissingError(`${variable}=${env[variable]} has no ${missing}: point it at the schema directory of the Temporal server's source or unset it.`);
  }
  throw new StackBinaryMissingError(
    `Temporal's PostgreSQL schema not found at ${missing}. Fix: run \`${PREPARE_STACK}\`, or set ${variable} to the schema directory of the Temporal server's source.`,
  );
}

/** The Temporal Web UI server binary (KYHAN_TEMPORAL_UI, else the cached v2.54.1). */
export function findTemporalUi(env: NodeJS.ProcessEnv = process.env): string {
  const cached = join(stackCacheDir(env), `temporal-ui-${TEMPORAL_UI_VERSION}`, 'temporal-ui-server');
  return findProgram(env, 'KYHAN_TEMPORAL_UI', `Temporal Web UI server ${TEMPORAL_UI_VERSION}`, cached, PREPARE_STACK);
}

/** PostgreSQL's server programs, all from one release. */
export interface PostgresBinaries {
  readonly binDir: string;
  readonly initdb: string;
  readonly pgCtl: string;
  readonly postgres: string;
}

const POSTGRES_PROGRAMS = ['initdb', 'pg_ctl', 'postgres'] as const;

function postgresBinaries(binDir: string): PostgresBinaries {
  return { binDir, initdb: join(binDir, 'initdb'), pgCtl: join(binDir, 'pg_ctl'), postgres: join(binDir, 'postgres') };
}

function hasPostgresPrograms(binDir: string): boolean {
  return POSTGRES_PROGRAMS.every((program) => isExecutableFile(join(binDir, program)));
}

/** Debian's /usr/lib/postgresql/<major>/bin directories, newest major first. */
function debianPostgresBinDirs(root = '/usr/lib/postgresql'): string[] {
  let majors: string[];
  try {
    majors = readdirSync(root).filter((name) => /^\d+(\.\d+)?$/.test(name));
  } catch {
    return [];
  }
  return majors.sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a)).map((major) => join(root, major, 'bin'));
}

/**
 * initdb, pg_ctl and postgres: from KYHAN_PG_BIN (a bin directory), else the newest of
 * Debian's /usr/lib/postgresql/<major>/bin, else the directory of `initdb` on PATH (other
 * distributions put it in /usr/bin).
 */
export function findPostgresBinaries(env: NodeJS.ProcessEnv = process.env): PostgresBinaries {
  const override = env.KYHAN_PG_BIN;
  if (override) {
    const missing = POSTGRES_PROGRAMS.filter((program) => !isExecutableFile(join(override, program)));
    if (missing.length > 0) {
      throw new StackBinaryMissingError(`KYHAN_PG_BIN=${override} has no executable ${missing.join(', ')}: point it at PostgreSQL's bin directory or unset it.`);
    }
    return postgresBinaries(override);
  }
  const onPath = (env.PATH ?? '').split(delimiter).filter((dir) => dir && existsSync(join(dir, 'initdb')));
  const found = [...debianPostgresBinDirs(), ...onPath].find(hasPostgresPrograms);
  if (found) return postgresBinaries(found);
  throw new StackBinaryMissingError(
    `PostgreSQL not found (no initdb, pg_ctl and postgres in /usr/lib/postgresql/*/bin or on PATH). Fix: run \`${PREPARE_STACK}\` (as root it installs Debian's postgresql), or set KYHAN_PG_BIN to PostgreSQL's bin directory.`,
  );
}

const NODE_VARIABLES: Record<NodeMajor, string> = { 24: 'KYHAN_NODE', 22: 'KYHAN_NODE22' };

/** The node binary of a supported release: KYHAN_NODE (24) or KYHAN_NODE22 (22), else the cached one. */
export function findNode(major: NodeMajor, env: NodeJS.ProcessEnv = process.env): string {
  const version = NODE_VERSIONS[major];
  const cached = join(stackCacheDir(env), `node-${version}`, 'bin', 'node');
  return findProgram(env, NODE_VARIABLES[major], `Node ${version}`, cached, PREPARE_STACK);
}
