/**
 * A schedule as an RFC 5545 calendar: one event per due moment, so staff can load every
 * deadline of a plan into their calendar program. Deterministic: the same plan gives the same
 * bytes (UIDs from cycle ids, DTSTAMP from the plan's issue date), so re-importing updates
 * events instead of duplicating them. Times are UTC (`…Z`): no VTIMEZONE block needed.
 */
import type { Language } from '../cycle';
import { formatCivilDate } from '../dates';
import { stripControls } from '../text';
import type { LocalDate } from '../time';
import type { ScheduledCycle } from './types';

export interface IcsOptions {
  /** Calendar name shown by calendar programs, e.g. the plan's title. */
  name: string;
  /** DTSTAMP of every event: the plan's issue date, so the output does not depend on the clock. */
  stampDate: LocalDate;
  language: Language;
}

/**
 * A deadline is a moment, but RFC 5545 wants DTEND after DTSTART for date-times; a nominal
 * half hour shows as a short block at the due time.
 */
const EVENT_MINUTES = 30;
/** RFC 5545 §3.1: content lines are folded at 75 octets. */
const MAX_LINE_OCTETS = 75;
/** A plan with thousands of units would make an unreadable description: name the first ones. */
const UNITS_NAMED = 20;

const WORDS: Record<
  Language,
  { due: string; units: string; cutoff: string; cycle: string; focus: string; dataWindow: (from: LocalDate, to: LocalDate) => string }
> = {
  vi: {
    due: 'Hạn nộp',
    units: 'Đơn vị phải nộp',
    cutoff: 'Chốt tổng hợp',
    cycle: 'Kỳ báo cáo',
    focus: 'Trọng tâm',
    // As the Board's letters write it: "Số liệu tính từ ngày 15/02/2020 đến ngày 14/3/2020", no leading zeros.
    dataWindow: (from, to) => `Số liệu tính từ ngày ${formatCivilDate(from, 'vi')} đến ngày ${formatCivilDate(to, 'vi')}`,
  },
  en: {
    due: 'Due',
    units: 'Units to report',
    cutoff: 'Cut-off',
    cycle: 'Cycle',
    focus: 'Focus',
    dataWindow: (from, to) => `Figures from ${formatCivilDate(from, 'en')} to ${formatCivilDate(to, 'en')}`,
  },
};

/** `20200205T100000Z`. */
function utcStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * TEXT value escaping (RFC 5545 §3.3.11). Control characters are removed by the one rule in
 * `domain/text.ts`, which also makes every kind of line break (a bare CR, NEL, U+2028 too) an LF;
 * each LF is then written `\n`, so no text can end the content line and forge a property.
 */
export function escapeIcsText(value: string): string {
  return stripControls(value).replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Folds a content line into lines of at most 75 octets: continuation lines start with one
 * space (which counts), and a multi-byte UTF-8 character is never split.
 */
export function foldIcsLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = lines.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      lines.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join('\r\n ');
}

function eventLines(cycle: ScheduledCycle, stamp: string, language: Language): string[] {
  const words = WORDS[language];
  const start = Date.parse(cycle.dueAt);
  const description = [
    `${words.cycle}: ${cycle.id}`,
    ...(cycle.period.focus !== undefined ? [`${words.focus}: ${cycle.period.focus}`] : []),
    `${words.due}: ${cycle.dueAt}`,
    ...(cycle.period.dataWindow ? [words.dataWindow(cycle.period.dataWindow.from, cycle.period.dataWindow.to)] : []),
    `${words.cutoff}: ${cycle.cutoffAt}`,
    `${words.units} (${cycle.units.length}): ${cycle.units
      .slice(0, UNITS_NAMED)
      .map((unit) => unit.shortName)
      .join(', ')}${cycle.units.length > UNITS_NAMED ? ', …' : ''}`,
  ].join('\n');
  return [
    'BEGIN:VEVENT',
    `UID:${cycle.id}@kyhan`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${utcStamp(start)}`,
    `DTEND:${utcStamp(start + EVENT_MINUTES * 60_000)}`,
    `SUMMARY:${escapeIcsText(`${words.due}: ${cycle.reportType.title} ${cycle.period.label}`)}`,
    `DESCRIPTION:${escapeIcsText(description)}`,
    `CATEGORIES:${escapeIcsText(cycle.reportType.id)}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/** The calendar text, lines ending in CRLF as RFC 5545 requires. */
export function scheduleToIcs(cycles: readonly ScheduledCycle[], options: IcsOptions): string {
  const stamp = `${options.stampDate.replace(/-/g, '')}T000000Z`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//kyhan//plan schedule//${options.language.toUpperCase()}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeIcsText(options.name)}`,
    ...cycles.flatMap((cycle) => eventLines(cycle, stamp, options.language)),
    'END:VCALENDAR',
  ];
  return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}
