/**
 * The unit lists attached as CSV, in the cycle's language: the overdue units of an escalation
 * digest and the unit table of a consolidation. Dates are local wall-clock time in the cycle's
 * zone, written `dd/mm/yyyy HH:mm`, which Excel on a Vietnamese office PC reads as a date.
 */
import type { Instant, Language } from '../../domain/cycle';
import { instantToZoned } from '../../domain/time';
import { numberLabel, unitColumnLabels, unitStateLabels, unitStatesInReportOrder } from '../text/labels';
import type { OverdueUnit } from '../email/types';
import { toCsv } from '../../domain/csv';
import type { ConsolidationUnitRow } from './types';

const overdueColumns: Record<Language, { unit: string; dueAt: string; daysOverdue: string; hoursOverdue: string }> = {
  vi: { unit: 'Tên đơn vị', dueAt: 'Hạn nộp', daysOverdue: 'Số ngày làm việc quá hạn', hoursOverdue: 'Số giờ quá hạn' },
  en: { unit: 'Unit name', dueAt: 'Due', daysOverdue: 'Working days overdue', hoursOverdue: 'Hours overdue' },
};

/** `05/02/2020 17:00`: the instant's wall-clock time in the zone, from the one zone conversion in `domain/time.ts`. */
function spreadsheetDateTime(instant: Instant, timeZone: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid instant: expected ISO 8601 with offset, received "${instant}"`);
  const zoned = instantToZoned(date, timeZone);
  const [year, month, day] = zoned.date.split('-');
  return `${day}/${month}/${year} ${zoned.time.slice(0, 5)}`;
}

/**
 * The escalation digest's overdue units (`{ unitId, name, dueAt, daysOverdue }`, `dueAt` being the
 * unit's own due moment, `daysOverdue` working days): STT, Mã đơn vị, Tên đơn vị, Hạn nộp, Số ngày
 * làm việc quá hạn (Số giờ quá hạn for an urgent report, counted in hours), in the order given.
 */
export function overdueUnitsCsv(language: Language, rows: OverdueUnit[], timeZone: string): string {
  const c = overdueColumns[language];
  const hours = rows.some((row) => row.hoursOverdue !== undefined);
  return toCsv(
    [numberLabel[language], unitColumnLabels[language].unitId, c.unit, c.dueAt, hours ? c.hoursOverdue : c.daysOverdue],
    rows.map((row, index) => [index + 1, row.unitId, row.name, spreadsheetDateTime(row.dueAt, timeZone), hours ? row.hoursOverdue : row.daysOverdue]),
  );
}

/**
 * The consolidated report's unit table as one sheet: STT, Mã đơn vị, Đơn vị, Tình trạng, Thời
 * điểm nộp, Số ngày làm việc muộn (Số giờ muộn for an urgent report), Người nộp, Ghi chú, Số, ký
 * hiệu văn bản. Units come in the report's order (those that still owe the report first), numbered through.
 */
export function consolidationUnitsCsv(language: Language, rows: ConsolidationUnitRow[], timeZone: string): string {
  const c = unitColumnLabels[language];
  const states = unitStateLabels[language];
  const ordered = unitStatesInReportOrder.flatMap((state) => rows.filter((row) => row.state === state));
  const hours = rows.some((row) => row.hoursLate !== undefined);
  return toCsv(
    [numberLabel[language], c.unitId, c.unit, c.state, c.submittedAt, hours ? c.hoursLate : c.daysLate, c.submittedBy, c.note, c.documentRef],
    ordered.map((row, index) => [
      index + 1,
      row.unitId,
      row.name,
      states[row.state],
      row.submittedAt ? spreadsheetDateTime(row.submittedAt, timeZone) : undefined,
      row.state !== 'late' ? undefined : hours ? row.hoursLate : row.daysLate,
      row.submittedBy,
      row.note,
      row.documentRef,
    ]),
  );
}
