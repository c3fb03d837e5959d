/**
 * Instants written the way the reader expects, in the cycle's time zone: Vietnamese
 * administrative style (`17:00 ngày 05/02/2020`, `Thứ Tư, 05/02/2020`) or English.
 * The parts come from Intl with fixed numeric options and the words from our own tables,
 * so the text does not depend on the ICU data Node was built with.
 */
import type { Instant, Language } from './cycle';

interface LocalParts {
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
}

const weekdayIndex: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const viWeekdays = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
const enWeekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const enMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function localParts(instant: Instant, timeZone: string): LocalParts {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid instant: expected ISO 8601 with offset, received "${instant}"`);
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(date).map((p) => [p.type, p.value]));
  return {
    day: parts.day ?? '',
    month: parts.month ?? '',
    year: parts.year ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
    weekday: weekdayIndex[parts.weekday ?? ''] ?? 0,
  };
}

/** `17:00 ngày 05/02/2020` · `17:00 on 5 February 2020`. */
export function formatDateTime(instant: Instant, timeZone: string, language: Language): string {
  const p = localParts(instant, timeZone);
  return language === 'vi'
    ? `${p.hour}:${p.minute} ngày ${p.day}/${p.month}/${p.year}`
    : `${p.hour}:${p.minute} on ${Number(p.day)} ${enMonths[Number(p.month) - 1]} ${p.year}`;
}

/** `Thứ Tư, 05/02/2020` · `Wednesday, 5 February 2020`. */
export function formatDayWithWeekday(instant: Instant, timeZone: string, language: Language): string {
  const p = localParts(instant, timeZone);
  return language === 'vi'
    ? `${viWeekdays[p.weekday]}, ${p.day}/${p.month}/${p.year}`
    : `${enWeekdays[p.weekday]}, ${Number(p.day)} ${enMonths[Number(p.month) - 1]} ${p.year}`;
}

/** `17:00 ngày 05/02/2020 (Thứ Tư)`: the due moment, where the weekday helps plan the work. */
export function formatDeadline(instant: Instant, timeZone: string, language: Language): string {
  const p = localParts(instant, timeZone);
  const weekday = language === 'vi' ? viWeekdays[p.weekday] : enWeekdays[p.weekday];
  return `${formatDateTime(instant, timeZone, language)} (${weekday})`;
}
