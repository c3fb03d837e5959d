/** To the leaders: staff resubmitted the consolidated report a leader had returned; it is attached again. */
import { facts, paragraph, type EmailTemplate } from './content';
import { cyclePageLink, deadline, names, reportName, subjectLine } from './phrases';

export const approvalRequest: EmailTemplate<'approval-request'> = {
  vi: ({ cycle, data, to }, links) => {
    const upper = data.upperLevels.join('; ');
    return {
      subject: subjectLine(cycle, 'approval-request', 'trình lại sau khi bổ sung'),
      addressee: names(to),
      blocks: [
        paragraph(`Bộ phận tổng hợp đã bổ sung, hoàn thiện bản tổng hợp ${reportName(cycle)} theo ý kiến của lãnh đạo và trình lại để đồng chí xem xét, phê duyệt. Báo cáo tổng hợp được đính kèm.`),
        facts(['Người trình', data.by], ...(data.note ? [['Ghi chú', data.note] as [string, string]] : [])),
        ...(upper ? [paragraph(`Sau khi được phê duyệt, báo cáo được gửi ${upper}`, data.dueAt ? ` trước ${deadline(cycle, data.dueAt)}.` : '.')] : []),
        ...cyclePageLink(cycle, links, 'approve'),
      ],
    };
  },
  en: ({ cycle, data, to }, links) => {
    const upper = data.upperLevels.join('; ');
    return {
      subject: subjectLine(cycle, 'approval-request', 'resubmitted after revision'),
      addressee: names(to),
      blocks: [
        paragraph(`The staff have revised the consolidated ${reportName(cycle)} as the leaders asked and resubmit it for your approval. The consolidated report is attached.`),
        facts(['Resubmitted by', data.by], ...(data.note ? [['Note', data.note] as [string, string]] : [])),
        ...(upper ? [paragraph(`Once approved, the report goes to ${upper}`, data.dueAt ? ` by ${deadline(cycle, data.dueAt)}.` : '.')] : []),
        ...cyclePageLink(cycle, links, 'approve'),
      ],
    };
  },
};
