/**
 * The digest at one step of the escalation ladder: an internal note from the division that follows
 * the report to one of its leaders, listing every unit still overdue. Never copied to the units.
 */
import type { EmailDataByKind, OverdueUnit } from '../types';
import { paragraph, strong, table, type EmailTemplate } from './content';
import { division, leaderAddressee, lowerFirst, theDivision, units } from './internal';
import { capitalized, deadline, documentNoun, reportName, subjectLine, when } from './phrases';

/**
 * An urgent report's digest counts hours (its ladder runs in hours); any other, working days.
 * A digest requested before `asOf` existed counted calendar days: it says days, not working days.
 */
function lateness(data: EmailDataByKind['escalation'], language: 'vi' | 'en'): { head: string; cell: (u: OverdueUnit) => string } {
  const hours = data.overdue.some((u) => u.hoursOverdue !== undefined);
  const working = data.asOf !== undefined;
  if (language === 'vi') return hours ? { head: 'Số giờ quá hạn', cell: (u) => String(u.hoursOverdue ?? '') } : { head: working ? 'Số ngày làm việc quá hạn' : 'Số ngày quá hạn', cell: (u) => String(u.daysOverdue) };
  return hours ? { head: 'Hours overdue', cell: (u) => String(u.hoursOverdue ?? '') } : { head: working ? 'Working days overdue' : 'Days overdue', cell: (u) => String(u.daysOverdue) };
}

/** How many units are overdue, and how many the table leaves out. */
function overdueCount(data: EmailDataByKind['escalation']): { total: number; more: number } {
  const total = data.overdueCount ?? data.overdue.length;
  return { total, more: total - data.overdue.length };
}

export const escalation: EmailTemplate<'escalation'> = {
  vi: ({ cycle, data, to }) => {
    const { total, more } = overdueCount(data);
    const noun = documentNoun(cycle);
    return {
      subject: subjectLine(cycle, 'escalation', `${total} đơn vị chưa gửi ${noun}, đã quá hạn`),
      addressee: leaderAddressee(to, data.roleLabel, cycle),
      // Internal: its reader is one of the Board's own, who needs no contact line.
      contact: false,
      signedBy: division(cycle),
      blocks: [
        paragraph(
          `${division(cycle)} kính báo cáo đồng chí: hạn gửi ${lowerFirst(reportName(cycle))} là ${deadline(cycle, cycle.dueAt)}; `,
          data.asOf ? `tính đến ${when(cycle, data.asOf)}, còn ` : 'đến nay còn ',
          strong(`${total} đơn vị`),
          ` chưa gửi ${noun}:`,
        ),
        table(
          ['Đơn vị', 'Hạn nộp', lateness(data, 'vi').head],
          data.overdue.map((u) => [u.name, when(cycle, u.dueAt), lateness(data, 'vi').cell(u)]),
        ),
        ...(more > 0
          ? [paragraph(`… và ${more} đơn vị khác. Danh sách đầy đủ ${total} đơn vị ở tệp đính kèm (CSV, mở bằng Excel).`)]
          : data.attachment
            ? [paragraph('Danh sách trên cũng được gửi kèm dưới dạng tệp CSV (mở bằng Excel).')]
            : []),
        paragraph(`Kính đề nghị đồng chí quan tâm, chỉ đạo ${total === 1 ? 'đơn vị' : 'các đơn vị'} trên khẩn trương gửi ${noun} để ${division(cycle)} kịp chốt tổng hợp vào ${when(cycle, cycle.cutoffAt)}.`),
      ],
    };
  },
  en: ({ cycle, data, to }) => {
    const { total, more } = overdueCount(data);
    const noun = documentNoun(cycle);
    return {
      subject: subjectLine(cycle, 'escalation', `${units(total, 'en')} overdue`),
      addressee: leaderAddressee(to, data.roleLabel, cycle),
      contact: false,
      signedBy: division(cycle),
      blocks: [
        paragraph(
          `${capitalized(theDivision(cycle))} reports that the ${reportName(cycle)} was due ${deadline(cycle, cycle.dueAt)}; `,
          data.asOf ? `as of ${when(cycle, data.asOf)}, ` : '',
          strong(units(total, 'en')),
          ` ${total === 1 ? 'has not sent its' : 'have not sent their'} ${noun}:`,
        ),
        table(
          ['Unit', 'Due', lateness(data, 'en').head],
          data.overdue.map((u) => [u.name, when(cycle, u.dueAt), lateness(data, 'en').cell(u)]),
        ),
        ...(more > 0
          ? [paragraph(`… and ${more} more. The full list of ${total} units is attached (CSV, opens in Excel).`)]
          : data.attachment
            ? [paragraph('The list is also attached (CSV, opens in Excel).')]
            : []),
        paragraph(`Please direct ${total === 1 ? 'this unit to send its' : 'these units to send their'} ${noun} without delay, so that ${theDivision(cycle)} can consolidate the reports at ${when(cycle, cycle.cutoffAt)}.`),
      ],
    };
  },
};
