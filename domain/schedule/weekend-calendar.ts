/**
 * The calendar of a plan with `holidays: 'none'` (a plan outside Vietnam, or a demo): only the
 * weekly rest days and the plan's own extra days off and working days. `vietnamBusinessCalendar`
 * always applies the Labour Code holidays, so this small one stands in for it.
 */
import type { BusinessCalendar } from '../calendar';
import type { CalendarSettings } from '../plan/schema';
import { addDays, weekdayOf, type LocalDate } from '../time';

const WEEKDAY_NAMES = ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;

export function weekendOnlyCalendar(settings: Pick<CalendarSettings, 'weekend' | 'extraDaysOff' | 'extraWorkingDays'>): BusinessCalendar {
  const weekend = new Set(settings.weekend);
  if (weekend.size >= 7) throw new RangeError('weekend cannot be every day of the week');
  const daysOff = new Map(settings.extraDaysOff.map((entry) => [entry.date, entry.reason]));
  const workingDays = new Set(settings.extraWorkingDays.map((entry) => entry.date));

  const reasonOff = (date: LocalDate): string | undefined => {
    if (workingDays.has(date)) return undefined;
    const weekday = weekdayOf(date);
    return daysOff.get(date) ?? (weekend.has(weekday) ? WEEKDAY_NAMES[weekday] : undefined);
  };
  const isWorkingDay = (date: LocalDate): boolean => reasonOff(date) === undefined;
  /** The nearest working day strictly after (1) or before (−1) a date. */
  const nearest = (date: LocalDate, direction: 1 | -1): LocalDate => {
    let day = addDays(date, direction);
    while (!isWorkingDay(day)) day = addDays(day, direction);
    return day;
  };

  return {
    isWorkingDay,
    nonWorkingReason: reasonOff,
    adjust(date, rule) {
      if (rule === 'keep' || isWorkingDay(date)) return date;
      return nearest(date, rule === 'next-working-day' ? 1 : -1);
    },
    addWorkingDays(date, n) {
      let day = date;
      for (let remaining = Math.abs(n); remaining > 0; remaining -= 1) day = nearest(day, n > 0 ? 1 : -1);
      return day;
    },
    workingDaysBetween(from, to) {
      // LocalDates compare correctly as strings.
      const [low, high, sign] = from <= to ? [from, to, 1] : [to, from, -1];
      let count = 0;
      for (let day = addDays(low, 1); day <= high; day = addDays(day, 1)) if (isWorkingDay(day)) count += 1;
      return sign * count;
    },
  };
}
