/**
 * `kyhan plan schedule FILE [--from YYYY-MM] [--to YYYY-MM] [--format table|json|ics]`: every
 * scheduled cycle of a plan with its opening, due moment, the dates its figures cover (the data
 * window of a monthly report), reminders, escalation steps and cut-off. The plan is validated first: a plan with problems prints them as `plan validate`
 * does and exits 1; an unreadable file or a bad option exits 2.
 */
import type { Language } from '../../domain/cycle';
import type { Plan } from '../../domain/plan/schema';
import { computeSchedule, scheduleToIcs, type ScheduledCycle } from '../../domain/schedule';
import { instantToZoned } from '../../domain/time';
import { commandContext, consoleOutput, ExitCode, textTable, type CommandContext, type Output } from '../cli-io';
import { badInput, reportFailure } from '../cli-temporal';
import { loadPlanFile } from '../plan-file';
import { defineCommand, planFileArg } from './command';

export const SCHEDULE_FORMATS = ['table', 'json', 'ics'] as const;
export type ScheduleFormat = (typeof SCHEDULE_FORMATS)[number];

export interface PlanScheduleOptions {
  from?: string | undefined;
  to?: string | undefined;
  format?: ScheduleFormat;
}

/** Lines for tables, JSON and errors; raw text for the calendar, whose CRLF line ends must survive. */
export interface ScheduleOutput extends Output {
  write(text: string): void;
}

const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const planSchedule = defineCommand({
  group: 'plan',
  name: 'schedule',
  description: {
    vi: 'lịch các kỳ báo cáo của một kế hoạch: ngày mở, hạn nộp, khoảng số liệu, nhắc nhở, các bậc báo cáo lãnh đạo, chốt tổng hợp (mã thoát 0 được, 1 kế hoạch có lỗi, 2 không chạy được)',
    en: "a plan's reporting cycles: opening, due moment, data window, reminders, escalation steps, cut-off (exit 0 done, 1 plan has problems, 2 cannot run)",
  },
  args: { file: planFileArg },
  options: {
    from: { flags: '--from <YYYY-MM>', help: { vi: 'chỉ các kỳ về tháng này trở về sau', en: 'only cycles about this month or later' } },
    to: { flags: '--to <YYYY-MM>', help: { vi: 'chỉ các kỳ về tháng này trở về trước', en: 'only cycles about this month or earlier' } },
    format: {
      flags: '--format <format>',
      help: { vi: 'dạng in ra: bảng, JSON hoặc lịch iCalendar', en: 'output: a table, JSON or an iCalendar file' },
      choices: SCHEDULE_FORMATS,
      default: 'table',
    },
  },
  run: ({ args, options, ctx }) => schedule(args.file, { ...options, format: options.format as ScheduleFormat }, ctx, (text) => process.stdout.write(text)),
});

/** `kyhan plan schedule` with the CLI in `language`, printing to `out`; resolves to the exit code. */
export async function runPlanSchedule(file: string, options: PlanScheduleOptions, language: Language, out: ScheduleOutput = { ...consoleOutput, write: (text) => process.stdout.write(text) }): Promise<number> {
  const ctx = commandContext(language, false, out);
  try {
    return await schedule(file, options, ctx, (text) => out.write(text));
  } catch (err) {
    return reportFailure(ctx, err);
  }
}

async function schedule(file: string, options: PlanScheduleOptions, ctx: CommandContext, write: (text: string) => void): Promise<number> {
  for (const [name, value] of [['--from', options.from], ['--to', options.to]] as const) {
    if (value !== undefined && !YEAR_MONTH.test(value)) {
      throw badInput(
        ctx.language === 'vi'
          ? `kyhan: ${name} phải là một tháng dạng YYYY-MM, ví dụ 2020-01, nhận được "${value}"`
          : `kyhan: ${name} must be a month YYYY-MM, e.g. 2020-01, received "${value}"`,
      );
    }
  }
  const { plan } = await loadPlanFile(file, ctx.language);
  const cycles = computeSchedule(plan, {
    // Cycles due relative to the plan's start are shown as if it were started now.
    startedAt: Date.now(),
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
  });
  switch (options.format ?? 'table') {
    case 'json':
      ctx.printJson(scheduleJson(plan, cycles));
      break;
    case 'ics':
      // The calendar escapes its own text (domain/schedule/ics.ts) and must keep its CRLFs.
      write(scheduleToIcs(cycles, { name: plan.title, stampDate: plan.issuer.date, language: plan.language }));
      break;
    case 'table':
      ctx.print(scheduleTable(plan, cycles, ctx.language));
      break;
  }
  return ExitCode.ok;
}

