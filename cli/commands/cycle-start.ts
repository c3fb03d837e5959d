/**
 * `kyhan cycle start FILE --report ID [--period P] [--due ISO] [--opens ISO] [--units a,b]`:
 * computes one cycle of a plan and starts its workflow. A scheduled report type's cycle comes
 * from the schedule (`--period`); an ad-hoc one's, or any with `--due`, is computed from the
 * dates given (the period defaults to the due date). Starting a running cycle again is
 * harmless: its workflow id is derived, and the command says it was already running.
 * Exit 0 started or already running; 1 the plan has problems or the cycle already ended;
 * 2 bad input; 3 Temporal unreachable.
 */
import type { Client } from '@temporalio/client';
import type { Language } from '../../domain/cycle';
import { formatDateTime } from '../../domain/dates';
import type { Plan } from '../../domain/plan/schema';
import { cycleForRequest, toCycleSpec, type ScheduledCycle } from '../../domain/schedule';
import { cycleWorkflowId } from '../../workflows/messages';
import { startCycle } from '../../client/cycles';
import { ExitCode, type CommandContext } from '../cli-io';
import { badInput, CliFailure, requireCliInstant, runWithClient } from '../cli-temporal';
import { loadPlanFile } from '../plan-file';
import { defineCommand, planFileArg } from './command';

export { toCycleSpec };

export interface CycleStartOptions {
  report: string;
  period?: string | undefined;
  due?: string | undefined;
  opens?: string | undefined;
  units?: string | undefined;
}

export const cycleStart = defineCommand({
  group: 'cycle',
  name: 'start',
  description: {
    vi: 'mở một kỳ báo cáo của kế hoạch (mã thoát 0 đã mở hoặc đang chạy, 1 kế hoạch có lỗi hoặc kỳ đã kết thúc, 2 sai tham số, 3 không kết nối được Temporal)',
    en: 'start one reporting cycle of a plan (exit 0 started or already running, 1 plan problems or cycle ended, 2 bad input, 3 Temporal unreachable)',
  },
  args: { file: planFileArg },
  options: {
    report: { flags: '--report <id>', help: { vi: 'mã loại báo cáo trong kế hoạch', en: 'report type id in the plan' }, required: true },
    period: {
      flags: '--period <id>',
      help: { vi: 'kỳ theo lịch (ví dụ 2020-03), hoặc mã kỳ đột xuất (mặc định: ngày hạn nộp)', en: 'scheduled period (e.g. 2020-03), or the ad-hoc period id (default: the due date)' },
    },
    due: {
      flags: '--due <ISO>',
      help: { vi: 'hạn nộp, ví dụ 2026-11-24T17:00 (giờ của kế hoạch) hoặc 2026-11-24T17:00:00+07:00', en: 'due moment, e.g. 2026-11-24T17:00 (plan time) or 2026-11-24T17:00:00+07:00' },
    },
    opens: { flags: '--opens <ISO>', help: { vi: 'thời điểm mở kỳ đột xuất (mặc định: ngay bây giờ)', en: 'opening of an ad-hoc cycle (default: now)' } },
    units: { flags: '--units <ids>', help: { vi: 'chỉ các đơn vị này, cách nhau bằng dấu phẩy', en: 'only these units, comma-separated' } },
  },
  json: true,
  async run({ args, options, ctx, flags }) {
    const { plan } = await loadPlanFile(args.file, ctx.language);
    const spec = computeCycle(plan, options, ctx.language, new Date());
    return await runWithClient(ctx, flags, async (client, config) => {
      const started = await startOrFind(client, spec, config.KYHAN_TASK_QUEUE, ctx.language);
      printStarted(spec, started, ctx);
      return ExitCode.ok;
    });
  },
});

/** What `--units a,b` names: ids, trimmed, without blanks. */
export function parseUnitList(text: string): string[] {
  return [...new Set(text.split(',').map((id) => id.trim()).filter((id) => id !== ''))];
}

