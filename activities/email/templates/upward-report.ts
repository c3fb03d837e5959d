/**
 * The approved consolidated report, to one upper level: a formal letter from the Board with the
 * report attached; a report that travels on paper only (it may be classified) is not attached,
 * and the letter says it goes through the clerical channel.
 */
import { paragraph, type EmailTemplate } from './content';
import { boardReport } from './internal';
import { basis, documentNoun, letterSubject, onPaper, reportedOf } from './phrases';

export const upwardReport: EmailTemplate<'upward-report'> = {
  vi: ({ cycle, data }) => ({
    // What the Board sends, as the upper level's office files it: no bracketed tag of the internal letters.
    subject: letterSubject(cycle, `${cycle.issuer.name} kính gửi${cycle.reportType.document === 'plan' ? ' báo cáo tổng hợp' : ''}`),
    addressee: data.upperLevel,
    blocks: [
      paragraph(
        `${basis(cycle)}, ${cycle.issuer.name} kính gửi ${data.upperLevel} ${boardReport(cycle)}, tổng hợp từ ${documentNoun(cycle)} của ${reportedOf(data.counts)} đơn vị.`,
      ),
      paragraph(
        onPaper(cycle)
          ? 'Báo cáo được gửi bằng văn bản giấy theo đường văn thư; thư điện tử này chỉ để thông báo, không kèm tệp báo cáo.'
          : 'Báo cáo và bảng theo dõi tình hình gửi báo cáo của các đơn vị được gửi kèm thư này.',
      ),
    ],
  }),
  en: ({ cycle, data }) => ({
    subject: letterSubject(cycle, `The ${cycle.issuer.name} submits the${cycle.reportType.document === 'plan' ? ' consolidated report on the' : ''}`),
    addressee: data.upperLevel,
    blocks: [
      paragraph(
        `${basis(cycle)}, the ${cycle.issuer.name} respectfully submits to the ${data.upperLevel} ${boardReport(cycle)}, consolidated from the ${documentNoun(cycle)}s of ${reportedOf(data.counts)} units.`,
      ),
      paragraph(
        onPaper(cycle)
          ? 'The report is sent on paper through the clerical channel; this email only gives notice of it and carries no file.'
          : "The report and the sheet tracking the units' submissions are attached.",
      ),
    ],
  }),
};
