import type { Instant } from '../../domain/cycle';

/** Where a unit stands when the cycle is consolidated. */
export type UnitReportState = 'submitted' | 'late' | 'missing' | 'excused';

/** One unit's line in the consolidated report. */
export interface ConsolidationUnitRow {
  unitId: string;
  name: string;
  shortName: string;
  state: UnitReportState;
  submittedAt?: Instant;
  /** Who submitted: a person's name, or staff who recorded a paper submission. */
  submittedBy?: string;
  note?: string;
  /** Number and symbol of the unit's report, or the stored file's reference. */
  documentRef?: string;
  daysLate?: number;
}

export type ConsolidationCounts = Record<UnitReportState, number> & { total: number };

export interface ConsolidationReportPaths {
  markdown: string;
  html: string;
}
