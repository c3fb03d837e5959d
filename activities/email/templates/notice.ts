/** The cycle opens: what to report, by when, and how. The due moment is attached as `han-nop.ics`. */
import { facts, heading, paragraph, strong, type EmailTemplate } from './content';
import { basis, deadline, reportFacts, reportName, subjectLine, unitLink, when } from './phrases';

export const ICS_FILENAME = 'han-nop.ics';

export const notice: EmailTemplate<'notice'> = {
  vi: ({ cycle, data }, links) => ({
    subject: subjectLine(cycle, 'notice', `hạn nộp ${when(cycle, cycle.dueAt)}`),
    addressee: data.unit.name,
    blocks: [
      paragraph(`${basis(cycle)}, đề nghị ${data.unit.name} xây dựng và gửi `, strong(reportName(cycle)), '.'),
      facts(...reportFacts(cycle, cycle.dueAt), ['Hạn chót tiếp nhận để tổng hợp', deadline(cycle, cycle.cutoffAt)]),
      heading('Cách thức gửi báo cáo'),
      ...unitLink(cycle, links, 'submit'),
      paragraph(cycle.submissionInstructions),
      paragraph(`Hạn nộp được đính kèm trong tệp ${ICS_FILENAME} để quý đơn vị đưa vào lịch công tác.`),
    ],
  }),
  en: ({ cycle, data }, links) => ({
    subject: subjectLine(cycle, 'notice', `due ${when(cycle, cycle.dueAt)}`),
    addressee: data.unit.name,
    blocks: [
      paragraph(`${basis(cycle)}, ${data.unit.name} is asked to prepare and send the `, strong(reportName(cycle)), '.'),
      facts(...reportFacts(cycle, cycle.dueAt), ['Last moment accepted for consolidation', deadline(cycle, cycle.cutoffAt)]),
      heading('How to submit'),
      ...unitLink(cycle, links, 'submit'),
      paragraph(cycle.submissionInstructions),
      paragraph(`The due date is attached as ${ICS_FILENAME} for your calendar.`),
    ],
  }),
};
