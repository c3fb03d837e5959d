/** Confirms a unit's submission was received, and whether it was on time. */
import { facts, paragraph, strong, type EmailTemplate } from './content';
import { reportName, subjectLine, unitLink, when } from './phrases';

export const receipt: EmailTemplate<'receipt'> = {
  vi: ({ cycle, data }, links) => ({
    subject: subjectLine(cycle, 'receipt', data.unit.name),
    addressee: data.unit.name,
    blocks: [
      paragraph(
        `${cycle.issuer.name} đã nhận `,
        strong(data.revision ? `${reportName(cycle)} (bản bổ sung lần ${data.revision})` : reportName(cycle)),
        ` của quý đơn vị lúc ${when(cycle, data.submittedAt)}, `,
        data.onTime ? 'đúng hạn.' : 'sau hạn nộp.',
      ),
      facts(
        ['Báo cáo', cycle.reportType.title],
        ['Kỳ báo cáo', cycle.period.label],
        ['Thời điểm nhận', when(cycle, data.submittedAt)],
        ...(data.documentRef ? [['Số, ký hiệu văn bản', data.documentRef] as [string, string]] : []),
      ),
      ...unitLink(cycle, links, 'view'),
      paragraph('Xin cảm ơn quý đơn vị.'),
    ],
  }),
  en: ({ cycle, data }, links) => ({
    subject: subjectLine(cycle, 'receipt', data.unit.name),
    addressee: data.unit.name,
    blocks: [
      paragraph(
        `The ${cycle.issuer.name} received your `,
        strong(data.revision ? `${reportName(cycle)} (revision ${data.revision})` : reportName(cycle)),
        ` at ${when(cycle, data.submittedAt)}, `,
        data.onTime ? 'on time.' : 'after the due date.',
      ),
      facts(
        ['Report', cycle.reportType.title],
        ['Period', cycle.period.label],
        ['Received', when(cycle, data.submittedAt)],
        ...(data.documentRef ? [['Document reference', data.documentRef] as [string, string]] : []),
      ),
      ...unitLink(cycle, links, 'view'),
      paragraph('Thank you.'),
    ],
  }),
};
