/** A unit is excused from this cycle's report: it need not send it, and no reminder follows. */
import { facts, paragraph, strong, type EmailTemplate } from './content';
import { addresseeOf, documentNoun, letterSubject, reportName } from './phrases';

export const excuse: EmailTemplate<'excuse'> = {
  vi: ({ cycle, data }) => ({
    subject: letterSubject(cycle, 'Miễn gửi', data.unit.name, { urgent: false }),
    addressee: addresseeOf(data.unit),
    blocks: [
      paragraph(`${cycle.issuer.name} thông báo: ${data.unit.name} `, strong(`không phải gửi ${reportName(cycle)}`), `; sẽ không có thư nhắc về ${documentNoun(cycle)} này.`),
      facts(['Lý do', data.reason]),
    ],
  }),
  en: ({ cycle, data }) => ({
    subject: letterSubject(cycle, 'Excused:', data.unit.name, { urgent: false }),
    addressee: addresseeOf(data.unit),
    blocks: [
      paragraph(`The ${cycle.issuer.name} informs you that the ${data.unit.name} `, strong(`need not send the ${reportName(cycle)}`), `. No reminders will be sent about this ${documentNoun(cycle)}.`),
      facts(['Reason', data.reason]),
    ],
  }),
};
