import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateSecretInDatabase, SECRET_FILE } from '../../auth/secret';
import { databaseFromUrl } from '../../storage/database';
import { openKyhanState } from '../../workers/kyhan-state';
import { UserFacingError } from '../../workers/process';
import { freshDatabase, pools } from './databases';

const varDir = mkdtempSync(join(tmpdir(), 'kyhan-state-'));
afterAll(() => rmSync(varDir, { recursive: true, force: true }));

describe('kyhan state from the configuration', () => {
  it('gives every process starting at once the same secret: the first insert wins', async () => {
    const url = await freshDatabase('secret');
    const database = databaseFromUrl(url);
    await database.migrate();
    await database.close();
    const processes = pools(url, 6);
    try {
      const secrets = await Promise.all(processes.map((pool) => loadOrCreateSecretInDatabase(pool)));
      expect(new Set(secrets).size).toBe(1);
      expect(secrets[0]).toMatch(/^[0-9a-f]{64}$/);
      // KYHAN_SECRET, when given, is used as it is.
      expect(await loadOrCreateSecretInDatabase(processes[0]!, 'x'.repeat(40))).toBe('x'.repeat(40));
    } finally {
      await Promise.all(processes.map((p) => p.end()));
    }
  });

  it('with KYHAN_DATABASE_URL keeps everything in the database, shared by the worker and the web app, and nothing in the state directory', async () => {
    const url = await freshDatabase('state');
    const config = { KYHAN_VAR_DIR: varDir, KYHAN_DATABASE_URL: url, KYHAN_SECRET: undefined };
    const [worker, web] = await Promise.all([openKyhanState(config), openKyhanState(config)]);
    try {
      expect(worker.secret).toBe(web.secret);
      expect(worker.where).toBe(url);
      expect(await worker.sentLedger.claim('<m@example.org>', 'w', new Date(Date.now() + 60_000))).toEqual({ state: 'claimed' });
      expect(await web.authStore.useOnce('t', Date.now() + 60_000, Date.now())).toBe(true);
      await worker.close();
      // The web app's handle still works after the worker let go of its own.
      expect(await web.authStore.useOnce('t', Date.now() + 60_000, Date.now())).toBe(false);
    } finally {
      await web.close();
    }
    expect(() => readFileSync(join(varDir, SECRET_FILE))).toThrow(/ENOENT/);
  });

  it('without KYHAN_DATABASE_URL keeps the files it always did', async () => {
    const state = await openKyhanState({ KYHAN_VAR_DIR: varDir, KYHAN_DATABASE_URL: undefined, KYHAN_SECRET: undefined });
    expect(state.where).toBe(varDir);
    expect(readFileSync(join(varDir, SECRET_FILE), 'utf8').trim()).toBe(state.secret);
    await state.close();
  });

  it('stops a process whose database cannot be reached with one line naming KYHAN_DATABASE_URL (exit code 3)', async () => {
    const error = await openKyhanState({ KYHAN_VAR_DIR: varDir, KYHAN_DATABASE_URL: 'postgres://kyhan:pw@127.0.0.1:1/kyhan', KYHAN_SECRET: undefined }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).exitCode).toBe(3);
    expect((error as UserFacingError).message).toBe('Cannot use the database at KYHAN_DATABASE_URL=postgres://kyhan:***@127.0.0.1:1/kyhan: nothing listens there (is PostgreSQL running?)');
  });
});
