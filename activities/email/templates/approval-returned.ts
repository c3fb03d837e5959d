/** To the consolidating staff: a leader returned the consolidated report, with what to change. */
import { facts, paragraph, strong, type EmailTemplate } from './content';
import { cyclePageLink, names, reportName, subjectLine, when } from './phrases';

export const approvalReturned: EmailTemplate<'approval-returned'> = {
  vi: ({ cycle, data, to }, links) => ({
    subject: subjectLine(cycle, 'approval-returned', `ý kiến của ${data.by}`),
    addressee: names(to),
    blocks: [
      paragraph(`Bản tổng hợp ${reportName(cycle)} `, strong('được lãnh đạo trả lại để bổ sung, hoàn thiện'), ' trước khi gửi cấp trên.'),
      facts(['Người trả lại', data.by], ['Thời điểm', when(cycle, data.returnedAt)], ['Ý kiến', data.comment]),
      paragraph('Đề nghị bộ phận tổng hợp tiếp thu ý kiến, hoàn thiện báo cáo và trình lại lãnh đạo Ban.'),
      ...cyclePageLink(cycle, links, 'resubmit'),
    ],
  }),
  en: ({ cycle, data, to }, links) => ({
    subject: subjectLine(cycle, 'approval-returned', `comments from ${data.by}`),
    addressee: names(to),
    blocks: [
      paragraph(`The consolidated ${reportName(cycle)} `, strong('was returned by the leaders for revision'), ' before it goes to the upper levels.'),
      facts(['Returned by', data.by], ['At', when(cycle, data.returnedAt)], ['Comments', data.comment]),
      paragraph('Please revise the report as asked and resubmit it to the leaders.'),
      ...cyclePageLink(cycle, links, 'resubmit'),
    ],
  }),
};
