/**
 * The mail a cycle as a whole owes: escalation digests to leaders, the consolidated report to
 * staff and leaders, the letters of the leaders' approval (to the leaders again, to staff when
 * a leader returns the report, up to each upper level once approved), and alerts to staff (an
 * address refused for good, mail held by the SMTP server). One message per recipient, so one refused address costs nobody else their copy.
 * Pure builders of email requests, shared by the cycle workflow and the legacy activities.
 */
import type { EmailRequest, EmailRequestOf } from '../activities';
import type { PreparedConsolidation, PreparedEscalation } from '../activities/cycle/cycle-activities';
import { upperLevelsOf, type CycleEscalationStep, type Instant, type Recipient } from '../domain/cycle';
import type { KeyedUpperLevel } from '../domain/approval';
import type { CycleHeader } from './messages';
import type { QueuedItem } from './outbox';

export type CycleMail = QueuedItem &
  (
    | { kind: 'escalation'; step: number; recipient: Recipient; prepared: PreparedEscalation }
    /** `approve`: to a leader whose approval the cycle awaits (the letter carries the link). */
    | { kind: 'consolidation'; recipient: Recipient; prepared: PreparedConsolidation; approve?: boolean }
    /** `index`: the resubmission it follows (1 for the first), for its Message-ID. */
    | { kind: 'approval-request'; index: number; recipient: Recipient; prepared: PreparedConsolidation; by: string; note?: string }
    | { kind: 'approval-reminder'; recipient: Recipient; prepared: PreparedConsolidation; requestedAt: Instant }
    /** `index`: the return it tells of (1 for the first). */
    | { kind: 'approval-returned'; index: number; recipient: Recipient; by: string; comment: string; returnedAt: Instant }
    | { kind: 'upward-report'; level: KeyedUpperLevel; prepared: PreparedConsolidation; approvedAt: Instant }
    | { kind: 'delivery-failure'; index: number; address: string; name: string; failedKind: string; error: string }
    | { kind: 'held-mail'; index: number; since: Instant; until: Instant }
  );

/** The part of the cycle every email mentions. */
export function emailContextOf(cycle: CycleHeader) {
  const { id, planId, language, timeZone, issuer, reportType, period, dueAt, cutoffAt, submissionInstructions, contact } = cycle;
  // Cycles started before the plan named a contact have none: the letters then name the issuer.
  return { id, planId, language, timeZone, issuer, reportType, period, dueAt, cutoffAt, submissionInstructions, ...(contact ? { contact } : {}) };
}

/** Missing units named in the consolidation email's body; the attached reports list them all. */
export const MISSING_NAMED = 30;

export function escalationRequest(cycle: CycleHeader, step: CycleEscalationStep, recipient: Recipient, prepared: PreparedEscalation, run?: string): EmailRequestOf<'escalation'> {
  return {
    kind: 'escalation',
    step: step.step,
    cycle: emailContextOf(cycle),
    ...(run ? { run } : {}),
    to: [recipient],
    recipientKey: recipient.key,
    // To the leader alone: the digest is an internal note, never copied to the units it lists.
    data: { roleLabel: step.roleLabel, overdue: prepared.preview, overdueCount: prepared.overdueUnits, ...(prepared.attachment ? { attachment: prepared.attachment } : {}), asOf: step.at },
  };
}

/** Staff and leaders, each address once. */
export function consolidationRecipients(cycle: CycleHeader): Recipient[] {
  const seen = new Set<string>();
  return [...cycle.consolidation.by, ...cycle.consolidation.leaders].filter((r) => (seen.has(r.email) ? false : (seen.add(r.email), true)));
}

