/** Words the schedule writes into cycles, in the plan's language. */
import type { Language } from '../cycle';
import type { YearMonth } from './types';

const ENGLISH_MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/** `tháng 1/2020` · `January 2020`: the way a letter names a monthly period. */
export function monthLabel(month: YearMonth, language: Language): string {
  const year = month.slice(0, 4);
  const monthNumber = Number(month.slice(5, 7));
  return language === 'vi' ? `tháng ${monthNumber}/${year}` : `${ENGLISH_MONTHS[monthNumber - 1]} ${year}`;
}

/** Shown in the notice when the plan says nothing about how to submit. */
export const DEFAULT_SUBMISSION_INSTRUCTIONS: Record<Language, string> = {
  vi: 'Gửi báo cáo bằng cách trả lời thư này, kèm tệp báo cáo.',
  en: 'Submit the report by replying to this email with the report attached.',
};

/** Joins the role labels of an escalation step: `Trưởng ban, Phó Trưởng ban`. */
export function joinLabels(labels: readonly string[], language: Language): string {
  if (labels.length <= 1) return labels.join('');
  const last = labels[labels.length - 1];
  const joiner = language === 'vi' ? ' và ' : ' and ';
  return `${labels.slice(0, -1).join(', ')}${joiner}${last}`;
}
