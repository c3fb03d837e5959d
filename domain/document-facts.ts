/**
 * A submitted document as people know it — its number, date and signer ("Báo cáo số
 * 45-BC/MTTQ-BTT ngày 16/3/2020") — and the rules every door shares for those facts: what a
 * document date may be, what a reader may see (never where the file is stored), and a report
 * type that travels on paper only. The CLI, the unit's page, the console and the receipt's
 * data all ask this module. Pure: safe inside the workflow sandbox.
 */
import type { CycleSpec, Language } from './cycle';
import type { DocumentRef } from './unit-requests';

/**
 * The `uri` of a document recorded without a file (its arrival on paper, with its number and
 * date): a request's document needs a `uri`, and this one points nowhere.
 */
export const PAPER_URI = 'paper:';

/** What a reader may see of a document: number, date, signer and file name; never its `uri`. */
export interface DocumentFacts {
  number?: string;
  date?: string;
  signer?: string;
  name?: string;
}

/** Whether a stored file stands behind the reference (not a paper arrival). */
export function hasFile(document: DocumentRef): boolean {
  return document.uri !== PAPER_URI;
}

/** The reader's view of a document: only the facts it has, never where it is stored. */
export function documentFacts(document: DocumentRef): DocumentFacts {
  const { number, date, signer, name } = document;
  return { ...(number ? { number } : {}), ...(date ? { date } : {}), ...(signer ? { signer } : {}), ...(name ? { name } : {}) };
}

/** How many files came with a submission: its document unless it arrived on paper, and its attachments. */
export function fileCount(submission: { document?: DocumentRef; attachments?: DocumentRef[] }): number {
  return [submission.document, ...(submission.attachments ?? [])].filter((d) => d !== undefined && hasFile(d)).length;
}

/** A document dated before the state's founding is a typing slip, not an old report. */
const EARLIEST_YEAR = 1945;

/**
 * What is wrong with a document date, if anything: `format` when it is not a real calendar
 * date written `YYYY-MM-DD` (from 1945 on), `future` when it is after `today` (`YYYY-MM-DD`, in
 * the cycle's zone; without it, only the form is checked): a report is dated the day it is signed.
 */
export function documentDateProblem(value: string, today?: string): 'format' | 'future' | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return 'format';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < EARLIEST_YEAR) return 'format';
  return today !== undefined && value > today ? 'future' : undefined;
}

/** `2020-03-16` as Vietnamese documents write it in running text (`16/3/2020`); in English as it is. */
export function documentDateText(date: string, language: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m && language === 'vi' ? `${Number(m[3])}/${Number(m[2])}/${m[1]}` : date;
}

/**
 * The document in one phrase, as a register logs it: `số 45-BC/MTTQ-BTT ngày 16/3/2020, người ký
 * Nguyễn Văn An` (`No. 45-BC/MTTQ-BTT of 2020-03-16, signed by Nguyễn Văn An`); empty when the
 * submission gave none of the three.
 */
export function documentPhrase(document: DocumentFacts, language: Language): string {
  const vi = language === 'vi';
  const parts = [
    document.number ? (vi ? `số ${document.number}` : `No. ${document.number}`) : '',
    document.date ? (vi ? `ngày ${documentDateText(document.date, language)}` : `of ${document.date}`) : '',
  ].filter(Boolean);
  const signed = document.signer ? (vi ? `người ký ${document.signer}` : `signed by ${document.signer}`) : '';
  return [parts.join(' '), signed].filter(Boolean).join(', ');
}

/** Whether the cycle's report travels on paper only (it may be classified): no upload, no file. */
export function travelsOnPaper(cycle: { reportType: Pick<CycleSpec['reportType'], 'delivery'> }): boolean {
  return cycle.reportType.delivery === 'paper';
}
