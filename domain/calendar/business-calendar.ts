/**
 * Working days in Vietnam: weekends, public holidays, compensatory days and make-up working
 * Saturdays. Years covered by an official decision (vn-decisions.ts) use it as published;
 * other years use the Labour Code rules (holidays.ts), an approximation documented there.
 */
import { civilFromDays, fromDayNumber, toDayNumber, weekdayOfDayNumber, type LocalDate } from '../time';
import { labourCodeDaysOff, type DatedReason } from './holidays';
import { VIETNAM_HOLIDAY_DECISIONS } from './vn-decisions';

export type NonWorkingDayRule = 'next-working-day' | 'previous-working-day' | 'keep';

export interface CalendarOptions {
  /** Weekly rest days, 0 = Sunday. Default [0, 6]. */
  weekend?: number[];
  /** Further days off, e.g. a provincial holiday. */
  extraDaysOff?: DatedReason[];
  /** Further working days, e.g. a Saturday the agency works. */
  extraWorkingDays?: DatedReason[];
  /** Use the published yearly decisions where there are some. Default true. */
  includeOfficialDecisions?: boolean;
}

export interface BusinessCalendar {
  isWorkingDay(date: LocalDate): boolean;
  /** Why a date is not a working day: 'Tết Nguyên đán', 'Thứ Bảy', … or undefined. */
  nonWorkingReason(date: LocalDate): string | undefined;
  /** Moves a non-working date to a working one; a working date is returned unchanged. */
  adjust(date: LocalDate, rule: NonWorkingDayRule): LocalDate;
  /** n > 0 forward, n < 0 backward, 0 = the same date (unchanged even if non-working). */
  addWorkingDays(date: LocalDate, n: number): LocalDate;
  /** Number of working days in (from, to]; negative when `to` is before `from`. */
  workingDaysBetween(from: LocalDate, to: LocalDate): number;
}

const WEEKDAY_NAMES = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;

// Enough for any reporting plan's window (a few years) without letting the cache grow.
const YEAR_CACHE_LIMIT = 6;
// No real calendar has a run of non-working days this long; stops a loop on a bad weekend option.
const MAX_CONSECUTIVE_DAYS_OFF = 400;

interface YearTable {
  /** Day number → why that day is off (holidays on weekends included, for their reason). */
  daysOff: Map<number, string>;
  /** Day numbers of weekend days that are worked. */
  workingDays: Set<number>;
}

function indexByDayNumber(entries: readonly DatedReason[] | undefined): Map<number, string> {
  const index = new Map<number, string>();
  for (const entry of entries ?? []) index.set(toDayNumber(entry.date), entry.reason);
  return index;
}

function validateWeekend(weekend: number[]): Set<number> {
  for (const day of weekend) {
    if (!Number.isInteger(day) || day < 0 || day > 6) {
      throw new RangeError(`weekend days must be 0 (Sunday) to 6 (Saturday), got ${day}`);
    }
  }
  const days = new Set(weekend);
  if (days.size === 7) throw new RangeError('weekend cannot be every day of the week');
  return days;
}

