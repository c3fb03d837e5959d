/**
 * The one place the rule for the leaders' approval of a consolidated report lives: what
 * approve, return, resubmit and mark-sent-up require and change, when the leaders are
 * reminded, when the approval expires, and when the report has gone up. The cycle workflow
 * (its Update validators and handlers, its status query) and the client (for a cycle that has
 * already ended) both ask this module.
 *
 * Pure and clock-free (instants are parameters), no Temporal import: it runs in the workflow
 * sandbox and in plain unit tests alike.
 */
import type { Instant, Language, UpperLevel } from './cycle';
import { formatDateTime } from './dates';
import { FailureType } from './failures';
import { parseApprovalRequest, type ApprovalAction, type ApprovalRequestOf } from './approval-requests';

export type { ApprovalAction, ApprovalRequestOf } from './approval-requests';

/**
 * `awaiting`: the leaders have the report and have not decided; `returned`: a leader sent it
 * back, staff are to resubmit; `approved`: it is going up; `sent`: every upper level has it
 * (mailed, or marked sent by staff); `expired`: nobody acted for `APPROVAL_IDLE_LIMIT_MS`.
 */
export type ApprovalState = 'awaiting' | 'returned' | 'approved' | 'sent' | 'expired';

export type ApprovalStepKind = 'requested' | 'reminded' | 'returned' | 'resubmitted' | 'approved' | 'sent-up' | 'send-failed' | 'marked-sent' | 'expired';

/** One step of the approval, as the status shows it: what, when, who, and what they wrote. */
export interface ApprovalStep {
  kind: ApprovalStepKind;
  at: Instant;
  by?: string;
  /** The leader's comment, staff's note, or (`send-failed`) the mail server's answer. */
  comment?: string;
  /** `sent-up`, `send-failed`: which upper level. */
  upperLevel?: string;
}

export interface ApprovalProgress {
  state: ApprovalState;
  steps: ApprovalStep[];
}

/**
 * A cycle waits this long with nothing happening (counted from its last step, and not before
 * the upward due date) before it ends with the approval recorded as expired. A workflow that
 * waits for ever for a decision nobody will take stays open in every list for good; a month
 * is longer than any board leaves a report unread, and staff can still send it by hand.
 */
export const APPROVAL_IDLE_LIMIT_MS = 30 * 24 * 60 * 60 * 1000;

/** An upper level with the key its Message-ID uses (see `upperLevelsOf`). */
export type KeyedUpperLevel = UpperLevel & { key: string };

export interface ApprovalRejection {
  type: FailureType;
  message: string;
  cycleId: string;
}

/** What a refusal needs to know about the cycle besides its approval. */
export interface ApprovalContext {
  cycleId: string;
  language: Language;
  timeZone: string;
  /** The cycle's phase (`open`, `consolidated`, `cancelled`…). */
  phase: string;
  /** How many leaders the cycle has: none, no approval. */
  leaders: number;
}

const actionText: Record<ApprovalAction, Record<Language, string>> = {
  approve: { vi: 'phê duyệt báo cáo tổng hợp', en: 'approve the consolidated report' },
  return: { vi: 'trả lại báo cáo tổng hợp', en: 'return the consolidated report' },
  resubmit: { vi: 'trình lại báo cáo tổng hợp', en: 'resubmit the consolidated report' },
  markSentUp: { vi: 'ghi nhận đã gửi báo cáo lên cấp trên', en: 'mark the report as sent up' },
};

function reject(ctx: ApprovalContext, action: ApprovalAction, type: FailureType, reason: Record<Language, string>): ApprovalRejection {
  const message =
    ctx.language === 'vi'
      ? `Không thể ${actionText[action].vi} của kỳ "${ctx.cycleId}": ${reason.vi}`
      : `Cannot ${actionText[action].en} of cycle "${ctx.cycleId}": ${reason.en}`;
  return { type, message, cycleId: ctx.cycleId };
}

const lastOf = (progress: ApprovalProgress, kind: ApprovalStepKind) => [...progress.steps].reverse().find((s) => s.kind === kind);

/** `lúc 17:00 ngày 21/04/2020 bởi Nguyễn Văn A`: when a step was taken and, if it says, by whom. */
function whoAt(ctx: ApprovalContext, step: ApprovalStep | undefined): Record<Language, string> {
  if (!step) return { vi: '', en: '' };
  const at = formatDateTime(step.at, ctx.timeZone, ctx.language);
  return step.by ? { vi: `lúc ${at} bởi ${step.by}`, en: `at ${at} by ${step.by}` } : { vi: `lúc ${at}`, en: `at ${at}` };
}

/**
 * Why `action` is refused now, or undefined when it is allowed. `approval` is undefined until
 * the cycle is consolidated (and for cycles without leaders); `handPending` counts the upper
 * levels that staff must still send to by hand (no address, or their mail was refused).
 */
