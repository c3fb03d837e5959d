/**
 * A reminder to a unit that has not sent its report: before the due moment the Board reminds
 * ("nhắc"), after it the Board urges ("đôn đốc"). The cycle sends the "after" reminders of its
 * plan; the `overdue` kind is the same urging with the days counted.
 */
import { paragraph, strong, type EmailTemplate } from './content';
import { addresseeOf, documentNoun, dueRecalled, howToSend, letterSubject, periodScope, when } from './phrases';

export const reminder: EmailTemplate<'reminder'> = {
  vi: ({ cycle, data }, links) => {
    const before = data.relation === 'before';
    const noun = documentNoun(cycle);
    return {
      subject: before ? letterSubject(cycle, 'Nhắc gửi', `hạn ${when(cycle, data.dueAt)}`) : letterSubject(cycle, 'Đôn đốc gửi', `đã quá hạn gửi (${when(cycle, data.dueAt)})`),
      addressee: addresseeOf(data.unit),
      blocks: [
        dueRecalled(cycle, data.dueAt, false),
        ...periodScope(cycle),
        before
          ? paragraph(`Đến nay, ${cycle.issuer.name} chưa nhận được ${noun} của ${data.unit.name}. Đề nghị các đồng chí quan tâm chỉ đạo hoàn thành, gửi ${noun} đúng hạn.`)
          : paragraph(
              `Đến nay đã quá hạn nhưng ${cycle.issuer.name} chưa nhận được ${noun} của ${data.unit.name}. Đề nghị các đồng chí quan tâm chỉ đạo, `,
              strong(`khẩn trương hoàn thành và gửi ${noun}`),
              '.',
            ),
        ...howToSend(cycle, links, 'submit'),
        paragraph(`Trường hợp đã gửi ${noun}, xin bỏ qua thư này.`),
      ],
    };
  },
  en: ({ cycle, data }, links) => {
    const before = data.relation === 'before';
    const noun = documentNoun(cycle);
    return {
      subject: before ? letterSubject(cycle, 'Reminder:', `due ${when(cycle, data.dueAt)}`) : letterSubject(cycle, 'Overdue:', `was due ${when(cycle, data.dueAt)}`),
      addressee: addresseeOf(data.unit),
      blocks: [
        dueRecalled(cycle, data.dueAt, !before),
        ...periodScope(cycle),
        before
          ? paragraph(`The ${cycle.issuer.name} has not yet received the ${noun} of the ${data.unit.name}. Please see that it is completed and sent on time.`)
          : paragraph(`The due date has passed and the ${cycle.issuer.name} has not received the ${noun} of the ${data.unit.name}. Please see that it is `, strong('completed and sent without delay'), '.'),
        ...howToSend(cycle, links, 'submit'),
        paragraph(`If the ${noun} has already been sent, please disregard this letter.`),
      ],
    };
  },
};
