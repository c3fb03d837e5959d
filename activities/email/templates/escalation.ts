/** The leaders' digest at one step of the escalation ladder: every unit still overdue. */
import { facts, paragraph, strong, table, type EmailTemplate } from './content';
import { names, reportFacts, reportName, subjectLine, when } from './phrases';

export const escalation: EmailTemplate<'escalation'> = {
  vi: ({ cycle, data, to, cc }) => ({
    subject: subjectLine(cycle, 'escalation', `${data.overdue.length} đơn vị quá hạn chưa nộp`),
    addressee: `${names(to)} (${data.roleLabel})`,
    blocks: [
      paragraph(`Hạn nộp ${reportName(cycle)} đã qua. Tính đến thời điểm gửi thư này, còn `, strong(`${data.overdue.length} đơn vị`), ' chưa gửi báo cáo:'),
      table(
        ['Đơn vị', 'Hạn nộp', 'Số ngày quá hạn'],
        data.overdue.map((u) => [u.name, when(cycle, u.dueAt), String(u.daysOverdue)]),
      ),
      facts(...reportFacts(cycle, cycle.dueAt)),
      ...(cc?.length ? [paragraph('Thư này được đồng gửi các đơn vị nêu trên.')] : []),
      paragraph('Kính đề nghị đồng chí chỉ đạo, đôn đốc các đơn vị khẩn trương hoàn thành báo cáo.'),
    ],
  }),
  en: ({ cycle, data, to, cc }) => ({
    subject: subjectLine(cycle, 'escalation', `${data.overdue.length} unit(s) overdue`),
    addressee: `${names(to)} (${data.roleLabel})`,
    blocks: [
      paragraph(`The ${reportName(cycle)} is past due. At the time of this message, `, strong(`${data.overdue.length} unit(s)`), ' have not reported:'),
      table(
        ['Unit', 'Due', 'Days overdue'],
        data.overdue.map((u) => [u.name, when(cycle, u.dueAt), String(u.daysOverdue)]),
      ),
      facts(...reportFacts(cycle, cycle.dueAt)),
      ...(cc?.length ? [paragraph('The units listed are copied on this message.')] : []),
      paragraph('Please direct the units to complete their reports without delay.'),
    ],
  }),
};
