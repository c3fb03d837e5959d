/**
 * Calendar dates, wall-clock times and time zones, with Intl only.
 * Pure: no clock, no I/O, safe inside the workflow sandbox. `now` is always a parameter
 * of the caller, never read here.
 */

/** A calendar date without a zone, `YYYY-MM-DD`. */
export type LocalDate = string;

/** A wall-clock time without a zone, `HH:mm` or `HH:mm:ss`. */
export type LocalTime = string;

export interface ZonedDateTime {
  date: LocalDate;
  /** `HH:mm:ss`. */
  time: LocalTime;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const MS_PER_DAY = 24 * MS_PER_HOUR;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME_PATTERN = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

// ---------------------------------------------------------------------------
// Local dates as day numbers (days since 1970-01-01, proleptic Gregorian).
// Integer arithmetic (Hinnant's civil-date algorithms): no Date objects, no zone.
// ---------------------------------------------------------------------------

/** Days since 1970-01-01 of a proleptic Gregorian date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The proleptic Gregorian date of a day number (days since 1970-01-01). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

export function formatLocalDate(year: number, month: number, day: number): LocalDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (month 1–12). */
export function lastDayOfMonth(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`month must be 1–12, got ${month}`);
  }
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isValidLocalDate(text: string): boolean {
  const match = LOCAL_DATE_PATTERN.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= lastDayOfMonth(year, month);
}

/** Splits a LocalDate into numbers; throws on anything that is not a real date. */
export function parseLocalDate(date: LocalDate): { year: number; month: number; day: number } {
  if (!isValidLocalDate(date)) {
    throw new RangeError(`not a valid date (YYYY-MM-DD): "${date}"`);
  }
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Days since 1970-01-01 of a LocalDate. */
export function toDayNumber(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  return daysFromCivil(year, month, day);
}

export function fromDayNumber(days: number): LocalDate {
  const { year, month, day } = civilFromDays(days);
  return formatLocalDate(year, month, day);
}

export function addDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`addDays needs a whole number of days, got ${n}`);
  return fromDayNumber(toDayNumber(date) + n);
}

/** Negative if a is before b, 0 if equal, positive if after. */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

/** Weekday of a day number: 0 = Sunday. 1970-01-01 was a Thursday. */
export function weekdayOfDayNumber(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  return weekdayOfDayNumber(toDayNumber(date));
}

// ---------------------------------------------------------------------------
// Time zones
// ---------------------------------------------------------------------------

// One formatter per zone: constructing Intl.DateTimeFormat is the expensive part.
// Bounded so a caller cycling through many zones cannot grow it without limit.
const FORMATTER_CACHE_LIMIT = 32;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      era: 'short',
    });
    if (formatters.size >= FORMATTER_CACHE_LIMIT) formatters.clear();
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function requireTimeZone(timeZone: string): Intl.DateTimeFormat {
  try {
    return formatterFor(timeZone);
  } catch {
    throw new RangeError(`unknown time zone: "${timeZone}"`);
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const fields: Record<string, string> = {};
  for (const part of requireTimeZone(timeZone).formatToParts(new Date(epochMs))) {
    fields[part.type] = part.value;
  }
  const yearOfEra = Number(fields.year);
  return {
    year: fields.era === 'BC' ? 1 - yearOfEra : yearOfEra,
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second),
  };
}

function wallClockAsUtcMs(clock: WallClock): number {
  return (
    daysFromCivil(clock.year, clock.month, clock.day) * MS_PER_DAY +
    clock.hour * MS_PER_HOUR +
    clock.minute * MS_PER_MINUTE +
    clock.second * MS_PER_SECOND
  );
}

/** The zone's offset from UTC at an instant, in ms (east positive), to whole seconds. */
function offsetAt(epochMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(epochMs / MS_PER_SECOND) * MS_PER_SECOND;
  return wallClockAsUtcMs(wallClockAt(wholeSecond, timeZone)) - wholeSecond;
}

function parseLocalTime(time: LocalTime): { hour: number; minute: number; second: number } {
  const match = LOCAL_TIME_PATTERN.exec(time);
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  const second = Number(match?.[3] ?? 0);
  if (!match || hour > 23 || minute > 59 || second > 59) {
    throw new RangeError(`not a valid time (HH:mm or HH:mm:ss): "${time}"`);
  }
  return { hour, minute, second };
}

/**
 * The instant at which the clocks of `timeZone` show `date` `time`.
 * In a DST gap (a wall time that never happens) the result is the time shifted forward by
 * the gap; in an overlap (a wall time that happens twice) it is the earlier instant.
 */
