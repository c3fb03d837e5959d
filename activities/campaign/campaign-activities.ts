/**
 * The campaign's side effects and everything it must not compute in the sandbox: the plan's
 * timeline, starting a cycle (its units go in one Update per shard, which a workflow cannot
 * send) and cancelling the running cycles of a stopped campaign.
 *
 * Why the schedule is computed here and not in the workflow: it depends on the business
 * calendar's data (`domain/calendar/vn-decisions.ts`), edited every year when the official
 * days off are announced. Computed in the workflow, a calendar edit deployed while a campaign
 * runs would make the new worker's replay of that campaign decide other things (another
 * opening moment, another cycle) than the recorded history did. An activity's result is
 * recorded in the history, so replay reuses it whatever the calendar says by then.
 */
import { Context } from '@temporalio/activity';
import { isGrpcServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { cancelCycle, startCycle } from '../../client/cycles';
import type { CycleSpec, Instant } from '../../domain/cycle';
import type { Plan } from '../../domain/plan/schema';
import { computeSchedule, ScheduleError, type ScheduledCycle } from '../../domain/schedule';
import { campaignPlanQuery, cycleWorkflowId, type CampaignTimelineCycle } from '../../workflows/messages';

/** ApplicationFailure types the campaign workflow tells apart. */
export const CampaignFailureType = {
  /** The campaign's plan was replaced after `openCycle` was scheduled: the workflow reconsiders the cycle. */
  planReplaced: 'CampaignPlanReplaced',
  /** The cycle cannot be opened and retrying will not change that (not in the plan, refused by Temporal…). */
  cannotOpen: 'CampaignCycleCannotOpen',
} as const;

/** gRPC status INVALID_ARGUMENT: Temporal refuses the request as such (a payload too large, a bad id). */
const GRPC_INVALID_ARGUMENT = 3;

/**
 * Whether starting the cycle failed for a reason a retry cannot heal: Temporal refused the
 * request itself, or the new cycle rejected its units. Anything else (Temporal unreachable or
 * busy, a deadline) is transient and left to the retry policy.
 */
function isPermanent(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof WorkflowUpdateFailedError || e instanceof ScheduleError) return true;
    if (isGrpcServiceError(e) && e.code === GRPC_INVALID_ARGUMENT) return true;
  }
  return false;
}

/** The spec a cycle workflow is started with: the schedule's listing-only fields left out. */
function cycleSpecOf(cycle: ScheduledCycle): CycleSpec {
  return {
    id: cycle.id,
    planId: cycle.planId,
    language: cycle.language,
    timeZone: cycle.timeZone,
    issuer: cycle.issuer,
    reportType: { id: cycle.reportType.id, title: cycle.reportType.title },
    period: { id: cycle.period.id, label: cycle.period.label },
    opensAt: cycle.opensAt,
    dueAt: cycle.dueAt,
    cutoffAt: cycle.cutoffAt,
    units: cycle.units,
    reminders: cycle.reminders.map(({ at, relation }) => ({ at, relation })),
    escalations: cycle.escalations.map(({ step, at, recipients, roleLabel }) => ({ step, at, recipients, roleLabel })),
    consolidation: cycle.consolidation,
    submissionInstructions: cycle.submissionInstructions,
  };
}

export function createCampaignActivities(deps: { temporal: Client }) {
  const { temporal } = deps;

  /**
   * The cycles of `plan` when the campaign started at `startedAt`, in schedule order: ids and
   * moments only, a few hundred bytes per cycle, so the history stays small. Pure computation.
   */
  async function computeCampaignTimeline(input: { plan: Plan; startedAt: Instant }): Promise<CampaignTimelineCycle[]> {
    try {
      return computeSchedule(input.plan, { startedAt: Date.parse(input.startedAt) }).map((c) => ({
        id: c.id,
        workflowId: cycleWorkflowId(c.planId, c.reportType.id, c.period.id),
        reportType: c.reportType.id,
        period: c.period.id,
        opensAt: c.opensAt,
        dueAt: c.dueAt,
        cutoffAt: c.cutoffAt,
      }));
    } catch (err) {
      if (err instanceof ScheduleError) throw ApplicationFailure.nonRetryable(err.message, 'ScheduleError');
      throw err;
    }
  }

  /**
   * Opens the cycle `cycleId` of the plan version `version` of the calling campaign: starts it,
   * or finds it running (safe to retry).
   *
   * The spec is computed here, at opening, from the plan the campaign holds (read with the
   * `campaignPlan` query), not carried in the timeline: a spec holds every unit and recipient
   * (kilobytes per cycle, megabytes for a large plan), which would weigh on every history the
   * timeline goes through. So the cycle's spec follows the calendar as it is on its opening
   * day: a day off announced after the campaign started moves that cycle's due date and
   * reminders, as it should. Its opening moment stays the timeline's (the cycle's own
   * workflow waits for its spec's `opensAt` if that is later).
   */
  async function openCycle(input: { version: number; cycleId: string; taskQueue: string }): Promise<{ workflowId: string; opensAt: Instant; dueAt: Instant }> {
    const execution = Context.current().info.workflowExecution;
    if (!execution) throw ApplicationFailure.nonRetryable('openCycle runs only as an activity of a campaign workflow', CampaignFailureType.cannotOpen);
    const { workflowId: campaignId, runId } = execution;
    const current = await temporal.workflow.getHandle(campaignId, runId).query(campaignPlanQuery);
    if (current.version !== input.version) {
      throw ApplicationFailure.nonRetryable(
        `The plan of campaign "${campaignId}" was replaced (version ${input.version} → ${current.version}) before cycle "${input.cycleId}" opened`,
        CampaignFailureType.planReplaced,
      );
    }
    let spec;
    try {
      spec = computeSchedule(current.plan, { startedAt: Date.parse(current.startedAt) }).find((c) => c.id === input.cycleId);
    } catch (err) {
      if (err instanceof ScheduleError) throw ApplicationFailure.nonRetryable(`Cycle "${input.cycleId}": ${err.message}`, CampaignFailureType.cannotOpen);
      throw err;
    }
    if (!spec) {
      throw ApplicationFailure.nonRetryable(`Cycle "${input.cycleId}" is not in version ${input.version} of the plan "${current.plan.id}"`, CampaignFailureType.cannotOpen);
    }
    try {
      const handle = await startCycle(temporal, cycleSpecOf(spec), { taskQueue: input.taskQueue });
      return { workflowId: handle.workflowId, opensAt: spec.opensAt, dueAt: spec.dueAt };
    } catch (err) {
      if (isPermanent(err)) {
        const message = err instanceof Error ? err.message : String(err);
        throw ApplicationFailure.create({ message: `Cycle "${input.cycleId}" cannot be opened: ${message}`, type: CampaignFailureType.cannotOpen, nonRetryable: true, cause: err instanceof Error ? err : undefined });
      }
      throw err;
    }
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

  return { computeCampaignTimeline, openCycle, cancelCycles };
}