export function approvalRefusal(action: ApprovalAction, approval: ApprovalProgress | undefined, ctx: ApprovalContext, handPending: number): ApprovalRejection | undefined {
  const state = (reason: Record<Language, string>) => reject(ctx, action, FailureType.InvalidApprovalState, reason);
  if (ctx.phase === 'cancelled') return reject(ctx, action, FailureType.CycleClosed, { vi: 'kỳ báo cáo đã bị hủy.', en: 'the cycle was cancelled.' });
  if (!approval) {
    if (ctx.leaders === 0) return state({ vi: 'kế hoạch không giao lãnh đạo nào duyệt báo cáo của kỳ này.', en: "the plan names no leaders to approve this cycle's report." });
    if (ctx.phase === 'consolidated') return state({ vi: 'kỳ báo cáo này không chờ lãnh đạo phê duyệt (mở trước khi có chức năng phê duyệt).', en: "this cycle does not await the leaders' approval (it was started before approval existed)." });
    return state({ vi: 'kỳ báo cáo chưa tổng hợp; chỉ duyệt được sau khi tổng hợp.', en: 'the cycle is not consolidated yet; approval comes after the consolidation.' });
  }
  if (approval.state === 'expired') {
    const at = formatDateTime(lastOf(approval, 'expired')?.at ?? '', ctx.timeZone, ctx.language);
    return state({ vi: `việc phê duyệt đã hết hạn lúc ${at} do không có ai xử lý; kỳ báo cáo đã kết thúc.`, en: `the approval expired at ${at} with nobody acting on it; the cycle has ended.` });
  }
  const approved = whoAt(ctx, lastOf(approval, 'approved'));
  const returned = whoAt(ctx, lastOf(approval, 'returned'));
  const alreadyApproved = state({ vi: `báo cáo đã được phê duyệt ${approved.vi}.`, en: `the report was already approved ${approved.en}.` });
  const awaitingStaff = state({ vi: `báo cáo đã được trả lại ${returned.vi} và đang chờ bộ phận tổng hợp trình lại.`, en: `the report was returned ${returned.en} and awaits the staff's resubmission.` });
  switch (action) {
    case 'approve':
    case 'return':
      if (approval.state === 'returned') return awaitingStaff;
      if (approval.state === 'approved' || approval.state === 'sent') return alreadyApproved;
      return undefined;
    case 'resubmit':
      if (approval.state === 'awaiting') return state({ vi: 'báo cáo đang chờ lãnh đạo duyệt; chưa bị trả lại nên không cần trình lại.', en: "the report awaits the leaders' decision; it was not returned, so there is nothing to resubmit." });
      if (approval.state === 'approved' || approval.state === 'sent') return alreadyApproved;
      return undefined;
    case 'markSentUp': {
      if (approval.state === 'awaiting' || approval.state === 'returned') {
        return state({ vi: 'báo cáo chưa được lãnh đạo phê duyệt; chỉ ghi nhận gửi lên cấp trên sau khi phê duyệt.', en: 'the leaders have not approved the report; it can be marked sent up only after approval.' });
      }
      if (handPending > 0) return undefined;
      const marked = lastOf(approval, 'marked-sent');
      if (marked) {
        const who = whoAt(ctx, marked);
        return state({ vi: `đã ghi nhận gửi lên cấp trên ${who.vi}.`, en: `it was already marked sent up ${who.en}.` });
      }
      return state({ vi: 'mọi cấp trên đều nhận báo cáo qua thư điện tử; không có nơi nào phải gửi tay.', en: 'every upper level receives the report by email; none needs sending by hand.' });
    }
  }
}

/** Why `action` is refused by a cycle that has ended: its final approval says, or simply that it ended. */
export function endedCycleRefusal(action: ApprovalAction, approval: ApprovalProgress | undefined, ctx: ApprovalContext): ApprovalRejection {
  return (
    approvalRefusal(action, approval, ctx, 0) ??
    reject(ctx, action, FailureType.CycleClosed, { vi: 'kỳ báo cáo đã kết thúc.', en: 'the cycle has ended.' })
  );
}

/**
 * The request's shape first (a hostile payload is refused whatever the state), then the rule:
 * the rejection, or the typed request. `book` is undefined until the cycle is consolidated.
 */
export function checkApprovalRequest<A extends ApprovalAction>(
  action: A,
  payload: unknown,
  book: ApprovalBook | undefined,
  ctx: ApprovalContext,
): { ok: true; request: ApprovalRequestOf[A] } | { ok: false; rejection: ApprovalRejection } {
  const parsed = parseApprovalRequest(action, payload);
  if (!parsed.ok) return { ok: false, rejection: reject(ctx, action, FailureType.InvalidRequest, parsed.problem) };
  const refused = approvalRefusal(action, book?.progress(), ctx, book?.handPending ?? 0);
  return refused ? { ok: false, rejection: refused } : parsed;
}

