/**
 * `kyhan plan stop PLAN_ID [--cancel-running] [--reason TEXT]`: stops a plan's campaign: the
 * cycles not yet opened never open; with `--cancel-running`, the running ones are cancelled
 * and their units told why.
 * Exit 0 stopped; 1 refused (already stopped); 2 bad input; 3 unreachable; 4 no such plan.
 */
import { stopCampaign } from '../../client/campaigns';
import { ExitCode } from '../cli-io';
import { runWithClient } from '../cli-temporal';
import { defineCommand, planIdArg } from './command';

export const planStop = defineCommand({
  group: 'plan',
  name: 'stop',
  description: {
    vi: 'dừng một kế hoạch đang chạy: các kỳ chưa mở sẽ không mở (mã thoát 0 đã dừng, 1 bị từ chối, 3 không kết nối được, 4 không có kế hoạch này)',
    en: 'stop a running plan: cycles not yet opened never open (exit 0 stopped, 1 refused, 3 unreachable, 4 no such plan)',
  },
  args: { plan: planIdArg },
  options: {
    cancelRunning: { flags: '--cancel-running', help: { vi: 'hủy luôn các kỳ đang chạy', en: 'cancel the running cycles too' } },
    reason: { flags: '--reason <text>', help: { vi: 'lý do, gửi tới các đơn vị nếu kỳ bị hủy', en: 'why, sent to the units of cancelled cycles' } },
  },
  json: true,
  async run({ args, options, ctx, flags }) {
    const vi = ctx.language === 'vi';
    const planId = args.plan;
    const reason = options.reason?.trim() || (vi ? 'Kế hoạch đã dừng.' : 'The plan was stopped.');
    return await runWithClient(ctx, flags, async (client) => {
      const result = await stopCampaign(client, planId, reason, Boolean(options.cancelRunning));
      if (ctx.json) ctx.printJson({ planId, ...result });
      else {
        ctx.print(
          vi
            ? `Đã dừng kế hoạch ${planId}: ${result.notOpened} kỳ chưa mở sẽ không mở; ${result.cancelledCycles.length} kỳ đang chạy đã hủy.`
            : `Stopped plan ${planId}: ${result.notOpened} cycles not yet opened will not open; ${result.cancelledCycles.length} running cycles cancelled.`,
        );
      }
      return ExitCode.ok;
    });
  },
});
