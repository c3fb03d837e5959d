/** Tells a unit its report is overdue, and that the leaders are being told. */
import { facts, heading, paragraph, strong, type EmailTemplate } from './content';
import { reportFacts, reportName, subjectLine, unitLink } from './phrases';

export const overdue: EmailTemplate<'overdue'> = {
  vi: ({ cycle, data }, links) => ({
    subject: subjectLine(cycle, 'overdue', `quá hạn ${data.daysOverdue} ngày`),
    addressee: data.unit.name,
    blocks: [
      paragraph(`${reportName(cycle)} của quý đơn vị đã `, strong(`quá hạn ${data.daysOverdue} ngày`), `. Việc chậm nộp được báo cáo lãnh đạo ${cycle.issuer.name}. Đề nghị quý đơn vị gửi báo cáo ngay.`),
      facts(...reportFacts(cycle, data.dueAt)),
      heading('Cách thức gửi báo cáo'),
      ...unitLink(cycle, links, 'submit'),
      paragraph(cycle.submissionInstructions),
    ],
  }),
  en: ({ cycle, data }, links) => ({
    subject: subjectLine(cycle, 'overdue', `${data.daysOverdue} day(s) overdue`),
    addressee: data.unit.name,
    blocks: [
      paragraph(`Your ${reportName(cycle)} is `, strong(`${data.daysOverdue} day(s) overdue`), `. The leaders of the ${cycle.issuer.name} are informed of late reports. Please send it now.`),
      facts(...reportFacts(cycle, data.dueAt)),
      heading('How to submit'),
      ...unitLink(cycle, links, 'submit'),
      paragraph(cycle.submissionInstructions),
    ],
  }),
};
