/** The Board no longer asks for this period's report: the unit need not send it, and no reminder follows. */
import { facts, paragraph, strong, type EmailTemplate } from './content';
import { addresseeOf, documentNoun, letterSubject, planReference, reportName } from './phrases';

export const cancellation: EmailTemplate<'cancellation'> = {
  vi: ({ cycle, data }) => ({
    subject: letterSubject(cycle, 'Hủy yêu cầu gửi', undefined, { urgent: false }),
    addressee: addresseeOf(data.unit),
    blocks: [
      paragraph(
        `${cycle.issuer.name} thông báo `,
        strong(`hủy yêu cầu gửi ${reportName(cycle)}`),
        ` theo ${planReference(cycle)}. Đề nghị các đồng chí không gửi ${documentNoun(cycle)} kỳ này; sẽ không có thư nhắc về ${documentNoun(cycle)} này nữa.`,
      ),
      ...(data.reason ? [facts(['Lý do', data.reason])] : []),
    ],
  }),
  en: ({ cycle, data }) => ({
    subject: letterSubject(cycle, 'Withdrawn:', undefined, { urgent: false }),
    addressee: addresseeOf(data.unit),
    blocks: [
      paragraph(`The ${cycle.issuer.name} `, strong(`no longer asks for the ${reportName(cycle)}`), ` under ${planReference(cycle)}. Your unit need not send this ${documentNoun(cycle)}, and no reminders will be sent about it.`),
      ...(data.reason ? [facts(['Reason', data.reason])] : []),
    ],
  }),
};
