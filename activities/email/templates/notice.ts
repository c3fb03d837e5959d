/** The cycle opens: what to send, by when, how. The due moment is attached as `han-nop.ics`. */
import { paragraph, strong, type EmailTemplate } from './content';
import { addresseeOf, basis, deadline, documentNoun, howToSend, letterSubject, onPaper, periodScope, reportName, when } from './phrases';

export const ICS_FILENAME = 'han-nop.ics';

export const notice: EmailTemplate<'notice'> = {
  vi: ({ cycle, data }, links) => ({
    subject: letterSubject(cycle, 'Đề nghị gửi', `hạn ${when(cycle, cycle.dueAt)}`),
    addressee: addresseeOf(data.unit),
    blocks: [
      paragraph(
        `${basis(cycle)}, ${cycle.issuer.name} đề nghị các đồng chí ${cycle.reportType.urgent ? 'khẩn trương ' : ''}chỉ đạo xây dựng `,
        strong(reportName(cycle)),
        ' và gửi trước ',
        strong(deadline(cycle, cycle.dueAt)),
        '.',
      ),
      ...periodScope(cycle),
      ...howToSend(cycle, links, 'submit'),
      paragraph(`Tệp ${ICS_FILENAME} đính kèm ghi hạn gửi ${documentNoun(cycle)} để đưa vào lịch công tác.`),
    ],
  }),
  en: ({ cycle, data }, links) => ({
    subject: letterSubject(cycle, 'Request:', `due ${when(cycle, cycle.dueAt)}`),
    addressee: addresseeOf(data.unit),
    blocks: [
      paragraph(
        `${basis(cycle)}, the ${cycle.issuer.name} asks you to ${cycle.reportType.urgent ? 'urgently ' : ''}prepare the `,
        strong(reportName(cycle)),
        ` and send it ${onPaper(cycle) ? 'on paper ' : ''}by `,
        strong(deadline(cycle, cycle.dueAt)),
        '.',
      ),
      ...periodScope(cycle),
      ...howToSend(cycle, links, 'submit'),
      paragraph(`The attached ${ICS_FILENAME} holds the due date of the ${documentNoun(cycle)} for your calendar.`),
    ],
  }),
};
