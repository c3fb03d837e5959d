/**
 * The periods a report type's recurrence names, each with its due moment. Ad-hoc report types
 * name none: staff start their cycles with the dates the party committee sets.
 */
import type { Language } from '../cycle';
import type { DataWindow, ReportType } from '../plan/schema';
import { formatLocalDate, lastDayOfMonth, type LocalDate } from '../time';
import { shiftMonth, type Moment, type PlanClock } from './clock';
import { monthLabel } from './labels';
import type { YearMonth } from './types';

export interface ScheduledPeriod {
  /** `2020-01` for a month, the milestone id, the one-off period id. */
  id: string;
  label: string;
  /** The month the period is about. */
  month: YearMonth;
  due: Moment;
}

/** Every month from `from` to `to`, inclusive. */
export function monthsBetween(from: YearMonth, to: YearMonth): YearMonth[] {
  const months: YearMonth[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  for (let current = from; current <= to; ) {
    months.push(current);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
    current = `${year}-${String(month).padStart(2, '0')}`;
  }
  return months;
}

/** Start of a plan not yet started: its issue date (midnight UTC). */
export const issueDateStart = (issueDate: string): number => Date.parse(`${issueDate}T00:00:00Z`);

/** `startedAt`: when the plan was started, for `after-start` cycles (the schedule never reads a clock). */
export function scheduledPeriods(reportType: ReportType, clock: PlanClock, language: Language, startedAt: number): ScheduledPeriod[] {
  const recurrence = reportType.recurrence;
  switch (recurrence.type) {
    case 'monthly':
      return monthsBetween(recurrence.from, recurrence.to).map((month) => ({
        id: month,
        label: monthLabel(month, language),
        month,
        due: clock.dueInMonth(month, recurrence.due),
      }));
    case 'milestones':
      return recurrence.milestones.map((milestone) => ({
        id: milestone.id,
        label: milestone.label,
        month: milestone.month,
        due: clock.dueInMonth(milestone.month, milestone.due ?? recurrence.due),
      }));
    case 'once':
      return [
        {
          id: recurrence.period.id,
          label: recurrence.period.label,
          month: recurrence.dueDate.slice(0, 7),
          due: clock.dueOnDate(recurrence.dueDate, recurrence.at),
        },
      ];
    case 'after-start': {
      const due = clock.momentOf(startedAt + clock.durationMs(recurrence.dueAfter));
      return [{ id: recurrence.period.id, label: recurrence.period.label, month: due.date.slice(0, 7), due }];
    }
    case 'adhoc':
      return [];
  }
}

/**
 * The dates a period's figures cover, from the report type's window relative to the period's
 * month (monthly and milestone periods; the others name no month of their own). A day past a
 * month's end is that month's last day, as for due dates: "day 31" of February is the 28th/29th.
 */
export function periodDataWindow(reportType: ReportType, month: YearMonth | undefined): { from: LocalDate; to: LocalDate } | undefined {
  const window = reportType.dataWindow;
  const type = reportType.recurrence.type;
  if (!window || month === undefined || (type !== 'monthly' && type !== 'milestones')) return undefined;
  return { from: windowDay(month, window.from), to: windowDay(month, window.to) };
}

function windowDay(month: YearMonth, day: DataWindow['from']): LocalDate {
  const [year, monthNumber] = shiftMonth(month, day.monthOffset);
  const length = lastDayOfMonth(year, monthNumber);
  return formatLocalDate(year, monthNumber, day.day === 'last' ? length : Math.min(day.day, length));
}

/** What a monthly period's report focuses on, if the recurrence names one for its month. */
export function periodFocus(reportType: ReportType, month: YearMonth | undefined): string | undefined {
  const recurrence = reportType.recurrence;
  if (recurrence.type !== 'monthly' || month === undefined) return undefined;
  // Plans recorded in histories before `focus` existed were parsed without its default.
  return (recurrence.focus ?? []).find((entry) => entry.month === month)?.label;
}
