/** The cycle is cancelled: the unit need not report, and no more reminders will come. */
import { facts, paragraph, strong, type EmailTemplate } from './content';
import { reportName, subjectLine } from './phrases';

export const cancellation: EmailTemplate<'cancellation'> = {
  vi: ({ cycle, data }) => ({
    subject: subjectLine(cycle, 'cancellation', 'quý đơn vị không cần gửi báo cáo'),
    addressee: data.unit.name,
    blocks: [
      paragraph(`${cycle.issuer.name} thông báo `, strong(`hủy yêu cầu gửi ${reportName(cycle)}`), '. Quý đơn vị không cần gửi báo cáo cho kỳ này; các thư nhắc nhở sẽ không được gửi.'),
      facts(['Lý do', data.reason]),
    ],
  }),
  en: ({ cycle, data }) => ({
    subject: subjectLine(cycle, 'cancellation', 'no report needed'),
    addressee: data.unit.name,
    blocks: [
      paragraph(`The ${cycle.issuer.name} has `, strong(`cancelled the ${reportName(cycle)}`), '. Your unit need not report for this period, and no reminders will be sent.'),
      facts(['Reason', data.reason]),
    ],
  }),
};
