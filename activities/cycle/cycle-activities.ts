/**
 * The activities of the cycle as a whole: the escalation digest of one step, and the
 * consolidation. Both read every shard of the cycle through the Temporal client (a workflow
 * cannot query another), so the cycle workflow never holds thousands of units' state.
 */
import type { Client } from '@temporalio/client';
import type { CycleEscalationStep, Instant } from '../../domain/cycle';
import { hoursLate, workingDaysLate } from '../../domain/schedule/working-days-late';
import { isOutstanding, isOverdueAt, outcomeOf } from '../../domain/units';
import { consolidationRecipients, consolidationRequest, escalationRequest, MISSING_NAMED } from '../../workflows/cycle-mail';
import { escalationRecordedSignal, type CycleHeader, type UnitStatus } from '../../workflows/messages';
import { reportFileKey } from '../../storage/document-keys';
import { storeUri, type DocumentStore } from '../../storage/document-store';
import { consolidationCycleOf } from '../documents/consolidation-document';
import { consolidationUnitsCsv, overdueUnitsCsv } from '../documents/unit-csv';
import type { createDocumentActivities } from '../documents/consolidation';
import type { ConsolidationCounts, ConsolidationUnitRow } from '../documents/types';
import { documentFacts, fileCount } from '../../domain/document-facts';
import type { createEmailActivities } from '../email/send-email';
import type { OverdueUnit } from '../email/types';
import { readShards, safeHeartbeat } from './read-shards';

export interface CycleActivityDeps {
  temporal: Client;
  email: ReturnType<typeof createEmailActivities>;
  documents: ReturnType<typeof createDocumentActivities>;
  /** Where the CSV lists are written; shared by all workers. */
  store: DocumentStore;
}

export interface EscalateOverdueInput {
  cycle: CycleHeader;
  step: CycleEscalationStep;
  shardWorkflowIds: string[];
  /** The step's moment: a unit is overdue if its own due moment is before it. */
  asOf: Instant;
}

export interface ConsolidateCycleInput {
  cycle: CycleHeader;
  shardWorkflowIds: string[];
  reason: 'all-reported' | 'cutoff';
  consolidatedAt: Instant;
}

/** Rows the digest's body lists; the CSV attachment has them all, so no message nears a relay's size limit. */
export const DIGEST_PREVIEW_UNITS = 20;

function rowOf(cycle: CycleHeader, u: UnitStatus): ConsolidationUnitRow {
  const base = { unitId: u.unitId, name: u.name, shortName: u.name };
  const outcome = outcomeOf(u);
  if (outcome === 'excused') return { ...base, state: 'excused', note: u.excused!.reason };
  if (outcome === 'missing') return { ...base, state: 'missing', ...(u.returned ? { note: u.returned.reason } : {}) };
  const s = u.submission!;
  const doc = s.document;
  return {
    ...base,
    state: outcome,
    submittedAt: s.at,
    submittedBy: s.by,
    ...(s.note ? { note: s.note } : {}),
    ...(doc ? { documentRef: [doc.number, doc.date, doc.name].filter(Boolean).join(', '), document: documentFacts(doc), files: fileCount(s) } : {}),
    // Working days past the unit's own due moment, as the ladder counts them; hours too for an urgent report.
    ...(outcome === 'late' ? { daysLate: workingDaysLate(cycle, u.dueAt, s.at), ...(cycle.reportType.urgent ? { hoursLate: hoursLate(u.dueAt, s.at) } : {}) } : {}),
  };
}

export interface PreparedEscalation {
  overdueUnits: number;
  /** The first `DIGEST_PREVIEW_UNITS` overdue units, for the body. */
  preview: OverdueUnit[];
  /** Every overdue unit as CSV, attached to each digest: a stored document's reference. */
  attachment?: string;
}

/** `markdownPath`, `htmlPath` and `unitsCsv` are references to stored documents (store URIs; host paths in cycles recorded before). */
export interface PreparedConsolidation {
  counts: ConsolidationCounts;
  markdownPath: string;
  htmlPath: string;
  unitsCsv: string;
  /** Names of the first units still missing (the email lists them; the attachments have all). */
  missing: string[];
  /** All units still missing (absent from results recorded before it existed: then `missing` has them all). */
  missingCount?: number;
}

