/**
 * The campaign's side effects: starting a cycle (its units go in one Update per shard, which
 * a workflow cannot send) and cancelling the running cycles of a stopped campaign.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { cancelCycle, startCycle } from '../../client/cycles';
import type { CycleSpec } from '../../domain/cycle';

export function createCampaignActivities(deps: { temporal: Client }) {
  const { temporal } = deps;

  /** Starts the cycle, or finds it running: safe to retry. */
  async function openCycle(input: { spec: CycleSpec; taskQueue: string }): Promise<{ workflowId: string }> {
    const handle = await startCycle(temporal, input.spec, { taskQueue: input.taskQueue });
    return { workflowId: handle.workflowId };
  }

  /** Cancels each cycle still running; cycles already ended are left as they are. */
  async function cancelCycles(input: { workflowIds: string[]; reason: string }): Promise<{ cancelled: string[] }> {
    const cancelled: string[] = [];
    for (const workflowId of input.workflowIds) {
      const description = await temporal.workflow.getHandle(workflowId).describe().catch((err: unknown) => {
        if (err instanceof WorkflowNotFoundError) return undefined;
        throw err;
      });
      if (description?.status.name !== 'RUNNING') continue;
      await cancelCycle(temporal, workflowId, input.reason);
      cancelled.push(workflowId);
    }
    return { cancelled };
  }

  return { openCycle, cancelCycles };
}
