/** To the leaders, once, at the upward due date: the consolidated report still awaits their decision. */
import { paragraph, strong, type EmailTemplate } from './content';
import { cyclePageLink, deadline, names, reportName, subjectLine, when } from './phrases';

export const approvalReminder: EmailTemplate<'approval-reminder'> = {
  vi: ({ cycle, data, to }, links) => {
    const upper = data.upperLevels.join('; ') || 'cấp trên';
    return {
      subject: subjectLine(cycle, 'approval-reminder', `hạn gửi cấp trên ${deadline(cycle, data.dueAt)}`),
      addressee: names(to),
      blocks: [
        paragraph(`Bản tổng hợp ${reportName(cycle)} đã trình lãnh đạo từ ${when(cycle, data.requestedAt)} và `, strong('chưa được phê duyệt'), `. Hạn gửi báo cáo lên ${upper} là ${deadline(cycle, data.dueAt)}. Báo cáo tổng hợp được đính kèm.`),
        paragraph('Kính đề nghị đồng chí xem xét, phê duyệt hoặc cho ý kiến để bộ phận tổng hợp hoàn thiện.'),
        ...cyclePageLink(cycle, links, 'approve'),
      ],
    };
  },
  en: ({ cycle, data, to }, links) => {
    const upper = data.upperLevels.join('; ') || 'the upper levels';
    return {
      subject: subjectLine(cycle, 'approval-reminder', `due to the upper levels ${deadline(cycle, data.dueAt)}`),
      addressee: names(to),
      blocks: [
        paragraph(`The consolidated ${reportName(cycle)} was submitted to the leaders at ${when(cycle, data.requestedAt)} and `, strong('has not been approved'), `. It is due to ${upper} by ${deadline(cycle, data.dueAt)}. The consolidated report is attached.`),
        paragraph('Please approve it, or return it with your comments so the staff can revise it.'),
        ...cyclePageLink(cycle, links, 'approve'),
      ],
    };
  },
};