export function createCycleActivities(deps: CycleActivityDeps) {
  const { temporal, email, documents, store } = deps;

  /**
   * Finds every overdue unit at one step, writes them to a CSV file and marks them in their
   * shards; the cycle then sends the digest to each leader through its outbox.
   */
  async function prepareEscalation(input: EscalateOverdueInput): Promise<PreparedEscalation> {
    const { cycle, step, asOf } = input;
    const shards = await readShards(temporal, input.shardWorkflowIds);
    const overdueByShard = shards.map((s) => s.units.filter((u) => isOverdueAt(u, Date.parse(asOf))));
    const overdue = overdueByShard.flat();
    if (overdue.length === 0) return { overdueUnits: 0, preview: [] };

    const list: OverdueUnit[] = overdue.map((u) => ({
      unitId: u.unitId,
      name: u.name,
      dueAt: u.dueAt,
      // Working days, as the ladder counts them: a Friday deadline still missed on Monday is one day overdue.
      daysOverdue: workingDaysLate(cycle, u.dueAt, asOf),
      // An urgent report goes up the same day: how late it is counts in hours.
      ...(cycle.reportType.urgent ? { hoursOverdue: hoursLate(u.dueAt, asOf) } : {}),
    }));
    const attachmentKey = reportFileKey(cycle.id, `escalation-${step.step}.csv`);
    await store.put(attachmentKey, overdueUnitsCsv(cycle.language, list, cycle.timeZone));
    const attachment = storeUri(attachmentKey);
    await Promise.all(
      overdueByShard.map((units, i) =>
        units.length ? temporal.workflow.getHandle(input.shardWorkflowIds[i]!).signal(escalationRecordedSignal, { step: step.step, unitIds: units.map((u) => u.unitId) }) : undefined,
      ),
    );
    return { overdueUnits: overdue.length, preview: list.slice(0, DIGEST_PREVIEW_UNITS), attachment };
  }

  /** Writes the consolidated report and the unit list from every shard; the cycle mails them through its outbox. */
  async function prepareConsolidation(input: ConsolidateCycleInput): Promise<PreparedConsolidation> {
    const { cycle } = input;
    const shards = await readShards(temporal, input.shardWorkflowIds);
    const rows = shards.map((shard) => shard.units.map((u) => rowOf(cycle, u)));
    for (const [i, part] of rows.entries()) {
      await documents.writeConsolidationPart({ cycleId: cycle.id, part: i + 1, units: part });
      safeHeartbeat({ part: i + 1 });
    }
    const report = await documents.assembleConsolidation({
      cycle: consolidationCycleOf(cycle),
      parts: shards.length,
      consolidatedAt: input.consolidatedAt,
    });
    safeHeartbeat({ assembled: true });
    const unitsCsvKey = reportFileKey(cycle.id, 'units.csv');
    await store.put(unitsCsvKey, consolidationUnitsCsv(cycle.language, rows.flat(), cycle.timeZone));
    const unitsCsv = storeUri(unitsCsvKey);
    // Only a few names: the result goes into the cycle's history, which a list of thousands would overflow.
    const missing = shards.flatMap((s) => s.units.filter(isOutstanding).map((u) => u.name));
    return { counts: report.counts, markdownPath: report.markdownPath, htmlPath: report.htmlPath, unitsCsv, missing: missing.slice(0, MISSING_NAMED), missingCount: missing.length };
  }

  // Cycles started before their mail went through the cycle's outbox (patch `cycle-outbox`)
  // still call these two, which send in-process as they did.

  /** @deprecated for new cycles: `prepareEscalation`, then the outbox. */
  async function escalateOverdue(input: EscalateOverdueInput): Promise<{ overdueUnits: number; emailsSent: number }> {
    const prepared = await prepareEscalation(input);
    if (prepared.overdueUnits === 0) return { overdueUnits: 0, emailsSent: 0 };
    for (const recipient of input.step.recipients) await email.sendEmail(escalationRequest(input.cycle, input.step, recipient, prepared));
    return { overdueUnits: prepared.overdueUnits, emailsSent: input.step.recipients.length };
  }

  /** @deprecated for new cycles: `prepareConsolidation`, then the outbox. */
  async function consolidateCycle(input: ConsolidateCycleInput): Promise<{ counts: ConsolidationCounts; markdownPath: string; htmlPath: string }> {
    const prepared = await prepareConsolidation(input);
    for (const recipient of consolidationRecipients(input.cycle)) await email.sendEmail(consolidationRequest(input.cycle, recipient, prepared));
    return { counts: prepared.counts, markdownPath: prepared.markdownPath, htmlPath: prepared.htmlPath };
  }

  return { prepareEscalation, prepareConsolidation, escalateOverdue, consolidateCycle };
}
