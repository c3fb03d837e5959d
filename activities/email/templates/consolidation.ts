/** The cycle is consolidated: counts, who is missing, and both report files attached. */
import { unitStateLabels, totalLabel, unitStatesInReportOrder } from '../../text/labels';
import type { Language } from '../../../domain/cycle';
import type { ConsolidationCounts } from '../../documents/types';
import { facts, heading, list, paragraph, strong, type EmailTemplate } from './content';
import { cyclePageLink, deadline, names, reportedOf, reportName, subjectLine } from './phrases';

/** Attachment names, per language. */
export const consolidationFilenames: Record<Language, { markdown: string; html: string; csv: string }> = {
  vi: { markdown: 'bao-cao-tong-hop.md', html: 'bao-cao-tong-hop.html', csv: 'danh-sach-don-vi.csv' },
  en: { markdown: 'consolidated-report.md', html: 'consolidated-report.html', csv: 'units.csv' },
};

export function countFacts(counts: ConsolidationCounts, language: Language): [string, string][] {
  return [...unitStatesInReportOrder.map((state): [string, string] => [unitStateLabels[language][state], String(counts[state])]), [totalLabel[language], String(counts.total)]];
}

const reported = reportedOf;

export const consolidation: EmailTemplate<'consolidation'> = {
  vi: ({ cycle, data, to }, links) => {
    const upper = data.upperLevels.join('; ');
    return {
      subject: subjectLine(cycle, 'consolidation', `${reported(data.counts)} đơn vị đã nộp`),
      addressee: names(to),
      blocks: [
        paragraph(`Đã tổng hợp ${reportName(cycle)}: `, strong(`${reported(data.counts)} đơn vị đã nộp`), '. Báo cáo tổng hợp được đính kèm (định dạng Markdown và HTML).'),
        facts(...countFacts(data.counts, 'vi')),
        ...(data.missing.length ? [heading(`Đơn vị chưa nộp (${data.missing.length})`), list(data.missing)] : []),
        ...(upper
          ? [paragraph(`Sau khi lãnh đạo Ban phê duyệt, báo cáo tổng hợp được gửi ${upper}`, data.dueAt ? ` trước ${deadline(cycle, data.dueAt)}.` : '.')]
          : []),
        ...(data.approve ? cyclePageLink(cycle, links, 'approve') : []),
      ],
    };
  },
  en: ({ cycle, data, to }, links) => {
    const upper = data.upperLevels.join('; ');
    return {
      subject: subjectLine(cycle, 'consolidation', `${reported(data.counts)} units reported`),
      addressee: names(to),
      blocks: [
        paragraph(`The ${reportName(cycle)} is consolidated: `, strong(`${reported(data.counts)} units reported`), '. The consolidated report is attached (Markdown and HTML).'),
        facts(...countFacts(data.counts, 'en')),
        ...(data.missing.length ? [heading(`Units that did not report (${data.missing.length})`), list(data.missing)] : []),
        ...(upper ? [paragraph(`Once approved by the leaders, the report goes to ${upper}`, data.dueAt ? ` by ${deadline(cycle, data.dueAt)}.` : '.')] : []),
        ...(data.approve ? cyclePageLink(cycle, links, 'approve') : []),
      ],
    };
  },
};
