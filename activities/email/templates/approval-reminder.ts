/** To the leaders, once, at the upward due date: the consolidated report still awaits their decision. */
import { paragraph, strong, type EmailTemplate } from './content';
import { boardReport, comrades, division, theDivision, upperLevelsInWords } from './internal';
import { capitalized, cyclePageLink, deadline, onPaper, subjectLine, when } from './phrases';

export const approvalReminder: EmailTemplate<'approval-reminder'> = {
  vi: ({ cycle, data, to }, links) => {
    const upper = upperLevelsInWords(data.upperLevels, 'vi') || 'cấp trên';
    return {
      subject: subjectLine(cycle, 'approval-reminder', `hạn gửi cấp trên ${when(cycle, data.dueAt)}`),
      addressee: comrades(to, 'vi'),
      // Internal: its reader is one of the Board's own, who needs no contact line.
      contact: false,
      signedBy: division(cycle),
      blocks: [
        paragraph(
          `${division(cycle)} đã trình lãnh đạo Ban dự thảo ${boardReport(cycle)} từ ${when(cycle, data.requestedAt)}; đến nay dự thảo `,
          strong('chưa được phê duyệt'),
          `, trong khi hạn gửi báo cáo đến ${upper} là ${deadline(cycle, data.dueAt)}.${onPaper(cycle) ? '' : ' Dự thảo được gửi kèm thư này.'}`,
        ),
        paragraph(`Kính đề nghị đồng chí xem xét, phê duyệt hoặc cho ý kiến để ${division(cycle)} hoàn thiện báo cáo.`),
        ...cyclePageLink(cycle, links, 'approve'),
      ],
    };
  },
  en: ({ cycle, data, to }, links) => {
    const upper = upperLevelsInWords(data.upperLevels, 'en') || 'the upper levels';
    return {
      subject: subjectLine(cycle, 'approval-reminder', `due to the upper levels ${when(cycle, data.dueAt)}`),
      addressee: comrades(to, 'en'),
      contact: false,
      signedBy: division(cycle),
      blocks: [
        paragraph(
          `${capitalized(theDivision(cycle))} submitted the draft of ${boardReport(cycle)} to the leaders at ${when(cycle, data.requestedAt)}; it `,
          strong('has not been approved yet'),
          `, and the report is due to ${upper} by ${deadline(cycle, data.dueAt)}.${onPaper(cycle) ? '' : ' The draft is attached.'}`,
        ),
        paragraph(`Please approve it, or return it with your comments so that ${theDivision(cycle)} can revise it.`),
        ...cyclePageLink(cycle, links, 'approve'),
      ],
    };
  },
};