export function vietnamBusinessCalendar(options: CalendarOptions = {}): BusinessCalendar {
  const weekend = validateWeekend(options.weekend ?? [0, 6]);
  const includeOfficialDecisions = options.includeOfficialDecisions ?? true;
  const extraDaysOff = indexByDayNumber(options.extraDaysOff);
  const extraWorkingDays = indexByDayNumber(options.extraWorkingDays);
  for (const day of extraDaysOff.keys()) {
    if (extraWorkingDays.has(day)) {
      throw new RangeError(`${fromDayNumber(day)} is listed both as an extra day off and as an extra working day`);
    }
  }
  const decisions = includeOfficialDecisions ? VIETNAM_HOLIDAY_DECISIONS : [];
  const decidedYears = new Set(decisions.map((decision) => decision.year));
  const years = new Map<number, YearTable>();

  const isWeeklyRestDay = (date: LocalDate): boolean => weekend.has(weekdayOfDayNumber(toDayNumber(date)));

  function buildYear(year: number): YearTable {
    const daysOff = new Map<number, string>();
    const workingDays = new Set<number>();
    const inYear = (entry: DatedReason): boolean => entry.date.startsWith(`${year}-`);
    if (!decidedYears.has(year)) {
      for (const entry of labourCodeDaysOff(year, isWeeklyRestDay)) {
        if (inYear(entry)) daysOff.set(toDayNumber(entry.date), entry.reason);
      }
    }
    // A decision can reach into the neighbouring year (a swap around 1 January), so every
    // decision contributes its entries dated in this year.
    for (const decision of decisions) {
      for (const entry of decision.daysOff) if (inYear(entry)) daysOff.set(toDayNumber(entry.date), entry.reason);
      for (const entry of decision.workingDays) if (inYear(entry)) workingDays.add(toDayNumber(entry.date));
    }
    return { daysOff, workingDays };
  }

  function tableFor(year: number): YearTable {
    let table = years.get(year);
    if (!table) {
      table = buildYear(year);
      if (years.size >= YEAR_CACHE_LIMIT) {
        const oldest = years.keys().next();
        if (!oldest.done) years.delete(oldest.value);
      }
      years.set(year, table);
    }
    return table;
  }

  /** undefined for a working day, else the reason. Extra options win over official data. */
  function reasonOff(day: number): string | undefined {
    if (extraWorkingDays.has(day)) return undefined;
    const extra = extraDaysOff.get(day);
    if (extra !== undefined) return extra;
    const table = tableFor(civilFromDays(day).year);
    const holiday = table.daysOff.get(day);
    if (holiday !== undefined) return holiday;
    if (table.workingDays.has(day)) return undefined;
    const weekday = weekdayOfDayNumber(day);
    return weekend.has(weekday) ? WEEKDAY_NAMES[weekday] : undefined;
  }

  const isWorkingDayNumber = (day: number): boolean => reasonOff(day) === undefined;

  /** The nearest working day strictly after (step 1) or before (step −1) a day. */
  function nextWorkingDayNumber(day: number, step: 1 | -1): number {
    let candidate = day + step;
    for (let guard = 0; !isWorkingDayNumber(candidate); guard += 1) {
      if (guard > MAX_CONSECUTIVE_DAYS_OFF) {
        throw new RangeError(`no working day within ${MAX_CONSECUTIVE_DAYS_OFF} days of ${fromDayNumber(day)}`);
      }
      candidate += step;
    }
    return candidate;
  }

  return {
    isWorkingDay(date) {
      return isWorkingDayNumber(toDayNumber(date));
    },

    nonWorkingReason(date) {
      return reasonOff(toDayNumber(date));
    },

    adjust(date, rule) {
      const day = toDayNumber(date);
      if (rule === 'keep' || isWorkingDayNumber(day)) return date;
      if (rule === 'next-working-day') return fromDayNumber(nextWorkingDayNumber(day, 1));
      if (rule === 'previous-working-day') return fromDayNumber(nextWorkingDayNumber(day, -1));
      throw new RangeError(`unknown non-working-day rule: ${String(rule)}`);
    },

    addWorkingDays(date, n) {
      if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays needs a whole number, got ${n}`);
      let day = toDayNumber(date);
      const step = n > 0 ? 1 : -1;
      for (let remaining = Math.abs(n); remaining > 0; remaining -= 1) day = nextWorkingDayNumber(day, step);
      return n === 0 ? date : fromDayNumber(day);
    },

    workingDaysBetween(from, to) {
      const start = toDayNumber(from);
      const end = toDayNumber(to);
      const [low, high, sign] = start <= end ? [start, end, 1] : [end, start, -1];
      let count = 0;
      for (let day = low + 1; day <= high; day += 1) if (isWorkingDayNumber(day)) count += 1;
      // `-1 * 0` is -0, which is not 0 to Object.is (and so to strict equality checks in tests).
      return count === 0 ? 0 : sign * count;
    },
  };
}
