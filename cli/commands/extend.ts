/**
 * `kyhan extend CYCLE_ID UNIT_ID --until ISO --reason TEXT [--by NAME]`: moves one unit's due
 * moment. `--until` is read in the cycle's time zone unless it carries an offset.
 * Exit 0 granted; 1 refused by the cycle (a moment already past, after the cut-off, the unit
 * already reported…); 2 bad input or malformed date; 3 Temporal unreachable; 4 no such cycle or unit.
 */
import { formatDateTime } from '../../domain/dates';
import {
  badInput,
  connectionFlags,
  consoleOutput,
  cycleProgressOf,
  cycleRef,
  defaultActor,
  reportFailure,
  requireCliInstant,
  runWithClient,
  type CommandContext,
  helpText,
} from '../cli-temporal';
import type { ConnectionFlags } from '../../client/connection-config';
import { grantExtension } from '../../client/cycles';
import { ExitCode, type RegisterCommand } from './command';

export interface ExtendOptions {
  until: string;
  reason: string;
  by?: string;
  json?: boolean;
}

export const extend: RegisterCommand = (program, language) => {
  const vi = language === 'vi';
  program
    .command('extend')
    .description(
      vi
        ? 'gia hạn nộp cho một đơn vị (mã thoát 0 đã gia hạn, 1 kỳ từ chối, 2 sai tham số hoặc sai ngày giờ, 3 không kết nối được, 4 không có kỳ hoặc đơn vị này)'
        : 'grant one unit an extension (exit 0 granted, 1 refused, 2 bad input or malformed date, 3 unreachable, 4 no such cycle or unit)',
    )
    .argument('<cycle>', helpText.cycle[language])
    .argument('<unit>', helpText.unit[language])
    .requiredOption('--until <ISO>', vi ? 'hạn mới, ví dụ 2026-11-30T17:00 (giờ của kỳ báo cáo) hoặc 2026-11-30T17:00:00+07:00' : 'new due moment, e.g. 2026-11-30T17:00 (cycle time) or 2026-11-30T17:00:00+07:00')
    .requiredOption('--reason <text>', vi ? 'lý do gia hạn' : 'why')
    .option('--by <name>', vi ? 'người cho gia hạn (mặc định: tên đăng nhập)' : 'who grants it (default: login name)')
    .option('--json', helpText.json[language])
    .action(async (cycle: string, unit: string, options: ExtendOptions, command) => {
      const ctx: CommandContext = { language, json: Boolean(options.json), out: consoleOutput };
      process.exitCode = await runExtend(cycle, unit, options, ctx, connectionFlags(command));
    });
};

/** Checked before connecting: a date that no time zone could make valid. */
const LOOSE_ZONE = 'UTC';

export async function runExtend(cycleArg: string, unitId: string, options: ExtendOptions, ctx: CommandContext, flags: ConnectionFlags): Promise<number> {
  const vi = ctx.language === 'vi';
  let ref: ReturnType<typeof cycleRef>;
  try {
    ref = cycleRef(cycleArg, ctx.language);
    requireCliInstant('--until', options.until, LOOSE_ZONE, ctx.language);
    if (options.reason.trim() === '') throw badInput(vi ? 'kyhan: --reason không được để trống' : 'kyhan: --reason must not be empty');
  } catch (err) {
    return reportFailure(ctx, err);
  }
  return await runWithClient(ctx, flags, async (client) => {
    const progress = await cycleProgressOf(client, ref.workflowId);
    const until = requireCliInstant('--until', options.until, progress.timeZone, ctx.language);
    const result = await grantExtension(client, ref.cycleId, { unitId, until, reason: options.reason.trim(), grantedBy: options.by?.trim() || defaultActor() });
    if (ctx.json) ctx.out.log(JSON.stringify({ cycleId: ref.cycleId, ...result }, null, 2));
    else {
      const due = formatDateTime(result.dueAt, progress.timeZone, ctx.language);
      ctx.out.log(vi ? `Đã gia hạn cho đơn vị "${unitId}" trong kỳ ${ref.cycleId} đến ${due}.` : `Extended unit "${unitId}" in cycle ${ref.cycleId} until ${due}.`);
    }
    return ExitCode.ok;
  });
}
