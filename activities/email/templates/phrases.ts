/**
 * Phrases every template uses, each decided in one place: the report's name and noun, the
 * basis line, dates in the letters' one style (`17 giờ 00 ngày 17/3/2020`), the data window,
 * subjects, the unit's link and how a report is sent.
 */
import type { Instant, Language } from '../../../domain/cycle';
import { formatCivilDate, formatLetterDateTime, formatLetterDeadline } from '../../../domain/dates';
import { travelsOnPaper } from '../../../domain/document-facts';
import type { SubmittedDocument } from '../../documents/types';
import type { CycleEmailContext, EmailKind, UnitRef } from '../types';
import { action, heading, paragraph, strong, type Block, type EmailLinks } from './content';

/** Each kind's name: the bracketed tag of the internal letters' subjects, and the failed kind in delivery-failure reports. */
export const kindLabels: Record<Language, Record<EmailKind, string>> = {
  vi: {
    notice: 'Đề nghị gửi báo cáo',
    reminder: 'Nhắc, đôn đốc gửi báo cáo',
    overdue: 'Đôn đốc gửi báo cáo',
    escalation: 'Báo cáo lãnh đạo',
    receipt: 'Xác nhận đã nhận báo cáo',
    extension: 'Gia hạn gửi báo cáo',
    excuse: 'Miễn gửi báo cáo',
    returned: 'Đề nghị bổ sung báo cáo',
    cancellation: 'Hủy yêu cầu gửi báo cáo',
    consolidation: 'Tổng hợp',
    'delivery-failure': 'Lỗi gửi thư',
    'held-mail': 'Thư gửi chậm',
    'approval-request': 'Trình duyệt',
    'approval-reminder': 'Nhắc duyệt báo cáo',
    'approval-returned': 'Trả lại báo cáo tổng hợp',
    'upward-report': 'Báo cáo',
  },
  en: {
    notice: 'Request for the report',
    reminder: 'Reminder',
    overdue: 'Follow-up on an overdue report',
    escalation: 'Escalation',
    receipt: 'Receipt',
    extension: 'Extension',
    excuse: 'Excused',
    returned: 'Returned for revision',
    cancellation: 'Request withdrawn',
    consolidation: 'Consolidated',
    'delivery-failure': 'Delivery failure',
    'held-mail': 'Mail delayed',
    'approval-request': 'For approval',
    'approval-reminder': 'Approval reminder',
    'approval-returned': 'Consolidated report returned',
    'upward-report': 'Report',
  },
};

/** `Báo cáo tình hình nhân dân đối với Đại hội đảng các cấp tháng 3/2020`: the report's name, its title and period in words, once. */
export function reportName(cycle: CycleEmailContext): string {
  const { title } = cycle.reportType;
  const label = periodLabel(cycle);
  // A title that already names its period is not given it twice.
  if (!label || title.toLocaleLowerCase('vi').includes(label.toLocaleLowerCase('vi'))) return title;
  // "Báo cáo … tháng 3/2020"; in English the period stands apart: "Report on …, March 2020".
  return cycle.language === 'vi' ? `${title} ${label}` : `${title}, ${label}`;
}

/**
 * The period in words. An ad-hoc cycle started without a label is labelled by its id, a date
 * (`2020-05-12`) or a month (`2020-05`): a letter writes it as a date, `ngày 12/5/2020`.
 */
function periodLabel(cycle: CycleEmailContext): string {
  const { label } = cycle.period;
  const vi = cycle.language === 'vi';
  if (/^\d{4}-\d{2}-\d{2}$/.test(label)) return vi ? `ngày ${civilDate(cycle, label)}` : civilDate(cycle, label);
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (month) return vi ? `tháng ${Number(month[2])}/${month[1]}` : formatCivilDate(`${label}-01`, 'en').replace(/^1 /, '');
  return label;
}

/**
 * What units send, as a common noun: `báo cáo`, or `kế hoạch` for a report type whose document
 * is a plan (item III.1). The one place the letters decide it ("hạn gửi kế hoạch").
 */
