/**
 * The leaders' approval of a cycle's consolidated report, for the web app and the CLI: approve,
 * return to staff, resubmit, mark sent up by hand. Each runs an Update on the cycle and answers
 * with the approval as it then stands; a refusal is an `ApprovalRejectedError` in the plan's
 * language, naming the cycle and the reason (also when the cycle has already ended).
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { endedCycleRefusal, type ApprovalAction, type ApprovalRejection } from '../domain/approval';
import { FailureType } from '../domain/failures';
import {
  approveReportUpdate,
  cycleProgressQuery,
  cycleWorkflowIdOf,
  markSentUpUpdate,
  resubmitForApprovalUpdate,
  returnReportUpdate,
  type ApprovalProgress,
  type ApproveReportInput,
  type MarkSentUpInput,
  type ResubmitForApprovalInput,
  type ReturnReportInput,
} from '../workflows/messages';

/** The cycle refused an approval request: `type` says why (`InvalidRequest`, `InvalidApprovalState`, `CycleClosed`). */
export class ApprovalRejectedError extends Error {
  override name = 'ApprovalRejectedError';
  readonly type: ApprovalRejection['type'];
  readonly cycleId: string;
  constructor(rejection: ApprovalRejection) {
    super(rejection.message);
    this.type = rejection.type;
    this.cycleId = rejection.cycleId;
  }
}

async function approvalUpdate(client: Client, cycleId: string, action: ApprovalAction, run: (handle: WorkflowHandle) => Promise<ApprovalProgress>): Promise<ApprovalProgress> {
  const handle = client.workflow.getHandle(cycleWorkflowIdOf(cycleId));
  try {
    return await run(handle);
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      throw new ApprovalRejectedError({ type: (err.cause.type ?? FailureType.InvalidRequest) as FailureType, message: err.cause.message, cycleId });
    }
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    // Not running: it has ended (say why, as it would have) or never existed (the query rethrows that).
    const progress = await handle.query(cycleProgressQuery);
    // An ended cycle without an approval is taken for one without leaders (the status does not say).
    const context = { cycleId: progress.cycleId, language: progress.language, timeZone: progress.timeZone, phase: progress.phase, leaders: progress.approval ? 1 : 0 };
    throw new ApprovalRejectedError(endedCycleRefusal(action, progress.approval, context));
  }
}

/** A leader approves: the report is mailed to every upper level that has an address. */
export async function approveReport(client: Client, cycleId: string, input: ApproveReportInput): Promise<ApprovalProgress> {
  return await approvalUpdate(client, cycleId, 'approve', (h) => h.executeUpdate(approveReportUpdate, { args: [input] }));
}

/** A leader returns the report to the consolidating staff; `comment` (required) says what to change. */
export async function returnReport(client: Client, cycleId: string, input: ReturnReportInput): Promise<ApprovalProgress> {
  return await approvalUpdate(client, cycleId, 'return', (h) => h.executeUpdate(returnReportUpdate, { args: [input] }));
}

/** Staff resubmit a returned report: the leaders are mailed again. */
export async function resubmitForApproval(client: Client, cycleId: string, input: ResubmitForApprovalInput): Promise<ApprovalProgress> {
  return await approvalUpdate(client, cycleId, 'resubmit', (h) => h.executeUpdate(resubmitForApprovalUpdate, { args: [input] }));
}

/** Staff record that the approved report went by hand to the upper levels kyhan could not mail. */
export async function markSentUp(client: Client, cycleId: string, input: MarkSentUpInput): Promise<ApprovalProgress> {
  return await approvalUpdate(client, cycleId, 'markSentUp', (h) => h.executeUpdate(markSentUpUpdate, { args: [input] }));
}
