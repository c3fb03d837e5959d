// The database under the stores is not always there: PostgreSQL crashes (SIGKILL) and comes back
// on the same data directory. What was committed survives, and a pool opened before the crash
// serves again after it without a restart of the process.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresSentLedger } from '../../activities/email/sent-ledger-postgres';
import { startPostgresCluster, type RunningPostgresCluster } from '../../scripts/lib/postgres-cluster';
import { databaseFromUrl } from '../../storage/database';

const dir = mkdtempSync(join(tmpdir(), 'kyhan-pg-restart-'));
chmodSync(dir, 0o711); // The server may run as the postgres user: it must enter this directory.
const dataDir = join(dir, 'data');
let cluster: RunningPostgresCluster | undefined;
afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Retries `query` until the server answers again (the pool drops connections the crash broke). */
async function eventually<T>(query: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await query();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe('a PostgreSQL cluster of our own', () => {
  it('keeps the ledger through a crash and a restart on the same data, and the same pool serves again', async () => {
    cluster = await startPostgresCluster({ dataDir, settings: { max_connections: '150' } });
    await Promise.all([cluster.createDatabase('kyhan'), cluster.createDatabase('kyhan')]); // Twice at once: fine.
    const database = databaseFromUrl(cluster.url('kyhan'));
    try {
      await database.migrate();
      expect((await database.pool.query<{ max_connections: string }>('SHOW max_connections')).rows[0]!.max_connections).toBe('150');
      const ledger = postgresSentLedger(database.pool);
      expect(await ledger.claim('<before-crash@example.org>', 'w1', new Date(Date.now() + 60_000))).toEqual({ state: 'claimed' });
      await ledger.markSent('<before-crash@example.org>');

      const { port } = cluster;
      await cluster.kill();
      await expect(database.pool.query('SELECT 1')).rejects.toThrow();
      cluster = await startPostgresCluster({ dataDir, port });
      await cluster.createDatabase('kyhan'); // Exists: nothing to do.

      expect(await eventually(() => ledger.claim('<before-crash@example.org>', 'w2', new Date(Date.now() + 60_000)))).toEqual({ state: 'sent' });
      expect(await database.migrate()).toEqual([]);
    } finally {
      await database.close();
    }
    await cluster.stop();
    await cluster.stop(); // Twice is once.
  });

  it('refuses a data directory that holds something else, saying what to do', async () => {
    const other = join(dir, 'not-postgres');
    mkdirSync(other);
    writeFileSync(join(other, 'notes.txt'), 'mine');
    await expect(startPostgresCluster({ dataDir: other })).rejects.toThrow(`${other} is neither empty nor a PostgreSQL data directory (no PG_VERSION): give the cluster an empty or new directory.`);
  });

  it('refuses a KYHAN_PG_BIN without the server, naming the variable', async () => {
    const saved = process.env.KYHAN_PG_BIN;
    process.env.KYHAN_PG_BIN = dir;
    try {
      await expect(startPostgresCluster({ dataDir: join(dir, 'unused') })).rejects.toThrow(`KYHAN_PG_BIN=${dir} has no executable initdb: point it at PostgreSQL's bin directory`);
    } finally {
      if (saved === undefined) delete process.env.KYHAN_PG_BIN;
      else process.env.KYHAN_PG_BIN = saved;
    }
  });
});