export function consolidationRequest(cycle: CycleHeader, recipient: Recipient, prepared: PreparedConsolidation, run?: string, approve?: boolean): EmailRequestOf<'consolidation'> {
  // Results recorded before `missingCount` existed carried every name.
  const more = (prepared.missingCount ?? prepared.missing.length) - Math.min(prepared.missing.length, MISSING_NAMED);
  return {
    kind: 'consolidation',
    cycle: emailContextOf(cycle),
    ...(run ? { run } : {}),
    to: [recipient],
    recipientKey: recipient.key,
    data: {
      counts: prepared.counts,
      missing: more > 0 ? [...prepared.missing.slice(0, MISSING_NAMED), cycle.language === 'vi' ? `… và ${more} đơn vị khác (xem tệp đính kèm)` : `… and ${more} more (see the attachments)`] : prepared.missing,
      reportPaths: { markdown: prepared.markdownPath, html: prepared.htmlPath },
      unitsCsv: prepared.unitsCsv,
      upperLevels: upperLevelNames(cycle),
      ...(cycle.consolidation.dueAt ? { dueAt: cycle.consolidation.dueAt } : {}),
      ...(approve ? { approve } : {}),
    },
  };
}

const upperLevelNames = (cycle: CycleHeader) => upperLevelsOf(cycle).map((level) => level.name);

/** The consolidated report's files and figures, as the approval letters attach them. */
const reportOf = (prepared: PreparedConsolidation) => ({
  counts: prepared.counts,
  reportPaths: { markdown: prepared.markdownPath, html: prepared.htmlPath },
  unitsCsv: prepared.unitsCsv,
});

export function cycleMailRequest(item: CycleMail, cycle: CycleHeader, run: string): EmailRequest {
  const staff = { cycle: emailContextOf(cycle), run, to: cycle.consolidation.by, recipientKey: 'consolidating-staff' };
  switch (item.kind) {
    case 'escalation':
      return escalationRequest(cycle, cycle.escalations.find((s) => s.step === item.step)!, item.recipient, item.prepared, run);
    case 'consolidation':
      return consolidationRequest(cycle, item.recipient, item.prepared, run, item.approve);
    case 'approval-request':
      return {
        kind: 'approval-request',
        step: item.index,
        cycle: emailContextOf(cycle),
        run,
        to: [item.recipient],
        recipientKey: item.recipient.key,
        data: { ...reportOf(item.prepared), by: item.by, ...(item.note ? { note: item.note } : {}), upperLevels: upperLevelNames(cycle), ...(cycle.consolidation.dueAt ? { dueAt: cycle.consolidation.dueAt } : {}) },
      };
    case 'approval-reminder':
      return {
        kind: 'approval-reminder',
        cycle: emailContextOf(cycle),
        run,
        to: [item.recipient],
        recipientKey: item.recipient.key,
        // Queued only for cycles with an upward due date.
        data: { ...reportOf(item.prepared), requestedAt: item.requestedAt, upperLevels: upperLevelNames(cycle), dueAt: cycle.consolidation.dueAt! },
      };
    case 'approval-returned':
      return {
        kind: 'approval-returned',
        step: item.index,
        cycle: emailContextOf(cycle),
        run,
        to: [item.recipient],
        recipientKey: item.recipient.key,
        data: { by: item.by, comment: item.comment, returnedAt: item.returnedAt },
      };
    case 'upward-report':
      return {
        kind: 'upward-report',
        cycle: emailContextOf(cycle),
        run,
        to: [{ key: item.level.key, name: item.level.name, email: item.level.email! }],
        recipientKey: item.level.key,
        data: { ...reportOf(item.prepared), upperLevel: item.level.name, approvedAt: item.approvedAt },
      };
    case 'delivery-failure':
      // Steps from 1,000,000: apart from the shards' delivery-failure reports to the same staff.
      return {
        ...staff,
        kind: 'delivery-failure',
        step: 1_000_000 + item.index,
        data: { failed: [{ recipient: { key: item.address, name: item.name, email: item.address }, kind: item.failedKind as EmailRequest['kind'], error: item.error }] },
      };
    case 'held-mail':
      return { ...staff, kind: 'held-mail', step: item.index, data: { since: item.since, until: item.until } };
  }
}

/** Whom a letter of the cycle is for; undefined for the alerts to staff (they go to all of them). */
export function cycleMailRecipient(item: CycleMail): Recipient | undefined {
  switch (item.kind) {
    case 'delivery-failure':
    case 'held-mail':
      return undefined;
    case 'upward-report':
      return { key: item.level.key, name: item.level.name, email: item.level.email ?? '' };
    default:
      return item.recipient;
  }
}
