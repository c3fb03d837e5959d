/**
 * The typed library for reporting cycles, used by the `kyhan` CLI and the campaign activities:
 * start one from its computed spec, route per-unit Updates to the unit's shard, read the merged
 * status, cancel with a reason. It imports only the message definitions of the workflows.
 */
import { WithStartWorkflowOperation, WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { CycleSpec } from '../domain/cycle';
import { countStates } from '../domain/units';
import { rejections, type CycleClosure, type Rejection, type RejectionContext, type UnitAction } from '../domain/rejections';
import {
  DEFAULT_TASK_QUEUE,
  addUnitsUpdate,
  cancellationReasonSignal,
  cycleProgressQuery,
  cycleWorkflowId,
  cycleWorkflowIdOf,
  excuseUnitUpdate,
  grantExtensionUpdate,
  returnForRevisionUpdate,
  shardCountFor,
  shardOf,
  shardStatusQuery,
  shardWorkflowId,
  submitReportUpdate,
  type CycleMemo,
  type CycleStatus,
  type CycleUnit,
  type ExcuseUnitInput,
  type GrantExtensionInput,
  type ReportingCycleWorkflow,
  type ReturnForRevisionInput,
  type SubmitReportInput,
} from '../workflows/messages';

export interface StartCycleOptions {
  taskQueue?: string;
  /** Units per shard aimed for (default `SHARD_TARGET_UNITS`). */
  shardTargetUnits?: number;
  /** Passed to the shards: history length after which they continue as new. */
  continueAsNewAfterEvents?: number;
}

/**
 * Starts a cycle, or finds it running: the workflow id is derived from plan, report type and
 * period, and a second start uses the existing run. Units are delivered one shard per Update.
 */
export async function startCycle(client: Client, spec: CycleSpec, options: StartCycleOptions = {}): Promise<WorkflowHandle<ReportingCycleWorkflow>> {
  const { units, ...cycle } = spec;
  const workflowId = cycleWorkflowId(spec.planId, spec.reportType.id, spec.period.id);
  const shardCount = shardCountFor(units.length, options.shardTargetUnits);
  const groups: CycleUnit[][] = Array.from({ length: shardCount }, () => []);
  for (const unit of units) groups[shardOf(unit.id, shardCount)]!.push(unit);

  const memo: CycleMemo = { shardCount, unitCount: units.length };
  const startOperation = new WithStartWorkflowOperation<ReportingCycleWorkflow>('reportingCycle', {
    workflowId,
    taskQueue: options.taskQueue ?? DEFAULT_TASK_QUEUE,
    args: [{ cycle, unitCount: units.length, shardCount, ...(options.continueAsNewAfterEvents ? { continueAsNewAfterEvents: options.continueAsNewAfterEvents } : {}) }],
    workflowIdConflictPolicy: 'USE_EXISTING',
    memo: { ...memo },
    searchAttributes: {
      KyhanPlan: [spec.planId],
      KyhanReportType: [spec.reportType.id],
      KyhanPeriod: [spec.period.id],
      KyhanCycleStatus: ['loading'],
    },
  });
  await client.workflow.executeUpdateWithStart(addUnitsUpdate, { args: [{ shard: 0, units: groups[0]! }], startWorkflowOperation: startOperation });
  const handle = await startOperation.workflowHandle();
  for (let shard = 1; shard < shardCount; shard++) {
    await handle.executeUpdate(addUnitsUpdate, { args: [{ shard, units: groups[shard]! }] });
  }
  return handle;
}

const memoCache = new Map<string, CycleMemo>();

async function memoOf(client: Client, workflowId: string): Promise<CycleMemo> {
  const cached = memoCache.get(workflowId);
  if (cached) return cached;
  const description = await client.workflow.getHandle(workflowId).describe();
  const memo = description.memo as unknown as CycleMemo | undefined;
  if (!memo || typeof memo.shardCount !== 'number') throw new Error(`Workflow "${workflowId}" is not a kyhan reporting cycle`);
  memoCache.set(workflowId, memo);
  return memo;
}

/** The handle of the shard that holds `unitId` in the cycle `cycleId` (a cycle id or its workflow id). */
export async function unitShardHandle(client: Client, cycleId: string, unitId: string): Promise<WorkflowHandle> {
  const workflowId = cycleWorkflowIdOf(cycleId);
  const { shardCount } = await memoOf(client, workflowId);
  return client.workflow.getHandle(shardWorkflowId(workflowId, shardOf(unitId, shardCount)));
}

/** A per-unit request the cycle refused after it had ended (consolidated or cancelled). */
export class CycleUpdateRejectedError extends Error {
  override name = 'CycleUpdateRejectedError';
  readonly type: Rejection['type'];
  readonly unitId: string;
  readonly cycleId: string;
  constructor(rejection: Rejection) {
    super(rejection.message);
    this.type = rejection.type;
    this.unitId = rejection.unitId;
    this.cycleId = rejection.cycleId;
  }
}

/** Tries of an Update that met a shard between two runs (continue-as-new) before giving up. */
const UPDATE_ATTEMPTS = 5;
const UPDATE_RETRY_DELAY_MS = 250;

/**
 * Runs a per-unit Update on the unit's shard. Temporal answers "not found" in three cases: the
 * shard was between runs (it continues as new to keep its history short; the Update was never
 * applied, so it is sent again), the cycle has ended (then say so, in the plan's language), or
 * the shard was never started because none of the cycle's units fall in it: then the unit is
 * not one of the cycle's, refused as the shard itself would refuse it.
 */
async function unitUpdate<T>(client: Client, cycleId: string, unitId: string, action: UnitAction, run: (shard: WorkflowHandle) => Promise<T>): Promise<T> {
  const shard = await unitShardHandle(client, cycleId, unitId);
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(shard);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      const { closure, context, allShardsLoaded } = await cycleState(client, cycleId);
      if (closure) throw new CycleUpdateRejectedError(rejections.closed(context, action, unitId, closure));
      if (allShardsLoaded && !(await workflowExists(shard))) throw new CycleUpdateRejectedError(rejections.unknownUnit(context, action, unitId));
      if (attempt >= UPDATE_ATTEMPTS) throw err;
      await new Promise((resolve) => setTimeout(resolve, UPDATE_RETRY_DELAY_MS * attempt));
    }
  }
}

