/**
 * The leaders' approval of a cycle's consolidated report, as the cycle workflow runs it: the
 * four Updates (approve, return, resubmit, mark sent up) with their validators, the mail each
 * step owes (through the cycle's outbox), the reminder at the upward due date, and the wait
 * until the report has gone up or the approval expired. The rule itself is `domain/approval.ts`.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import type { PreparedConsolidation } from '../activities/cycle/cycle-activities';
import { ApprovalBook, checkApprovalRequest, type ApprovalAction, type ApprovalContext, type ApprovalProgress, type ApprovalRejection, type ApprovalRequestOf } from '../domain/approval';
import { upperLevelsOf, type Instant, type Recipient } from '../domain/cycle';
import type { CycleMail } from './cycle-mail';
import { approveReportUpdate, markSentUpUpdate, resubmitForApprovalUpdate, returnReportUpdate, type CycleHeader, type CyclePhase, type CycleProgress } from './messages';
import { queued, type Outbox } from './outbox';

const nowIso = () => new Date(Date.now()).toISOString();

const raise = (r: ApprovalRejection) => ApplicationFailure.create({ message: r.message, type: r.type, nonRetryable: true, details: [{ cycleId: r.cycleId }] });

/** Each address once, in order. */
function distinct(recipients: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return recipients.filter((r) => (seen.has(r.email) ? false : (seen.add(r.email), true)));
}

export class LeaderApproval {
  private book?: ApprovalBook;
  private prepared?: PreparedConsolidation;

  constructor(
    private readonly cycle: CycleHeader,
    private readonly outbox: Outbox<CycleMail>,
    private readonly phase: () => CyclePhase,
  ) {}

  /** Registers the Updates at the workflow's start: until `open`, each is refused with the reason. */
  register(): void {
    const { cycle, outbox } = this;
    const leaders = () => distinct(cycle.consolidation.leaders);
    this.handle(approveReportUpdate, 'approve', (book, request, at) => {
      for (const level of book.approve(request, at)) outbox.push(queued({ kind: 'upward-report', level, prepared: this.prepared!, approvedAt: at }, at));
    });
    this.handle(returnReportUpdate, 'return', (book, request, at) => {
      const index = book.returnToStaff(request, at);
      for (const recipient of distinct(cycle.consolidation.by)) outbox.push(queued({ kind: 'approval-returned', index, recipient, by: request.by, comment: request.comment, returnedAt: at }, at));
    });
    this.handle(resubmitForApprovalUpdate, 'resubmit', (book, request, at) => {
      const index = book.resubmit(request, at);
      for (const recipient of leaders()) outbox.push(queued({ kind: 'approval-request', index, recipient, prepared: this.prepared!, by: request.by, ...(request.note ? { note: request.note } : {}) }, at));
    });
    this.handle(markSentUpUpdate, 'markSentUp', (book, request, at) => book.markSentUp(request, at));
  }

  private handle<A extends ApprovalAction>(update: UpdateDefinition<ApprovalProgress, [ApprovalRequestOf[A]]>, action: A, apply: (book: ApprovalBook, request: ApprovalRequestOf[A], at: Instant) => void): void {
    setHandler(
      update,
      (payload) => {
        // Checked again: two Updates accepted together are applied one after the other.
        const checked = checkApprovalRequest(action, payload, this.book, this.context());
        if (!checked.ok) throw raise(checked.rejection);
        apply(this.book!, checked.request, nowIso());
        return this.book!.progress();
      },
      {
        validator: (payload) => {
          const checked = checkApprovalRequest(action, payload, this.book, this.context());
          if (!checked.ok) throw raise(checked.rejection);
        },
      },
    );
  }

  private context(): ApprovalContext {
    const { cycle } = this;
    return { cycleId: cycle.id, language: cycle.language, timeZone: cycle.timeZone, phase: this.phase(), leaders: cycle.consolidation.leaders.length };
  }

  /** The leaders got the consolidated report (its letter is their request): approval opens. */
  open(prepared: PreparedConsolidation, at: Instant): void {
    this.prepared = prepared;
    this.book = new ApprovalBook(upperLevelsOf(this.cycle), at);
  }

  progress(): ApprovalProgress | undefined {
    return this.book?.progress();
  }

  /** What the approval waits for next, for the status: the reminder, or the expiry. */
  nextEvent(): CycleProgress['nextEvent'] {
    const book = this.book;
    if (!book || book.finished) return undefined;
    const remindAt = book.reminderAt(this.cycle.consolidation.dueAt);
    return remindAt ? { kind: 'approval-reminder', at: remindAt } : { kind: 'approval-expiry', at: new Date(book.expiresAt(this.cycle.consolidation.dueAt)).toISOString() };
  }

  /** The outbox delivered a letter: an upward report counts as sent up. */
  delivered(item: CycleMail): void {
    if (item.kind === 'upward-report') this.book?.sentUp(item.level.key, nowIso());
  }

  /** The outbox gave up on a letter: an upward report must then go by hand. */
  refused(item: CycleMail, error: string): void {
    if (item.kind === 'upward-report') this.book?.sendFailed(item.level.key, nowIso(), error);
  }

  /**
   * Until the report has gone up or the approval expired: reminds the leaders once at the
   * upward due date if they have not decided, and expires after a long wait with no step.
   */
  async settled(): Promise<void> {
    const book = this.book;
    if (!book) return;
    const dueAt = this.cycle.consolidation.dueAt;
    while (!book.finished) {
      const seen = book.version;
      const remindAt = book.reminderAt(dueAt);
      const expiresAt = book.expiresAt(dueAt);
      const next = remindAt !== undefined ? Math.min(Date.parse(remindAt), expiresAt) : expiresAt;
      const ms = next - Date.now();
      if (ms > 0 && (await condition(() => book.version !== seen || book.finished, ms))) continue;
      const at = nowIso();
      if (remindAt !== undefined && Date.parse(remindAt) <= Date.now()) {
        book.reminded(at);
        const requestedAt = book.progress().steps[0]!.at;
        for (const recipient of distinct(this.cycle.consolidation.leaders)) this.outbox.push(queued({ kind: 'approval-reminder', recipient, prepared: this.prepared!, requestedAt }, at));
      } else if (Date.now() >= expiresAt) {
        book.expire(at);
      }
    }
  }
}
