/**
 * The consolidated report's files as letters attach them and the console offers them: the DOCX
 * (the report itself) and its PDF where there is one. Both are stored beside the Markdown
 * (`consolidation.ts`), so a cycle whose recorded references name only the Markdown and HTML
 * still finds them; a report assembled before DOCX existed has neither. A reference is followed
 * only into its own cycle's report folder of the store.
 */
import type { Language } from '../../domain/cycle';
import { cycleReportFolder } from '../../storage/document-keys';
import type { DocumentStore } from '../../storage/document-store';
import type { ConsolidationReportPaths } from './types';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_TYPE = 'application/pdf';

/** The names a reader sees (an attachment, a download), never the stored path. */
export const reportFileNames: Record<Language, { docx: string; pdf: string }> = {
  vi: { docx: 'bao-cao-tong-hop.docx', pdf: 'bao-cao-tong-hop.pdf' },
  en: { docx: 'consolidated-report.docx', pdf: 'consolidated-report.pdf' },
};

/** The key of a document the cycle recorded (a store URI, or a host path of a cycle recorded before), only inside its report folder. */
export function reportKeyOf(store: DocumentStore, cycleId: string, reference: string): string | undefined {
  return store.keyOf(reference, cycleReportFolder(cycleId));
}

/** The keys of the report's files, each only when it lies in the cycle's report folder; DOCX and PDF only if stored. */
export async function consolidatedReportKeys(store: DocumentStore, cycleId: string, paths: ConsolidationReportPaths): Promise<{ markdown?: string; html?: string; docx?: string; pdf?: string }> {
  const markdown = reportKeyOf(store, cycleId, paths.markdown);
  const html = reportKeyOf(store, cycleId, paths.html);
  const beside = (name: string) => (markdown ? `${markdown.slice(0, markdown.lastIndexOf('/'))}/${name}` : undefined);
  const docx = paths.docx !== undefined ? reportKeyOf(store, cycleId, paths.docx) : beside('consolidated.docx');
  const pdf = paths.pdf !== undefined ? reportKeyOf(store, cycleId, paths.pdf) : beside('consolidated.pdf');
  const [hasDocx, hasPdf] = await Promise.all([docx ? store.has(docx) : false, pdf ? store.has(pdf) : false]);
  return { ...(markdown ? { markdown } : {}), ...(html ? { html } : {}), ...(hasDocx ? { docx } : {}), ...(hasPdf ? { pdf } : {}) };
}
