/**
 * `cycleShard`: one group of a cycle's units (child of `reportingCycle`). It sends each unit
 * its notice and reminders, takes the unit's Updates (submission, extension, excuse, return)
 * and tells the cycle whenever its count of outstanding units reaches or leaves zero.
 *
 * Every email goes through an outbox that lives in workflow state: an item leaves it only
 * after its activity has finished, and the shard continues as new only with nothing in
 * flight, so no email is lost or sent twice across a crash or a continue-as-new.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities, DeliveryFailureDetails, EmailRequest } from '../activities';
import type { CycleUnit, Instant } from '../domain/cycle';
import { FailureType } from '../domain/failures';
import {
  closeShardSignal,
  escalationRecordedSignal,
  excuseUnitUpdate,
  grantExtensionUpdate,
  returnForRevisionUpdate,
  shardOutstandingSignal,
  shardStatusQuery,
  submitReportUpdate,
  type CarriedUnit,
  type ShardCarriedState,
  type ShardCloseReason,
  type ShardInput,
  type ShardStatus,
  type SubmissionReceipt,
  type UnitStatus,
} from './messages';
import { rejections, type Rejection, type RejectionContext, type UnitAction } from '../domain/rejections';

/** Email activities: SMTP hiccups are retried with backoff for about an hour; a refusal for good is not. */
const { sendEmail } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 10, nonRetryableErrorTypes: [FailureType.PermanentDeliveryFailure] },
});

/** Emails in flight at once per shard: well under Temporal's 2,000 pending activities. */
const MAX_EMAILS_IN_FLIGHT = 50;
/** Continue as new before the 10,240-event warning even where the server never suggests it. */
const DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 8_000;

/** An email waiting to be sent: compact, as it may be carried across continue-as-new. */
type OutboxItem =
  | { kind: 'notice' | 'cancellation'; unitId: string; reason?: string }
  | { kind: 'reminder'; unitId: string; index: number }
  | { kind: 'receipt'; unitId: string; revision: number }
  | { kind: 'extension'; unitId: string; count: number; reason: string }
  | { kind: 'excuse'; unitId: string; reason: string }
  | { kind: 'returned'; unitId: string; count: number; reason: string }
  | { kind: 'delivery-failure'; failureIndex: number; recipientKey: string; address: string; name: string; failedKind: string; error: string };

/** A rejection raised as a non-retryable ApplicationFailure: the client sees it as the Update's failure. */
function raise(r: Rejection): ApplicationFailure {
  return ApplicationFailure.create({ message: r.message, type: r.type, nonRetryable: true, details: [{ unitId: r.unitId, cycleId: r.cycleId }] });
}

const nowIso = () => new Date(Date.now()).toISOString();
const ms = (instant: Instant) => Date.parse(instant);