export function documentNoun(cycle: CycleEmailContext): string {
  const plan = cycle.reportType.document === 'plan';
  return cycle.language === 'vi' ? (plan ? 'kế hoạch' : 'báo cáo') : plan ? 'plan' : 'report';
}

/** The noun at the start of a sentence or a document's line: `Báo cáo`, `Kế hoạch`. */
export function capitalized(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

/** Whom a letter to a unit addresses: its leading body when the plan names it ("Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh"). */
export function addresseeOf(unit: UnitRef): string {
  return unit.addressee ?? unit.name;
}

/** `[Khẩn] ` before the subject of an urgent report's letters (the urgency mark of Party documents), else nothing. */
function urgentMark(cycle: CycleEmailContext): string {
  if (!cycle.reportType.urgent) return '';
  return cycle.language === 'vi' ? '[Khẩn] ' : '[Urgent] ';
}

/** `[Bracketed kind] report name — detail`: the subject of the Board's internal letters. */
export function subjectLine(cycle: CycleEmailContext, kind: EmailKind, detail: string): string {
  return `${urgentMark(cycle)}[${kindLabels[cycle.language][kind]}] ${reportName(cycle)} — ${detail}`;
}

/**
 * `Đề nghị gửi Báo cáo … tháng 3/2020 — hạn 17 giờ 00 ngày 17/3/2020`: what the letter does, then
 * the report, as a unit's letter subject. `urgent: false` for a letter that asks nothing of the
 * unit (a receipt, an excuse, a cancellation): "Khẩn" marks what must be acted on at once.
 */
export function letterSubject(cycle: CycleEmailContext, lead: string, detail?: string, options: { urgent?: boolean } = {}): string {
  return `${options.urgent === false ? '' : urgentMark(cycle)}${lead} ${reportName(cycle)}${detail ? ` — ${detail}` : ''}`;
}

/** `17 giờ 00 ngày 17/3/2020`, in the cycle's time zone and language: the one style of every moment in a letter. */
export function when(cycle: CycleEmailContext, instant: Instant): string {
  return formatLetterDateTime(instant, cycle.timeZone, cycle.language);
}

/** `17 giờ 00 ngày 17/3/2020 (thứ Ba)`: a due moment, where the weekday helps plan the work. */
export function deadline(cycle: CycleEmailContext, instant: Instant): string {
  return formatLetterDeadline(instant, cycle.timeZone, cycle.language);
}

/** `12/11/2019`: a calendar date (`YYYY-MM-DD`) in the letters' style. */
export function civilDate(cycle: CycleEmailContext, date: string): string {
  return formatCivilDate(date, cycle.language);
}

/**
 * `Kế hoạch số 129-KH/BDVTU, ngày 12/11/2019 của Ban Dân vận Tỉnh ủy Bình Thuận`: the plan the
 * letters rest on, with what the cycle knows of it (cycles started before the plan's date was
 * carried have only its number).
 */
export function planReference(cycle: CycleEmailContext): string {
  const { name, documentNumber, date } = cycle.issuer;
  if (cycle.language === 'vi') {
    const number = documentNumber ? `Kế hoạch số ${documentNumber}` : 'Kế hoạch';
    return `${number}${date ? `, ngày ${civilDate(cycle, date)}` : ''} của ${name}`;
  }
  const number = documentNumber ? `Plan No. ${documentNumber}` : 'the plan';
  return `${number}${date ? ` of ${civilDate(cycle, date)}` : ''} of the ${name}`;
}

/** `Thực hiện Kế hoạch số 129-KH/BDVTU, ngày 12/11/2019 của Ban Dân vận Tỉnh ủy Bình Thuận về …`: the basis line that opens a letter. */
export function basis(cycle: CycleEmailContext): string {
  const { about } = cycle.issuer;
  return cycle.language === 'vi' ? `Thực hiện ${planReference(cycle)}${about ? ` về ${about}` : ''}` : `Under ${planReference(cycle)}${about ? ` on ${about}` : ''}`;
}

/**
 * `Theo Kế hoạch số …, hạn gửi <report> là <due>.`: the due moment a reminder recalls; one the
 * unit was granted (later than the cycle's) is said to be an extension, not the plan's.
 */
export function dueRecalled(cycle: CycleEmailContext, dueAt: Instant, passed: boolean): Block {
  const vi = cycle.language === 'vi';
  if (Date.parse(dueAt) !== Date.parse(cycle.dueAt)) {
    return vi
      ? paragraph('Hạn gửi ', strong(reportName(cycle)), ' đã được gia hạn đến ', strong(deadline(cycle, dueAt)), '.')
      : paragraph('The due date of the ', strong(reportName(cycle)), ' was extended to ', strong(deadline(cycle, dueAt)), '.');
  }
  return vi
    ? paragraph(`Theo ${planReference(cycle)}, hạn gửi `, strong(reportName(cycle)), ' là ', strong(deadline(cycle, dueAt)), '.')
    : paragraph(`Under ${planReference(cycle)}, the `, strong(reportName(cycle)), passed ? ' was due by ' : ' is due by ', strong(deadline(cycle, dueAt)), '.');
}

/** `số liệu tính từ ngày 15/2/2020 đến ngày 14/3/2020`, when the period has a data window. */
export function dataWindow(cycle: CycleEmailContext): string | undefined {
  const window = cycle.period.dataWindow;
  if (!window) return undefined;
  const [from, to] = [civilDate(cycle, window.from), civilDate(cycle, window.to)];
  return cycle.language === 'vi' ? `số liệu tính từ ngày ${from} đến ngày ${to}` : `figures from ${from} to ${to}`;
}

/** The period's data window and focus as sentences, for the letters that ask for the report. */
export function periodScope(cycle: CycleEmailContext): Block[] {
  const window = dataWindow(cycle);
  const { focus } = cycle.period;
  const sentences =
    cycle.language === 'vi'
      ? [window && `${capitalized(window)}.`, focus && `Nội dung trọng tâm kỳ này: ${focus}.`]
      : [window && `The ${documentNoun(cycle)} covers ${window}.`, focus && `This period's focus: ${focus}.`];
  const text = sentences.filter(Boolean).join(' ');
  return text ? [paragraph(text)] : [];
}

/** Names joined for the "Kính gửi:" line. */
export function names(recipients: { name: string }[]): string {
  return recipients.map((r) => r.name).join('; ');
}

/**
 * `Báo cáo số 45-BC/MTTQ-BTT ngày 16/3/2020`: a unit's document as the Board logs it, by its
 * number and date; undefined when it has neither.
 */
export function documentTitle(cycle: CycleEmailContext, document: SubmittedDocument): string | undefined {
  const { number, date } = document;
  if (!number && !date) return undefined;
  const noun = capitalized(documentNoun(cycle));
  if (cycle.language === 'vi') return `${noun}${number ? ` số ${number}` : ''}${date ? ` ngày ${civilDate(cycle, date)}` : ''}`;
  return `${noun}${number ? ` No. ${number}` : ''}${date ? ` of ${civilDate(cycle, date)}` : ''}`;
}

/**
 * What requests recorded before a document's facts existed carried: shown only when it is not a
 * stored file's path or address (`file:///…`, `kyhan-store:…`, `/var/…`, `C:\…`), which means
 * nothing to a reader.
 */
export function legacyDocumentRef(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  const path = ref.includes('://') || ref.startsWith('kyhan-store:') || /^[/\\~]/.test(ref) || /^[A-Za-z]:[\\/]/.test(ref);
  return path ? undefined : ref;
}

/** Where a unit's report goes: the contact's division of the issuer (`Phòng Đoàn thể và các hội, Ban Dân vận Tỉnh ủy Bình Thuận`), or the issuer. */
export function recipientOffice(cycle: CycleEmailContext): string {
  const { contact, issuer } = cycle;
  if (!contact) return issuer.name;
  // A division already named with its issuer is left as written.
  return contact.division.includes(issuer.name) ? contact.division : `${contact.division}, ${issuer.name}`;
}

/** A report that travels on paper (it may be classified): no upload, no attachment by email. */
export function onPaper(cycle: CycleEmailContext): boolean {
  return travelsOnPaper(cycle);
}

/** What the unit's link is for, in each letter that carries it. */
type UnitLinkPurpose = 'submit' | 'resubmit' | 'view';
const unitLinkLabels: Record<Language, Record<UnitLinkPurpose, (noun: string) => string>> = {
  vi: { submit: (noun) => `Gửi ${noun} trực tuyến`, resubmit: (noun) => `Gửi lại ${noun} đã bổ sung`, view: (noun) => `Xem tình trạng ${noun} của đơn vị` },
  en: { submit: (noun) => `Submit the ${noun} online`, resubmit: (noun) => `Submit the revised ${noun}`, view: (noun) => `See your unit's ${noun}` },
};

/**
 * The unit's own report page, when the letter has one: a button and its address. A paper
 * report is not uploaded: its letters link to the page only to see its state.
 */
export function unitLink(cycle: CycleEmailContext, links: EmailLinks, purpose: UnitLinkPurpose): Block[] {
  if (!links.unitPage) return [];
  const shown = onPaper(cycle) ? 'view' : purpose;
  const note = cycle.language === 'vi' ? 'Đường dẫn dành riêng cho đơn vị, đề nghị không chuyển cho đơn vị khác:' : 'This link is for your unit only; please do not forward it:';
  return [action(unitLinkLabels[cycle.language][shown](documentNoun(cycle)), links.unitPage, note)];
}

/**
 * How the unit sends its report: the heading, the link and the plan's instructions; for a
 * report on paper, that it goes through the clerical channel or the Party network, never by
 * email or the link (the plan's instructions, written for email, are left out).
 */
export function howToSend(cycle: CycleEmailContext, links: EmailLinks, purpose: 'submit' | 'resubmit'): Block[] {
  const noun = documentNoun(cycle);
  const vi = cycle.language === 'vi';
  const title = heading(vi ? `Cách gửi ${noun}` : `How to send the ${noun}`);
  if (onPaper(cycle)) {
    const way = paperWay(cycle);
    return [title, paragraph(way.route, strong(way.never), way.confirm), ...unitLink(cycle, links, 'view')];
  }
  return [title, ...unitLink(cycle, links, purpose), paragraph(cycle.submissionInstructions)];
}

/** How a report on paper travels, in words: said by its letters and by the notice's calendar file alike. */
function paperWay(cycle: CycleEmailContext): { route: string; never: string; confirm: string } {
  const noun = documentNoun(cycle);
  return cycle.language === 'vi'
    ? {
        route: `${capitalized(noun)} này gửi bằng văn bản giấy theo đường văn thư hoặc qua mạng thông tin diện rộng của Đảng về ${recipientOffice(cycle)}; `,
        never: 'không gửi qua thư điện tử hoặc trực tuyến',
        confirm: `. ${cycle.issuer.name} sẽ gửi thư xác nhận khi nhận được ${noun}.`,
      }
    : {
        route: `This ${noun} is sent on paper through the clerical office or over the Party's wide-area network to the ${recipientOffice(cycle)}; `,
        never: 'do not send it by email or online',
        confirm: `. The ${cycle.issuer.name} will confirm its arrival by email.`,
      };
}

/**
 * How the unit sends its report, as one line (the notice's calendar file): the plan's
 * instructions, or for a report on paper what its letters say instead (the plan's
 * instructions may be written for email).
 */
export function sendingInstructions(cycle: CycleEmailContext): string {
  if (!onPaper(cycle)) return cycle.submissionInstructions;
  const way = paperWay(cycle);
  return `${way.route}${way.never}${way.confirm}`;
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
