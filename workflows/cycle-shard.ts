/**
 * `cycleShard`: one group of a cycle's units (child of `reportingCycle`). Thin wiring: the
 * units and every rule about them live in `UnitBook` (domain/units.ts), the mail in the
 * outbox (outbox.ts). The shard sends notices and reminders on time, answers the per-unit
 * Updates, tells the cycle when its outstanding count reaches or leaves zero, and continues as
 * new, with nothing in flight, before its history grows long.
 */
import { ApplicationFailure, allHandlersFinished, condition, continueAsNew, getExternalWorkflowHandle, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Instant } from '../domain/cycle';
import type { Rejection, RejectionContext, UnitAction } from '../domain/rejections';
import { parseUnitRequest, type RequestOf } from '../domain/unit-requests';
import { UnitBook, isOutstanding, stateAt, type UnitRecord } from '../domain/units';
import * as m from './messages';
import { Outbox, queued } from './outbox';
import { shardMailRequest, type ShardMail } from './shard-mail';

/** Continue as new before the 10,240-event warning even where the server never suggests it. */
const DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 8_000;
/** Held mail is reported to the cycle at most once a day per shard; the cycle tells staff. */
const HELD_REPORT_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** A rejection as the Update's failure: non-retryable, typed, with the unit and cycle as details. */
const raise = (r: Rejection) => ApplicationFailure.create({ message: r.message, type: r.type, nonRetryable: true, details: [{ unitId: r.unitId, cycleId: r.cycleId }] });
const nowIso = () => new Date(Date.now()).toISOString();

