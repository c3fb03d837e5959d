/**
 * The due moment as an RFC 5545 calendar object, attached to the notice so a unit can put the
 * deadline in its calendar. Times are UTC (`…Z`) so no VTIMEZONE block is needed.
 */
import type { Instant } from '../../domain/cycle';
import { escapeIcsText, foldIcsLine } from '../../domain/schedule/ics';
import { fnv1a64 } from './message-id';

// The RFC 5545 text rules are the schedule's (`kyhan plan schedule --format ics`) too.
export { escapeIcsText, foldIcsLine };

export interface DueEvent {
  cycleId: string;
  dueAt: Instant;
  summary: string;
  description: string;
  /** Used as the UID's domain, like the Message-IDs. */
  domain: string;
  /** When this calendar object is made (DTSTAMP). */
  createdAt: Date;
}

/**
 * The event starts at the due moment, which is what the calendar shows; it lasts a nominal
 * half hour because RFC 5545 requires DTEND to be later than DTSTART.
 */
const EVENT_MINUTES = 30;
/** The calendar's own reminder, a day ahead, besides kyhan's reminder emails. */
const ALARM_BEFORE = '-P1D';

/** `20200205T100000Z`. */
function utcStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function dueEventCalendar(event: DueEvent): string {
  const start = new Date(event.dueAt);
  if (Number.isNaN(start.getTime())) throw new RangeError(`Invalid due instant: expected ISO 8601 with offset, received "${event.dueAt}"`);
  const end = new Date(start.getTime() + EVENT_MINUTES * 60_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//kyhan//reporting deadlines//VI',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:due-${fnv1a64(event.cycleId)}@${event.domain}`,
    `DTSTAMP:${utcStamp(event.createdAt)}`,
    `DTSTART:${utcStamp(start)}`,
    `DTEND:${utcStamp(end)}`,
    `SUMMARY:${escapeIcsText(event.summary)}`,
    `DESCRIPTION:${escapeIcsText(event.description)}`,
    'TRANSP:TRANSPARENT',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `TRIGGER:${ALARM_BEFORE}`,
    `DESCRIPTION:${escapeIcsText(event.summary)}`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}
