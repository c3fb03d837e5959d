/**
 * The shape of every request about the leaders' approval of a consolidated report (approve,
 * return, resubmit, mark sent up), checked before any rule of the approval's state: types,
 * lengths, no control characters, no unknown fields. The cycle runs it in each Update's
 * validator, so a hostile payload is refused before it reaches history, state or an email.
 */
import { z } from 'zod';
import type { Language } from './cycle';
import { LIMITS, line, problemText, text } from './unit-requests';

export interface ApproveReportInput {
  /** Who approves (a leader's name or id). */
  by: string;
  comment?: string;
}
export interface ReturnReportInput {
  by: string;
  /** What staff must change: required, it is the point of a return. */
  comment: string;
}
export interface ResubmitForApprovalInput {
  by: string;
  note?: string;
}
export interface MarkSentUpInput {
  by: string;
  /** How it went up, e.g. "Gửi bản giấy qua văn thư, số 45-BC/BDVTU". */
  note?: string;
}

export type ApprovalAction = 'approve' | 'return' | 'resubmit' | 'markSentUp';

export interface ApprovalRequestOf {
  approve: ApproveReportInput;
  return: ReturnReportInput;
  resubmit: ResubmitForApprovalInput;
  markSentUp: MarkSentUpInput;
}

const by = line(LIMITS.name);

export const approvalRequestSchemas = {
  approve: z.strictObject({ by, comment: text(LIMITS.text).optional() }),
  return: z.strictObject({ by, comment: text(LIMITS.text) }),
  resubmit: z.strictObject({ by, note: text(LIMITS.text).optional() }),
  markSentUp: z.strictObject({ by, note: text(LIMITS.text).optional() }),
} satisfies Record<ApprovalAction, z.ZodType>;

/**
 * The request, typed, or its first problem in both languages, naming the field and the limit
 * or the fix (the caller puts it in a rejection in the plan's language).
 */
export function parseApprovalRequest<A extends ApprovalAction>(action: A, payload: unknown): { ok: true; request: ApprovalRequestOf[A] } | { ok: false; problem: Record<Language, string> } {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { ok: false, problem: { vi: 'yêu cầu phải là một đối tượng JSON.', en: 'the request must be a JSON object.' } };
  }
  const result = approvalRequestSchemas[action].safeParse(payload, { reportInput: true });
  if (result.success) return { ok: true, request: result.data as ApprovalRequestOf[A] };
  const issue = result.error.issues[0]!;
  const problem = problemText(issue);
  if (problem !== 'missing') return { ok: false, problem };
  const field = issue.path.join('.');
  return { ok: false, problem: { vi: `thiếu "${field}"; hãy cung cấp giá trị này.`, en: `"${field}" is missing; provide it.` } };
}
