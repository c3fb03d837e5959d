/** The approved consolidated report, to one upper level: a formal letter with the report attached. */
import { countFacts } from './consolidation';
import { facts, paragraph, type EmailTemplate } from './content';
import { reportedOf, reportName, subjectLine, when } from './phrases';

export const upwardReport: EmailTemplate<'upward-report'> = {
  vi: ({ cycle, data }) => {
    const plan = cycle.issuer.documentNumber ? `Thực hiện Kế hoạch số ${cycle.issuer.documentNumber}, ` : '';
    return {
      subject: subjectLine(cycle, 'upward-report', cycle.issuer.name),
      addressee: data.upperLevel,
      blocks: [
        paragraph(`${plan}${cycle.issuer.name} trân trọng gửi ${data.upperLevel} ${reportName(cycle)}, tổng hợp từ báo cáo của các đơn vị (${reportedOf(data.counts)} đơn vị đã báo cáo).`),
        facts(['Báo cáo', cycle.reportType.title], ['Kỳ báo cáo', cycle.period.label], ...countFacts(data.counts, 'vi')),
        paragraph(`Báo cáo đã được lãnh đạo ${cycle.issuer.name} phê duyệt lúc ${when(cycle, data.approvedAt)}. Kèm theo thư này: báo cáo tổng hợp (định dạng HTML và Markdown) và danh sách các đơn vị (CSV).`),
      ],
    };
  },
  en: ({ cycle, data }) => {
    const plan = cycle.issuer.documentNumber ? `Under plan No. ${cycle.issuer.documentNumber}, the ` : 'The ';
    return {
      subject: subjectLine(cycle, 'upward-report', cycle.issuer.name),
      addressee: data.upperLevel,
      blocks: [
        paragraph(`${plan}${cycle.issuer.name} submits to the ${data.upperLevel} the ${reportName(cycle)}, consolidated from the units' reports (${reportedOf(data.counts)} units reported).`),
        facts(['Report', cycle.reportType.title], ['Period', cycle.period.label], ...countFacts(data.counts, 'en')),
        paragraph(`The report was approved by the leaders of the ${cycle.issuer.name} at ${when(cycle, data.approvedAt)}. Attached: the consolidated report (HTML and Markdown) and the list of units (CSV).`),
      ],
    };
  },
};
