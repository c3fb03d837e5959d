/** An extension granted to one unit: its new due moment and why. */
import { facts, paragraph, strong, type EmailTemplate } from './content';
import { deadline, reportFacts, reportName, subjectLine, unitLink, when } from './phrases';

export const extension: EmailTemplate<'extension'> = {
  vi: ({ cycle, data }, links) => ({
    subject: subjectLine(cycle, 'extension', `hạn nộp mới ${when(cycle, data.newDueAt)}`),
    addressee: data.unit.name,
    blocks: [
      paragraph(`${cycle.issuer.name} đồng ý gia hạn nộp ${reportName(cycle)} cho quý đơn vị đến `, strong(deadline(cycle, data.newDueAt)), '.'),
      facts(...reportFacts(cycle, data.newDueAt), ['Lý do gia hạn', data.reason]),
      ...unitLink(cycle, links, 'submit'),
    ],
  }),
  en: ({ cycle, data }, links) => ({
    subject: subjectLine(cycle, 'extension', `now due ${when(cycle, data.newDueAt)}`),
    addressee: data.unit.name,
    blocks: [
      paragraph(`The ${cycle.issuer.name} has extended your deadline for the ${reportName(cycle)} to `, strong(deadline(cycle, data.newDueAt)), '.'),
      facts(...reportFacts(cycle, data.newDueAt), ['Reason', data.reason]),
      ...unitLink(cycle, links, 'submit'),
    ],
  }),
};
