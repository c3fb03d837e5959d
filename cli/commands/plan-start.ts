/**
 * `kyhan plan start FILE [--rebase-to YYYY-MM-DD]`: runs a whole plan — its campaign workflow
 * opens each cycle on its date. Starting a plan that is already running gives it the file as
 * a new version, for the cycles not yet opened. `--rebase-to` shifts every date of the plan
 * so that it reads as issued that day (replaying a past plan from today).
 * Exit 0 started or updated; 1 the plan has problems; 2 bad input; 3 Temporal unreachable.
 */
import { isValidLocalDate } from '../../domain/time';
import { formatDateTime } from '../../domain/dates';
import { rebasePlan } from '../../domain/plan/rebase';
import { formatProblem } from '../../domain/plan/validate';
import { scheduleChecks } from '../../domain/schedule/problems';
import { campaignStatus, startCampaign } from '../../client/campaigns';
import { ExitCode, textTable } from '../cli-io';
import { badInput, runWithClient } from '../cli-temporal';
import { loadPlanFile } from '../plan-file';
import { defineCommand, planFileArg } from './command';

/** Cycles listed after a start: the next few are what staff want to see. */
const CYCLES_SHOWN = 5;

export const planStart = defineCommand({
  group: 'plan',
  name: 'start',
  description: {
    vi: 'chạy cả kế hoạch: mỗi kỳ báo cáo tự mở đúng ngày (mã thoát 0 đã chạy hoặc đã cập nhật, 1 kế hoạch có lỗi, 2 sai tham số, 3 không kết nối được)',
    en: 'run a whole plan: each cycle opens on its date (exit 0 started or updated, 1 plan problems, 2 bad input, 3 unreachable)',
  },
  args: { file: planFileArg },
  options: {
    rebaseTo: {
      flags: '--rebase-to <date>',
      help: { vi: 'dời mọi ngày của kế hoạch như thể ban hành ngày này (YYYY-MM-DD)', en: 'shift every date as if the plan were issued that day (YYYY-MM-DD)' },
    },
  },
  json: true,
  async run({ args, options, ctx, flags }) {
    const vi = ctx.language === 'vi';
    const { rebaseTo } = options;
    if (rebaseTo !== undefined && !isValidLocalDate(rebaseTo)) {
      throw badInput(vi ? `kyhan: --rebase-to phải là ngày YYYY-MM-DD, ví dụ 2026-12-01, nhận được "${rebaseTo}"` : `kyhan: --rebase-to must be a date YYYY-MM-DD, e.g. 2026-12-01, received "${rebaseTo}"`);
    }
    const { plan: loaded, warnings } = await loadPlanFile(args.file, ctx.language);
    const plan = rebaseTo ? rebasePlan(loaded, rebaseTo) : loaded;
    // Rebasing moves the plan's dates, not the real lifetimes of the bodies it names: a replayed
    // plan may find cycles with nobody left to report, or nobody to report to. Say so.
    const rebasedWarnings = rebaseTo ? scheduleChecks(plan, plan.language).warnings.map((w) => formatProblem(w, plan.language)) : [];
    const shown = [...new Set([...warnings, ...rebasedWarnings])];
    if (shown.length) ctx.printError(shown.map((w) => `${vi ? 'cảnh báo' : 'warning'}: ${w}`));
    return await runWithClient(ctx, flags, async (client, config) => {
      const result = await startCampaign(client, plan, { taskQueue: config.KYHAN_TASK_QUEUE });
      const status = await campaignStatus(client, plan.id);
      if (ctx.json) {
        ctx.printJson({ planId: plan.id, workflowId: result.handle.workflowId, started: result.started, version: result.version, cycles: status.cycles });
        return ExitCode.ok;
      }
      const when = (at: string) => formatDateTime(at, plan.timeZone, ctx.language);
      ctx.print(
        result.started
          ? vi
            ? `Đã chạy kế hoạch ${plan.issuer.documentNumber} (${plan.id}): ${status.cycles.length} kỳ báo cáo theo lịch.`
            : `Started plan ${plan.issuer.documentNumber} (${plan.id}): ${status.cycles.length} scheduled cycles.`
          : vi
            ? `Kế hoạch ${plan.id} đang chạy: đã cập nhật lên phiên bản ${result.version}, áp dụng cho các kỳ chưa mở.`
            : `Plan ${plan.id} was running: updated to version ${result.version}, for the cycles not yet opened.`,
      );
      const next = status.cycles.filter((c) => c.state === 'scheduled').slice(0, CYCLES_SHOWN);
      if (next.length) {
        ctx.print(
          textTable(
            vi ? ['Kỳ báo cáo', 'Mở', 'Hạn nộp'] : ['Cycle', 'Opens', 'Due'],
            next.map((c) => [`${c.reportType}/${c.period}`, when(c.opensAt), when(c.dueAt)]),
          ),
        );
      }
      ctx.print(vi ? `Xem tiến độ: npx kyhan plan status ${plan.id}` : `Progress: npx kyhan plan status ${plan.id}`);
      return ExitCode.ok;
    });
  },
});
