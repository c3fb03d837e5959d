/**
 * `cycleShard`: one group of a cycle's units (child of `reportingCycle`). Thin wiring: the
 * units and every rule about them live in `UnitBook` (domain/units.ts), the mail in the
 * outbox (outbox.ts). The shard sends notices and reminders on time, answers the per-unit
 * Updates, tells the cycle when its outstanding count reaches or leaves zero, and continues as
 * new, with nothing in flight, before its history grows long.
 */
import { ApplicationFailure, allHandlersFinished, condition, continueAsNew, getExternalWorkflowHandle, log, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Rejection, UnitAction } from '../domain/rejections';
import { travelsOnPaper } from '../domain/document-facts';
import { UnitBook, isOutstanding, type BookContext } from '../domain/units';
import * as m from './messages';
import { isClosure, isEscalationRecord } from './signal-payloads';
import { ShardMailbox, type ShardMail } from './shard-mail';

/** Continue as new before the 10,240-event warning even where the server never suggests it. */
const DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 8_000;

/** A rejection as the Update's failure: non-retryable, typed, with the unit and cycle as details. */
const raise = (r: Rejection) => ApplicationFailure.create({ message: r.message, type: r.type, nonRetryable: true, details: [{ unitId: r.unitId, cycleId: r.cycleId }] });
const nowIso = () => new Date(Date.now()).toISOString();

export async function cycleShard(input: m.ShardInput): Promise<{ shard: number; outstanding: number }> {
  // Shards recorded before this patch alerted staff at every refusal, sent every queued
  // reminder and continued as new even when closed meanwhile; they replay that way.
  const current = patched('shard-outbox');
  const { cycle, shard, carried } = input;
  const ctx: BookContext = {
    cycleId: cycle.id,
    language: cycle.language,
    timeZone: cycle.timeZone,
    cutoffAt: cycle.cutoffAt,
    ...(travelsOnPaper(cycle) ? { paperOnly: true } : {}),
  };
  const units = new Map(input.units.map((u) => [u.id, u]));
  const book = carried ? UnitBook.carried(carried.units, ctx, carried.closed) : UnitBook.fresh([...units.keys()], cycle.dueAt, ctx);
  let noticesQueued = carried?.noticesQueued ?? false;
  let remindersQueued = carried?.remindersQueued ?? 0;
  /** The outstanding count the cycle last heard of; it assumes every unit outstanding at start. */
  let reportedOutstanding = carried?.reportedOutstanding ?? input.units.length;
  const mail = new ShardMailbox(input, units, book, current);
  const send = (item: ShardMail) => mail.send(item);

  // --- Updates: validators refuse (read-only) what the book would; handlers apply it -----

  const refuse = (action: UnitAction) => (payload: unknown) => {
    const rejection = book.check(action, payload, Date.now());
    if (rejection) throw raise(rejection);
  };
  setHandler(
    m.submitReportUpdate,
    (req) => {
      const { changed, submission, dueAt } = book.submit(req, nowIso());
      if (changed) send({ kind: 'receipt', unitId: req.unitId, revision: submission.revision });
      return { cycleId: cycle.id, unitId: req.unitId, submittedAt: submission.at, dueAt, onTime: submission.onTime, revision: submission.revision, duplicate: !changed };
    },
    { validator: refuse('submit') },
  );
  setHandler(
    m.grantExtensionUpdate,
    (req) => {
      const { dueAt, count } = book.extend(req, nowIso());
      send({ kind: 'extension', unitId: req.unitId, count, reason: req.reason });
      return { unitId: req.unitId, dueAt };
    },
    { validator: refuse('extend') },
  );
  setHandler(
    m.excuseUnitUpdate,
    (req) => {
      const { changed, excusedAt, count } = book.excuse(req, nowIso());
      if (changed) send({ kind: 'excuse', unitId: req.unitId, reason: req.reason, count });
      return { unitId: req.unitId, excusedAt };
    },
    { validator: refuse('excuse') },
  );
  setHandler(
    m.returnForRevisionUpdate,
    (req) => {
      const { returnedAt, revision } = book.returnForRevision(req, nowIso());
      send({ kind: 'returned', unitId: req.unitId, count: revision, reason: req.reason });
      return { unitId: req.unitId, returnedAt };
    },
    { validator: refuse('return') },
  );

  // --- Signals and the status query ------------------------------------------------------

  setHandler(m.closeShardSignal, (reason) => {
    if (!isClosure(reason)) return log.warn('closeShard signal ignored: not a closure', { cycleId: cycle.id });
    if (!book.close(reason) || reason.kind !== 'cancelled') return;
    for (const unitId of book.select(isOutstanding)) send({ kind: 'cancellation', unitId, reason: reason.reason });
  });
  setHandler(m.escalationRecordedSignal, (payload) => {
    if (!isEscalationRecord(payload)) return log.warn('escalationRecorded signal ignored: malformed', { cycleId: cycle.id });
    book.recordEscalation(payload.step, payload.unitIds);
  });
  setHandler(m.shardStatusQuery, () => ({
    cycleId: cycle.id,
    shard,
    ...(book.closed ? { closed: book.closed } : {}),
    generation: carried?.generation ?? 0,
    outbox: mail.outbox.size,
    units: book.statuses(input.units, Date.now()),
  }));

  // --- The shard's life -----------------------------------------------------------------

  const outstandingNews = () => (book.outstanding() === 0) !== (reportedOutstanding === 0);
  const continueAsNewAfter = input.continueAsNewAfterEvents ?? DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS;
  const continueAsNewDue = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > continueAsNewAfter;

  void mail.outbox.run();

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
    mail.outbox.pause();
    await condition(() => mail.outbox.idle && allHandlersFinished());
    if (!(current && book.closed)) {
      const state: m.ShardCarriedState = {
        units: book.toCarried(),
        noticesQueued,
        remindersQueued,
        reportedOutstanding,
        generation: (carried?.generation ?? 0) + 1,
        ...(book.closed ? { closed: book.closed } : {}),
        ...mail.carried(),
      };
      return await continueAsNew<typeof cycleShard>({ ...input, carried: state });
    }
    // Closed while the last messages of this run were in flight: end here instead.
    mail.outbox.resume();
  }

  // Closed: send what is left (cancellation notices among it), then end.
  await condition(() => mail.outbox.size === 0 && allHandlersFinished());
  return { shard, outstanding: book.outstanding() };
}
