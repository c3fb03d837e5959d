/**
 * What the console reads from and asks of Temporal, through the typed client library only: the
 * cycles of a plan (visibility), a cycle's header, status and run, a campaign's status, and the
 * staff's actions. One interface, so route tests give a fake and the app gives `temporalSource`.
 *
 * Reading the status of a closed cycle makes a worker replay it: statuses of closed runs do not
 * change (their units are settled), so they are kept in memory by run.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { CycleSpec } from '../../domain/cycle';
import { startCycle, cancelCycle, cycleStatus, excuseUnit, grantExtension, returnForRevision, submitReport } from '../../client/cycles';
import { listCycles, type CycleListRow } from '../../client/cycle-list';
import { cycleHeader } from '../../client/cycle-header';
import { campaignStatus } from '../../client/campaigns';
import { approveReport, markSentUp, resubmitForApproval, returnReport } from '../../client/approval';
import {
  cycleWorkflowIdOf,
  type ApprovalProgress,
  type ApproveReportInput,
  type CampaignStatus,
  type CycleHeader,
  type CycleStatus,
  type ExcuseUnitInput,
  type GrantExtensionInput,
  type MarkSentUpInput,
  type ResubmitForApprovalInput,
  type ReturnReportInput,
  type ReturnForRevisionInput,
  type SubmitReportInput,
} from '../../workflows/messages';

export type { CycleListRow };

/** A cycle's workflow run as Temporal describes it. */
export interface CycleRun {
  /** Temporal's status: RUNNING, COMPLETED, CANCELLED, TERMINATED… */
  status: string;
  startedAt: Date;
  closedAt?: Date;
}

export interface ConsoleSource {
  /** Every cycle of the plan, newest first, one row per cycle id. */
  listCycles(planId: string): Promise<CycleListRow[]>;
  /** The cycle's run, or undefined when there is no such cycle. */
  cycleRun(cycleId: string): Promise<CycleRun | undefined>;
  /** `runId`: the run a listing named (saves asking which run is current). */
  cycleHeader(cycleId: string, runId?: string): Promise<CycleHeader>;
  /** `closedRun`: the run has ended (say when: a key of the run), so its status may be kept. */
  cycleStatus(cycleId: string, closedRun?: string): Promise<CycleStatus>;
  /** The plan's campaign, or undefined when it was never started. */
  campaignStatus(planId: string): Promise<CampaignStatus | undefined>;
  startCycle(spec: CycleSpec): Promise<void>;
  submitReport(cycleId: string, input: SubmitReportInput): Promise<unknown>;
  grantExtension(cycleId: string, input: GrantExtensionInput): Promise<unknown>;
  excuseUnit(cycleId: string, input: ExcuseUnitInput): Promise<unknown>;
  returnForRevision(cycleId: string, input: ReturnForRevisionInput): Promise<unknown>;
  cancelCycle(cycleId: string, reason: string, by: string): Promise<void>;
  approveReport(cycleId: string, input: ApproveReportInput): Promise<ApprovalProgress>;
  returnReport(cycleId: string, input: ReturnReportInput): Promise<ApprovalProgress>;
  resubmitForApproval(cycleId: string, input: ResubmitForApprovalInput): Promise<ApprovalProgress>;
  markSentUp(cycleId: string, input: MarkSentUpInput): Promise<ApprovalProgress>;
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

const isNotFound = (err: unknown) => err instanceof WorkflowNotFoundError || (err instanceof Error && err.name === 'WorkflowNotFoundError');

/** Closed runs' statuses kept, at most this many (the oldest forgotten first). */
const KEPT_STATUSES = 500;

export function temporalSource(client: Client, options: { taskQueue?: string | undefined } = {}): ConsoleSource {
  const closedStatuses = new Map<string, CycleStatus>();
  return {
    listCycles: (planId) => listCycles(client, { plan: planId }),
    async cycleRun(cycleId) {
      try {
        const d = await client.workflow.getHandle(cycleWorkflowIdOf(cycleId)).describe();
        return { status: d.status.name, startedAt: d.startTime, ...(d.closeTime ? { closedAt: d.closeTime } : {}) };
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
    cycleHeader: (cycleId, runId) => cycleHeader(client, cycleId, runId),
    async cycleStatus(cycleId, closedRun) {
      if (closedRun === undefined) return await cycleStatus(client, cycleId);
      const key = `${cycleId}#${closedRun}`;
      const kept = closedStatuses.get(key);
      if (kept) return kept;
      const status = await cycleStatus(client, cycleId);
      if (closedStatuses.size >= KEPT_STATUSES) closedStatuses.delete(closedStatuses.keys().next().value!);
      closedStatuses.set(key, status);
      return status;
    },
    async campaignStatus(planId) {
      try {
        return await campaignStatus(client, planId);
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
    async startCycle(spec) {
      await startCycle(client, spec, options.taskQueue ? { taskQueue: options.taskQueue } : {});
    },
    submitReport: (cycleId, input) => submitReport(client, cycleId, input),
    grantExtension: (cycleId, input) => grantExtension(client, cycleId, input),
    excuseUnit: (cycleId, input) => excuseUnit(client, cycleId, input),
    returnForRevision: (cycleId, input) => returnForRevision(client, cycleId, input),
    cancelCycle: (cycleId, reason, by) => cancelCycle(client, cycleId, reason, by),
    approveReport: (cycleId, input) => approveReport(client, cycleId, input),
    returnReport: (cycleId, input) => returnReport(client, cycleId, input),
    resubmitForApproval: (cycleId, input) => resubmitForApproval(client, cycleId, input),
    markSentUp: (cycleId, input) => markSentUp(client, cycleId, input),
  };
}
