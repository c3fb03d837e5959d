/** An extension granted to one unit: its new due moment and why. */
import { facts, paragraph, strong, type EmailTemplate } from './content';
import { addresseeOf, deadline, documentNoun, howToSend, letterSubject, periodScope, reportName, when } from './phrases';

export const extension: EmailTemplate<'extension'> = {
  vi: ({ cycle, data }, links) => ({
    subject: letterSubject(cycle, 'Gia hạn gửi', `hạn mới ${when(cycle, data.newDueAt)}`),
    addressee: addresseeOf(data.unit),
    blocks: [
      paragraph(`${cycle.issuer.name} đồng ý gia hạn gửi `, strong(reportName(cycle)), ` của ${data.unit.name} đến `, strong(deadline(cycle, data.newDueAt)), '.'),
      facts(['Lý do gia hạn', data.reason]),
      ...periodScope(cycle),
      paragraph(`Đề nghị các đồng chí chỉ đạo hoàn thành, gửi ${documentNoun(cycle)} trong thời hạn trên.`),
      ...howToSend(cycle, links, 'submit'),
    ],
  }),
  en: ({ cycle, data }, links) => ({
    subject: letterSubject(cycle, 'Extension:', `now due ${when(cycle, data.newDueAt)}`),
    addressee: addresseeOf(data.unit),
    blocks: [
      paragraph(`The ${cycle.issuer.name} has extended the due date of the `, strong(reportName(cycle)), ` of the ${data.unit.name} to `, strong(deadline(cycle, data.newDueAt)), '.'),
      facts(['Reason', data.reason]),
      ...periodScope(cycle),
      paragraph(`Please see that the ${documentNoun(cycle)} is sent within this time.`),
      ...howToSend(cycle, links, 'submit'),
    ],
  }),
};