async function workflowExists(handle: WorkflowHandle): Promise<boolean> {
  try {
    await handle.describe();
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

/** How the cycle ended, if it has, and whether every shard it will have has been started. */
async function cycleState(client: Client, cycleId: string) {
  const progress = await client.workflow.getHandle(cycleWorkflowIdOf(cycleId)).query(cycleProgressQuery);
  const closure: CycleClosure | undefined = progress.cancelled
    ? { kind: 'cancelled', at: progress.cancelled.at, reason: progress.cancelled.reason }
    : progress.consolidation
      ? { kind: 'consolidated', at: progress.consolidation.at }
      : undefined;
  const context: RejectionContext = { cycleId: progress.cycleId, language: progress.language, timeZone: progress.timeZone };
  return { closure, context, allShardsLoaded: progress.shardsLoaded >= progress.shardCount };
}

export async function submitReport(client: Client, cycleId: string, input: SubmitReportInput) {
  return await unitUpdate(client, cycleId, input.unitId, 'submit', (h) => h.executeUpdate(submitReportUpdate, { args: [input] }));
}
export async function grantExtension(client: Client, cycleId: string, input: GrantExtensionInput) {
  return await unitUpdate(client, cycleId, input.unitId, 'extend', (h) => h.executeUpdate(grantExtensionUpdate, { args: [input] }));
}
export async function excuseUnit(client: Client, cycleId: string, input: ExcuseUnitInput) {
  return await unitUpdate(client, cycleId, input.unitId, 'excuse', (h) => h.executeUpdate(excuseUnitUpdate, { args: [input] }));
}
export async function returnForRevision(client: Client, cycleId: string, input: ReturnForRevisionInput) {
  return await unitUpdate(client, cycleId, input.unitId, 'return', (h) => h.executeUpdate(returnForRevisionUpdate, { args: [input] }));
}

/** Cancels a cycle: the units that had not reported are told `reason`. */
export async function cancelCycle(client: Client, cycleId: string, reason: string, by?: string): Promise<void> {
  const handle = client.workflow.getHandle(cycleWorkflowIdOf(cycleId));
  // Signal first: signals and the cancellation request are recorded in order, so the
  // workflow knows the reason when it handles the cancellation.
  await handle.signal(cancellationReasonSignal, { reason, ...(by ? { by } : {}) });
  await handle.cancel();
}

/** The whole cycle's status: its progress merged with every unit from every shard. */
export async function cycleStatus(client: Client, cycleId: string): Promise<CycleStatus> {
  const workflowId = cycleWorkflowIdOf(cycleId);
  const progress = await client.workflow.getHandle(workflowId).query(cycleProgressQuery);
  const units = [];
  for (let shard = 0; shard < progress.shardCount; shard++) {
    try {
      const status = await client.workflow.getHandle(shardWorkflowId(workflowId, shard)).query(shardStatusQuery);
      units.push(...status.units);
    } catch (err) {
      // A shard with no units is never started; any other failure is real.
      if (!(err instanceof Error && err.name === 'WorkflowNotFoundError')) throw err;
    }
  }
  return { ...progress, counts: countStates(units), units };
}
