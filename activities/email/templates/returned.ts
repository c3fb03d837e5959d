/** A unit's report returned for revision: what to add, and by when if set. */
import { facts, paragraph, strong, type EmailTemplate } from './content';
import { addresseeOf, deadline, documentNoun, howToSend, letterSubject, reportName } from './phrases';

export const returned: EmailTemplate<'returned'> = {
  vi: ({ cycle, data }, links) => ({
    subject: letterSubject(cycle, 'Đề nghị bổ sung, hoàn thiện', data.unit.name),
    addressee: addresseeOf(data.unit),
    blocks: [
      paragraph(`${cycle.issuer.name} đã nhận `, strong(reportName(cycle)), ` của ${data.unit.name}. Đề nghị các đồng chí chỉ đạo `, strong(`bổ sung, hoàn thiện ${documentNoun(cycle)}`), ' theo nội dung sau và gửi lại:'),
      facts(['Nội dung cần bổ sung', data.reason], ...(data.resubmitBy ? [['Hạn gửi lại', deadline(cycle, data.resubmitBy)] as [string, string]] : [])),
      ...howToSend(cycle, links, 'resubmit'),
    ],
  }),
  en: ({ cycle, data }, links) => ({
    subject: letterSubject(cycle, 'Returned for revision:', data.unit.name),
    addressee: addresseeOf(data.unit),
    blocks: [
      paragraph(`The ${cycle.issuer.name} has received the `, strong(reportName(cycle)), ` of the ${data.unit.name} and asks you to `, strong(`revise the ${documentNoun(cycle)}`), ' as follows and send it again:'),
      facts(['What to revise', data.reason], ...(data.resubmitBy ? [['Send again by', deadline(cycle, data.resubmitBy)] as [string, string]] : [])),
      ...howToSend(cycle, links, 'resubmit'),
    ],
  }),
};