export async function cycleShard(input: m.ShardInput): Promise<{ shard: number; outstanding: number }> {
  const { cycle, shard, carried } = input;
  const ctx: RejectionContext & { cutoffAt: Instant } = { cycleId: cycle.id, language: cycle.language, timeZone: cycle.timeZone, cutoffAt: cycle.cutoffAt };
  const units = new Map(input.units.map((u) => [u.id, u]));
  const book = carried ? UnitBook.carried(carried.units, ctx, carried.closed) : UnitBook.fresh([...units.keys()], cycle.dueAt, ctx);
  let noticesQueued = carried?.noticesQueued ?? false;
  let remindersQueued = carried?.remindersQueued ?? 0;
  /** The outstanding count the cycle last heard of; it assumes every unit outstanding at start. */
  let reportedOutstanding = carried?.reportedOutstanding ?? input.units.length;
  const refusedAddresses = new Set(carried?.refusedAddresses ?? []);
  let heldReportedAt = carried?.heldReportedAt;
  let failureCount = book.deliveryFailureCount();
  const run = input.cycleRunId ?? workflowInfo().parent?.runId;

  const outbox: Outbox<ShardMail> = new Outbox((carried?.outbox as ShardMail[] | undefined) ?? [], {
    request: (item) => shardMailRequest(item, { cycle, run, shard, units, book }),
    onSent(item) {
      if (item.kind === 'notice') book.recordNoticeSent(item.unitId, nowIso());
      if (item.kind === 'reminder') book.recordReminderSent(item.unitId, item.index);
    },
    onRefused(item, refused, error) {
      if (item.kind === 'delivery-failure') return; // Staff's own address: the cycle's alerts cover it.
      const unit = units.get(item.unitId)!;
      for (const address of refused.length ? refused.map((r) => r.address) : unit.to.map((r) => r.email)) {
        book.recordDeliveryFailure(item.unitId, { kind: item.kind, address, error });
        if (refusedAddresses.has(address)) continue; // Staff are told once per address.
        refusedAddresses.add(address);
        outbox.push(queued({ kind: 'delivery-failure', failureIndex: failureCount++, recipientKey: unit.id, address, name: unit.name, failedKind: item.kind, error }, nowIso()));
      }
    },
    onHeld(_item, since) {
      if (heldReportedAt && Date.now() - Date.parse(heldReportedAt) < HELD_REPORT_INTERVAL_MS) return;
      heldReportedAt = nowIso();
      // A cycle that has already ended cannot be told; that is no reason to fail the shard.
      getExternalWorkflowHandle(input.cycleWorkflowId).signal(m.mailHeldSignal, { shard, since, at: heldReportedAt }).catch(() => undefined);
    },
  });
  const send = (item: ShardMail) => outbox.push(queued(item, nowIso()));

  // --- Updates: the payload's shape first, then the unit's rules, both read-only ---------

  /** An Update's validator: throws the rejection of a malformed payload, then of the unit's rules. */
  function accept<A extends UnitAction>(action: A, payload: unknown, check: (req: RequestOf[A]) => Rejection | undefined): void {
    const parsed = parseUnitRequest(action, payload, ctx);
    const rejection = parsed.ok ? check(parsed.request) : parsed.rejection;
    if (rejection) throw raise(rejection);
  }

  setHandler(
    m.submitReportUpdate,
    (req) => {
      const { changed, submission, dueAt } = book.submit(req, nowIso());
      if (changed) send({ kind: 'receipt', unitId: req.unitId, revision: submission.revision });
      return { cycleId: cycle.id, unitId: req.unitId, submittedAt: submission.at, dueAt, onTime: submission.onTime, revision: submission.revision, duplicate: !changed };
    },
    { validator: (req) => accept('submit', req, (r) => book.checkSubmit(r)) },
  );
  setHandler(
    m.grantExtensionUpdate,
    (req) => {
      const { dueAt, count } = book.extend(req, nowIso());
      send({ kind: 'extension', unitId: req.unitId, count, reason: req.reason });
      return { unitId: req.unitId, dueAt };
    },
    { validator: (req) => accept('extend', req, (r) => book.checkExtend(r, Date.now())) },
  );
  setHandler(
    m.excuseUnitUpdate,
    (req) => {
      const { changed, excusedAt } = book.excuse(req, nowIso());
      if (changed) send({ kind: 'excuse', unitId: req.unitId, reason: req.reason });
      return { unitId: req.unitId, excusedAt };
    },
    { validator: (req) => accept('excuse', req, (r) => book.checkExcuse(r)) },
  );
  setHandler(
    m.returnForRevisionUpdate,
    (req) => {
      const { returnedAt, revision } = book.returnForRevision(req, nowIso());
      send({ kind: 'returned', unitId: req.unitId, count: revision, reason: req.reason });
      return { unitId: req.unitId, returnedAt };
    },
    { validator: (req) => accept('return', req, (r) => book.checkReturn(r)) },
  );

  // --- Signals and the status query ------------------------------------------------------

  setHandler(m.closeShardSignal, (reason) => {
    if (!book.close(reason) || reason.kind !== 'cancelled') return;
    for (const unitId of book.select(isOutstanding)) send({ kind: 'cancellation', unitId, reason: reason.reason });
  });
  setHandler(m.escalationRecordedSignal, ({ step, unitIds }) => book.recordEscalation(step, unitIds));
  setHandler(m.shardStatusQuery, (): m.ShardStatus => {
    const now = Date.now();
    const closed = book.closed;
    return {
      cycleId: cycle.id,
      shard,
      ...(closed ? { closed } : {}),
      generation: carried?.generation ?? 0,
      outbox: outbox.size,
      units: input.units.map((u) => {
        const s: UnitRecord = book.get(u.id);
        return { ...s, unitId: u.id, name: u.name, to: u.to, state: stateAt(s, now) };
      }),
    };
  });

  // --- The shard's life -----------------------------------------------------------------

  const outstandingNews = () => (book.outstanding() === 0) !== (reportedOutstanding === 0);
  const continueAsNewAfter = input.continueAsNewAfterEvents ?? DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS;
  const continueAsNewDue = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > continueAsNewAfter;

  void outbox.run();

  while (!book.closed) {
    const now = Date.now();
    const reminder = cycle.reminders[remindersQueued];
    if (!noticesQueued && now >= Date.parse(cycle.opensAt)) {
      for (const unitId of book.select((u) => !u.excused)) send({ kind: 'notice', unitId });
      noticesQueued = true;
    } else if (noticesQueued && reminder && now >= Date.parse(reminder.at)) {
      // Before the due moment: units still to report. After it: units past their own due
      // moment (an extension spares a unit the "overdue" wording).
      for (const unitId of book.select((u) => isOutstanding(u) && (reminder.relation === 'before' || Date.parse(u.dueAt) < now))) {
        send({ kind: 'reminder', unitId, index: remindersQueued });
      }
      remindersQueued++;
    } else if (outstandingNews()) {
      reportedOutstanding = book.outstanding();
      await getExternalWorkflowHandle(input.cycleWorkflowId).signal(m.shardOutstandingSignal, { shard, outstanding: reportedOutstanding });
    } else if (continueAsNewDue()) {
      break;
    } else {
      const nextAt = !noticesQueued ? Date.parse(cycle.opensAt) : reminder ? Date.parse(reminder.at) : undefined;
      const wake = () => book.closed !== undefined || outstandingNews() || continueAsNewDue();
      if (nextAt === undefined) await condition(wake);
      else if (nextAt > now) await condition(wake, nextAt - now);
    }
  }

  if (!book.closed) {
    // Continue as new with nothing in flight: what was sent is recorded, what was not is in the outbox.
    outbox.pause();
    await condition(() => outbox.idle && allHandlersFinished());
    const state: m.ShardCarriedState = {
      units: book.toCarried(),
      outbox: outbox.waiting(),
      noticesQueued,
      remindersQueued,
      reportedOutstanding,
      generation: (carried?.generation ?? 0) + 1,
      refusedAddresses: [...refusedAddresses],
      ...(heldReportedAt ? { heldReportedAt } : {}),
    };
    return await continueAsNew<typeof cycleShard>({ ...input, carried: state });
  }

  // Closed: send what is left (cancellation notices among it), then end.
  await condition(() => outbox.size === 0 && allHandlersFinished());
  return { shard, outstanding: book.outstanding() };
}
