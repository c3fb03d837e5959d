/**
 * The activities of the cycle as a whole: the escalation digest of one step, and the
 * consolidation. Both read every shard of the cycle through the Temporal client (a workflow
 * cannot query another), so the cycle workflow never holds thousands of units' state.
 */
import type { Client } from '@temporalio/client';
import type { CycleEscalationStep, Instant, Recipient } from '../../domain/cycle';
import { escalationRecordedSignal, type CycleHeader, type UnitStatus } from '../../workflows/messages';
import type { createDocumentActivities } from '../documents/consolidation';
import type { ConsolidationCounts, ConsolidationUnitRow } from '../documents/types';
import type { createEmailActivities } from '../email/send-email';
import type { CycleEmailContext, OverdueUnit } from '../email/types';
import { readShards } from './read-shards';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Units copied on one digest: beyond this many, a long Cc list gets the message refused by SMTP servers. */
const MAX_UNITS_COPIED = 50;

export interface CycleActivityDeps {
  temporal: Client;
  email: ReturnType<typeof createEmailActivities>;
  documents: ReturnType<typeof createDocumentActivities>;
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

export function emailContextOf(cycle: CycleHeader): CycleEmailContext {
  const { id, planId, language, timeZone, issuer, reportType, period, dueAt, cutoffAt, submissionInstructions } = cycle;
  return { id, planId, language, timeZone, issuer, reportType, period, dueAt, cutoffAt, submissionInstructions };
}

const isPending = (u: UnitStatus) => (!u.submission || u.returned !== undefined) && !u.excused;

function rowOf(u: UnitStatus): ConsolidationUnitRow {
  const base = { unitId: u.unitId, name: u.name, shortName: u.name };
  if (u.excused) return { ...base, state: 'excused', note: u.excused.reason };
  if (!u.submission || u.returned) return { ...base, state: 'missing', ...(u.returned ? { note: u.returned.reason } : {}) };
  const s = u.submission;
  const late = Math.ceil((Date.parse(s.at) - Date.parse(u.dueAt)) / DAY_MS);
  return {
    ...base,
    state: s.onTime ? 'submitted' : 'late',
    submittedAt: s.at,
    submittedBy: s.by,
    ...(s.note ? { note: s.note } : {}),
    ...(s.document ? { documentRef: s.document.name ? `${s.document.name} (${s.document.uri})` : s.document.uri } : {}),
    ...(s.onTime ? {} : { daysLate: Math.max(1, late) }),
  };
}

export function createCycleActivities(deps: CycleActivityDeps) {
  const { temporal, email, documents } = deps;

  /** Sends one step's digest of every overdue unit to the step's leaders; records who was listed. */
  async function escalateOverdue(input: EscalateOverdueInput): Promise<{ overdueUnits: number; emailsSent: number }> {
    const { cycle, step, asOf } = input;
    const shards = await readShards(temporal, input.shardWorkflowIds);
    const overdueByShard = shards.map((s) => s.units.filter((u) => isPending(u) && Date.parse(u.dueAt) < Date.parse(asOf)));
    const overdue = overdueByShard.flat();
    if (overdue.length === 0) return { overdueUnits: 0, emailsSent: 0 };

    const list: OverdueUnit[] = overdue.map((u) => ({
      unitId: u.unitId,
      name: u.name,
      dueAt: u.dueAt,
      daysOverdue: Math.max(1, Math.ceil((Date.parse(asOf) - Date.parse(u.dueAt)) / DAY_MS)),
    }));
    const copied: Recipient[] = overdue.length <= MAX_UNITS_COPIED ? overdue.flatMap((u) => u.to) : [];
    for (const recipient of step.recipients) {
      await email.sendEmail({
        kind: 'escalation',
        step: step.step,
        cycle: emailContextOf(cycle),
        to: [recipient],
        cc: copied,
        recipientKey: recipient.key,
        data: { roleLabel: step.roleLabel, overdue: list },
      });
    }
    await Promise.all(
      overdueByShard.map((units, i) =>
        units.length ? temporal.workflow.getHandle(input.shardWorkflowIds[i]!).signal(escalationRecordedSignal, { step: step.step, unitIds: units.map((u) => u.unitId) }) : undefined,
      ),
    );
    return { overdueUnits: overdue.length, emailsSent: step.recipients.length };
  }

  /** Writes the consolidated report from every shard and sends it to the staff and the leaders. */
  async function consolidateCycle(input: ConsolidateCycleInput): Promise<{ counts: ConsolidationCounts; markdownPath: string; htmlPath: string }> {
    const { cycle } = input;
    const shards = await readShards(temporal, input.shardWorkflowIds);
    for (const [i, shard] of shards.entries()) {
      await documents.writeConsolidationPart({ cycleId: cycle.id, part: i + 1, units: shard.units.map(rowOf) });
    }
    const context = emailContextOf(cycle);
    const report = await documents.assembleConsolidation({
      cycle: { ...context, upperLevels: cycle.consolidation.upperLevels, ...(cycle.consolidation.dueAt ? { consolidationDueAt: cycle.consolidation.dueAt } : {}) },
      parts: shards.length,
      consolidatedAt: input.consolidatedAt,
    });
    const missing = shards.flatMap((s) => s.units.filter(isPending).map((u) => u.name));
    const recipients = dedupe([...cycle.consolidation.by, ...cycle.consolidation.leaders]);
    for (const recipient of recipients) {
      await email.sendEmail({
        kind: 'consolidation',
        cycle: context,
        to: [recipient],
        recipientKey: recipient.key,
        data: {
          counts: report.counts,
          missing,
          reportPaths: { markdown: report.markdownPath, html: report.htmlPath },
          upperLevels: cycle.consolidation.upperLevels,
          ...(cycle.consolidation.dueAt ? { dueAt: cycle.consolidation.dueAt } : {}),
        },
      });
    }
    return { counts: report.counts, markdownPath: report.markdownPath, htmlPath: report.htmlPath };
  }

  return { escalateOverdue, consolidateCycle };
}

function dedupe(recipients: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return recipients.filter((r) => (seen.has(r.email) ? false : (seen.add(r.email), true)));
}
