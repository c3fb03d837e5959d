/**
 * `reportingCycle`: one reporting cycle, from its opening to its consolidation. It holds no
 * unit state itself: its units arrive through `addUnits` (one Update per shard, so a start
 * never carries a payload near Temporal's 2 MB limit) and live in `cycleShard` children.
 * The cycle runs the escalation ladder, notices when every unit has reported (or the
 * cut-off comes), closes its shards and has the cycle consolidated exactly once.
 */
import {
  ActivityFailure,
  CancellationScope,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  isCancellation,
  log,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import type { Activities, ConsolidationCounts } from '../activities';
import type { Instant } from '../domain/cycle';
import { cycleShard } from './cycle-shard';
import { consolidationRecipients, cycleMailRecipient, cycleMailRequest, type CycleMail } from './cycle-mail';
import { LeaderApproval } from './leader-approval';
import { Outbox, queued } from './outbox';
import { isCancellationRequest, isCycleUnit, isMailHeld, isShardCount } from './signal-payloads';
import {
  addUnitsUpdate,
  cancellationReasonSignal,
  closeShardSignal,
  cycleProgressQuery,
  mailHeldSignal,
  shardOutstandingSignal,
  shardWorkflowId,
  type CyclePhase,
  type CycleProgress,
  type ReportingCycleInput,
  type ShardCloseReason,
} from './messages';

/**
 * Escalation digests and consolidation read every shard and may write documents for
 * thousands of units: allow minutes. Cycles started before patch `cycle-outbox` call the
 * legacy pair, which also send the mail in-process.
 */
const { escalateOverdue, consolidateCycle } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  // They heartbeat after each shard read and document part: a worker that dies is noticed in minutes, not ten.
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 20 },
});
/** A digest that cannot be prepared for about two hours is recorded as failed; the ladder goes on. */
const { prepareEscalation } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 16 },
});
/** The consolidation depends only on kyhan's own state and files: retried, at most every 30 minutes, until it succeeds. */
const { prepareConsolidation } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});
/** Staff hear about held mail at most once a day per cycle. */
const HELD_ALERT_INTERVAL_MS = 24 * 60 * 60 * 1000;

const nowIso = () => new Date(Date.now()).toISOString();
const msUntil = (at: Instant) => Date.parse(at) - Date.now();

/** Waits for `predicate` until `at`; true when it held. Never waits when `at` is past. */
async function waitUntil(predicate: () => boolean, at: Instant): Promise<boolean> {
  const ms = msUntil(at);
  return ms > 0 ? await condition(predicate, ms) : predicate();
}

export interface CycleOutcome {
  cycleId: string;
  phase: CyclePhase;
  consolidation?: CycleProgress['consolidation'];
  escalationsSent: CycleProgress['escalationsSent'];
  approval?: CycleProgress['approval'];
}