export function zonedToInstant(date: LocalDate, time: LocalTime, timeZone: string): Date {
  const { year, month, day } = parseLocalDate(date);
  const { hour, minute, second } = parseLocalTime(time);
  const wallAsUtc = wallClockAsUtcMs({ year, month, day, hour, minute, second });
  // Two offset probes settle every real zone: the offset just before the transition and
  // the one just after; take the candidate whose own offset agrees with itself.
  const offsetBefore = offsetAt(wallAsUtc - MS_PER_DAY, timeZone);
  const offsetAfter = offsetAt(wallAsUtc + MS_PER_DAY, timeZone);
  const earlier = wallAsUtc - Math.max(offsetBefore, offsetAfter);
  const later = wallAsUtc - Math.min(offsetBefore, offsetAfter);
  for (const candidate of [earlier, later]) {
    if (candidate + offsetAt(candidate, timeZone) === wallAsUtc) return new Date(candidate);
  }
  // A gap: no instant shows this wall time; keep the pre-transition offset, which moves the
  // time forward by the length of the gap (02:30 on a spring-forward night becomes 03:30).
  return new Date(wallAsUtc - offsetBefore);
}

function requireInstant(instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError('not a valid instant (Invalid Date)');
  return ms;
}

/** The wall-clock date, time (to the second) and weekday of an instant in a zone. */
export function instantToZoned(instant: Date, timeZone: string): ZonedDateTime {
  const clock = wallClockAt(requireInstant(instant), timeZone);
  return {
    date: formatLocalDate(clock.year, clock.month, clock.day),
    time: `${pad(clock.hour)}:${pad(clock.minute)}:${pad(clock.second)}`,
    weekday: weekdayOfDayNumber(daysFromCivil(clock.year, clock.month, clock.day)),
  };
}

/**
 * ISO 8601 with the zone's offset, to the second: `2020-02-05T17:00:00+07:00`.
 * UTC is written `+00:00`. Historic offsets with seconds (local mean time, before ~1900)
 * are rounded to the minute in the suffix.
 */
export function formatInstant(instant: Date, timeZone: string): string {
  const ms = requireInstant(instant);
  const { date, time } = instantToZoned(instant, timeZone);
  const offsetMinutes = Math.round(offsetAt(ms, timeZone) / MS_PER_MINUTE);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  return `${date}T${time}${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

// ---------------------------------------------------------------------------
// Durations
// ---------------------------------------------------------------------------

const DURATION_PATTERN =
  /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d{1,3})?)S)?)?$/;
const CALENDAR_UNITS_PATTERN = /^[+-]?P(?:\d+Y|(?:\d+Y)?\d+M)/;

/**
 * Milliseconds of an ISO 8601 duration made of fixed-length units: weeks, days, hours,
 * minutes, seconds (to the millisecond), with an optional sign: `PT30S`, `P2D`, `-PT1H`,
 * `P1DT2H`, `P1W`. A day counts as 24 hours. Years and months are refused: their length
 * depends on the date they start from.
 */
export function parseIsoDuration(text: string): number {
  if (typeof text !== 'string') throw new Error(`not an ISO 8601 duration: ${String(text)}`);
  const normalised = text.trim().toUpperCase();
  if (CALENDAR_UNITS_PATTERN.test(normalised)) {
    throw new Error(
      `ISO 8601 duration "${text}" uses years or months, which have no fixed length; use weeks, days, hours, minutes or seconds`,
    );
  }
  // A trailing T ("P1DT") matches the pattern with an empty time part; ISO 8601 forbids it.
  const match = normalised.endsWith('T') ? null : DURATION_PATTERN.exec(normalised);
  if (!match) {
    throw new Error(`not an ISO 8601 duration (e.g. PT30S, P2D, -PT1H, P1DT2H, P1W): "${text}"`);
  }
  const [, sign, weeks, days, hours, minutes, seconds] = match;
  if ([weeks, days, hours, minutes, seconds].every((part) => part === undefined)) {
    throw new Error(`not an ISO 8601 duration (no amount given): "${text}"`);
  }
  const ms =
    Number(weeks ?? 0) * 7 * MS_PER_DAY +
    Number(days ?? 0) * MS_PER_DAY +
    Number(hours ?? 0) * MS_PER_HOUR +
    Number(minutes ?? 0) * MS_PER_MINUTE +
    Math.round(Number((seconds ?? '0').replace(',', '.')) * MS_PER_SECOND);
  if (!Number.isSafeInteger(ms)) throw new Error(`ISO 8601 duration too long: "${text}"`);
  return sign === '-' && ms !== 0 ? -ms : ms;
}
