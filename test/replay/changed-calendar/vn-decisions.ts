/**
 * A stand-in for `domain/calendar/vn-decisions.ts` with other data, for
 * `campaign-calendar.test.ts`: as if, between recording and replaying, a decision had been
 * published for every year from 2019 to 2060 giving the civil service every Monday off, on
 * top of the Labour Code's holidays. Any working-day offset across a Monday moves, so nearly
 * every cycle of a plan opens or falls due at another moment than with the real data.
 */
import type { HolidayDecision } from '../../../domain/calendar/vn-decisions';
import { labourCodeDaysOff } from '../../../domain/calendar/holidays';
import { addDays, formatLocalDate, weekdayOf } from '../../../domain/time';

const isWeekend = (date: string) => [0, 6].includes(weekdayOf(date));

function mondaysOf(year: number): string[] {
  const mondays: string[] = [];
  let day = formatLocalDate(year, 1, 1);
  while (weekdayOf(day) !== 1) day = addDays(day, 1);
  for (; day.startsWith(`${year}-`); day = addDays(day, 7)) mondays.push(day);
  return mondays;
}

export const VIETNAM_HOLIDAY_DECISIONS: readonly HolidayDecision[] = Array.from({ length: 2060 - 2019 + 1 }, (_, i) => 2019 + i).map((year) => {
  const holidays = labourCodeDaysOff(year, isWeekend);
  const taken = new Set(holidays.map((h) => h.date));
  return {
    year,
    source: 'Test data: every Monday off (test/replay/changed-calendar/vn-decisions.ts)',
    daysOff: [...holidays, ...mondaysOf(year).filter((d) => !taken.has(d)).map((date) => ({ date, reason: 'Nghỉ thứ Hai (dữ liệu kiểm thử)' }))],
    workingDays: [],
  };
});