/** The cycle the options describe, computed from the plan (domain/schedule `cycleForRequest`); `badInput` when they name nothing. */
export function computeCycle(plan: Plan, options: CycleStartOptions, language: Language, now: Date): ScheduledCycle {
  const vi = language === 'vi';
  const zone = plan.timeZone;
  // Malformed moments are named by their option before anything else.
  const dueAt = options.due !== undefined ? new Date(requireCliInstant('--due', options.due, zone, language)) : undefined;
  const opensAt = options.opens !== undefined ? new Date(requireCliInstant('--opens', options.opens, zone, language)) : undefined;
  const result = cycleForRequest(plan, { reportType: options.report, period: options.period, dueAt, opensAt, units: options.units !== undefined ? parseUnitList(options.units) : undefined }, now);
  if (result.ok) return result.cycle;
  const problem = result.problem;
  const quoted = (ids: string[]) => ids.map((id) => `"${id}"`).join(', ');
  switch (problem.kind) {
    case 'unknown-report-type':
      throw badInput(
        vi
          ? `kyhan: kế hoạch "${plan.id}" không có loại báo cáo "${options.report}"; các loại có: ${problem.known.join(', ')}`
          : `kyhan: plan "${plan.id}" has no report type "${options.report}"; it has: ${problem.known.join(', ')}`,
      );
    case 'no-units':
      throw badInput(vi ? 'kyhan: --units cần ít nhất một mã đơn vị' : 'kyhan: --units needs at least one unit id');
    case 'unknown-units':
      throw badInput(
        vi
          ? `kyhan: kế hoạch "${plan.id}" không có đơn vị ${quoted(problem.ids)}; các đơn vị có: ${problem.known.join(', ')}`
          : `kyhan: plan "${plan.id}" has no unit ${quoted(problem.ids)}; it has: ${problem.known.join(', ')}`,
      );
    case 'schedule':
      throw badInput(`kyhan: ${problem.message}`);
    case 'opens-for-scheduled':
      throw badInput(
        vi
          ? `kyhan: --opens chỉ dùng cho kỳ đột xuất hoặc cùng --due; kỳ theo lịch của "${options.report}" mở theo kế hoạch`
          : `kyhan: --opens is for ad-hoc cycles or with --due; a scheduled cycle of "${options.report}" opens as the plan says`,
      );
    case 'period-required':
      throw badInput(
        vi
          ? `kyhan: loại báo cáo "${options.report}" theo lịch: cần --period (một trong ${problem.periods.join(', ')}) hoặc --due`
          : `kyhan: report type "${options.report}" is scheduled: give --period (one of ${problem.periods.join(', ')}) or --due`,
      );
    case 'unknown-period':
      throw badInput(
        vi
          ? `kyhan: loại báo cáo "${options.report}" không có kỳ "${options.period}"; các kỳ có: ${problem.periods.join(', ')}`
          : `kyhan: report type "${options.report}" has no period "${options.period}"; its periods: ${problem.periods.join(', ')}`,
      );
    case 'units-not-reporting': {
      const cycleId = `${plan.id}/${options.report}/${options.period}`;
      throw badInput(
        vi
          ? `kyhan: đơn vị ${quoted(problem.ids)} không phải nộp kỳ "${cycleId}"; các đơn vị phải nộp: ${problem.reporting.join(', ')}`
          : `kyhan: unit ${quoted(problem.ids)} does not report in cycle "${cycleId}"; its units: ${problem.reporting.join(', ')}`,
      );
    }
  }
}

interface StartResult {
  workflowId: string;
  alreadyRunning: boolean;
  startedAt?: Date;
}

async function startOrFind(client: Client, cycle: ScheduledCycle, taskQueue: string, language: Language): Promise<StartResult> {
  const workflowId = cycleWorkflowId(cycle.planId, cycle.reportType.id, cycle.period.id);
  let existing: { status: string; startTime: Date; closeTime?: Date | undefined } | undefined;
  try {
    const description = await client.workflow.getHandle(workflowId).describe();
    existing = { status: description.status.name, startTime: description.startTime, closeTime: description.closeTime };
  } catch (err) {
    if (!(err instanceof Error && err.name === 'WorkflowNotFoundError')) throw err;
  }
  if (existing && existing.status !== 'RUNNING') {
    // A closed cycle keeps its id: starting it again would run a second cycle for the same
    // period (Temporal allows a new run once the first has closed).
    const ended = existing.closeTime ? formatDateTime(existing.closeTime.toISOString(), cycle.timeZone, language) : '?';
    throw new CliFailure(
      language === 'vi'
        ? `kyhan: kỳ báo cáo "${cycle.id}" đã kết thúc (${existing.status}) lúc ${ended}; để mở một kỳ mới hãy dùng --period với mã khác.`
        : `kyhan: cycle "${cycle.id}" already ended (${existing.status}) at ${ended}; to open a new one give --period another id.`,
      ExitCode.rejected,
      'CycleEnded',
    );
  }
  // Also when running: a second start delivers any units a first one did not (harmless otherwise).
  await startCycle(client, toCycleSpec(cycle), { taskQueue });
  return existing ? { workflowId, alreadyRunning: true, startedAt: existing.startTime } : { workflowId, alreadyRunning: false };
}

function printStarted(cycle: ScheduledCycle, started: StartResult, ctx: CommandContext): void {
  const { language } = ctx;
  const due = formatDateTime(cycle.dueAt, cycle.timeZone, language);
  const opens = formatDateTime(cycle.opensAt, cycle.timeZone, language);
  if (ctx.json) {
    ctx.printJson({
      cycleId: cycle.id,
      workflowId: started.workflowId,
      alreadyRunning: started.alreadyRunning,
      reportType: cycle.reportType.id,
      period: cycle.period.id,
      opensAt: cycle.opensAt,
      dueAt: cycle.dueAt,
      cutoffAt: cycle.cutoffAt,
      units: cycle.units.map((u) => u.id),
    });
    return;
  }
  const vi = language === 'vi';
  const head = started.alreadyRunning
    ? vi
      ? `Kỳ báo cáo ${cycle.id} đã đang chạy (bắt đầu lúc ${formatDateTime(started.startedAt!.toISOString(), cycle.timeZone, language)}); không mở thêm.`
      : `Cycle ${cycle.id} is already running (started at ${formatDateTime(started.startedAt!.toISOString(), cycle.timeZone, language)}); nothing new started.`
    : vi
      ? `Đã mở kỳ báo cáo ${cycle.id}.`
      : `Started cycle ${cycle.id}.`;
  ctx.print([
    head,
    `  Workflow: ${started.workflowId}`,
    vi ? `  Mở kỳ:    ${opens}` : `  Opens:    ${opens}`,
    vi ? `  Hạn nộp:  ${due}` : `  Due:      ${due}`,
    vi ? `  Đơn vị:   ${cycle.units.length}` : `  Units:    ${cycle.units.length}`,
  ]);
}
