/**
 * How late something is in working days, counted as the plan's ladder counts them: a report
 * due on Friday and still missing on Monday is one working day late, not three. Pure.
 */
import type { CycleCalendar, Instant } from '../cycle';
import { instantToZoned } from '../time';
import type { BusinessCalendar } from '../calendar';
import { calendarOf } from './clock';

/** Cycles started before they carried their calendar count on the Vietnamese default. */
const DEFAULT_CALENDAR: CycleCalendar = { weekend: [0, 6], holidays: 'VN', extraDaysOff: [], extraWorkingDays: [] };

const HOUR_MS = 60 * 60 * 1000;

/**
 * Working days from the due moment's date to `at`'s date, in the cycle's zone; at least 1 once
 * `at` is past the due moment (a report due at 17:00 and sent at 18:00 is late the same day),
 * 0 when it is not.
 */
export function workingDaysLate(cycle: { timeZone: string; calendar?: CycleCalendar }, dueAt: Instant, at: Instant): number {
  return workingDaysLateOn(calendarOf(cycle.calendar ?? DEFAULT_CALENDAR), cycle.timeZone, dueAt, at);
}

/** The same count on a calendar already built (the console's matrix builds one per plan). */
export function workingDaysLateOn(calendar: BusinessCalendar, timeZone: string, dueAt: Instant, at: Instant): number {
  if (Date.parse(at) <= Date.parse(dueAt)) return 0;
  const dateOf = (instant: Instant) => instantToZoned(new Date(instant), timeZone).date;
  return Math.max(1, calendar.workingDaysBetween(dateOf(dueAt), dateOf(at)));
}

/** Whole hours past the due moment, at least 1: how late an urgent report is (its ladder runs in hours). */
export function hoursLate(dueAt: Instant, at: Instant): number {
  return Math.max(1, Math.ceil((Date.parse(at) - Date.parse(dueAt)) / HOUR_MS));
}
