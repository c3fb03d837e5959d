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
import { badInput, connectionFlags, consoleOutput, reportFailure, runWithClient, textTable, type CommandContext, helpText } from '../cli-temporal';
import { campaignStatus, startCampaign } from '../../client/campaigns';
import { loadPlanFile } from '../plan-file';
import { commandGroup, ExitCode, type RegisterCommand } from './command';

interface PlanStartOptions {
  rebaseTo?: string;
  json?: boolean;
}

/** Cycles listed after a start: the next few are what staff want to see. */
const CYCLES_SHOWN = 5;

export const planStart: RegisterCommand = (program, language) => {
  const vi = language === 'vi';
  commandGroup(program, 'plan', language)
    .command('start')
    .description(
      vi
        ? 'chạy cả kế hoạch: mỗi kỳ báo cáo tự mở đúng ngày (mã thoát 0 đã chạy hoặc đã cập nhật, 1 kế hoạch có lỗi, 2 sai tham số, 3 không kết nối được)'
        : 'run a whole plan: each cycle opens on its date (exit 0 started or updated, 1 plan problems, 2 bad input, 3 unreachable)',
    )
    .argument('<file>', vi ? 'tệp kế hoạch YAML' : 'plan YAML file')
    .option('--rebase-to <date>', vi ? 'dời mọi ngày của kế hoạch như thể ban hành ngày này (YYYY-MM-DD)' : 'shift every date as if the plan were issued that day (YYYY-MM-DD)')
    .option('--json', helpText.json[language])
    .action(async (file: string, options: PlanStartOptions, command) => {
      const ctx: CommandContext = { language, json: Boolean(options.json), out: consoleOutput };
      process.exitCode = await runPlanStart(file, options, ctx, connectionFlags(command));
    });
};

async function runPlanStart(file: string, options: PlanStartOptions, ctx: CommandContext, flags: Parameters<typeof runWithClient>[1]): Promise<number> {
  const vi = ctx.language === 'vi';
  let plan;
  try {
    if (options.rebaseTo !== undefined && !isValidLocalDate(options.rebaseTo)) {
      throw badInput(vi ? `kyhan: --rebase-to phải là ngày YYYY-MM-DD, ví dụ 2026-12-01, nhận được "${options.rebaseTo}"` : `kyhan: --rebase-to must be a date YYYY-MM-DD, e.g. 2026-12-01, received "${options.rebaseTo}"`);
    }
    const loaded = await loadPlanFile(file, ctx);
    if (typeof loaded === 'number') return loaded;
    plan = options.rebaseTo ? rebasePlan(loaded, options.rebaseTo) : loaded;
  } catch (err) {
    return reportFailure(ctx, err);
  }
  const started = plan;
  return await runWithClient(ctx, flags, async (client, config) => {
    const result = await startCampaign(client, started, { taskQueue: config.KYHAN_TASK_QUEUE });
    const status = await campaignStatus(client, started.id);
    if (ctx.json) {
      ctx.out.log(JSON.stringify({ planId: started.id, workflowId: result.handle.workflowId, started: result.started, version: result.version, cycles: status.cycles }, null, 2));
      return ExitCode.ok;
    }
    const when = (at: string) => formatDateTime(at, started.timeZone, ctx.language);
    ctx.out.log(
      result.started
        ? vi
          ? `Đã chạy kế hoạch ${started.issuer.documentNumber} (${started.id}): ${status.cycles.length} kỳ báo cáo theo lịch.`
          : `Started plan ${started.issuer.documentNumber} (${started.id}): ${status.cycles.length} scheduled cycles.`
        : vi
          ? `Kế hoạch ${started.id} đang chạy: đã cập nhật lên phiên bản ${result.version}, áp dụng cho các kỳ chưa mở.`
          : `Plan ${started.id} was running: updated to version ${result.version}, for the cycles not yet opened.`,
    );
    const next = status.cycles.filter((c) => c.state === 'scheduled').slice(0, CYCLES_SHOWN);
    if (next.length) {
      ctx.out.log(
        textTable(
          vi ? ['Kỳ báo cáo', 'Mở', 'Hạn nộp'] : ['Cycle', 'Opens', 'Due'],
          next.map((c) => [`${c.reportType}/${c.period}`, when(c.opensAt), when(c.dueAt)]),
        ),
      );
    }
    ctx.out.log(vi ? `Xem tiến độ: npx kyhan plan status ${started.id}` : `Progress: npx kyhan plan status ${started.id}`);
    return ExitCode.ok;
  });
}
