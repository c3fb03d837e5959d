/**
 * The cycle is closed for consolidation ("chốt tổng hợp"): to the consolidating staff and the
 * leaders, with the counts, the units still missing and the draft report attached; to a leader
 * whose approval the cycle awaits, it is submitted for approval ("kính trình").
 */
import { unitStateLabels, totalLabel, unitStatesInReportOrder } from '../../text/labels';
import type { Language } from '../../../domain/cycle';
import type { ConsolidationCounts } from '../../documents/types';
import { facts, heading, list, paragraph, strong, type EmailTemplate } from './content';
import { comrades, division, draftEnclosed, lowerFirst, theDivision, upperLevelsInWords } from './internal';
import { capitalized, cyclePageLink, deadline, documentNoun, reportedOf, reportName, subjectLine } from './phrases';

/** Attachment names, per language. */
export const consolidationFilenames: Record<Language, { markdown: string; html: string; csv: string }> = {
  vi: { markdown: 'bao-cao-tong-hop.md', html: 'bao-cao-tong-hop.html', csv: 'danh-sach-don-vi.csv' },
  en: { markdown: 'consolidated-report.md', html: 'consolidated-report.html', csv: 'units.csv' },
};

export function countFacts(counts: ConsolidationCounts, language: Language): [string, string][] {
  return [...unitStatesInReportOrder.map((state): [string, string] => [unitStateLabels[language][state], String(counts[state])]), [totalLabel[language], String(counts.total)]];
}

export const consolidation: EmailTemplate<'consolidation'> = {
  vi: ({ cycle, data, to }, links) => {
    const upper = upperLevelsInWords(data.upperLevels, 'vi');
    const noun = documentNoun(cycle);
    const by = data.dueAt ? ` trước ${deadline(cycle, data.dueAt)}` : '';
    return {
      subject: subjectLine(cycle, 'consolidation', `chốt tổng hợp, ${reportedOf(data.counts)} đơn vị đã gửi ${noun}`),
      addressee: comrades(to, 'vi'),
      // Internal: its reader is one of the Board's own, who needs no contact line.
      contact: false,
      signedBy: division(cycle),
      blocks: [
        paragraph(
          `${division(cycle)} đã chốt tổng hợp ${lowerFirst(reportName(cycle))}: `,
          strong(`${reportedOf(data.counts)} đơn vị đã gửi ${noun}`),
          ` (không tính đơn vị được miễn). ${draftEnclosed(cycle)}`,
        ),
        facts(...countFacts(data.counts, 'vi')),
        ...(data.missing.length ? [heading(`Đơn vị chưa gửi ${noun} (${data.counts.missing})`), list(data.missing)] : []),
        ...(data.approve
          ? [paragraph(`Kính trình đồng chí xem xét, phê duyệt dự thảo báo cáo${upper ? ` để gửi ${upper}${by}` : ''}.`), ...cyclePageLink(cycle, links, 'approve')]
          : upper
            ? [paragraph(`Sau khi lãnh đạo Ban phê duyệt, báo cáo được gửi ${upper}${by}.`)]
            : []),
      ],
    };
  },
  en: ({ cycle, data, to }, links) => {
    const upper = upperLevelsInWords(data.upperLevels, 'en');
    const noun = documentNoun(cycle);
    const by = data.dueAt ? ` by ${deadline(cycle, data.dueAt)}` : '';
    return {
      subject: subjectLine(cycle, 'consolidation', `closed for consolidation, ${reportedOf(data.counts)} units sent their ${noun}s`),
      addressee: comrades(to, 'en'),
      contact: false,
      signedBy: division(cycle),
      blocks: [
        paragraph(
          `${capitalized(theDivision(cycle))} has closed the ${reportName(cycle)} and consolidated what the units sent: `,
          strong(`${reportedOf(data.counts)} units sent their ${noun}s`),
          ` (excused units not counted). ${draftEnclosed(cycle)}`,
        ),
        facts(...countFacts(data.counts, 'en')),
        ...(data.missing.length ? [heading(`Units that did not send their ${noun} (${data.counts.missing})`), list(data.missing)] : []),
        ...(data.approve
          ? [paragraph(`Please review and approve the draft report${upper ? ` so that it can go to ${upper}${by}` : ''}.`), ...cyclePageLink(cycle, links, 'approve')]
          : upper
            ? [paragraph(`Once the leaders approve it, the report goes to ${upper}${by}.`)]
            : []),
      ],
    };
  },
};
