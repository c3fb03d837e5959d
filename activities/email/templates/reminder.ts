/** A reminder to a unit that has not reported, before or after its due moment. */
import { facts, heading, paragraph, strong, type EmailTemplate } from './content';
import { deadline, reportFacts, reportName, subjectLine, unitLink, when } from './phrases';

export const reminder: EmailTemplate<'reminder'> = {
  vi: ({ cycle, data }, links) => {
    const before = data.relation === 'before';
    return {
      subject: subjectLine(cycle, 'reminder', before ? `hạn nộp ${when(cycle, data.dueAt)}` : `đã quá hạn nộp ${when(cycle, data.dueAt)}`),
      addressee: data.unit.name,
      blocks: [
        before
          ? paragraph(`${cycle.issuer.name} trân trọng nhắc: hạn nộp ${reportName(cycle)} là `, strong(deadline(cycle, data.dueAt)), '. Đến thời điểm gửi thư này, chưa nhận được báo cáo của quý đơn vị.')
          : paragraph(`${reportName(cycle)} đã quá hạn nộp (`, strong(deadline(cycle, data.dueAt)), ') nhưng chưa nhận được báo cáo của quý đơn vị. Đề nghị quý đơn vị khẩn trương gửi báo cáo.'),
        facts(...reportFacts(cycle, data.dueAt)),
        heading('Cách thức gửi báo cáo'),
        ...unitLink(cycle, links, 'submit'),
        paragraph(cycle.submissionInstructions),
        paragraph('Nếu quý đơn vị đã gửi báo cáo, xin bỏ qua thư này.'),
      ],
    };
  },
  en: ({ cycle, data }, links) => {
    const before = data.relation === 'before';
    return {
      subject: subjectLine(cycle, 'reminder', before ? `due ${when(cycle, data.dueAt)}` : `overdue since ${when(cycle, data.dueAt)}`),
      addressee: data.unit.name,
      blocks: [
        before
          ? paragraph(`A reminder from the ${cycle.issuer.name}: the ${reportName(cycle)} is due `, strong(deadline(cycle, data.dueAt)), '. We have not received your report yet.')
          : paragraph(`The ${reportName(cycle)} was due `, strong(deadline(cycle, data.dueAt)), ' and we have not received your report. Please send it without delay.'),
        facts(...reportFacts(cycle, data.dueAt)),
        heading('How to submit'),
        ...unitLink(cycle, links, 'submit'),
        paragraph(cycle.submissionInstructions),
        paragraph('If you have already sent your report, please disregard this message.'),
      ],
    };
  },
};
