/** A submission returned to the unit for revision: what to add, and by when if set. */
import { facts, heading, paragraph, strong, type EmailTemplate } from './content';
import { deadline, reportName, subjectLine, unitLink } from './phrases';

export const returned: EmailTemplate<'returned'> = {
  vi: ({ cycle, data }, links) => ({
    subject: subjectLine(cycle, 'returned', data.unit.name),
    addressee: data.unit.name,
    blocks: [
      paragraph(`${reportName(cycle)} của quý đơn vị `, strong('được trả lại để bổ sung, hoàn thiện'), '.'),
      facts(['Nội dung cần bổ sung', data.reason], ...(data.resubmitBy ? [['Gửi lại trước', deadline(cycle, data.resubmitBy)] as [string, string]] : [])),
      heading('Cách thức gửi báo cáo'),
      ...unitLink(cycle, links, 'resubmit'),
      paragraph(cycle.submissionInstructions),
    ],
  }),
  en: ({ cycle, data }, links) => ({
    subject: subjectLine(cycle, 'returned', data.unit.name),
    addressee: data.unit.name,
    blocks: [
      paragraph(`Your ${reportName(cycle)} is `, strong('returned for revision'), '.'),
      facts(['What to revise', data.reason], ...(data.resubmitBy ? [['Resubmit by', deadline(cycle, data.resubmitBy)] as [string, string]] : [])),
      heading('How to submit'),
      ...unitLink(cycle, links, 'resubmit'),
      paragraph(cycle.submissionInstructions),
    ],
  }),
};