export async function cycleShard(input: ShardInput): Promise<{ shard: number; outstanding: number }> {
  const { cycle, shard } = input;
  const ctx: RejectionContext = { cycleId: cycle.id, language: cycle.language, timeZone: cycle.timeZone };
  const unitsById = new Map<string, CycleUnit>(input.units.map((u) => [u.id, u]));
  const carried = input.carried;
  const units: Record<string, CarriedUnit> =
    carried?.units ??
    Object.fromEntries(input.units.map((u) => [u.id, { dueAt: cycle.dueAt, remindersSent: [], escalations: [], deliveryFailures: [] }]));
  const outbox: OutboxItem[] = (carried?.outbox as OutboxItem[] | undefined) ?? [];
  let noticesQueued = carried?.noticesQueued ?? false;
  let remindersQueued = carried?.remindersQueued ?? 0;
  let closed: ShardCloseReason | undefined = carried?.closed;
  /** The outstanding count the cycle last heard of; it assumes every unit outstanding at start. */
  let reportedOutstanding = carried?.reportedOutstanding ?? input.units.length;
  let inFlight = 0;
  let pausedForContinueAsNew = false;
  const generation = carried?.generation ?? 0;
  let deliveryFailureCount = Object.values(units).reduce((n, u) => n + u.deliveryFailures.length, 0);

  /** Still awaited: never submitted, or returned for revision; an excused unit is not. */
  const isOutstanding = (u: CarriedUnit) => (!u.submission || u.returned !== undefined) && !u.excused;
  const outstanding = () => Object.values(units).reduce((n, u) => n + (isOutstanding(u) ? 1 : 0), 0);

  // --- Updates ------------------------------------------------------------------------

  /** The checks every per-unit Update shares; returns the unit's state. */
  function admit(action: UnitAction, unitId: unknown): CarriedUnit {
    if (typeof unitId !== 'string' || !unitId) throw raise(rejections.missingField(ctx, action, String(unitId ?? ''), 'unitId'));
    const unit = units[unitId];
    if (!unit) throw raise(rejections.unknownUnit(ctx, action, unitId));
    if (closed) throw raise(rejections.closed(ctx, action, unitId, closed));
    return unit;
  }

  function requireText(action: UnitAction, unitId: string, field: string, value: unknown): void {
    if (typeof value !== 'string' || value.trim() === '') throw raise(rejections.missingField(ctx, action, unitId, field));
  }

  function receiptOf(unitId: string, unit: CarriedUnit, duplicate: boolean): SubmissionReceipt {
    const s = unit.submission!;
    return { cycleId: cycle.id, unitId, submittedAt: s.at, dueAt: unit.dueAt, onTime: s.onTime, revision: s.revision, duplicate };
  }

  setHandler(
    submitReportUpdate,
    (req) => {
      const unit = units[req.unitId]!;
      if (unit.submission && !unit.returned && !req.revision) return receiptOf(req.unitId, unit, true);
      const at = nowIso();
      const revision = unit.submission ? unit.submission.revision + 1 : 0;
      unit.submission = {
        at,
        by: req.submittedBy,
        ...(req.note ? { note: req.note } : {}),
        ...(req.document ? { document: req.document } : {}),
        onTime: ms(at) <= ms(unit.dueAt),
        revision,
      };
      delete unit.returned;
      delete unit.excused;
      outbox.push({ kind: 'receipt', unitId: req.unitId, revision });
      return receiptOf(req.unitId, unit, false);
    },
    {
      validator: (req) => {
        admit('submit', req?.unitId);
        requireText('submit', req.unitId, 'submittedBy', req.submittedBy);
      },
    },
  );

  setHandler(
    grantExtensionUpdate,
    (req) => {
      const unit = units[req.unitId]!;
      const until = new Date(ms(req.until)).toISOString();
      unit.dueAt = until;
      unit.extended = { until, reason: req.reason, at: nowIso() };
      unit.extensionCount = (unit.extensionCount ?? 0) + 1;
      outbox.push({ kind: 'extension', unitId: req.unitId, count: unit.extensionCount, reason: req.reason });
      return { unitId: req.unitId, dueAt: until };
    },
    {
      validator: (req) => {
        const unit = admit('extend', req?.unitId);
        requireText('extend', req.unitId, 'reason', req.reason);
        if (typeof req.until !== 'string' || Number.isNaN(ms(req.until))) throw raise(rejections.badInstant(ctx, 'extend', req.unitId, 'until', String(req.until)));
        if (unit.submission && !unit.returned) throw raise(rejections.alreadySubmitted(ctx, 'extend', req.unitId, unit.submission.at));
        if (unit.excused) throw raise(rejections.alreadyExcused(ctx, 'extend', req.unitId, unit.excused.at));
        if (ms(req.until) <= Date.now()) throw raise(rejections.extensionInPast(ctx, req.unitId, req.until));
        if (ms(req.until) > ms(cycle.cutoffAt)) throw raise(rejections.extensionAfterCutoff(ctx, req.unitId, req.until, cycle.cutoffAt));
      },
    },
  );

  setHandler(
    excuseUnitUpdate,
    (req) => {
      const unit = units[req.unitId]!;
      if (unit.excused) return { unitId: req.unitId, excusedAt: unit.excused.at };
      unit.excused = { at: nowIso(), reason: req.reason };
      outbox.push({ kind: 'excuse', unitId: req.unitId, reason: req.reason });
      return { unitId: req.unitId, excusedAt: unit.excused.at };
    },
    {
      validator: (req) => {
        const unit = admit('excuse', req?.unitId);
        requireText('excuse', req.unitId, 'reason', req.reason);
        if (unit.submission && !unit.returned) throw raise(rejections.alreadySubmitted(ctx, 'excuse', req.unitId, unit.submission.at));
      },
    },
  );

  setHandler(
    returnForRevisionUpdate,
    (req) => {
      const unit = units[req.unitId]!;
      const at = nowIso();
      unit.returned = { at, reason: req.reason };
      outbox.push({ kind: 'returned', unitId: req.unitId, count: unit.submission!.revision, reason: req.reason });
      return { unitId: req.unitId, returnedAt: at };
    },
    {
      validator: (req) => {
        const unit = admit('return', req?.unitId);
        requireText('return', req.unitId, 'reason', req.reason);
        if (!unit.submission) throw raise(rejections.notSubmitted(ctx, req.unitId));
        if (unit.returned) throw raise(rejections.alreadyReturned(ctx, req.unitId, unit.returned.at));
      },
    },
  );

  // --- Signals and the status query -----------------------------------------------------

  setHandler(closeShardSignal, (reason) => {
    if (closed) return;
    closed = reason;
    if (reason.kind === 'cancelled') {
      for (const [unitId, unit] of Object.entries(units)) {
        if (isOutstanding(unit)) outbox.push({ kind: 'cancellation', unitId, reason: reason.reason });
      }
    }
  });

  setHandler(escalationRecordedSignal, ({ step, unitIds }) => {
    for (const id of unitIds) {
      const unit = units[id];
      if (unit && !unit.escalations.includes(step)) unit.escalations.push(step);
    }
  });

  setHandler(shardStatusQuery, (): ShardStatus => {
    const now = Date.now();
    return {
      cycleId: cycle.id,
      shard,
      ...(closed ? { closed } : {}),
      generation,
      outbox: outbox.length + inFlight,
      units: input.units.map((u): UnitStatus => {
        const s = units[u.id]!;
        const state = s.submission && !s.returned ? 'submitted' : s.excused ? 'excused' : ms(s.dueAt) < now ? 'overdue' : 'pending';
        return { unitId: u.id, name: u.name, to: u.to, state, ...s };
      }),
    };
  });

  // --- Sending --------------------------------------------------------------------------

  const unitRef = (u: CycleUnit) => ({ id: u.id, name: u.name });
  const emailContext = {
    id: cycle.id,
    planId: cycle.planId,
    language: cycle.language,
    timeZone: cycle.timeZone,
    issuer: cycle.issuer,
    reportType: cycle.reportType,
    period: cycle.period,
    dueAt: cycle.dueAt,
    cutoffAt: cycle.cutoffAt,
    submissionInstructions: cycle.submissionInstructions,
  };

  function requestFor(item: OutboxItem): EmailRequest {
    if (item.kind === 'delivery-failure') {
      return {
        kind: 'delivery-failure',
        step: item.failureIndex,
        cycle: emailContext,
        to: cycle.consolidation.by,
        recipientKey: 'consolidating-staff',
        data: { failed: [{ recipient: { key: item.recipientKey, name: item.name, email: item.address }, kind: item.failedKind as EmailRequest['kind'], error: item.error }] },
      };
    }
    const u = unitsById.get(item.unitId)!;
    const s = units[item.unitId]!;
    const base = { cycle: emailContext, to: u.to, cc: u.cc, recipientKey: u.id };
    switch (item.kind) {
      case 'notice':
        return { ...base, kind: 'notice', data: { unit: unitRef(u) } };
      case 'reminder': {
        const reminder = cycle.reminders[item.index]!;
        return { ...base, kind: 'reminder', step: item.index, data: { unit: unitRef(u), relation: reminder.relation, dueAt: s.dueAt } };
      }
      case 'receipt': {
        const sub = s.submission!;
        return {
          ...base,
          kind: 'receipt',
          step: item.revision,
          data: { unit: unitRef(u), submittedAt: sub.at, onTime: sub.onTime, ...(sub.document ? { documentRef: sub.document.uri } : {}), ...(item.revision ? { revision: item.revision } : {}) },
        };
      }
      case 'extension':
        return { ...base, kind: 'extension', step: item.count, data: { unit: unitRef(u), newDueAt: s.dueAt, reason: item.reason } };
      case 'excuse':
        return { ...base, kind: 'excuse', data: { unit: unitRef(u), reason: item.reason } };
      case 'returned':
        return { ...base, kind: 'returned', step: item.count, data: { unit: unitRef(u), reason: item.reason } };
      case 'cancellation':
        return { ...base, kind: 'cancellation', data: { unit: unitRef(u), reason: item.reason ?? '' } };
    }
  }

  function recordSent(item: OutboxItem, at: Instant): void {
    if (item.kind === 'notice') units[item.unitId]!.noticeSentAt = at;
    if (item.kind === 'reminder') units[item.unitId]!.remindersSent.push(item.index);
  }

  function recordFailure(item: OutboxItem, error: string, addresses: string[]): void {
    if (item.kind === 'delivery-failure') {
      log.error('Could not tell the consolidating staff about a delivery failure', { cycleId: cycle.id, error });
      return;
    }
    const unit = unitsById.get(item.unitId)!;
    const failedAddresses = addresses.length ? addresses : unit.to.map((r) => r.email);
    for (const address of failedAddresses) {
      units[item.unitId]!.deliveryFailures.push({ kind: item.kind, address, error });
      outbox.push({ kind: 'delivery-failure', failureIndex: deliveryFailureCount++, recipientKey: unit.id, address, name: unit.name, failedKind: item.kind, error });
    }
  }

  async function deliver(item: OutboxItem): Promise<void> {
    try {
      await sendEmail(requestFor(item));
      recordSent(item, nowIso());
    } catch (err) {
      const cause = err instanceof ActivityFailure ? err.cause : err;
      const permanent = cause instanceof ApplicationFailure && cause.type === FailureType.PermanentDeliveryFailure;
      const details = permanent ? ((cause.details?.[0] as DeliveryFailureDetails | undefined)?.refused ?? []) : [];
      const message = cause instanceof Error ? cause.message : String(cause);
      log.warn('Email not delivered', { cycleId: cycle.id, kind: item.kind, permanent, error: message });
      recordFailure(item, message, details.map((r) => r.address));
    } finally {
      inFlight--;
    }
  }

  async function sendOutbox(): Promise<never> {
    for (;;) {
      await condition(() => outbox.length > 0 && inFlight < MAX_EMAILS_IN_FLIGHT && !pausedForContinueAsNew);
      const item = outbox.shift()!;
      inFlight++;
      void deliver(item);
    }
  }

  // --- The shard's life -----------------------------------------------------------------

  const reportOutstanding = async () => {
    const n = outstanding();
    if ((n === 0) === (reportedOutstanding === 0)) return;
    reportedOutstanding = n;
    await getExternalWorkflowHandle(input.cycleWorkflowId).signal(shardOutstandingSignal, { shard, outstanding: n });
  };
  const outstandingNews = () => (outstanding() === 0) !== (reportedOutstanding === 0);
  const continueAsNewAfter = input.continueAsNewAfterEvents ?? DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS;
  const continueAsNewDue = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > continueAsNewAfter;

  void sendOutbox();

  while (!closed) {
    const now = Date.now();
    if (!noticesQueued && now >= ms(cycle.opensAt)) {
      for (const [unitId, unit] of Object.entries(units)) if (!unit.excused) outbox.push({ kind: 'notice', unitId });
      noticesQueued = true;
      continue;
    }
    const reminder = cycle.reminders[remindersQueued];
    if (noticesQueued && reminder && now >= ms(reminder.at)) {
      for (const [unitId, unit] of Object.entries(units)) {
        // A reminder before the due moment goes to units still to report; one after it, to
        // units past their own due moment (an extension spares a unit the "overdue" wording).
        if (isOutstanding(unit) && (reminder.relation === 'before' || ms(unit.dueAt) < now)) outbox.push({ kind: 'reminder', unitId, index: remindersQueued });
      }
      remindersQueued++;
      continue;
    }
    if (outstandingNews()) {
      await reportOutstanding();
      continue;
    }
    if (continueAsNewDue()) break;
    const nextAt = !noticesQueued ? ms(cycle.opensAt) : reminder ? ms(reminder.at) : undefined;
    const wake = () => closed !== undefined || outstandingNews() || continueAsNewDue();
    if (nextAt === undefined) await condition(wake);
    else if (nextAt > now) await condition(wake, nextAt - now);
  }

  if (!closed) {
    // Continue as new with nothing in flight: what was sent is recorded, what was not is in the outbox.
    pausedForContinueAsNew = true;
    await condition(() => inFlight === 0 && allHandlersFinished());
    const state: ShardCarriedState = { units, outbox, noticesQueued, remindersQueued, reportedOutstanding, generation: generation + 1, ...(closed ? { closed } : {}) };
    return await continueAsNew<typeof cycleShard>({ ...input, carried: state });
  }

  // Closed: send what is left (cancellation notices among it), then end.
  await condition(() => outbox.length === 0 && inFlight === 0 && allHandlersFinished());
  return { shard, outstanding: outstanding() };
}