/** The JSON the command prints: every instant ISO 8601 with its offset, units by id, recipients by email. */
export function scheduleJson(plan: Plan, cycles: readonly ScheduledCycle[]) {
  return {
    plan: {
      id: plan.id,
      title: plan.title,
      documentNumber: plan.issuer.documentNumber,
      issuer: plan.issuer.name,
      timeZone: plan.timeZone,
      language: plan.language,
    },
    cycles: cycles.map((cycle) => ({
      id: cycle.id,
      reportType: cycle.reportType.id,
      reportTitle: cycle.reportType.title,
      ...(cycle.reportType.document !== undefined ? { document: cycle.reportType.document } : {}),
      ...(cycle.reportType.delivery !== undefined ? { delivery: cycle.reportType.delivery } : {}),
      ...(cycle.reportType.urgent !== undefined ? { urgent: cycle.reportType.urgent } : {}),
      period: cycle.period.id,
      periodLabel: cycle.period.label,
      ...(cycle.period.focus !== undefined ? { focus: cycle.period.focus } : {}),
      ...(cycle.period.dataWindow !== undefined ? { dataWindow: cycle.period.dataWindow } : {}),
      recurrence: cycle.recurrence,
      opensAt: cycle.opensAt,
      dueAt: cycle.dueAt,
      units: cycle.units.map((unit) => unit.id),
      reminders: cycle.reminders.map((reminder) => ({ at: reminder.at, relation: reminder.relation, units: reminder.units })),
      escalations: cycle.escalations.map((step) => ({
        at: step.at,
        step: step.step,
        roleLabel: step.roleLabel,
        recipients: step.recipients.map((recipient) => recipient.email),
        units: step.units,
      })),
      cutoffAt: cycle.cutoffAt,
      consolidation: {
        by: cycle.consolidation.by.map((recipient) => recipient.email),
        leaders: cycle.consolidation.leaders.map((recipient) => recipient.email),
        ...(cycle.consolidation.dueAt !== undefined ? { dueAt: cycle.consolidation.dueAt } : {}),
        upperLevels: cycle.consolidation.upperLevels,
      },
    })),
  };
}

const HEADERS: Record<Language, string[]> = {
  vi: ['Kỳ báo cáo', 'Mở', 'Hạn nộp', 'Số liệu', 'Nhắc nhở', 'Báo cáo lãnh đạo', 'Chốt tổng hợp', 'Đơn vị'],
  en: ['Cycle', 'Opens', 'Due', 'Data window', 'Reminders', 'Escalation steps', 'Cut-off', 'Units'],
};

/** `15/12/2019–14/01/2020`: the dates a cycle's figures cover, written as the other columns write dates. */
function dataWindowCell(window: { from: string; to: string } | undefined): string {
  if (!window) return '–';
  const date = (value: string) => `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`;
  return `${date(window.from)}–${date(window.to)}`;
}

/** `17/01/2020 17:00` in the plan's time zone. */
function localDateTime(instant: string, timeZone: string): string {
  const { date, time } = instantToZoned(new Date(instant), timeZone);
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)} ${time.slice(0, 5)}`;
}

/** `20/01 14:00` for a step on the ladder: the year is the due moment's, the table stays narrower. */
function localDayMonthTime(instant: string, timeZone: string): string {
  const { date, time } = instantToZoned(new Date(instant), timeZone);
  return `${date.slice(8, 10)}/${date.slice(5, 7)} ${time.slice(0, 5)}`;
}

/** A plain-text table, one row per cycle, dates in the plan's local time, as lines. */
export function scheduleTable(plan: Plan, cycles: readonly ScheduledCycle[], language: Language): string[] {
  const zone = plan.timeZone;
  const rows = cycles.map((cycle) => [
    `${cycle.reportType.id} · ${cycle.period.label}${cycle.period.focus !== undefined ? ` (${cycle.period.focus})` : ''}`,
    localDateTime(cycle.opensAt, zone),
    localDateTime(cycle.dueAt, zone),
    dataWindowCell(cycle.period.dataWindow),
    String(cycle.reminders.length),
    cycle.escalations.length === 0
      ? '–'
      : `${cycle.escalations.length}: ${cycle.escalations.map((step) => localDayMonthTime(step.at, zone)).join(', ')}`,
    localDateTime(cycle.cutoffAt, zone),
    String(cycle.units.length),
  ]);
  const title =
    language === 'vi'
      ? `${plan.issuer.documentNumber} — ${cycles.length} kỳ báo cáo, giờ ${zone}`
      : `${plan.issuer.documentNumber} — ${cycles.length} reporting cycles, times in ${zone}`;
  return [title, '', ...textTable(HEADERS[language], rows)];
}
