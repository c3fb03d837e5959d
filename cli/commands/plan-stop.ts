/**
 * `kyhan plan stop PLAN_ID [--cancel-running] [--reason TEXT]`: stops a plan's campaign: the
 * cycles not yet opened never open; with `--cancel-running`, the running ones are cancelled
 * and their units told why.
 * Exit 0 stopped; 1 refused (already stopped); 2 bad input; 3 unreachable; 4 no such plan.
 */
import { connectionFlags, consoleOutput, runWithClient, type CommandContext, helpText } from '../cli-temporal';
import { stopCampaign } from '../../client/campaigns';
import { commandGroup, ExitCode, type RegisterCommand } from './command';

interface PlanStopOptions {
  cancelRunning?: boolean;
  reason?: string;
  json?: boolean;
}

export const planStop: RegisterCommand = (program, language) => {
  const vi = language === 'vi';
  commandGroup(program, 'plan', language)
    .command('stop')
    .description(
      vi
        ? 'dừng một kế hoạch đang chạy: các kỳ chưa mở sẽ không mở (mã thoát 0 đã dừng, 1 bị từ chối, 3 không kết nối được, 4 không có kế hoạch này)'
        : 'stop a running plan: cycles not yet opened never open (exit 0 stopped, 1 refused, 3 unreachable, 4 no such plan)',
    )
    .argument('<plan>', vi ? 'mã kế hoạch (id trong tệp)' : 'plan id (as in the file)')
    .option('--cancel-running', vi ? 'hủy luôn các kỳ đang chạy' : 'cancel the running cycles too')
    .option('--reason <text>', vi ? 'lý do, gửi tới các đơn vị nếu kỳ bị hủy' : 'why, sent to the units of cancelled cycles')
    .option('--json', helpText.json[language])
    .action(async (planId: string, options: PlanStopOptions, command) => {
      const ctx: CommandContext = { language, json: Boolean(options.json), out: consoleOutput };
      const reason = options.reason?.trim() || (vi ? 'Kế hoạch đã dừng.' : 'The plan was stopped.');
      process.exitCode = await runWithClient(ctx, connectionFlags(command), async (client) => {
        const result = await stopCampaign(client, planId, reason, Boolean(options.cancelRunning));
        if (ctx.json) ctx.out.log(JSON.stringify({ planId, ...result }, null, 2));
        else {
          ctx.out.log(
            vi
              ? `Đã dừng kế hoạch ${planId}: ${result.notOpened} kỳ chưa mở sẽ không mở; ${result.cancelledCycles.length} kỳ đang chạy đã hủy.`
              : `Stopped plan ${planId}: ${result.notOpened} cycles not yet opened will not open; ${result.cancelledCycles.length} running cycles cancelled.`,
          );
        }
        return ExitCode.ok;
      });
    });
};
