/**
 * The typed library for campaigns (a whole plan run by the `campaign` workflow): start one,
 * replace its plan, stop it, read its status.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { Plan } from '../domain/plan/schema';
import {
  DEFAULT_TASK_QUEUE,
  campaignStatusQuery,
  campaignWorkflowId,
  replacePlanUpdate,
  stopCampaignUpdate,
  type CampaignStatus,
  type CampaignWorkflow,
} from '../workflows/messages';

export interface StartCampaignResult {
  handle: WorkflowHandle<CampaignWorkflow>;
  /** False when the plan's campaign was already running: it was given the plan as a new version. */
  started: boolean;
  version: number;
}

/**
 * Starts the campaign of `plan`, or, if it is already running, hands it the plan as a new
 * version (it applies to the cycles not yet opened). The workflow id is derived from the plan id.
 */
export async function startCampaign(client: Client, plan: Plan, options: { taskQueue?: string } = {}): Promise<StartCampaignResult> {
  const taskQueue = options.taskQueue ?? DEFAULT_TASK_QUEUE;
  const workflowId = campaignWorkflowId(plan.id);
  const existing = client.workflow.getHandle<CampaignWorkflow>(workflowId);
  const running = await existing.describe().then(
    (d) => d.status.name === 'RUNNING',
    () => false,
  );
  if (running) {
    const { version } = await existing.executeUpdate(replacePlanUpdate, { args: [{ plan }] });
    return { handle: existing, started: false, version };
  }
  const handle = await client.workflow.start<CampaignWorkflow>('campaign', {
    workflowId,
    taskQueue,
    args: [{ plan, taskQueue }],
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    searchAttributes: { KyhanPlan: [plan.id] },
  });
  return { handle, started: true, version: 1 };
}

export async function stopCampaign(client: Client, planId: string, reason: string, cancelRunning = false) {
  return await client.workflow.getHandle(campaignWorkflowId(planId)).executeUpdate(stopCampaignUpdate, { args: [{ reason, cancelRunning }] });
}

/** How long `campaignStatus` waits for a timeline being computed (a local activity: well under a second). */
const TIMELINE_WAIT_MS = 10_000;
const TIMELINE_POLL_MS = 200;

/**
 * The campaign's status. Right after a start or a replaced plan, the campaign may still be
 * computing its timeline (`timelinePending`): wait for it, briefly, so a caller does not report
 * a plan with no cycles.
 */
export async function campaignStatus(client: Client, planId: string): Promise<CampaignStatus> {
  const handle = client.workflow.getHandle(campaignWorkflowId(planId));
  const deadline = Date.now() + TIMELINE_WAIT_MS;
  for (;;) {
    const status = await handle.query(campaignStatusQuery);
    if (!status.timelinePending || Date.now() >= deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, TIMELINE_POLL_MS));
  }
}
