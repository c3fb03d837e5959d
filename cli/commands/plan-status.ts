/**
 * `kyhan plan status PLAN_ID [--json]`: a running (or ended) plan's campaign: its version and
 * every cycle with its opening, due moment and whether it has opened.
 * Exit 0; 3 unreachable; 4 no such plan.
 */
import { formatDateTime } from '../../domain/dates';
import { connectionFlags, consoleOutput, runWithClient, textTable, type CommandContext, helpText } from '../cli-temporal';
import { campaignStatus } from '../../client/campaigns';
import { commandGroup, ExitCode, type RegisterCommand } from './command';

const stateWords = {
  vi: { scheduled: 'chưa mở', opened: 'đã mở', skipped: 'bỏ qua (quá hạn chốt)', running: 'đang chạy', stopped: 'đã dừng', completed: 'đã mở hết các kỳ' },
  en: { scheduled: 'scheduled', opened: 'opened', skipped: 'skipped (cut-off past)', running: 'running', stopped: 'stopped', completed: 'every cycle opened' },
};

export const planStatus: RegisterCommand = (program, language) => {
  const vi = language === 'vi';
  commandGroup(program, 'plan', language)
    .command('status')
    .description(vi ? 'xem tiến độ một kế hoạch đang chạy (mã thoát 0, 3 không kết nối được, 4 không có kế hoạch này)' : 'show a running plan (exit 0, 3 unreachable, 4 no such plan)')
    .argument('<plan>', vi ? 'mã kế hoạch (id trong tệp)' : 'plan id (as in the file)')
    .option('--json', helpText.json[language])
    .action(async (planId: string, options: { json?: boolean }, command) => {
      const ctx: CommandContext = { language, json: Boolean(options.json), out: consoleOutput };
      process.exitCode = await runWithClient(ctx, connectionFlags(command), async (client) => {
        const status = await campaignStatus(client, planId);
        if (ctx.json) {
          ctx.out.log(JSON.stringify(status, null, 2));
          return ExitCode.ok;
        }
        const w = stateWords[language];
        const when = (at: string) => formatDateTime(at, status.timeZone, language);
        ctx.out.log(`${vi ? 'Kế hoạch' : 'Plan'} ${status.planId} — ${vi ? 'phiên bản' : 'version'} ${status.version} — ${w[status.phase]}`);
        ctx.out.log(
          textTable(
            vi ? ['Kỳ báo cáo', 'Mở', 'Hạn nộp', 'Trạng thái'] : ['Cycle', 'Opens', 'Due', 'State'],
            status.cycles.map((c) => [`${c.reportType}/${c.period}`, when(c.opensAt), when(c.dueAt), w[c.state]]),
          ),
        );
        return ExitCode.ok;
      });
    });
};
