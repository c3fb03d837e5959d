/**
 * The console's words for states and phases, in both languages, in the register the Board
 * writes in. One table each, so the matrix, the cycle page and the CSV say the same thing.
 */
import type { Bilingual } from '../html';
import type { CellState } from './matrix';

/** A cell of the matrix: the word (every cell carries one, so grey print reads) and a mark. */
export const cellWords: Record<CellState, Bilingual & { mark: string }> = {
  'on-time': { vi: 'Đúng hạn', en: 'On time', mark: '✓' },
  late: { vi: 'Trễ hạn', en: 'Late', mark: '◔' },
  excused: { vi: 'Miễn nộp', en: 'Excused', mark: '–' },
  returned: { vi: 'Trả lại để bổ sung', en: 'Returned for revision', mark: '↩' },
  pending: { vi: 'Chưa nộp', en: 'Not yet submitted', mark: '○' },
  overdue: { vi: 'Quá hạn, chưa nộp', en: 'Overdue', mark: '✗' },
  'not-required': { vi: 'Không phải nộp', en: 'Not required', mark: '·' },
  cancelled: { vi: 'Kỳ đã hủy', en: 'Cycle cancelled', mark: '⊘' },
};

/** A campaign's phase and its cycles' states. */
export const campaignWords: Record<string, Bilingual> = {
  running: { vi: 'đang chạy', en: 'running' },
  stopped: { vi: 'đã dừng', en: 'stopped' },
  completed: { vi: 'đã mở hết các kỳ', en: 'every cycle opened' },
  scheduled: { vi: 'chưa mở', en: 'scheduled' },
  opened: { vi: 'đã mở', en: 'opened' },
  skipped: { vi: 'bỏ qua (quá hạn chốt)', en: 'skipped (cut-off past)' },
  failed: { vi: 'không mở được', en: 'failed to open' },
};

export const levelWords: Record<string, Bilingual> = {
  grassroots: { vi: 'Cấp cơ sở', en: 'Grassroots level' },
  district: { vi: 'Cấp huyện', en: 'District level' },
  provincial: { vi: 'Cấp tỉnh', en: 'Provincial level' },
  national: { vi: 'Toàn quốc', en: 'National level' },
};

/** The steps of the approval of the consolidated report (domain/approval.ts); its states are in domain/status-words.ts. */
export const approvalStepWords: Record<string, Bilingual> = {
  requested: { vi: 'Trình lãnh đạo phê duyệt', en: 'Sent to the leaders for approval' },
  reminded: { vi: 'Nhắc lãnh đạo phê duyệt', en: 'Leaders reminded' },
  returned: { vi: 'Lãnh đạo trả lại báo cáo tổng hợp', en: 'Consolidated report returned by a leader' },
  resubmitted: { vi: 'Trình lại lãnh đạo', en: 'Resubmitted to the leaders' },
  approved: { vi: 'Lãnh đạo phê duyệt', en: 'Approved' },
  'sent-up': { vi: 'Gửi báo cáo lên cấp trên', en: 'Sent up' },
  'send-failed': { vi: 'Không gửi được lên cấp trên', en: 'Could not be sent up' },
  'marked-sent': { vi: 'Ghi nhận đã gửi lên cấp trên', en: 'Marked as sent up' },
  expired: { vi: 'Hết hạn phê duyệt', en: 'Approval expired' },
};

/** `73%`; `—` when there is nothing to measure. */
export function percent(value: number | undefined): string {
  return value === undefined ? '—' : `${Math.round(value * 100)}%`;
}

/** `1,5` in Vietnamese, `1.5` in English; `—` when undefined. */
export function decimal(value: number | undefined, language: 'vi' | 'en'): string {
  if (value === undefined) return '—';
  const text = (Math.round(value * 10) / 10).toFixed(1);
  return language === 'vi' ? text.replace('.', ',') : text;
}
