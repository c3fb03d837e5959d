/** A unit is excused from this cycle's report. */
import { facts, paragraph, strong, type EmailTemplate } from './content';
import { reportName, subjectLine } from './phrases';

export const excuse: EmailTemplate<'excuse'> = {
  vi: ({ cycle, data }) => ({
    subject: subjectLine(cycle, 'excuse', data.unit.name),
    addressee: data.unit.name,
    blocks: [
      paragraph(`${cycle.issuer.name} thông báo quý đơn vị `, strong(`được miễn nộp ${reportName(cycle)}`), '. Hệ thống sẽ không gửi thư nhắc nhở về báo cáo này.'),
      facts(['Lý do', data.reason]),
    ],
  }),
  en: ({ cycle, data }) => ({
    subject: subjectLine(cycle, 'excuse', data.unit.name),
    addressee: data.unit.name,
    blocks: [
      paragraph(`The ${cycle.issuer.name} informs you that your unit is `, strong(`excused from the ${reportName(cycle)}`), '. No reminders will be sent for it.'),
      facts(['Reason', data.reason]),
    ],
  }),
};
