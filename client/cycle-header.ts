/**
 * A cycle's header — report type, period, opening, due moment, cut-off, reminders, escalation
 * ladder, consolidation — as it was started: the input of the `reportingCycle` workflow, read
 * from the first event of its history (one event, not the whole history). A started cycle
 * never changes its header, so each run's is read once and kept.
 */
import type { Client } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import { cycleWorkflowIdOf, type CycleHeader, type ReportingCycleInput } from '../workflows/messages';

const headers = new Map<string, CycleHeader>();
/** Runs whose header is kept; a long-running web app forgets the oldest beyond this. */
const KEPT = 2_000;

/**
 * The header of the cycle's run `runId` (a listing gives it), or of its current (or last) run;
 * `WorkflowNotFoundError` when there is no such cycle.
 */
export async function cycleHeader(client: Client, cycleId: string, runId?: string): Promise<CycleHeader> {
  const workflowId = cycleWorkflowIdOf(cycleId);
  runId ??= (await client.workflow.getHandle(workflowId).describe()).runId;
  const key = `${workflowId}#${runId}`;
  const kept = headers.get(key);
  if (kept) return kept;
  const page = await client.workflowService.getWorkflowExecutionHistory({
    namespace: client.options.namespace,
    execution: { workflowId, runId },
    maximumPageSize: 1,
  });
  const started = page.history?.events?.[0]?.workflowExecutionStartedEventAttributes;
  if (!started) throw new Error(`Workflow "${workflowId}" has no start event`);
  const input = await decodeFromPayloadsAtIndex<ReportingCycleInput>(client.options.loadedDataConverter, 0, started.input?.payloads);
  if (!input?.cycle) throw new Error(`Workflow "${workflowId}" is not a kyhan reporting cycle`);
  if (headers.size >= KEPT) headers.delete(headers.keys().next().value!);
  headers.set(key, input.cycle);
  return input.cycle;
}
