import type { Instant } from '../../domain/cycle';

/** Where a unit stands when the cycle is consolidated. */
export type UnitReportState = 'submitted' | 'late' | 'missing' | 'excused';

/** What a reader may see of a submitted document: its number, date, signer and file name. */
export interface SubmittedDocument {
  /** `45-BC/MTTQ-BTT`. */
  number?: string;
  /** `YYYY-MM-DD`, as written on the document. */
  date?: string;
  signer?: string;
  /** The file's name as the unit sent it. */
  name?: string;
}

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
  /** Number, date and file name of the unit's document, joined for a table cell; never a server path. */
  documentRef?: string;
  /** The unit's document as the unit gave it (never where it is stored). */
  document?: SubmittedDocument;
  /** How many files the submission has (the document and its attachments). */
  files?: number;
  daysLate?: number;
  /** For an urgent report (its ladder runs in hours): whole hours past the unit's due moment. */
  hoursLate?: number;
}

export type ConsolidationCounts = Record<UnitReportState, number> & { total: number };

/** References to the report's stored documents: store URIs, or host paths in cycles recorded before the store. */
export interface ConsolidationReportPaths {
  markdown: string;
  html: string;
  /** The report in the Party format; absent: `consolidated.docx` beside the Markdown, if there is one. */
  docx?: string;
  /** Its PDF; absent: `consolidated.pdf` beside the Markdown, if there is one. */
  pdf?: string;
}
