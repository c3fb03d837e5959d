/**
 * The consolidated report as data, before it is written as Markdown, HTML or DOCX: the cycle's
 * facts, the counts, and one section per state with the units that still owe the report first;
 * and the Party-format report (`report`) the DOCX lays out.
 */
import { upperLevelsOf, type CycleCalendar, type CycleContact, type CycleSigner, type CycleSpec, type Instant, type Language } from '../../domain/cycle';
import { emailContextOf } from '../../workflows/cycle-mail';
import type { CycleEmailContext } from '../email/types';
import { formatDateTime, formatDeadline } from '../../domain/dates';
import { totalLabel, unitColumnLabels, unitStateLabels, unitStatesInReportOrder } from '../text/labels';
import { partyReport, type PartyReport } from './party-report';
import type { ConsolidationCounts, ConsolidationUnitRow, UnitReportState } from './types';

export type ConsolidationCycle = CycleEmailContext & {
  /** When the consolidated report is due to the upper levels, if the plan says. */
  consolidationDueAt?: Instant;
  upperLevels: string[];
  /** Who signs the report; absent: a blank name line. */
  signer?: CycleSigner;
  /** The division that keeps the file copy ("Lưu Văn thư, Phòng …"). */
  contact?: CycleContact;
  calendar?: CycleCalendar;
  /** Whether leaders receive the report: "Nơi nhận" then lists them. */
  hasLeaders?: boolean;
};

/** What the report needs of a cycle (the cycle activity and the sample script alike). */
export function consolidationCycleOf(cycle: Omit<CycleSpec, 'units'>): ConsolidationCycle {
  const { dueAt, signer, leaders } = cycle.consolidation;
  return {
    ...emailContextOf(cycle),
    upperLevels: upperLevelsOf(cycle).map((level) => level.name),
    ...(dueAt ? { consolidationDueAt: dueAt } : {}),
    ...(signer ? { signer } : {}),
    ...(cycle.contact ? { contact: cycle.contact } : {}),
    ...(cycle.calendar ? { calendar: cycle.calendar } : {}),
    ...(leaders.length ? { hasLeaders: true } : {}),
  };
}

export interface ConsolidationSection {
  state: UnitReportState;
  heading: string;
  /** Cells in the order of `ConsolidationDocument.columns`. */
  rows: string[][];
}

export interface ConsolidationDocument {
  language: Language;
  title: string;
  subtitle: string;
  facts: [label: string, value: string][];
  countsHeading: string;
  countsColumns: [state: string, units: string];
  counts: [label: string, value: number][];
  columns: string[];
  sections: ConsolidationSection[];
  /** Shown in a section without units. */
  none: string;
  /** The same facts as a report in the Party format (Hướng dẫn 36-HD/VPTW). */
  report: PartyReport;
}

const words = {
  vi: {
    title: 'BÁO CÁO TỔNG HỢP',
    issuer: 'Cơ quan tổng hợp',
    basis: 'Căn cứ',
    plan: (number: string) => `Kế hoạch số ${number}`,
    reportType: 'Loại báo cáo',
    period: 'Kỳ báo cáo',
    dueAt: 'Hạn nộp của đơn vị',
    consolidationDueAt: 'Hạn gửi báo cáo tổng hợp',
    // Not "Nơi nhận": in a Party document that is the distribution list (the DOCX has it).
    upperLevels: 'Báo cáo lên',
    consolidatedAt: 'Thời điểm tổng hợp',
    countsHeading: 'Số liệu tổng hợp',
    countsColumns: [unitColumnLabels.vi.state, 'Số đơn vị'] as [string, string],
    late: (days: number) => `muộn ${days} ngày làm việc`,
    lateHours: (hours: number) => `muộn ${hours} giờ`,
    none: 'Không có đơn vị nào.',
  },
  en: {
    title: 'CONSOLIDATED REPORT',
    issuer: 'Consolidated by',
    basis: 'Basis',
    plan: (number: string) => `Plan No. ${number}`,
    reportType: 'Report type',
    period: 'Period',
    dueAt: 'Units’ due date',
    consolidationDueAt: 'Consolidated report due',
    upperLevels: 'Goes to',
    consolidatedAt: 'Consolidated at',
    countsHeading: 'Counts',
    countsColumns: [unitColumnLabels.en.state, 'Units'] as [string, string],
    late: (days: number) => `${days} working day(s) late`,
    lateHours: (hours: number) => `${hours} hour(s) late`,
    none: 'None.',
  },
} satisfies Record<Language, unknown>;

export function countByState(rows: ConsolidationUnitRow[]): ConsolidationCounts {
  const counts: ConsolidationCounts = { submitted: 0, late: 0, missing: 0, excused: 0, total: rows.length };
  for (const row of rows) counts[row.state] += 1;
  return counts;
}

export function consolidationDocument(
  cycle: ConsolidationCycle,
  rows: ConsolidationUnitRow[],
  consolidatedAt: Instant,
): { document: ConsolidationDocument; counts: ConsolidationCounts } {
  const { language, timeZone } = cycle;
  const w = words[language];
  const c = unitColumnLabels[language];
  const counts = countByState(rows);
  const submittedAt = (row: ConsolidationUnitRow): string => {
    if (!row.submittedAt) return '';
    const at = formatDateTime(row.submittedAt, timeZone, language);
    if (row.state !== 'late') return at;
    // An urgent report's lateness is in hours (its ladder runs in hours), any other's in working days.
    return row.hoursLate ? `${at} (${w.lateHours(row.hoursLate)})` : row.daysLate ? `${at} (${w.late(row.daysLate)})` : at;
  };
  const document: ConsolidationDocument = {
    language,
    title: w.title,
    subtitle: `${cycle.reportType.title} ${cycle.period.label}`,
    facts: [
      [w.issuer, cycle.issuer.name],
      ...(cycle.issuer.documentNumber ? [[w.basis, w.plan(cycle.issuer.documentNumber)] as [string, string]] : []),
      [w.reportType, cycle.reportType.title],
      [w.period, cycle.period.label],
      [w.dueAt, formatDeadline(cycle.dueAt, timeZone, language)],
      ...(cycle.consolidationDueAt ? [[w.consolidationDueAt, formatDeadline(cycle.consolidationDueAt, timeZone, language)] as [string, string]] : []),
      ...(cycle.upperLevels.length ? [[w.upperLevels, cycle.upperLevels.join('; ')] as [string, string]] : []),
      [w.consolidatedAt, formatDateTime(consolidatedAt, timeZone, language)],
    ],
    countsHeading: w.countsHeading,
    countsColumns: w.countsColumns,
    counts: [...unitStatesInReportOrder.map((state): [string, number] => [unitStateLabels[language][state], counts[state]]), [totalLabel[language], counts.total]],
    columns: [c.unit, c.submittedAt, c.submittedBy, c.note, c.documentRef],
    sections: unitStatesInReportOrder.map((state) => ({
      state,
      heading: `${unitStateLabels[language][state]} (${counts[state]})`,
      rows: rows
        .filter((row) => row.state === state)
        .map((row) => [row.name, submittedAt(row), row.submittedBy ?? '', row.note ?? '', row.documentRef ?? '']),
    })),
    none: w.none,
    report: partyReport(cycle, rows, counts, consolidatedAt),
  };
  return { document, counts };
}
