/**
 * A TestWorkflowEnvironment with time skipping, attached to a time-skipping server that is
 * already running (started by `startTimeSkippingServer`). The SDK only offers time skipping on
 * a server it starts itself, with a 5-second start budget too tight for a JVM on a busy 2-core
 * machine; its internal `create` does the same for an address we give it, so we call that
 * (the options of `createTimeSkipping`, with `server: { type: 'existing' }`).
 *
 * The environment remembers every workflow its client starts: `terminateStarted()` ends the
 * ones still running. On a shared time-skipping server that matters: a workflow left running
 * after its worker has gone holds a pending task forever, and the server stops skipping time
 * for everybody.
 */
import { WorkflowNotFoundError, type WorkflowClientInterceptor } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';

export interface AttachedTimeSkippingEnv extends TestWorkflowEnvironment {
  terminateStarted(reason?: string): Promise<number>;
}

export async function attachTimeSkippingEnv(address: string): Promise<AttachedTimeSkippingEnv> {
  const started = new Set<string>();
  const recorder: WorkflowClientInterceptor = {
    async startWithDetails(input, next) {
      started.add(input.options.workflowId);
      return await next(input);
    },
    async startUpdateWithStart(input, next) {
      started.add(input.workflowStartOptions.workflowId);
      return await next(input);
    },
    async signalWithStart(input, next) {
      started.add(input.options.workflowId);
      return await next(input);
    },
  };
  const create = (TestWorkflowEnvironment as unknown as {
    create(opts: {
      server: { type: 'existing' };
      address: string;
      supportsTimeSkipping: true;
      client: { interceptors: { workflow: WorkflowClientInterceptor[] } };
      connectionOptions: { channelArgs: Record<string, number> };
    }): Promise<TestWorkflowEnvironment>;
  }).create.bind(TestWorkflowEnvironment);
  const env = await create({
    server: { type: 'existing' },
    address,
    supportsTimeSkipping: true,
    client: { interceptors: { workflow: [recorder] } },
    // The Java test server (grpc-java) allows a keepalive ping every 5 minutes; the client's
    // default of 30 s makes it answer GOAWAY "too many pings", which drops in-flight calls.
    connectionOptions: { channelArgs: { 'grpc.keepalive_time_ms': 300_000 } },
  });

  return Object.assign(env, {
    async terminateStarted(reason = 'test environment closed') {
      let terminated = 0;
      for (const workflowId of started) {
        const handle = env.client.workflow.getHandle(workflowId);
        const status = await handle.describe().then(
          (d) => d.status.name,
          (err: unknown) => {
            if (err instanceof WorkflowNotFoundError) return 'NOT_FOUND';
            throw err;
          },
        );
        if (status !== 'RUNNING') continue;
        await handle.terminate(reason);
        terminated++;
      }
      // A cycle's shards are its children. Their parent-close policy terminates them on a real
      // server; the Java test server does not apply it, so end them explicitly.
      for (const workflowId of started) {
        const memo = (await env.client.workflow.getHandle(workflowId).describe().catch(() => undefined))?.memo as { shardCount?: number } | undefined;
        for (let shard = 0; shard < (memo?.shardCount ?? 0); shard++) {
          const child = env.client.workflow.getHandle(`${workflowId}#shard-${shard}`);
          const running = await child.describe().then((d) => d.status.name === 'RUNNING', () => false);
          if (running) {
            await child.terminate(reason);
            terminated++;
          }
        }
      }
      return terminated;
    },
  });
}