/** The approval of one cycle's consolidated report, from the request to the report going up. */
export class ApprovalBook {
  private state: ApprovalState = 'awaiting';
  private readonly steps: ApprovalStep[] = [];
  private readonly delivered = new Set<string>();
  private readonly failed = new Set<string>();

  /** The leaders got the consolidated report (with its approval link) at `at`. */
  constructor(
    private readonly levels: KeyedUpperLevel[],
    at: Instant,
  ) {
    this.steps.push({ kind: 'requested', at });
  }

  progress(): ApprovalProgress {
    return { state: this.state, steps: this.steps.map((s) => ({ ...s })) };
  }

  /** Sent up or expired: nothing more will happen. */
  get finished(): boolean {
    return this.state === 'sent' || this.state === 'expired' || (this.state === 'approved' && this.levels.length === 0);
  }

  /** Upper levels that staff must still send to by hand: no address, or their mail was refused. */
  get handPending(): number {
    return this.levels.filter((l) => !this.delivered.has(l.key) && (!l.email || this.failed.has(l.key))).length;
  }

  /** A change so far: the cycle waits for the next one. */
  get version(): number {
    return this.steps.length;
  }

  /** Approved: the upper levels to mail the report to (those with an address). */
  approve(request: ApprovalRequestOf['approve'], at: Instant): KeyedUpperLevel[] {
    this.state = 'approved';
    this.steps.push({ kind: 'approved', at, by: request.by, ...(request.comment ? { comment: request.comment } : {}) });
    this.settle();
    return this.levels.filter((l) => l.email);
  }

  /** A leader returned it to staff; returns how many times so far (1 for the first), which tells staff's letters apart. */
  returnToStaff(request: ApprovalRequestOf['return'], at: Instant): number {
    this.state = 'returned';
    this.steps.push({ kind: 'returned', at, by: request.by, comment: request.comment });
    return this.steps.filter((s) => s.kind === 'returned').length;
  }

  /** Staff resubmitted; returns how many times so far (1 for the first), which tells the leaders' letters apart. */
  resubmit(request: ApprovalRequestOf['resubmit'], at: Instant): number {
    this.state = 'awaiting';
    this.steps.push({ kind: 'resubmitted', at, by: request.by, ...(request.note ? { comment: request.note } : {}) });
    return this.steps.filter((s) => s.kind === 'resubmitted').length;
  }

  /** Staff sent the report by hand to every level still waiting for it. */
  markSentUp(request: ApprovalRequestOf['markSentUp'], at: Instant): void {
    for (const l of this.levels) if (!this.delivered.has(l.key) && (!l.email || this.failed.has(l.key))) this.delivered.add(l.key);
    this.steps.push({ kind: 'marked-sent', at, by: request.by, ...(request.note ? { comment: request.note } : {}) });
    this.settle();
  }

  /** The mail server took the report for this level. */
  sentUp(key: string, at: Instant): void {
    const level = this.levels.find((l) => l.key === key);
    if (!level || this.delivered.has(key)) return;
    this.delivered.add(key);
    this.steps.push({ kind: 'sent-up', at, upperLevel: level.name });
    this.settle();
  }

  /** The report could not be mailed to this level for good: staff send it by hand. */
  sendFailed(key: string, at: Instant, error: string): void {
    const level = this.levels.find((l) => l.key === key);
    if (!level || this.delivered.has(key)) return;
    this.failed.add(key);
    this.steps.push({ kind: 'send-failed', at, upperLevel: level.name, comment: error.slice(0, 500) });
  }

  /**
   * When to remind the leaders: at the upward due date, once, if they have not decided by then
   * (and the date was still ahead when they got the report).
   */
  reminderAt(dueAt: Instant | undefined): Instant | undefined {
    if (!dueAt || this.state !== 'awaiting' || this.steps.some((s) => s.kind === 'reminded')) return undefined;
    return Date.parse(dueAt) > Date.parse(this.steps[0]!.at) ? dueAt : undefined;
  }

  reminded(at: Instant): void {
    this.steps.push({ kind: 'reminded', at });
  }

  /** When the approval expires if nothing more happens: `APPROVAL_IDLE_LIMIT_MS` after the last step, not before the due date. */
  expiresAt(dueAt: Instant | undefined): number {
    const last = Date.parse(this.steps[this.steps.length - 1]!.at);
    return Math.max(last, dueAt ? Date.parse(dueAt) : last) + APPROVAL_IDLE_LIMIT_MS;
  }

  expire(at: Instant): void {
    this.state = 'expired';
    this.steps.push({ kind: 'expired', at });
  }

  /** Approved and every upper level has the report: sent. */
  private settle(): void {
    if (this.state === 'approved' && this.levels.length > 0 && this.levels.every((l) => this.delivered.has(l.key))) this.state = 'sent';
  }
}
