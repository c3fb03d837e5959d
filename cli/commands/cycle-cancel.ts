/**
 * `kyhan cycle cancel CYCLE_ID --reason TEXT [--by NAME]`: cancels a running cycle; the units
 * that had not reported are told the reason, the cycle records who cancelled (the login name by default). Waits briefly for the cycle to close so the
 * answer is what happened, not what was asked.
 * Exit 0 cancelled (or cancellation under way); 1 the cycle had already ended; 2 bad input;
 * 3 Temporal unreachable; 4 no such cycle.
 */
import { WorkflowFailedError, type Client } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import type { Language } from '../../domain/cycle';
import { formatDateTime } from '../../domain/dates';
import { cycleProgressQuery } from '../../workflows/messages';
import { cancelCycle } from '../../client/cycles';
import { ExitCode } from '../cli-io';
import { actor, CliFailure, cycleRef, runWithClient } from '../cli-temporal';
import { byOption, cycleArg, defineCommand, reasonOption } from './command';
import { requireReason } from './unit-decision';

/** How long the command waits for the cycle to close after asking (it tells its units first). */
const CLOSE_WAIT_MS = 30_000;

export const cycleCancel = defineCommand({
  group: 'cycle',
  name: 'cancel',
  description: {
    vi: 'hủy một kỳ báo cáo đang chạy; các đơn vị chưa nộp được báo lý do (mã thoát 0 đã hủy, 1 kỳ đã kết thúc, 2 sai tham số, 3 không kết nối được, 4 không có kỳ này)',
    en: 'cancel a running cycle; units that have not reported are told why (exit 0 cancelled, 1 already ended, 2 bad input, 3 unreachable, 4 no such cycle)',
  },
  args: { cycle: cycleArg },
  options: {
    reason: reasonOption({ vi: 'lý do hủy, gửi tới các đơn vị', en: 'why, sent to the units' }),
    by: byOption({ vi: 'người hủy', en: 'who cancels' }),
  },
  json: true,
  async run({ args, options, ctx, flags }) {
    const vi = ctx.language === 'vi';
    const ref = cycleRef(args.cycle, ctx.language);
    const reason = requireReason(options.reason, ctx.language);
    const by = actor(options.by);
    return await runWithClient(ctx, flags, async (client) => {
      const handle = client.workflow.getHandle(ref.workflowId);
      const description = await handle.describe();
      if (description.status.name !== 'RUNNING') {
        throw new CliFailure(await endedLine(client, ref.workflowId, ref.cycleId, description.status.name, ctx.language), ExitCode.rejected, 'CycleClosed');
      }
      await cancelCycle(client, ref.cycleId, reason, by);
      const closed = await waitClosed(handle.result());
      if (ctx.json) {
        ctx.printJson({ cycleId: ref.cycleId, workflowId: ref.workflowId, cancelled: closed, reason, by });
      } else if (closed) {
        ctx.print(vi ? `Đã hủy kỳ báo cáo ${ref.cycleId}: ${reason}. Các đơn vị chưa nộp đã được báo.` : `Cancelled cycle ${ref.cycleId}: ${reason}. Units that had not reported were told.`);
      } else {
        ctx.print(
          vi
            ? `Đã yêu cầu hủy kỳ báo cáo ${ref.cycleId}; kỳ đang báo cho các đơn vị và sẽ đóng sau đó (xem \`kyhan cycle status ${ref.cycleId}\`).`
            : `Asked cycle ${ref.cycleId} to cancel; it is telling its units and will close after (see \`kyhan cycle status ${ref.cycleId}\`).`,
        );
      }
      return ExitCode.ok;
    });
  },
});

/** True once the workflow has closed as cancelled; false if it is still closing after the wait. */
async function waitClosed(result: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), CLOSE_WAIT_MS);
  });
  try {
    return await Promise.race([
      result.then(
        () => true,
        (err: unknown) => {
          if (err instanceof WorkflowFailedError && err.cause instanceof CancelledFailure) return true;
          throw err;
        },
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function endedLine(client: Client, workflowId: string, cycleId: string, status: string, language: Language): Promise<string> {
  const vi = language === 'vi';
  try {
    const progress = await client.workflow.getHandle(workflowId).query(cycleProgressQuery);
    const when = (at: string) => formatDateTime(at, progress.timeZone, language);
    if (progress.cancelled) {
      const { at, reason, by } = progress.cancelled;
      const who = by ? (vi ? ` bởi ${by}` : ` by ${by}`) : '';
      return vi ? `kyhan: kỳ báo cáo "${cycleId}" đã bị hủy lúc ${when(at)}${who} (${reason}).` : `kyhan: cycle "${cycleId}" was already cancelled at ${when(at)}${who} (${reason}).`;
    }
    if (progress.consolidation) {
      return vi ? `kyhan: kỳ báo cáo "${cycleId}" đã tổng hợp lúc ${when(progress.consolidation.at)}; không thể hủy.` : `kyhan: cycle "${cycleId}" was consolidated at ${when(progress.consolidation.at)}; it cannot be cancelled.`;
    }
  } catch {
    // The status words below are enough.
  }
  return vi ? `kyhan: kỳ báo cáo "${cycleId}" đã kết thúc (${status}); không thể hủy.` : `kyhan: cycle "${cycleId}" has already ended (${status}); it cannot be cancelled.`;
}
