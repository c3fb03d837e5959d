/**
 * Moments on a plan's business calendar and in its time zone: due moments from day rules,
 * offsets in working days or exact durations. One clock per computation, memoising every
 * calendar and time-zone call: a schedule asks the same few dates thousands of times.
 */
import { vietnamBusinessCalendar, type BusinessCalendar } from '../calendar';
import type { DayRule, Plan } from '../plan/schema';
import {
  formatInstant,
  instantToZoned,
  lastDayOfMonth,
  parseIsoDuration,
  zonedToInstant,
  type LocalDate,
  type LocalTime,
} from '../time';
import type { YearMonth } from './types';
import { weekendOnlyCalendar } from './weekend-calendar';

/** A point in time with its local date in the plan's zone (working-day offsets count from the date). */
export interface Moment {
  date: LocalDate;
  ms: number;
}

/** A step from a moment: whole working days to a local time of day, or an exact ISO 8601 duration. */
export type MomentOffset = { workingDays: number; at?: LocalTime } | { duration: string };

export interface PlanClock {
  readonly calendar: BusinessCalendar;
  /** The due moment of a period: the day rule in `month` (+ `monthOffset`), moved to a working day. */
  dueInMonth(month: YearMonth, rule: DayRule): Moment;
  /** The due moment on a given date, moved to a working day, at `at` or the plan's due time. */
  dueOnDate(date: LocalDate, at?: LocalTime): Moment;
  /**
   * `{workingDays: n}`: the anchor's date moved n working days (0 = that date) at `at`, else
   * `defaultAt`; `{duration}`: the anchor's instant plus the duration, exactly.
   */
  offset(anchor: Moment, offset: MomentOffset, defaultAt?: LocalTime): Moment;
  momentOf(ms: number): Moment;
  /** Milliseconds of an ISO 8601 duration. */
  durationMs(duration: string): number;
  /** ISO 8601 with the zone's offset, e.g. `2020-02-05T17:00:00+07:00`. */
  format(ms: number): string;
}

function memoise<K, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}

/** The business calendar a plan's `calendar` settings describe. */
export function planCalendar(plan: Plan): BusinessCalendar {
  return calendarOf(plan.calendar);
}

/** The business calendar of a plan's settings, or of the ones a cycle carries. */
export function calendarOf(settings: Pick<Plan['calendar'], 'weekend' | 'holidays' | 'extraDaysOff' | 'extraWorkingDays'>): BusinessCalendar {
  if (settings.holidays === 'none') return weekendOnlyCalendar(settings);
  return vietnamBusinessCalendar({
    weekend: settings.weekend,
    extraDaysOff: settings.extraDaysOff,
    extraWorkingDays: settings.extraWorkingDays,
  });
}

export function createPlanClock(plan: Plan): PlanClock {
  const { timeZone } = plan;
  const { nonWorkingDayRule, dueTime } = plan.calendar;
  const calendar = planCalendar(plan);

  const toWorkingDay = memoise((date: LocalDate) => calendar.adjust(date, nonWorkingDayRule));
  const addWorkingDays = memoise((key: string) => {
    const [date = '', n = '0'] = key.split('|');
    return calendar.addWorkingDays(date, Number(n));
  });
  const instantOf = memoise((key: string) => zonedToInstant(key.slice(0, 10), key.slice(11), timeZone).getTime());
  const durationMs = memoise(parseIsoDuration);
  const localDateOf = memoise((ms: number) => instantToZoned(new Date(ms), timeZone).date);
  const format = memoise((ms: number) => formatInstant(new Date(ms), timeZone));

  const at = (date: LocalDate, time: LocalTime): Moment => ({ date, ms: instantOf(`${date}T${time}`) });
  const momentOf = (ms: number): Moment => ({ date: localDateOf(ms), ms });

  return {
    calendar,
    dueInMonth(month, rule) {
      const [year, monthNumber] = shiftMonth(month, rule.monthOffset);
      const length = lastDayOfMonth(year, monthNumber);
      const day = rule.day === 'last' ? length : Math.min(rule.day, length);
      const date = `${year}-${String(monthNumber).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      return at(toWorkingDay(date), rule.at ?? dueTime);
    },
    dueOnDate(date, time) {
      return at(toWorkingDay(date), time ?? dueTime);
    },
    offset(anchor, offset, defaultAt = plan.calendar.notifyAt) {
      if ('duration' in offset) return momentOf(anchor.ms + durationMs(offset.duration));
      const date = offset.workingDays === 0 ? anchor.date : addWorkingDays(`${anchor.date}|${offset.workingDays}`);
      return at(date, offset.at ?? defaultAt);
    },
    momentOf,
    durationMs,
    format,
  };
}

/** `[year, month]` of a `YYYY-MM` plus whole months. */
export function shiftMonth(month: YearMonth, months: number): [number, number] {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + months;
  return [Math.floor(index / 12), (index % 12) + 1];
}
