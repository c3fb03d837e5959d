/**
 * The consolidated report's files as letters attach them and the console offers them: the DOCX
 * (the report itself) and its PDF where there is one. Both are written beside the Markdown
 * (`consolidation.ts`), so a cycle whose recorded paths name only the Markdown and HTML still
 * finds them; a report assembled before DOCX existed has neither.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Language } from '../../domain/cycle';
import type { ConsolidationReportPaths } from './types';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_TYPE = 'application/pdf';

/** The names a reader sees (an attachment, a download), never the stored path. */
export const reportFileNames: Record<Language, { docx: string; pdf: string }> = {
  vi: { docx: 'bao-cao-tong-hop.docx', pdf: 'bao-cao-tong-hop.pdf' },
  en: { docx: 'consolidated-report.docx', pdf: 'consolidated-report.pdf' },
};

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}

/** Where the DOCX and the PDF of a report are, each only if it exists. */
export async function consolidatedReportFiles(paths: ConsolidationReportPaths): Promise<{ docx?: string; pdf?: string }> {
  const dir = path.dirname(paths.markdown);
  const docx = paths.docx ?? path.join(dir, 'consolidated.docx');
  const pdf = paths.pdf ?? path.join(dir, 'consolidated.pdf');
  const [hasDocx, hasPdf] = await Promise.all([isFile(docx), isFile(pdf)]);
  return { ...(hasDocx ? { docx } : {}), ...(hasPdf ? { pdf } : {}) };
}
