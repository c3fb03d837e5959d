/** Phrases every template uses: the report's name, dates in the cycle's zone, the subject line. */
import type { Instant, Language } from '../../../domain/cycle';
import { formatDateTime, formatDeadline } from '../../../domain/dates';
import type { CycleEmailContext, EmailKind } from '../types';

/** The bracketed tag that opens each subject, and the kind's name in delivery-failure reports. */
export const kindLabels: Record<Language, Record<EmailKind, string>> = {
  vi: {
    notice: 'Thông báo',
    reminder: 'Nhắc nhở',
    overdue: 'Quá hạn',
    escalation: 'Báo cáo lãnh đạo',
    receipt: 'Xác nhận đã nhận',
    extension: 'Gia hạn',
    excuse: 'Miễn nộp',
    returned: 'Trả lại để bổ sung',
    cancellation: 'Hủy kỳ báo cáo',
    consolidation: 'Tổng hợp',
    'delivery-failure': 'Lỗi gửi thư',
    'held-mail': 'Thư gửi chậm',
  },
  en: {
    notice: 'Notice',
    reminder: 'Reminder',
    overdue: 'Overdue',
    escalation: 'Escalation',
    receipt: 'Received',
    extension: 'Extension',
    excuse: 'Excused',
    returned: 'Returned for revision',
    cancellation: 'Cycle cancelled',
    consolidation: 'Consolidated',
    'delivery-failure': 'Delivery failure',
    'held-mail': 'Mail delayed',
  },
};

/** `Báo cáo tình hình nhân dân tháng 1/2020`. */
export function reportName(cycle: CycleEmailContext): string {
  return `${cycle.reportType.title} ${cycle.period.label}`;
}

/** `[Nhắc nhở] Báo cáo tình hình nhân dân tháng 1/2020 — hạn nộp 17:00 ngày 05/02/2020`. */
export function subjectLine(cycle: CycleEmailContext, kind: EmailKind, detail: string): string {
  return `[${kindLabels[cycle.language][kind]}] ${reportName(cycle)} — ${detail}`;
}

/** `17:00 ngày 05/02/2020`, in the cycle's time zone and language. */
export function when(cycle: CycleEmailContext, instant: Instant): string {
  return formatDateTime(instant, cycle.timeZone, cycle.language);
}

/** `17:00 ngày 05/02/2020 (Thứ Tư)`. */
export function deadline(cycle: CycleEmailContext, instant: Instant): string {
  return formatDeadline(instant, cycle.timeZone, cycle.language);
}

/** `Thực hiện Kế hoạch số 129-KH/BDVTU của Ban Dân vận Tỉnh ủy`: the authority the letter rests on. */
export function basis(cycle: CycleEmailContext): string {
  const { name, documentNumber } = cycle.issuer;
  if (cycle.language === 'vi') return documentNumber ? `Thực hiện Kế hoạch số ${documentNumber} của ${name}` : `Thực hiện kế hoạch của ${name}`;
  return documentNumber ? `Under plan No. ${documentNumber} of the ${name}` : `Under the plan of the ${name}`;
}

/** The facts block rows shared by letters about one unit's report. */
export function reportFacts(cycle: CycleEmailContext, dueAt: Instant): [string, string][] {
  return cycle.language === 'vi'
    ? [
        ['Báo cáo', cycle.reportType.title],
        ['Kỳ báo cáo', cycle.period.label],
        ['Hạn nộp', deadline(cycle, dueAt)],
      ]
    : [
        ['Report', cycle.reportType.title],
        ['Period', cycle.period.label],
        ['Due', deadline(cycle, dueAt)],
      ];
}

/** Names joined for the "Kính gửi:" line. */
export function names(recipients: { name: string }[]): string {
  return recipients.map((r) => r.name).join('; ');
}
