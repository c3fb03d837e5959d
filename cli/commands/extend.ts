/**
 * `kyhan extend CYCLE_ID UNIT_ID --until ISO --reason TEXT [--by NAME]`: moves one unit's due
 * moment. `--until` is read in the cycle's time zone unless it carries an offset.
 * Exit 0 granted; 1 refused by the cycle (a moment already past, after the cut-off, the unit
 * already reported…); 2 bad input or malformed date; 3 Temporal unreachable; 4 no such cycle or unit.
 */
import { formatDateTime } from '../../domain/dates';
import { grantExtension } from '../../client/cycles';
import { ExitCode } from '../cli-io';
import { actor, cycleProgressOf, cycleRef, requireCliInstant, runWithClient } from '../cli-temporal';
import { byOption, cycleArg, defineCommand, reasonOption, unitArg } from './command';
import { requireReason } from './unit-decision';

/** Checked before connecting: a date that no time zone could make valid. */
const LOOSE_ZONE = 'UTC';

export const extend = defineCommand({
  name: 'extend',
  description: {
    vi: 'gia hạn nộp cho một đơn vị (mã thoát 0 đã gia hạn, 1 kỳ từ chối, 2 sai tham số hoặc sai ngày giờ, 3 không kết nối được, 4 không có kỳ hoặc đơn vị này)',
    en: 'grant one unit an extension (exit 0 granted, 1 refused, 2 bad input or malformed date, 3 unreachable, 4 no such cycle or unit)',
  },
  args: { cycle: cycleArg, unit: unitArg },
  options: {
    until: {
      flags: '--until <ISO>',
      help: {
        vi: 'hạn mới, ví dụ 2026-11-30T17:00 (giờ của kỳ báo cáo) hoặc 2026-11-30T17:00:00+07:00',
        en: 'new due moment, e.g. 2026-11-30T17:00 (cycle time) or 2026-11-30T17:00:00+07:00',
      },
      required: true,
    },
    reason: reasonOption({ vi: 'lý do gia hạn', en: 'why' }),
    by: byOption({ vi: 'người cho gia hạn', en: 'who grants it' }),
  },
  json: true,
  async run({ args, options, ctx, flags }) {
    const vi = ctx.language === 'vi';
    const ref = cycleRef(args.cycle, ctx.language);
    requireCliInstant('--until', options.until, LOOSE_ZONE, ctx.language);
    const reason = requireReason(options.reason, ctx.language);
    return await runWithClient(ctx, flags, async (client) => {
      const progress = await cycleProgressOf(client, ref.workflowId);
      const until = requireCliInstant('--until', options.until, progress.timeZone, ctx.language);
      const result = await grantExtension(client, ref.cycleId, { unitId: args.unit, until, reason, grantedBy: actor(options.by) });
      if (ctx.json) ctx.printJson({ cycleId: ref.cycleId, ...result });
      else {
        const due = formatDateTime(result.dueAt, progress.timeZone, ctx.language);
        ctx.print(vi ? `Đã gia hạn cho đơn vị "${args.unit}" trong kỳ ${ref.cycleId} đến ${due}.` : `Extended unit "${args.unit}" in cycle ${ref.cycleId} until ${due}.`);
      }
      return ExitCode.ok;
    });
  },
});
