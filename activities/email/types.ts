/**
 * What the reporting-cycle workflow asks the `sendEmail` activity to send. Every request is
 * recorded in workflow history (up to 10,000 units per cycle), so it carries only the few
 * values its template needs; the activity renders subject, bodies and attachments.
 */
import type { CycleSpec, Instant, Recipient } from '../../domain/cycle';
import type { ConsolidationCounts, ConsolidationReportPaths, SubmittedDocument } from '../documents/types';

export type EmailKind =
  | 'notice'
  | 'reminder'
  | 'overdue'
  | 'escalation'
  | 'receipt'
  | 'extension'
  | 'excuse'
  | 'returned'
  | 'cancellation'
  | 'consolidation'
  | 'delivery-failure'
  | 'held-mail'
  | 'approval-request'
  | 'approval-reminder'
  | 'approval-returned'
  | 'upward-report';

/** The part of the cycle every email mentions. */
export type CycleEmailContext = Pick<
  CycleSpec,
  'id' | 'planId' | 'language' | 'timeZone' | 'issuer' | 'reportType' | 'period' | 'dueAt' | 'cutoffAt' | 'submissionInstructions' | 'contact'
>;

/** The unit an email is about (it is addressed to the unit's mailboxes). */
export interface UnitRef {
  id: string;
  name: string;
  /** Whom letters address (the unit's leading body), when the plan names it; else `name`. */
  addressee?: string;
}

export interface OverdueUnit {
  unitId: string;
  name: string;
  /** Working days on the cycle's calendar (calendar days in requests recorded before that). */
  daysOverdue: number;
  /** For an urgent report, whose ladder runs in hours: clock hours past the unit's due moment. */
  hoursOverdue?: number;
  /** The unit's own due moment: later than the cycle's when it was granted an extension. */
  dueAt: Instant;
}

export interface FailedDelivery {
  recipient: Recipient;
  kind: EmailKind;
  /** The server's answer, e.g. `550 5.1.1 Unknown mailbox`. */
  error: string;
}

/** The consolidated report's files and figures, for the letters that carry it. */
export interface ConsolidatedReport {
  counts: ConsolidationCounts;
  reportPaths: ConsolidationReportPaths;
  unitsCsv?: string;
}

/** Per kind, the values only that kind's template needs. */
export interface EmailDataByKind {
  /** The cycle opens: what to report, by when, how. Carries the due moment as `han-nop.ics`. */
  notice: { unit: UnitRef };
  /** `dueAt` is the unit's own due moment (an extension moves it). */
  reminder: { unit: UnitRef; relation: 'before' | 'after'; dueAt: Instant };
  overdue: { unit: UnitRef; dueAt: Instant; daysOverdue: number };
  /**
   * Digest for the leaders at one step of the ladder. `overdue` is the first few units (the
   * body stays short); `overdueCount` all of them, listed in the CSV file at `attachment`.
   */
  escalation: {
    roleLabel: string;
    overdue: OverdueUnit[];
    overdueCount?: number;
    attachment?: string;
    /** The step's moment, which the list is as of (absent from requests recorded before it). */
    asOf?: Instant;
  };
  /** `revision` counts resubmissions after a return: 1 is the first resubmission. */
  /**
   * `document`: the unit's document as a reader may see it (number, date, signer, file name);
   * `files` how many files came with it. `documentRef` is what requests recorded before them
   * carried (it may hold a server path: never show one that does).
   */
  receipt: { unit: UnitRef; submittedAt: Instant; onTime: boolean; document?: SubmittedDocument; files?: number; documentRef?: string; revision?: number };
  extension: { unit: UnitRef; newDueAt: Instant; reason: string };
  excuse: { unit: UnitRef; reason: string };
  returned: { unit: UnitRef; reason: string; resubmitBy?: Instant };
  cancellation: { unit: UnitRef; reason: string };
  /** To staff and leaders; both report files are attached from `reportPaths`. */
  consolidation: {
    counts: ConsolidationCounts;
    missing: string[];
    reportPaths: ConsolidationReportPaths;
    upperLevels: string[];
    dueAt?: Instant;
    /** Every unit's row as a CSV file, attached beside the reports. */
    unitsCsv?: string;
    /** To a leader whose approval the cycle awaits: the letter carries the link to approve. */
    approve?: boolean;
  };
  /** To the leaders: staff resubmitted the report a leader had returned; it is attached again. */
  'approval-request': ConsolidatedReport & { by: string; note?: string; upperLevels: string[]; dueAt?: Instant };
  /** To the leaders, once, at the upward due date: the report still awaits their decision. */
  'approval-reminder': ConsolidatedReport & { requestedAt: Instant; upperLevels: string[]; dueAt: Instant };
  /** To the consolidating staff: a leader returned the report, with what to change. */
  'approval-returned': { by: string; comment: string; returnedAt: Instant };
  /** To one upper level: the approved report, attached, in a formal letter. */
  'upward-report': ConsolidatedReport & { upperLevel: string; approvedAt: Instant };
  /** To staff: emails that could not be delivered for good. */
  'delivery-failure': { failed: FailedDelivery[] };
  /** To staff: the SMTP server did not take the cycle's mail for an hour or more; it has now left, late. */
  'held-mail': { since: Instant; until: Instant };
}

/** Kinds sent more than once to the same recipient in a cycle: `step` tells the sends apart. */
export type SteppedEmailKind = 'reminder' | 'escalation';

interface EmailRequestCommon {
  cycle: CycleEmailContext;
  to: Recipient[];
  cc?: Recipient[];
  /** The primary recipient this message is for (unit id or person key): with cycle, run, kind and step it fixes the Message-ID. */
  recipientKey: string;
  /** The cycle's run id: a cycle id run a second time sends its mail again, a retried attempt does not. */
  run?: string;
  /** When the message was due to leave (it entered the outbox): one that leaves much later says it is late. */
  intendedAt?: Instant;
}

export type EmailRequestOf<K extends EmailKind> = EmailRequestCommon & {
  kind: K;
  data: EmailDataByKind[K];
} & (K extends SteppedEmailKind
    ? { /** Reminder index or escalation step. */ step: number }
    : { /** Tells repeated sends of this kind apart, e.g. a second extension or a revision's receipt. */ step?: number });

/** Discriminated by `kind`: switching on it narrows `data`. */
export type EmailRequest = { [K in EmailKind]: EmailRequestOf<K> }[EmailKind];

export interface EmailResult {
  messageId: string;
  /** Addresses the server accepted. */
  accepted: string[];
  /** Addresses the server refused while accepting others: the message was still sent. */
  rejected: string[];
  /** True when an earlier attempt had already sent it (see `SentLedger`): nothing was sent now. */
  alreadySent?: boolean;
}