export async function reportingCycle(input: ReportingCycleInput): Promise<CycleOutcome> {
  // Mail of the cycle itself (digests, consolidation, alerts) goes through its outbox; cycles
  // recorded before this patch sent it from inside their activities and replay that way.
  const throughOutbox = patched('cycle-outbox');
  const { cycle, shardCount, unitCount } = input;
  const { workflowId, firstExecutionRunId: run } = workflowInfo();
  const shards = new Map<number, ChildWorkflowHandle<typeof cycleShard> | null>();
  const loading = new Set<number>();
  const outstanding: number[] = new Array<number>(shardCount).fill(0);
  const escalationsSent: CycleProgress['escalationsSent'] = [];
  let phase: CyclePhase = 'loading';
  let consolidation: CycleProgress['consolidation'];
  let cancelled: CycleProgress['cancelled'];
  let cancelRequest: { reason: string; by?: string } | undefined;
  const refusedAddresses = new Set<string>();
  let heldAlertAt: number | undefined;
  let alerts = 0;

  const outbox: Outbox<CycleMail> = new Outbox<CycleMail>([], {
    request: (item) => cycleMailRequest(item, cycle, run),
    onSent: (item) => approval.delivered(item),
    onRefused(item, refused, error) {
      approval.refused(item, error);
      const recipient = cycleMailRecipient(item);
      if (!recipient) return log.error('Could not alert the consolidating staff', { cycleId: cycle.id, kind: item.kind, error });
      for (const address of refused.length ? refused.map((r) => r.address) : [recipient.email]) {
        if (refusedAddresses.has(address)) continue; // Staff are told once per address.
        refusedAddresses.add(address);
        outbox.push(queued({ kind: 'delivery-failure', index: alerts++, address, name: recipient.name, failedKind: item.kind, error }, nowIso()));
      }
    },
    onHeld: (_item, since) => mailHeld(since),
  });
  /** Mail left after being held an hour or more (here or in a shard): tell staff, at most once a day. */
  function mailHeld(since: Instant): void {
    if (heldAlertAt !== undefined && Date.now() - heldAlertAt < HELD_ALERT_INTERVAL_MS) return;
    heldAlertAt = Date.now();
    outbox.push(queued({ kind: 'held-mail', index: alerts++, since, until: nowIso() }, nowIso()));
  }
  // Outside the cancellation scope: a cancelled cycle still sends what it owes.
  void CancellationScope.nonCancellable(() => outbox.run());
  // Its Updates are refused, with the reason, until the consolidation opens it.
  const approval = new LeaderApproval(cycle, outbox, () => phase);
  approval.register();
  let shardsDone = false;

  const allLoaded = () => shards.size === shardCount;
  const allReported = () => allLoaded() && outstanding.every((n) => n === 0);
  const shardIds = () => [...shards.entries()].filter(([, h]) => h !== null).map(([i]) => shardWorkflowId(workflowId, i));
  const setStatus = (status: CyclePhase) => {
    phase = status;
    upsertSearchAttributes({ KyhanCycleStatus: [status] });
  };

  setHandler(
    addUnitsUpdate,
    async ({ shard, units }) => {
      if (shards.has(shard) || loading.has(shard)) {
        await condition(() => shards.has(shard));
        return { shard, units: units.length, alreadyLoaded: true };
      }
      loading.add(shard);
      // Started outside the cycle's cancellation scope: a cancelled cycle closes its
      // shards with a reason (they tell their units why) instead of cancelling them.
      const handle =
        units.length === 0
          ? null
          : await CancellationScope.nonCancellable(() =>
              startChild(cycleShard, {
                workflowId: shardWorkflowId(workflowId, shard),
                args: [{ cycle, cycleWorkflowId: workflowId, shard, units, ...(throughOutbox ? { cycleRunId: run } : {}), ...(input.continueAsNewAfterEvents ? { continueAsNewAfterEvents: input.continueAsNewAfterEvents } : {}) }],
                parentClosePolicy: ParentClosePolicy.TERMINATE,
              }),
            );
      outstanding[shard] = units.length;
      shards.set(shard, handle);
      loading.delete(shard);
      return { shard, units: units.length, alreadyLoaded: false };
    },
    {
      validator: ({ shard, units }) => {
        if (!Number.isInteger(shard) || shard < 0 || shard >= shardCount) throw new Error(`addUnits: shard must be 0…${shardCount - 1}, received ${shard}`);
        if (!Array.isArray(units)) throw new Error('addUnits: units must be a list');
        const bad = units.findIndex((u) => !isCycleUnit(u));
        if (bad >= 0) throw new Error(`addUnits: units[${bad}] is not a unit (id, name, shortName, to and cc with name and email)`);
        if (phase === 'cancelled') throw new Error(`addUnits: cycle "${cycle.id}" was cancelled`);
      },
    },
  );

  // Signals have no validator: a payload of the wrong shape is logged and ignored, never thrown.
  setHandler(shardOutstandingSignal, (payload) => {
    if (!isShardCount(payload, shardCount)) return log.warn('shardOutstanding signal ignored: malformed', { cycleId: cycle.id });
    outstanding[payload.shard] = payload.outstanding;
  });
  setHandler(cancellationReasonSignal, (payload) => {
    if (!isCancellationRequest(payload)) return log.warn('cancellationReason signal ignored: malformed', { cycleId: cycle.id });
    cancelRequest = payload;
  });
  setHandler(mailHeldSignal, (payload) => {
    if (!isMailHeld(payload)) return log.warn('mailHeld signal ignored: malformed', { cycleId: cycle.id });
    mailHeld(payload.since);
  });
  setHandler(cycleProgressQuery, (): CycleProgress => {
    const nextStep = cycle.escalations.find((s) => !escalationsSent.some((e) => e.step === s.step) && Date.parse(s.at) > Date.now());
    const nextEvent: CycleProgress['nextEvent'] =
      phase === 'consolidated'
        ? approval.nextEvent()
        : phase !== 'open' && phase !== 'loading'
        ? undefined
        : Date.parse(cycle.opensAt) > Date.now()
          ? { kind: 'opening', at: cycle.opensAt }
          : nextStep
            ? { kind: 'escalation', at: nextStep.at, step: nextStep.step }
            : { kind: 'cutoff', at: cycle.cutoffAt };
    return {
      cycleId: cycle.id,
      language: cycle.language,
      timeZone: cycle.timeZone,
      phase,
      shardCount,
      shardsLoaded: shards.size,
      unitCount,
      outstanding: outstanding.reduce((a, b) => a + b, 0),
      escalationsSent,
      ...(consolidation ? { consolidation } : {}),
      ...(cancelled ? { cancelled } : {}),
      ...approvalField(),
      ...(nextEvent ? { nextEvent } : {}),
    };
  });
  function approvalField(): { approval?: CycleProgress['approval'] } {
    const progress = approval.progress();
    return progress ? { approval: progress } : {};
  }

  async function closeShards(reason: ShardCloseReason): Promise<void> {
    await Promise.all([...shards.values()].map((h) => h?.signal(closeShardSignal, reason)));
  }
  async function shardsFinished(): Promise<void> {
    await Promise.all([...shards.values()].map((h) => h?.result()));
  }

  try {
    await condition(allLoaded);
    setStatus('open');

    for (const step of cycle.escalations) {
      if (await waitUntil(allReported, step.at)) break;
      const request = { cycle, step, shardWorkflowIds: shardIds(), asOf: step.at };
      try {
        if (!throughOutbox) {
          const result = await escalateOverdue(request);
          escalationsSent.push({ step: step.step, at: nowIso(), overdueUnits: result.overdueUnits });
          continue;
        }
        const prepared = await prepareEscalation(request);
        escalationsSent.push({ step: step.step, at: nowIso(), overdueUnits: prepared.overdueUnits });
        if (prepared.overdueUnits > 0) for (const recipient of step.recipients) outbox.push(queued({ kind: 'escalation', step: step.step, recipient, prepared }, nowIso()));
      } catch (err) {
        if (isCancellation(err)) throw err;
        // Recorded, not fatal: the next step and the consolidation still come.
        const failed = err instanceof ActivityFailure && err.cause ? err.cause.message : String(err);
        log.error('Escalation step failed', { cycleId: cycle.id, step: step.step, error: failed });
        escalationsSent.push({ step: step.step, at: nowIso(), overdueUnits: 0, failed });
      }
    }
    const everyoneReported = await waitUntil(allReported, cycle.cutoffAt);

    setStatus('consolidating');
    const consolidatedAt = nowIso();
    // Close the shards first: the consolidation reads them after they stopped changing.
    await closeShards({ kind: everyoneReported ? 'consolidated' : 'cutoff', at: consolidatedAt });
    const reason = everyoneReported ? 'all-reported' : 'cutoff';
    const request = { cycle, shardWorkflowIds: shardIds(), reason, consolidatedAt } as const;
    let prepared = throughOutbox ? await prepareConsolidation(request) : undefined;
    let result: { counts: ConsolidationCounts; markdownPath: string; htmlPath: string };
    try {
      result = prepared ?? (await consolidateCycle(request));
    } catch (err) {
      if (isCancellation(err)) throw err;
      // A cycle from before the patch whose in-process mail failed: its reports go through the outbox instead.
      log.error('Consolidation mail failed; sending it through the outbox', { cycleId: cycle.id, error: String(err) });
      result = prepared = await prepareConsolidation(request);
    }
    consolidation = { at: consolidatedAt, reason, counts: result.counts, markdownPath: result.markdownPath, htmlPath: result.htmlPath };
    // The leaders named in the plan approve the report before it goes up. Cycles recorded
    // before this patch ended at their consolidation, and replay that way.
    const approving = prepared !== undefined && cycle.consolidation.leaders.length > 0 && patched('leader-approval');
    const leaderAddresses = new Set(cycle.consolidation.leaders.map((l) => l.email));
    if (prepared) {
      for (const recipient of consolidationRecipients(cycle)) {
        outbox.push(queued({ kind: 'consolidation', recipient, prepared, ...(approving && leaderAddresses.has(recipient.email) ? { approve: true } : {}) }, nowIso()));
      }
    }
    if (approving) approval.open(prepared!, nowIso());
    setStatus('consolidated');
    await shardsFinished();
    shardsDone = true;
    await approval.settled();
    await condition(() => outbox.size === 0 && allHandlersFinished());
    return { cycleId: cycle.id, phase, consolidation, escalationsSent, ...approvalField() };
  } catch (err) {
    if (!isCancellation(err)) throw err;
    await CancellationScope.nonCancellable(async () => {
      const at = nowIso();
      const reason = cancelRequest?.reason ?? (cycle.language === 'vi' ? 'Kỳ báo cáo đã bị hủy.' : 'The cycle was cancelled.');
      cancelled = { at, reason, ...(cancelRequest?.by ? { by: cancelRequest.by } : {}) };
      setStatus('cancelled');
      log.info('Cycle cancelled', { cycleId: cycle.id, reason, by: cancelRequest?.by });
      // A cycle cancelled while its report awaited approval has no shard left to close.
      if (!shardsDone) {
        // A shard still being started would miss the close and never end: wait for it.
        await condition(() => loading.size === 0);
        await closeShards({ kind: 'cancelled', at, reason });
        await shardsFinished();
      }
      await condition(() => outbox.size === 0 && allHandlersFinished());
    });
    throw err;
  }
}
