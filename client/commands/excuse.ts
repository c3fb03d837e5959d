/**
 * `kyhan excuse CYCLE_ID UNIT_ID --reason TEXT [--by NAME]`: the unit need not report in this cycle.
 * Exit 0 excused; 1 refused by the cycle (already reported, cycle ended…); 2 bad input;
 * 3 Temporal unreachable; 4 no such cycle or unit.
 */
import { formatDateTime } from '../../domain/dates';
import { badInput, connectionFlags, consoleOutput, cycleProgressOf, cycleRef, defaultActor, reportFailure, runWithClient, type CommandContext } from '../cli-temporal';
import type { ConnectionFlags } from '../connection-config';
import { excuseUnit } from '../cycles';
import { ExitCode, type RegisterCommand } from './command';

export interface ExcuseOptions {
  reason: string;
  by?: string;
  json?: boolean;
}

export const excuse: RegisterCommand = (program, language) => {
  const vi = language === 'vi';
  program
    .command('excuse')
    .description(
      vi
        ? 'miễn nộp cho một đơn vị trong kỳ (mã thoát 0 đã miễn, 1 kỳ từ chối, 2 sai tham số, 3 không kết nối được, 4 không có kỳ hoặc đơn vị này)'
        : 'excuse one unit from the cycle (exit 0 excused, 1 refused, 2 bad input, 3 unreachable, 4 no such cycle or unit)',
    )
    .argument('<cycle>', vi ? 'mã kỳ <kế hoạch>/<loại báo cáo>/<kỳ> hoặc mã workflow' : 'cycle id <plan>/<report type>/<period> or its workflow id')
    .argument('<unit>', vi ? 'mã đơn vị' : 'unit id')
    .requiredOption('--reason <text>', vi ? 'lý do miễn nộp' : 'why')
    .option('--by <name>', vi ? 'người quyết định (mặc định: tên đăng nhập)' : 'who decides (default: login name)')
    .option('--json', vi ? 'in JSON cho script' : 'print JSON for scripts')
    .action(async (cycle: string, unit: string, options: ExcuseOptions, command) => {
      const ctx: CommandContext = { language, json: Boolean(options.json), out: consoleOutput };
      process.exitCode = await runExcuse(cycle, unit, options, ctx, connectionFlags(command));
    });
};

export async function runExcuse(cycleArg: string, unitId: string, options: ExcuseOptions, ctx: CommandContext, flags: ConnectionFlags): Promise<number> {
  const vi = ctx.language === 'vi';
  let ref: ReturnType<typeof cycleRef>;
  try {
    ref = cycleRef(cycleArg, ctx.language);
    if (options.reason.trim() === '') throw badInput(vi ? 'kyhan: --reason không được để trống' : 'kyhan: --reason must not be empty');
  } catch (err) {
    return reportFailure(ctx, err);
  }
  return await runWithClient(ctx, flags, async (client) => {
    const progress = await cycleProgressOf(client, ref.workflowId);
    const result = await excuseUnit(client, ref.cycleId, { unitId, reason: options.reason.trim(), excusedBy: options.by?.trim() || defaultActor() });
    if (ctx.json) ctx.out.log(JSON.stringify({ cycleId: ref.cycleId, ...result }, null, 2));
    else {
      const at = formatDateTime(result.excusedAt, progress.timeZone, ctx.language);
      ctx.out.log(
        vi
          ? `Đã miễn nộp cho đơn vị "${unitId}" trong kỳ ${ref.cycleId} lúc ${at}: ${options.reason.trim()}.`
          : `Excused unit "${unitId}" from cycle ${ref.cycleId} at ${at}: ${options.reason.trim()}.`,
      );
    }
    return ExitCode.ok;
  });
}
