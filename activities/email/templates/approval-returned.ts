/** To the consolidating staff: a leader returned the consolidated report, with what to change. */
import { facts, paragraph, strong, type EmailTemplate } from './content';
import { boardReport, comrades, division, personName } from './internal';
import { cyclePageLink, subjectLine, when } from './phrases';

export const approvalReturned: EmailTemplate<'approval-returned'> = {
  vi: ({ cycle, data, to }, links) => ({
    subject: subjectLine(cycle, 'approval-returned', `ý kiến của đồng chí ${personName(data.by)}`),
    addressee: comrades(to, 'vi'),
    // Internal: its reader is one of the Board's own, who needs no contact line.
    contact: false,
    signedBy: division(cycle),
    blocks: [
      paragraph(`Đồng chí ${personName(data.by)} đã `, strong('trả lại dự thảo'), ` ${boardReport(cycle)} để bổ sung, hoàn thiện trước khi gửi cấp trên.`),
      facts(['Thời điểm', when(cycle, data.returnedAt)], ['Ý kiến', data.comment]),
      paragraph('Đề nghị đồng chí tiếp thu ý kiến, hoàn thiện dự thảo và trình lại lãnh đạo Ban.'),
      ...cyclePageLink(cycle, links, 'resubmit'),
    ],
  }),
  en: ({ cycle, data, to }, links) => ({
    subject: subjectLine(cycle, 'approval-returned', `comments from ${personName(data.by)}`),
    addressee: comrades(to, 'en'),
    contact: false,
    signedBy: division(cycle),
    blocks: [
      paragraph(`${personName(data.by)} `, strong('returned the draft'), ` of ${boardReport(cycle)} for revision before it goes to the upper levels.`),
      facts(['At', when(cycle, data.returnedAt)], ['Comments', data.comment]),
      paragraph('Please revise the draft as asked and resubmit it to the leaders.'),
      ...cyclePageLink(cycle, links, 'resubmit'),
    ],
  }),
};
