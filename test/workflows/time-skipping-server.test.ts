import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { timeSkippingEnv } from '../helpers/temporal-env';
import { sleepForDays } from './fixtures/proof-workflows';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await timeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('lets a workflow sleep 30 days on its own clock without waiting for them', async () => {
    const taskQueue = `proof-${crypto.randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: join(import.meta.dirname, 'fixtures/proof-workflows.ts'),
    });
    const realStart = Date.now();
    const result = await worker.runUntil(
      env.client.workflow.execute(sleepForDays, { args: [30], taskQueue, workflowId: `sleep-30-days-${taskQueue}` }),
    );
    const realElapsed = Date.now() - realStart;

    expect(result.wokeAt - result.startedAt).toBeGreaterThanOrEqual(30 * DAY_MS);
    expect(result.wokeAt - result.startedAt).toBeLessThan(31 * DAY_MS);
    // The server's clock moved a month while the wall clock moved far less than a day.
    expect(realElapsed).toBeLessThan(DAY_MS);
  });
});
