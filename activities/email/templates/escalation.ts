/** The leaders' digest at one step of the escalation ladder: every unit still overdue. */
import { facts, paragraph, strong, table, type EmailTemplate } from './content';
import { names, reportFacts, reportName, subjectLine, when } from './phrases';

/** How many units are overdue, and a sentence about the ones the table leaves out. */
function overdueCount(data: { overdue: unknown[]; overdueCount?: number }): { total: number; more: number } {
  const total = data.overdueCount ?? data.overdue.length;
  return { total, more: total - data.overdue.length };
}

export const escalation: EmailTemplate<'escalation'> = {
  vi: ({ cycle, data, to, cc }) => ({
    subject: subjectLine(cycle, 'escalation', `${overdueCount(data).total} đơn vị quá hạn chưa nộp`),
    addressee: `${names(to)} (${data.roleLabel})`,
    blocks: [
      paragraph(`Hạn nộp ${reportName(cycle)} đã qua. Tính đến thời điểm gửi thư này, còn `, strong(`${overdueCount(data).total} đơn vị`), ' chưa gửi báo cáo:'),
      table(
        ['Đơn vị', 'Hạn nộp', 'Số ngày quá hạn'],
        data.overdue.map((u) => [u.name, when(cycle, u.dueAt), String(u.daysOverdue)]),
      ),
      ...(overdueCount(data).more > 0 ? [paragraph(`… và ${overdueCount(data).more} đơn vị khác. Danh sách đầy đủ ở tệp đính kèm (CSV, mở bằng Excel).`)] : data.attachment ? [paragraph('Danh sách cũng ở tệp đính kèm (CSV, mở bằng Excel).')] : []),
      facts(...reportFacts(cycle, cycle.dueAt)),
      ...(cc?.length ? [paragraph('Thư này được đồng gửi các đơn vị nêu trên.')] : []),
      paragraph('Kính đề nghị đồng chí chỉ đạo, đôn đốc các đơn vị khẩn trương hoàn thành báo cáo.'),
    ],
  }),
  en: ({ cycle, data, to, cc }) => ({
    subject: subjectLine(cycle, 'escalation', `${overdueCount(data).total} unit(s) overdue`),
    addressee: `${names(to)} (${data.roleLabel})`,
    blocks: [
      paragraph(`The ${reportName(cycle)} is past due. At the time of this message, `, strong(`${overdueCount(data).total} unit(s)`), ' have not reported:'),
      table(
        ['Unit', 'Due', 'Days overdue'],
        data.overdue.map((u) => [u.name, when(cycle, u.dueAt), String(u.daysOverdue)]),
      ),
      ...(overdueCount(data).more > 0 ? [paragraph(`… and ${overdueCount(data).more} more. The full list is attached (CSV).`)] : data.attachment ? [paragraph('The list is also attached (CSV).')] : []),
      facts(...reportFacts(cycle, cycle.dueAt)),
      ...(cc?.length ? [paragraph('The units listed are copied on this message.')] : []),
      paragraph('Please direct the units to complete their reports without delay.'),
    ],
  }),
};
