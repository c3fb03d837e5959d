/** Reading a cycle's shards from an activity: the workflows cannot query each other. */
import { heartbeat } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { shardStatusQuery, type ShardStatus } from '../../workflows/messages';

/** Shards queried at once: enough to be quick, few enough not to flood the worker's cache. */
const QUERY_CONCURRENCY = 4;

export async function readShards(temporal: Client, shardWorkflowIds: string[]): Promise<ShardStatus[]> {
  const statuses: ShardStatus[] = new Array<ShardStatus>(shardWorkflowIds.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < shardWorkflowIds.length) {
      const index = next++;
      statuses[index] = await temporal.workflow.getHandle(shardWorkflowIds[index]!).query(shardStatusQuery);
      safeHeartbeat(index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(QUERY_CONCURRENCY, shardWorkflowIds.length) }, worker));
  return statuses;
}

/** Heartbeats when running as an activity; a no-op when called from a plain test. */
export function safeHeartbeat(details: unknown): void {
  try {
    heartbeat(details);
  } catch {
    // Not inside an activity context.
  }
}
