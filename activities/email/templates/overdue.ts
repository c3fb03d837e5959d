/**
 * The Board urges ("đôn đốc") a unit whose report is overdue, with the working days counted.
 * The cycle workflow does not send this kind today (it sends the plan's "after" reminders):
 * kept for requests recorded with it, worded as the reminder after the due moment.
 */
import { paragraph, strong, type EmailTemplate } from './content';
import { addresseeOf, documentNoun, dueRecalled, howToSend, letterSubject, periodScope } from './phrases';

export const overdue: EmailTemplate<'overdue'> = {
  vi: ({ cycle, data }, links) => {
    const noun = documentNoun(cycle);
    return {
      subject: letterSubject(cycle, 'Đôn đốc gửi', `quá hạn ${data.daysOverdue} ngày làm việc`),
      addressee: addresseeOf(data.unit),
      blocks: [
        dueRecalled(cycle, data.dueAt, true),
        ...periodScope(cycle),
        paragraph(
          `Đến nay đã quá hạn ${data.daysOverdue} ngày làm việc nhưng ${cycle.issuer.name} chưa nhận được ${noun} của ${data.unit.name}. Đề nghị các đồng chí quan tâm chỉ đạo, `,
          strong(`khẩn trương hoàn thành và gửi ${noun}`),
          '.',
        ),
        ...howToSend(cycle, links, 'submit'),
        paragraph(`Trường hợp đã gửi ${noun}, xin bỏ qua thư này.`),
      ],
    };
  },
  en: ({ cycle, data }, links) => {
    const noun = documentNoun(cycle);
    return {
      subject: letterSubject(cycle, 'Overdue:', `${data.daysOverdue} working day(s) late`),
      addressee: addresseeOf(data.unit),
      blocks: [
        dueRecalled(cycle, data.dueAt, true),
        ...periodScope(cycle),
        paragraph(
          `It is now ${data.daysOverdue} working day(s) overdue and the ${cycle.issuer.name} has not received the ${noun} of the ${data.unit.name}. Please see that it is `,
          strong('completed and sent without delay'),
          '.',
        ),
        ...howToSend(cycle, links, 'submit'),
        paragraph(`If the ${noun} has already been sent, please disregard this letter.`),
      ],
    };
  },
};
