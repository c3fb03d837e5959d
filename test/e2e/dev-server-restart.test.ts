import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { freePort, startDevServer, type RunningServer } from '../../scripts/lib/temporal-servers';
import { releaseSignal, waitForRelease } from '../workflows/fixtures/proof-workflows';

// This test owns its own dev server: it has to stop it and start it again on the same
// SQLite file, which the run's shared server must not suffer.
describe('dev server on a SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kyhan-restart-'));
  const dbFilename = join(dir, 'temporal.sqlite');
  let server: RunningServer | undefined;

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function withWorker<T>(address: string, taskQueue: string, fn: () => Promise<T>): Promise<T> {
    const connection = await NativeConnection.connect({ address });
    try {
      const worker = await Worker.create({ connection, taskQueue, workflowsPath: join(import.meta.dirname, '../workflows/fixtures/proof-workflows.ts') });
      return await worker.runUntil(fn());
    } finally {
      await connection.close();
    }
  }

  it('keeps a waiting workflow across a server restart and completes it afterwards', async () => {
    const port = await freePort();
    const taskQueue = 'restart-proof';
    const workflowId = `wait-across-restart-${Date.now()}`;

    server = await startDevServer({ dbFilename, port });
    let connection = await Connection.connect({ address: server.address });
    let client = new Client({ connection });
    await withWorker(server.address, taskQueue, async () => {
      const handle = await client.workflow.start(waitForRelease, { taskQueue, workflowId });
      // Wait until the worker has run the first workflow task, so the workflow is really waiting.
      for (let i = 0; i < 100 && (await handle.fetchHistory()).events!.length < 4; i++) await new Promise((r) => setTimeout(r, 100));
    });
    await connection.close();
    await server.stop();

    server = await startDevServer({ dbFilename, port });
    connection = await Connection.connect({ address: server.address });
    client = new Client({ connection });
    const handle = client.workflow.getHandle(workflowId);
    expect((await handle.describe()).status.name).toBe('RUNNING');

    const result = await withWorker(server.address, taskQueue, async () => {
      await handle.signal(releaseSignal, 'after-restart');
      return await handle.result();
    });
    expect(result).toBe('after-restart');
    await connection.close();
  });
});
