/**
 * Instants written the way the reader expects, in the cycle's time zone: Vietnamese
 * administrative style (`17:00 ngày 05/02/2020`, `Thứ Tư, 05/02/2020`) or English.
 * Letters use the style of the Board's own documents instead, one for every date in them
 * (`17 giờ 00 ngày 17/3/2020`, no leading zeros, as the seed plan writes "28/8/2019"): the
 * `formatLetter…` functions and `formatCivilDate`.
 * The parts come from `instantToZoned` (Intl with fixed numeric options) and the words from our own tables,
 * so the text does not depend on the ICU data Node was built with.
 */
import type { Instant, Language } from './cycle';
import { instantToZoned } from './time';

interface LocalParts {
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
}

const viWeekdays = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
const enWeekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const enMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The wall-clock parts of an instant in a zone, from the one zone conversion in `time.ts`. */
function localParts(instant: Instant, timeZone: string): LocalParts {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid instant: expected ISO 8601 with offset, received "${instant}"`);
  const zoned = instantToZoned(date, timeZone);
  const [year = '', month = '', day = ''] = zoned.date.split('-');
  const [hour = '', minute = ''] = zoned.time.split(':');
  // `instantToZoned` counts from Sunday (0); these tables start on Monday.
  return { day, month, year, hour, minute, weekday: (zoned.weekday + 6) % 7 };
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

/** `17/3/2020` · `17 March 2020`: the letters' date, no leading zeros. */
function letterDate(day: number, month: number, year: string, language: Language): string {
  return language === 'vi' ? `${day}/${month}/${year}` : `${day} ${enMonths[month - 1]} ${year}`;
}

/** A calendar date (`YYYY-MM-DD`, no zone: a plan's or a document's date) as letters write it: `12/11/2019` · `12 November 2019`. */
export function formatCivilDate(date: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Invalid date: expected YYYY-MM-DD, received "${date}"`);
  const [, year = '', month = '', day = ''] = match;
  return letterDate(Number(day), Number(month), year, language);
}

/** `17 giờ 00 ngày 17/3/2020` · `17:00 on 17 March 2020`: a moment in a letter, in the cycle's zone. */
export function formatLetterDateTime(instant: Instant, timeZone: string, language: Language): string {
  const p = localParts(instant, timeZone);
  const date = letterDate(Number(p.day), Number(p.month), p.year, language);
  return language === 'vi' ? `${Number(p.hour)} giờ ${p.minute} ngày ${date}` : `${p.hour}:${p.minute} on ${date}`;
}

/** `17 giờ 00 ngày 17/3/2020 (thứ Ba)` · `17:00 on Tuesday, 17 March 2020`: a due moment in a letter, with its weekday. */
export function formatLetterDeadline(instant: Instant, timeZone: string, language: Language): string {
  const p = localParts(instant, timeZone);
  const date = letterDate(Number(p.day), Number(p.month), p.year, language);
  // Mid-sentence, Vietnamese writes the weekday in lower case ("thứ Ba"; "Chủ nhật" keeps its capital).
  const weekday = viWeekdays[p.weekday]!.replace(/^Thứ/, 'thứ');
  return language === 'vi' ? `${Number(p.hour)} giờ ${p.minute} ngày ${date} (${weekday})` : `${p.hour}:${p.minute} on ${enWeekdays[p.weekday]}, ${date}`;
}
