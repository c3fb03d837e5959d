/**
 * `kyhan plan status PLAN_ID [--json]`: a running (or ended) plan's campaign: its version and
 * every cycle with its opening, due moment and whether it has opened.
 * Exit 0; 3 unreachable; 4 no such plan.
 */
import { formatDateTime } from '../../domain/dates';
import { campaignStatus } from '../../client/campaigns';
import { ExitCode, textTable, type Words } from '../cli-io';
import { runWithClient } from '../cli-temporal';
import { defineCommand, planIdArg } from './command';

/** Campaign phases and cycle states in words; a state not listed here is shown as it is. */
const stateWords: Record<string, Words> = {
  scheduled: { vi: 'chưa mở', en: 'scheduled' },
  opened: { vi: 'đã mở', en: 'opened' },
  skipped: { vi: 'bỏ qua (quá hạn chốt)', en: 'skipped (cut-off past)' },
  failed: { vi: 'không mở được', en: 'failed to open' },
  running: { vi: 'đang chạy', en: 'running' },
  stopped: { vi: 'đã dừng', en: 'stopped' },
  completed: { vi: 'đã mở hết các kỳ', en: 'every cycle opened' },
};

export const planStatus = defineCommand({
  group: 'plan',
  name: 'status',
  description: {
    vi: 'xem tiến độ một kế hoạch đang chạy (mã thoát 0, 3 không kết nối được, 4 không có kế hoạch này)',
    en: 'show a running plan (exit 0, 3 unreachable, 4 no such plan)',
  },
  args: { plan: planIdArg },
  json: true,
  async run({ args, ctx, flags }) {
    const { language } = ctx;
    const vi = language === 'vi';
    return await runWithClient(ctx, flags, async (client) => {
      const status = await campaignStatus(client, args.plan);
      if (ctx.json) {
        ctx.printJson(status);
        return ExitCode.ok;
      }
      const words = (state: string) => stateWords[state]?.[language] ?? state;
      const when = (at: string) => formatDateTime(at, status.timeZone, language);
      ctx.print(`${vi ? 'Kế hoạch' : 'Plan'} ${status.planId} — ${vi ? 'phiên bản' : 'version'} ${status.version} — ${words(status.phase)}`);
      ctx.print(
        textTable(
          vi ? ['Kỳ báo cáo', 'Mở', 'Hạn nộp', 'Trạng thái'] : ['Cycle', 'Opens', 'Due', 'State'],
          status.cycles.map((c) => [`${c.reportType}/${c.period}`, when(c.opensAt), when(c.dueAt), words(c.state)]),
        ),
      );
      return ExitCode.ok;
    });
  },
});
