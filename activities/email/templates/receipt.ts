/**
 * Confirms a unit's report was received, whether on time, and which document it was, by its
 * number and date as the Board logs it (never the file's stored path). A report on paper: its
 * arrival was recorded.
 */
import type { EmailRequestOf } from '../types';
import { facts, paragraph, strong, type EmailTemplate } from './content';
import { addresseeOf, documentTitle, legacyDocumentRef, letterSubject, onPaper, reportName, unitLink, when } from './phrases';

/** The document's rows: its number and date, signer, file name and count; or, on old requests, their reference if it is not a path. */
function documentRows(req: EmailRequestOf<'receipt'>): [string, string][] {
  const { cycle, data } = req;
  const vi = cycle.language === 'vi';
  const rows: [string, string][] = [];
  const document = data.document;
  const title = document && documentTitle(cycle, document);
  if (title) rows.push([vi ? 'Văn bản' : 'Document', title]);
  if (document?.signer) rows.push([vi ? 'Người ký' : 'Signed by', document.signer]);
  if (document?.name) rows.push([vi ? 'Tệp' : 'File', document.name]);
  if (data.files && data.files > 1) rows.push([vi ? 'Số tệp đã nhận' : 'Files received', String(data.files)]);
  const ref = document ? undefined : legacyDocumentRef(data.documentRef);
  if (ref) rows.push([vi ? 'Số, ký hiệu văn bản' : 'Document reference', ref]);
  return rows;
}

/** The report's name, and which revision this is after a return. */
function named({ cycle, data }: EmailRequestOf<'receipt'>): string {
  if (!data.revision) return reportName(cycle);
  return cycle.language === 'vi' ? `${reportName(cycle)} (bản bổ sung lần ${data.revision})` : `${reportName(cycle)} (revision ${data.revision})`;
}

export const receipt: EmailTemplate<'receipt'> = {
  vi: (req, links) => {
    const { cycle, data } = req;
    const paper = onPaper(cycle);
    return {
      subject: letterSubject(cycle, 'Xác nhận đã nhận', data.unit.name, { urgent: false }),
      addressee: addresseeOf(data.unit),
      blocks: [
        paragraph(
          `${cycle.issuer.name} đã nhận ${paper ? 'bản giấy ' : ''}`,
          strong(named(req)),
          ` của ${data.unit.name}${paper ? '; văn bản được vào sổ' : ''} lúc ${when(cycle, data.submittedAt)} `,
          data.onTime ? '(đúng hạn).' : '(sau hạn gửi).',
        ),
        ...(documentRows(req).length ? [facts(...documentRows(req))] : []),
        ...unitLink(cycle, links, 'view'),
      ],
    };
  },
  en: (req, links) => {
    const { cycle, data } = req;
    const paper = onPaper(cycle);
    return {
      subject: letterSubject(cycle, 'Received:', data.unit.name, { urgent: false }),
      addressee: addresseeOf(data.unit),
      blocks: [
        paragraph(
          `The ${cycle.issuer.name} has received ${paper ? 'the paper copy of ' : ''}the `,
          strong(named(req)),
          ` of the ${data.unit.name}${paper ? '; its arrival was recorded' : ''} at ${when(cycle, data.submittedAt)} `,
          data.onTime ? '(on time).' : '(after the due date).',
        ),
        ...(documentRows(req).length ? [facts(...documentRows(req))] : []),
        ...unitLink(cycle, links, 'view'),
      ],
    };
  },
};
