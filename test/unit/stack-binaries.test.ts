import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  findNode,
  findPostgresBinaries,
  findTemporalPostgresSchema,
  findTemporalServer,
  findTemporalSqlTool,
  findTemporalUi,
  NODE_VERSIONS,
  StackBinaryMissingError,
  stackCacheDir,
  TEMPORAL_SERVER_VERSION,
  TEMPORAL_UI_VERSION,
} from '../../scripts/lib/stack-binaries';

/** The value of `NAME=value` in a prepare script: the script and the finder must agree. */
function pinned(script: string, name: string): string | undefined {
  const text = readFileSync(new URL(`../../scripts/${script}`, import.meta.url), 'utf8');
  return new RegExp(`^${name}=(\\S+)`, 'm').exec(text)?.[1];
}

let cache: string;
beforeEach(() => {
  cache = mkdtempSync(join(tmpdir(), 'kyhan-stack-binaries-'));
});
afterEach(() => {
  rmSync(cache, { recursive: true, force: true });
});

function executable(path: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

function plainFile(path: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, '');
  return path;
}

/** An environment that sees only the temporary cache. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { KYHAN_CACHE_DIR: cache, PATH: '', ...extra };
}

describe('stack binaries: versions', () => {
  it('are the ones the prepare scripts build', () => {
    expect(pinned('prepare-stack.sh', 'TEMPORAL_SERVER_VERSION')).toBe(TEMPORAL_SERVER_VERSION);
    expect(pinned('prepare-stack.sh', 'TEMPORAL_UI_VERSION')).toBe(TEMPORAL_UI_VERSION);
    expect(pinned('prepare-node.sh', 'NODE24_VERSION')).toBe(NODE_VERSIONS[24]);
    expect(pinned('prepare-node.sh', 'NODE22_VERSION')).toBe(NODE_VERSIONS[22]);
  });
});

describe('stack binaries: the cache', () => {
  it('is KYHAN_CACHE_DIR, else XDG_CACHE_HOME/kyhan, as in the shell scripts (an empty variable counts as unset)', () => {
    expect(stackCacheDir({ KYHAN_CACHE_DIR: '/c' })).toBe('/c');
    expect(stackCacheDir({ KYHAN_CACHE_DIR: '', XDG_CACHE_HOME: '/x' })).toBe('/x/kyhan');
  });

  it('finds every prepared program where prepare-stack.sh and prepare-node.sh put it', () => {
    const server = executable(join(cache, `temporal-server-${TEMPORAL_SERVER_VERSION}`, 'temporal-server'));
    const sqlTool = executable(join(cache, `temporal-server-${TEMPORAL_SERVER_VERSION}`, 'temporal-sql-tool'));
    const schema = join(cache, `temporal-server-${TEMPORAL_SERVER_VERSION}`, 'schema', 'postgresql', 'v12');
    mkdirSync(join(schema, 'temporal', 'versioned'), { recursive: true });
    mkdirSync(join(schema, 'visibility', 'versioned'), { recursive: true });
    const ui = executable(join(cache, `temporal-ui-${TEMPORAL_UI_VERSION}`, 'temporal-ui-server'));
    const node24 = executable(join(cache, `node-${NODE_VERSIONS[24]}`, 'bin', 'node'));
    const node22 = executable(join(cache, `node-${NODE_VERSIONS[22]}`, 'bin', 'node'));

    expect(findTemporalServer(env())).toBe(server);
    expect(findTemporalSqlTool(env())).toBe(sqlTool);
    expect(findTemporalPostgresSchema(env())).toEqual({
      temporal: join(schema, 'temporal', 'versioned'),
      visibility: join(schema, 'visibility', 'versioned'),
    });
    expect(findTemporalUi(env())).toBe(ui);
    expect(findNode(24, env())).toBe(node24);
    expect(findNode(22, env())).toBe(node22);
  });

  it('says what is missing, where it looked, and to run npm run stack:prepare', () => {
    const cases: [() => unknown, string, string][] = [
      [() => findTemporalServer(env()), 'KYHAN_TEMPORAL_SERVER', `Temporal server ${TEMPORAL_SERVER_VERSION} not found at ${cache}/`],
      [() => findTemporalSqlTool(env()), 'KYHAN_TEMPORAL_SQL_TOOL', `temporal-sql-tool ${TEMPORAL_SERVER_VERSION} not found`],
      [() => findTemporalUi(env()), 'KYHAN_TEMPORAL_UI', `Temporal Web UI server ${TEMPORAL_UI_VERSION} not found`],
      [() => findNode(24, env()), 'KYHAN_NODE', `Node ${NODE_VERSIONS[24]} not found`],
      [() => findNode(22, env()), 'KYHAN_NODE22', `Node ${NODE_VERSIONS[22]} not found`],
    ];
    for (const [find, variable, what] of cases) {
      expect(find).toThrow(StackBinaryMissingError);
      expect(find).toThrow(what);
      expect(find).toThrow(`Fix: run \`npm run stack:prepare\`, or set ${variable} to your own build.`);
    }
  });

  it('does not take a cached file that is not executable (a build cut short by hand)', () => {
    plainFile(join(cache, `temporal-server-${TEMPORAL_SERVER_VERSION}`, 'temporal-server'));
    expect(() => findTemporalServer(env())).toThrow('not found at');
  });

  it('wants the schema beside the SQL tool', () => {
    executable(join(cache, `temporal-server-${TEMPORAL_SERVER_VERSION}`, 'temporal-sql-tool'));
    expect(() => findTemporalPostgresSchema(env())).toThrow(/PostgreSQL schema not found at .*temporal\/versioned\. Fix: run `npm run stack:prepare`, or set KYHAN_TEMPORAL_SCHEMA/);
  });
});

describe('stack binaries: environment overrides', () => {
  it('come first, over the cache', () => {
    executable(join(cache, `temporal-server-${TEMPORAL_SERVER_VERSION}`, 'temporal-server'));
    const mine = executable(join(cache, 'mine', 'temporal-server'));
    expect(findTemporalServer(env({ KYHAN_TEMPORAL_SERVER: mine }))).toBe(mine);
    expect(findNode(24, env({ KYHAN_NODE: mine }))).toBe(mine);
    expect(findNode(22, env({ KYHAN_NODE22: mine }))).toBe(mine);
    expect(findTemporalUi(env({ KYHAN_TEMPORAL_UI: mine }))).toBe(mine);
  });

  it('must name an executable file: the error names the variable and the way out', () => {
    const notExecutable = plainFile(join(cache, 'server.txt'));
    expect(() => findTemporalServer(env({ KYHAN_TEMPORAL_SERVER: notExecutable }))).toThrow(
      `KYHAN_TEMPORAL_SERVER=${notExecutable} is not an executable file: point it at Temporal server ${TEMPORAL_SERVER_VERSION} or unset it.`,
    );
    expect(() => findTemporalSqlTool(env({ KYHAN_TEMPORAL_SQL_TOOL: cache }))).toThrow(`KYHAN_TEMPORAL_SQL_TOOL=${cache} is not an executable file`);
    expect(() => findNode(22, env({ KYHAN_NODE22: join(cache, 'nope') }))).toThrow('KYHAN_NODE22=');
  });

  it('KYHAN_TEMPORAL_SQL_TOOL brings its own schema from beside it, or KYHAN_TEMPORAL_SCHEMA names one', () => {
    const tool = executable(join(cache, 'mine', 'temporal-sql-tool'));
    mkdirSync(join(cache, 'mine', 'schema', 'postgresql', 'v12', 'temporal', 'versioned'), { recursive: true });
    mkdirSync(join(cache, 'mine', 'schema', 'postgresql', 'v12', 'visibility', 'versioned'), { recursive: true });
    expect(findTemporalPostgresSchema(env({ KYHAN_TEMPORAL_SQL_TOOL: tool })).visibility).toBe(
      join(cache, 'mine', 'schema', 'postgresql', 'v12', 'visibility', 'versioned'),
    );
    expect(findTemporalPostgresSchema(env({ KYHAN_TEMPORAL_SCHEMA: join(cache, 'mine', 'schema') })).temporal).toBe(
      join(cache, 'mine', 'schema', 'postgresql', 'v12', 'temporal', 'versioned'),
    );
    expect(() => findTemporalPostgresSchema(env({ KYHAN_TEMPORAL_SCHEMA: cache }))).toThrow(`KYHAN_TEMPORAL_SCHEMA=${cache} has no ${cache}/postgresql/v12/temporal/versioned`);
  });

  it('KYHAN_PG_BIN must hold initdb, pg_ctl and postgres', () => {
    const bin = join(cache, 'pg', 'bin');
    executable(join(bin, 'initdb'));
    expect(() => findPostgresBinaries(env({ KYHAN_PG_BIN: bin }))).toThrow(`KYHAN_PG_BIN=${bin} has no executable pg_ctl, postgres: point it at PostgreSQL's bin directory or unset it.`);
    executable(join(bin, 'pg_ctl'));
    executable(join(bin, 'postgres'));
    expect(findPostgresBinaries(env({ KYHAN_PG_BIN: bin }))).toEqual({
      binDir: bin,
      initdb: join(bin, 'initdb'),
      pgCtl: join(bin, 'pg_ctl'),
      postgres: join(bin, 'postgres'),
    });
  });
});
