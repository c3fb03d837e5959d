/** To the leaders: the division resubmits ("kính trình lại") the consolidated report a leader had returned; it is attached again. */
import { facts, paragraph, type EmailTemplate } from './content';
import { boardReport, comrades, division, draftEnclosed, personName, theDivision, upperLevelsInWords } from './internal';
import { capitalized, cyclePageLink, deadline, subjectLine } from './phrases';

export const approvalRequest: EmailTemplate<'approval-request'> = {
  vi: ({ cycle, data, to }, links) => {
    const upper = upperLevelsInWords(data.upperLevels, 'vi');
    const by = data.dueAt ? ` trước ${deadline(cycle, data.dueAt)}` : '';
    return {
      subject: subjectLine(cycle, 'approval-request', 'trình lại sau khi bổ sung, hoàn thiện'),
      addressee: comrades(to, 'vi'),
      // Internal: its reader is one of the Board's own, who needs no contact line.
      contact: false,
      signedBy: division(cycle),
      blocks: [
        paragraph(
          `Tiếp thu ý kiến của lãnh đạo Ban, ${division(cycle)} đã bổ sung, hoàn thiện dự thảo ${boardReport(cycle)}; kính trình đồng chí xem xét, phê duyệt${upper ? ` để gửi ${upper}${by}` : ''}. ${draftEnclosed(cycle)}`,
        ),
        facts(['Người trình', personName(data.by)], ...(data.note ? [['Nội dung bổ sung', data.note] as [string, string]] : [])),
        ...cyclePageLink(cycle, links, 'approve'),
      ],
    };
  },
  en: ({ cycle, data, to }, links) => {
    const upper = upperLevelsInWords(data.upperLevels, 'en');
    const by = data.dueAt ? ` by ${deadline(cycle, data.dueAt)}` : '';
    return {
      subject: subjectLine(cycle, 'approval-request', 'resubmitted after revision'),
      addressee: comrades(to, 'en'),
      contact: false,
      signedBy: division(cycle),
      blocks: [
        paragraph(
          `${capitalized(theDivision(cycle))} has revised the draft of ${boardReport(cycle)} as the leaders asked, and resubmits it for your approval${upper ? ` so that it can go to ${upper}${by}` : ''}. ${draftEnclosed(cycle)}`,
        ),
        facts(['Resubmitted by', personName(data.by)], ...(data.note ? [['What was revised', data.note] as [string, string]] : [])),
        ...cyclePageLink(cycle, links, 'approve'),
      ],
    };
  },
};
