/**
 * The staff decisions about one unit that need only a reason:
 * `kyhan excuse CYCLE_ID UNIT_ID --reason TEXT [--by NAME]`: the unit need not report in this cycle;
 * `kyhan return CYCLE_ID UNIT_ID --reason TEXT [--by NAME]`: its report goes back for revision
 * (the unit resubmits with `kyhan submit … --revision`).
 * Exit 0 done; 1 refused by the cycle (the message says why); 2 bad input;
 * 3 Temporal unreachable; 4 no such cycle or unit.
 */
import type { Client } from '@temporalio/client';
import type { Language } from '../../domain/cycle';
import { formatDateTime } from '../../domain/dates';
import { excuseUnit, returnForRevision } from '../../client/cycles';
import { ExitCode, type Words } from '../cli-io';
import { actor, badInput, cycleProgressOf, cycleRef, runWithClient } from '../cli-temporal';
import { byOption, cycleArg, defineCommand, reasonOption, unitArg, type RegisterCommand } from './command';

interface UnitDecision {
  name: string;
  description: Words;
  reason: Words;
  by: Words;
  /** Records the decision; resolves to the moment the cycle recorded it and the cycle's answer. */
  decide(client: Client, cycleId: string, unitId: string, reason: string, by: string): Promise<{ at: string; result: object }>;
  /** The line printed when it is done. */
  done(language: Language, unitId: string, cycleId: string, at: string, reason: string): string;
}

function unitDecisionCommand(decision: UnitDecision): RegisterCommand {
  return defineCommand({
    name: decision.name,
    description: decision.description,
    args: { cycle: cycleArg, unit: unitArg },
    options: { reason: reasonOption(decision.reason), by: byOption(decision.by) },
    json: true,
    async run({ args, options, ctx, flags }) {
      const ref = cycleRef(args.cycle, ctx.language);
      const reason = requireReason(options.reason, ctx.language);
      return await runWithClient(ctx, flags, async (client) => {
        const progress = await cycleProgressOf(client, ref.workflowId);
        const { at, result } = await decision.decide(client, ref.cycleId, args.unit, reason, actor(options.by));
        if (ctx.json) ctx.printJson({ cycleId: ref.cycleId, ...result });
        else ctx.print(decision.done(ctx.language, args.unit, ref.cycleId, formatDateTime(at, progress.timeZone, ctx.language), reason));
        return ExitCode.ok;
      });
    },
  });
}

/** `--reason`, trimmed; `badInput` when blank. */
export function requireReason(text: string, language: Language): string {
  const reason = text.trim();
  if (reason === '') throw badInput(language === 'vi' ? 'kyhan: --reason không được để trống' : 'kyhan: --reason must not be empty');
  return reason;
}

export const excuse = unitDecisionCommand({
  name: 'excuse',
  description: {
    vi: 'miễn nộp cho một đơn vị trong kỳ (mã thoát 0 đã miễn, 1 kỳ từ chối, 2 sai tham số, 3 không kết nối được, 4 không có kỳ hoặc đơn vị này)',
    en: 'excuse one unit from the cycle (exit 0 excused, 1 refused, 2 bad input, 3 unreachable, 4 no such cycle or unit)',
  },
  reason: { vi: 'lý do miễn nộp', en: 'why' },
  by: { vi: 'người quyết định', en: 'who decides' },
  async decide(client, cycleId, unitId, reason, by) {
    const result = await excuseUnit(client, cycleId, { unitId, reason, excusedBy: by });
    return { at: result.excusedAt, result };
  },
  done: (language, unitId, cycleId, at, reason) =>
    language === 'vi' ? `Đã miễn nộp cho đơn vị "${unitId}" trong kỳ ${cycleId} lúc ${at}: ${reason}.` : `Excused unit "${unitId}" from cycle ${cycleId} at ${at}: ${reason}.`,
});

export const returnReport = unitDecisionCommand({
  name: 'return',
  description: {
    vi: 'trả lại báo cáo của một đơn vị để bổ sung (mã thoát 0 đã trả lại, 1 kỳ từ chối, 2 sai tham số, 3 không kết nối được, 4 không có kỳ hoặc đơn vị này)',
    en: "return a unit's report for revision (exit 0 returned, 1 refused, 2 bad input, 3 unreachable, 4 no such cycle or unit)",
  },
  reason: { vi: 'cần bổ sung gì', en: 'what to revise' },
  by: { vi: 'người trả lại', en: 'who returns it' },
  async decide(client, cycleId, unitId, reason, by) {
    const result = await returnForRevision(client, cycleId, { unitId, reason, returnedBy: by });
    return { at: result.returnedAt, result };
  },
  done: (language, unitId, cycleId, at, reason) =>
    language === 'vi'
      ? `Đã trả lại báo cáo của đơn vị "${unitId}" trong kỳ ${cycleId} lúc ${at} để bổ sung: ${reason}.`
      : `Returned the report of unit "${unitId}" in cycle ${cycleId} at ${at} for revision: ${reason}.`,
});
