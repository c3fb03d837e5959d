/** Phrases every template uses: the report's name, dates in the cycle's zone, the subject line. */
import type { Instant, Language } from '../../../domain/cycle';
import { formatDateTime, formatDeadline } from '../../../domain/dates';
import type { CycleEmailContext, EmailKind } from '../types';
import { action, type Block, type EmailLinks } from './content';

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
    'approval-request': 'Trình duyệt',
    'approval-reminder': 'Nhắc duyệt báo cáo',
    'approval-returned': 'Trả lại báo cáo tổng hợp',
    'upward-report': 'Báo cáo',
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
    'approval-request': 'For approval',
    'approval-reminder': 'Approval reminder',
    'approval-returned': 'Consolidated report returned',
    'upward-report': 'Report',
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

/** What the unit's link is for, in each letter that carries it. */
type UnitLinkPurpose = 'submit' | 'resubmit' | 'view';
const unitLinkLabels: Record<Language, Record<UnitLinkPurpose, string>> = {
  vi: { submit: 'Gửi báo cáo trực tuyến', resubmit: 'Gửi lại báo cáo đã bổ sung', view: 'Xem tình trạng báo cáo của đơn vị' },
  en: { submit: 'Submit the report online', resubmit: 'Submit the revised report', view: "See your unit's report" },
};

/** The unit's own report page, when the letter has one: a button and its address, valid until the cut-off. */
export function unitLink(cycle: CycleEmailContext, links: EmailLinks, purpose: UnitLinkPurpose): Block[] {
  if (!links.unitPage) return [];
  const note =
    cycle.language === 'vi'
      ? `Đường dẫn dành riêng cho đơn vị, không chuyển cho đơn vị khác; dùng được đến ${when(cycle, cycle.cutoffAt)}:`
      : `This link is for your unit only; do not forward it. It works until ${when(cycle, cycle.cutoffAt)}:`;
  return [action(unitLinkLabels[cycle.language][purpose], links.unitPage, note)];
}

/** What the cycle's page link is for, in each letter that carries it. */
type CyclePagePurpose = 'approve' | 'resubmit';
const cyclePageLabels: Record<Language, Record<CyclePagePurpose, { label: string; note: string }>> = {
  vi: {
    approve: { label: 'Xem và phê duyệt báo cáo', note: 'Đồng chí phê duyệt, hoặc trả lại kèm ý kiến, trên trang kỳ báo cáo (đăng nhập bằng địa chỉ thư điện tử của đồng chí):' },
    resubmit: { label: 'Mở trang kỳ báo cáo', note: 'Trình lại báo cáo trên trang kỳ báo cáo (đăng nhập bằng địa chỉ thư điện tử của đồng chí):' },
  },
  en: {
    approve: { label: 'Review and approve the report', note: 'Approve it, or return it with your comments, on the cycle page (sign in with your email address):' },
    resubmit: { label: 'Open the cycle page', note: 'Resubmit the report on the cycle page (sign in with your email address):' },
  },
};

/** The cycle's page in the console, when the letter has one: a button and its address. */
export function cyclePageLink(cycle: CycleEmailContext, links: EmailLinks, purpose: CyclePagePurpose): Block[] {
  if (!links.cyclePage) return [];
  const { label, note } = cyclePageLabels[cycle.language][purpose];
  return [action(label, links.cyclePage, note)];
}

/** `3/4`: units that reported, of those expected to (all but the excused). */
export function reportedOf(counts: { submitted: number; late: number; excused: number; total: number }): string {
  return `${counts.submitted + counts.late}/${counts.total - counts.excused}`;
}
