/**
 * A cycle's phase and its report's approval, in words: one table each, shared by the CLI
 * (`cycle status`, `cycle list`, `approval`) and the web console, so both say the same thing.
 */
import type { ApprovalState } from './approval';
import type { Language } from './cycle';

type Words = Record<Language, string>;

/** A cycle's phase (see `CyclePhase` in workflows/messages.ts). */
export const phaseWords = {
  loading: { vi: 'đang nạp đơn vị', en: 'loading units' },
  open: { vi: 'đang mở', en: 'open' },
  consolidating: { vi: 'đang tổng hợp', en: 'consolidating' },
  consolidated: { vi: 'đã tổng hợp', en: 'consolidated' },
  cancelled: { vi: 'đã hủy', en: 'cancelled' },
} as const satisfies Record<string, Words>;

export const approvalStateWords: Record<ApprovalState, Words> = {
  awaiting: { vi: 'chờ lãnh đạo phê duyệt', en: "awaiting the leaders' approval" },
  returned: { vi: 'lãnh đạo trả lại, chờ trình lại', en: 'returned by a leader, awaiting resubmission' },
  approved: { vi: 'đã phê duyệt, đang gửi cấp trên', en: 'approved, going to the upper levels' },
  sent: { vi: 'đã gửi cấp trên', en: 'sent to the upper levels' },
  expired: { vi: 'hết hạn chờ phê duyệt', en: 'approval expired' },
};
