/**
 * `kyhan cycle status CYCLE_ID [--json]`: a cycle's phase, counts and next event, and a table of
 * its units (state, due, submitted at, by, reminders, escalations, delivery failures).
 * Exit 0 shown; 2 malformed id; 3 Temporal unreachable; 4 no such cycle.
 */
import type { Language } from '../../domain/cycle';
import { formatDateTime } from '../../domain/dates';
import type { CyclePhase, CycleStatus, UnitState, UnitStatus } from '../../workflows/messages';
import { connectionFlags, consoleOutput, cycleRef, reportFailure, runWithClient, textTable, type CommandContext, helpText } from '../cli-temporal';
import type { ConnectionFlags } from '../../client/connection-config';
import { cycleStatus } from '../../client/cycles';
import { commandGroup, ExitCode, type RegisterCommand } from './command';

export const cycleStatusCommand: RegisterCommand = (program, language) => {
  const vi = language === 'vi';
  commandGroup(program, 'cycle', language)
    .command('status')
    .description(
      vi
        ? 'tình hình một kỳ báo cáo: giai đoạn, số đơn vị theo trạng thái, sự kiện tiếp theo, bảng các đơn vị (mã thoát 0 được, 2 sai mã kỳ, 3 không kết nối được, 4 không có kỳ này)'
        : "a cycle's phase, unit counts, next event and a table of its units (exit 0 done, 2 malformed id, 3 unreachable, 4 no such cycle)",
    )
    .argument('<cycle>', helpText.cycle[language])
    .option('--json', helpText.json[language])
    .action(async (cycle: string, options: { json?: boolean }, command) => {
      const ctx: CommandContext = { language, json: Boolean(options.json), out: consoleOutput };
      process.exitCode = await runCycleStatus(cycle, ctx, connectionFlags(command));
    });
};

export async function runCycleStatus(cycleArg: string, ctx: CommandContext, flags: ConnectionFlags): Promise<number> {
  let ref: ReturnType<typeof cycleRef>;
  try {
    ref = cycleRef(cycleArg, ctx.language);
  } catch (err) {
    return reportFailure(ctx, err);
  }
  return await runWithClient(ctx, flags, async (client) => {
    const status = await cycleStatus(client, ref.cycleId);
    if (ctx.json) ctx.out.log(JSON.stringify({ workflowId: ref.workflowId, ...status }, null, 2));
    else ctx.out.log(statusText(status, ctx.language));
    return ExitCode.ok;
  });
}

const phaseText: Record<CyclePhase, Record<Language, string>> = {
  loading: { vi: 'đang nạp đơn vị', en: 'loading units' },
  open: { vi: 'đang mở', en: 'open' },
  consolidating: { vi: 'đang tổng hợp', en: 'consolidating' },
  consolidated: { vi: 'đã tổng hợp', en: 'consolidated' },
  cancelled: { vi: 'đã hủy', en: 'cancelled' },
};

export const unitStateText: Record<UnitState, Record<Language, string>> = {
  pending: { vi: 'chưa nộp', en: 'pending' },
  overdue: { vi: 'quá hạn', en: 'overdue' },
  submitted: { vi: 'đã nộp', en: 'submitted' },
  excused: { vi: 'miễn nộp', en: 'excused' },
};

const HEADERS: Record<Language, string[]> = {
  vi: ['Đơn vị', 'Trạng thái', 'Hạn nộp', 'Nộp lúc', 'Người nộp', 'Nhắc', 'Báo cáo LĐ', 'Lỗi gửi thư'],
  en: ['Unit', 'State', 'Due', 'Submitted at', 'By', 'Reminders', 'Escalations', 'Delivery failures'],
};

/** The status as people read it: a few lines of summary, then one row per unit. */
export function statusText(status: CycleStatus, language: Language): string {
  const vi = language === 'vi';
  const when = (instant: string) => formatDateTime(instant, status.timeZone, language);
  const c = status.counts;
  const lines = [
    vi ? `Kỳ báo cáo ${status.cycleId} — ${phaseText[status.phase].vi}` : `Cycle ${status.cycleId} — ${phaseText[status.phase].en}`,
    vi
      ? `Đơn vị: ${status.units.length} · chưa nộp ${c.pending} · quá hạn ${c.overdue} · đã nộp ${c.submitted} · miễn nộp ${c.excused}`
      : `Units: ${status.units.length} · pending ${c.pending} · overdue ${c.overdue} · submitted ${c.submitted} · excused ${c.excused}`,
  ];
  if (status.nextEvent) {
    const e = status.nextEvent;
    const what =
      e.kind === 'opening'
        ? vi ? 'mở kỳ' : 'opening'
        : e.kind === 'escalation'
          ? vi ? `báo cáo lãnh đạo bậc ${e.step ?? '?'}` : `escalation step ${e.step ?? '?'}`
          : vi ? 'khóa sổ, tổng hợp' : 'cut-off, consolidation';
    lines.push(vi ? `Sự kiện tiếp theo: ${what} lúc ${when(e.at)}` : `Next: ${what} at ${when(e.at)}`);
  }
  for (const step of status.escalationsSent) {
    lines.push(
      vi
        ? `Đã báo cáo lãnh đạo bậc ${step.step} lúc ${when(step.at)}: ${step.overdueUnits} đơn vị quá hạn`
        : `Escalation step ${step.step} sent at ${when(step.at)}: ${step.overdueUnits} overdue units`,
    );
  }
  if (status.consolidation) {
    lines.push(vi ? `Tổng hợp lúc ${when(status.consolidation.at)}: ${status.consolidation.markdownPath}` : `Consolidated at ${when(status.consolidation.at)}: ${status.consolidation.markdownPath}`);
  }
  if (status.cancelled) {
    lines.push(vi ? `Hủy lúc ${when(status.cancelled.at)}: ${status.cancelled.reason}` : `Cancelled at ${when(status.cancelled.at)}: ${status.cancelled.reason}`);
  }
  const rows = [...status.units].sort((a, b) => a.unitId.localeCompare(b.unitId)).map((unit) => unitRow(unit, language, when));
  lines.push('', textTable(HEADERS[language], rows));
  return lines.join('\n');
}

function unitRow(unit: UnitStatus, language: Language, when: (instant: string) => string): string[] {
  const vi = language === 'vi';
  let state = unitStateText[unit.state][language];
  if (unit.returned) state += vi ? ' (trả lại)' : ' (returned)';
  if (unit.extended) state += vi ? ' (gia hạn)' : ' (extended)';
  if (unit.submission && unit.submission.revision > 0) state += ` (v${unit.submission.revision + 1})`;
  const submitted = unit.submission
    ? `${when(unit.submission.at)}${unit.submission.onTime ? '' : vi ? ' (muộn)' : ' (late)'}`
    : '–';
  return [
    unit.unitId,
    state,
    when(unit.dueAt),
    submitted,
    unit.submission?.by ?? '–',
    String(unit.remindersSent.length),
    unit.escalations.length === 0 ? '–' : unit.escalations.join(', '),
    unit.deliveryFailures.length === 0 ? '–' : unit.deliveryFailures.map((f) => f.address).join(', '),
  ];
}
