/**
 * scripts/prepare-stack.sh and scripts/prepare-node.sh with every program named by its
 * variable: nothing is built or fetched, so these run in milliseconds and check what the
 * scripts say about good and bad overrides.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
let program: string;
let pgBin: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kyhan-prepare-stack-'));
  program = join(dir, 'program');
  writeFileSync(program, '#!/bin/sh\n');
  chmodSync(program, 0o755);
  pgBin = join(dir, 'pg-bin');
  mkdirSync(pgBin);
  for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
    writeFileSync(join(pgBin, tool), '#!/bin/sh\n');
    chmodSync(join(pgBin, tool), 0o755);
  }
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(script: string, env: Record<string, string>, args: string[] = []) {
  const result = spawnSync('bash', [`scripts/${script}`, ...args], {
    // An empty cache: a script that tried to build or fetch would fail the test by its slowness and its output.
    env: { PATH: process.env.PATH ?? '', HOME: dir, KYHAN_CACHE_DIR: join(dir, 'cache'), ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function everyOverride(): Record<string, string> {
  return {
    KYHAN_PG_BIN: pgBin,
    KYHAN_TEMPORAL_SERVER: program,
    KYHAN_TEMPORAL_SQL_TOOL: program,
    KYHAN_TEMPORAL_UI: program,
    KYHAN_NODE: program,
    KYHAN_NODE22: program,
  };
}

describe('prepare-stack.sh', () => {
  it('takes every program from its variable and builds nothing', () => {
    const { status, stderr } = run('prepare-stack.sh', everyOverride());
    expect(stderr).toContain(`[stack] postgresql: ${pgBin} (from KYHAN_PG_BIN)`);
    expect(stderr).toContain(`[stack] temporal server: ${program} (from KYHAN_TEMPORAL_SERVER)`);
    expect(stderr).toContain(`[stack] web ui: ${program} (from KYHAN_TEMPORAL_UI)`);
    expect(stderr).toContain(`[node] node 22: ${program} (from KYHAN_NODE22)`);
    expect(stderr).not.toContain('building');
    expect(status).toBe(0);
  });

  it.each([
    ['KYHAN_TEMPORAL_SERVER', 'a temporal-server binary'],
    ['KYHAN_TEMPORAL_SQL_TOOL', 'a temporal-sql-tool binary'],
    ['KYHAN_TEMPORAL_UI', 'a Temporal UI server binary'],
  ])('stops on %s naming no executable file, and says how to fix it', (variable, what) => {
    const { status, stderr } = run('prepare-stack.sh', { ...everyOverride(), [variable]: dir });
    expect(stderr).toContain(`${variable}=${dir} is not an executable file: point it at ${what} or unset it.`);
    expect(status).toBe(1);
  });

  it('stops on a KYHAN_PG_BIN without PostgreSQL, naming the missing program', () => {
    const { status, stderr } = run('prepare-stack.sh', { ...everyOverride(), KYHAN_PG_BIN: dir });
    expect(stderr).toContain(`KYHAN_PG_BIN=${dir} has no executable initdb: point it at PostgreSQL's bin directory or unset it.`);
    expect(status).toBe(1);
  });
});

describe('prepare-node.sh', () => {
  it('prints the bin directory of each release asked for, in order, for PATH', () => {
    const { status, stdout } = run('prepare-node.sh', everyOverride(), ['22', '24']);
    expect(stdout).toBe(`${dir}\n${dir}\n`);
    expect(status).toBe(0);
  });

  it('refuses a release it does not prepare', () => {
    const { status, stderr } = run('prepare-node.sh', everyOverride(), ['20']);
    expect(stderr).toContain("unknown Node major '20': this script prepares 24 and 22.");
    expect(status).toBe(2);
  });

  it('stops on KYHAN_NODE naming no executable file', () => {
    const { status, stderr, stdout } = run('prepare-node.sh', { KYHAN_NODE: join(dir, 'missing') }, ['24']);
    expect(stderr).toContain(`KYHAN_NODE=${join(dir, 'missing')} is not an executable file: point it at a Node 24 binary or unset it.`);
    expect(stdout).toBe('');
    expect(status).toBe(1);
  });
});
