/**
 * `kyhan return CYCLE_ID UNIT_ID --reason TEXT [--by NAME]`: sends a submitted report back to
 * its unit for revision; the unit resubmits with `kyhan submit … --revision`.
 * Exit 0 returned; 1 refused by the cycle (nothing submitted, already returned, cycle ended…);
 * 2 bad input; 3 Temporal unreachable; 4 no such cycle or unit.
 */
import { formatDateTime } from '../../domain/dates';
import { badInput, connectionFlags, consoleOutput, cycleProgressOf, cycleRef, defaultActor, reportFailure, runWithClient, type CommandContext } from '../cli-temporal';
import type { ConnectionFlags } from '../connection-config';
import { returnForRevision } from '../cycles';
import { ExitCode, type RegisterCommand } from './command';

export interface ReturnOptions {
  reason: string;
  by?: string;
  json?: boolean;
}

export const returnReport: RegisterCommand = (program, language) => {
  const vi = language === 'vi';
  program
    .command('return')
    .description(
      vi
        ? 'trả lại báo cáo của một đơn vị để bổ sung (mã thoát 0 đã trả lại, 1 kỳ từ chối, 2 sai tham số, 3 không kết nối được, 4 không có kỳ hoặc đơn vị này)'
        : "return a unit's report for revision (exit 0 returned, 1 refused, 2 bad input, 3 unreachable, 4 no such cycle or unit)",
    )
    .argument('<cycle>', vi ? 'mã kỳ <kế hoạch>/<loại báo cáo>/<kỳ> hoặc mã workflow' : 'cycle id <plan>/<report type>/<period> or its workflow id')
    .argument('<unit>', vi ? 'mã đơn vị' : 'unit id')
    .requiredOption('--reason <text>', vi ? 'cần bổ sung gì' : 'what to revise')
    .option('--by <name>', vi ? 'người trả lại (mặc định: tên đăng nhập)' : 'who returns it (default: login name)')
    .option('--json', vi ? 'in JSON cho script' : 'print JSON for scripts')
    .action(async (cycle: string, unit: string, options: ReturnOptions, command) => {
      const ctx: CommandContext = { language, json: Boolean(options.json), out: consoleOutput };
      process.exitCode = await runReturn(cycle, unit, options, ctx, connectionFlags(command));
    });
};

export async function runReturn(cycleArg: string, unitId: string, options: ReturnOptions, ctx: CommandContext, flags: ConnectionFlags): Promise<number> {
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
    const result = await returnForRevision(client, ref.cycleId, { unitId, reason: options.reason.trim(), returnedBy: options.by?.trim() || defaultActor() });
    if (ctx.json) ctx.out.log(JSON.stringify({ cycleId: ref.cycleId, ...result }, null, 2));
    else {
      const at = formatDateTime(result.returnedAt, progress.timeZone, ctx.language);
      ctx.out.log(
        vi
          ? `Đã trả lại báo cáo của đơn vị "${unitId}" trong kỳ ${ref.cycleId} lúc ${at} để bổ sung: ${options.reason.trim()}.`
          : `Returned the report of unit "${unitId}" in cycle ${ref.cycleId} at ${at} for revision: ${options.reason.trim()}.`,
      );
    }
    return ExitCode.ok;
  });
}
