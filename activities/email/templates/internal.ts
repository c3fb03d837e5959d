/**
 * Phrases of the Board's internal letters (to its leaders and its own staff) and of its letter
 * up: who writes, how a comrade and a leader are addressed, the Board's own report, the draft it
 * encloses, the upper levels in a sentence.
 */
import type { Language, Recipient } from '../../../domain/cycle';
import type { CycleEmailContext } from '../types';
import { onPaper, reportName } from './phrases';

/**
 * The division that follows the report and writes to its leaders ("Phòng Đoàn thể"); the
 * issuer on cycles started before the plan named one.
 */
export function division(cycle: CycleEmailContext): string {
  return cycle.contact?.division ?? cycle.issuer.name;
}

/** The division inside an English sentence: "the Mass Organisations Division"; as written in Vietnamese. */
export function theDivision(cycle: CycleEmailContext): string {
  return withArticle(division(cycle), cycle.language);
}

/** "Standing Committee of …" reads "the Standing Committee of …" in English. */
function withArticle(name: string, language: Language): string {
  return language === 'en' && !/^the\s/i.test(name) ? `the ${name}` : name;
}

/** `1 unit`, `2 units`; Vietnamese nouns do not change. */
export function units(count: number, language: Language): string {
  return language === 'vi' ? `${count} đơn vị` : `${count} unit${count === 1 ? '' : 's'}`;
}

/** A person as the console records who acted ("Đặng Hồng Sỹ <dang-hong-sy@example.org>"), by name alone in a sentence. */
export function personName(by: string): string {
  return by.replace(/\s*<[^<>]*>\s*$/, '') || by;
}

/** `Đồng chí Đặng Hồng Sỹ`: how the Board addresses one of its own (a name the plan already wrote so is kept). */
export function comrade(recipient: { name: string }, language: Language): string {
  return language === 'vi' && !/^đồng chí\s/i.test(recipient.name) ? `Đồng chí ${recipient.name}` : recipient.name;
}

/** Each recipient as a comrade, for a letter to several staff at once. */
export function comrades(recipients: { name: string }[], language: Language): string {
  return recipients.map((r) => comrade(r, language)).join('; ');
}

/**
 * A leader's position in full: "Trưởng ban" of "Ban Dân vận Tỉnh ủy Bình Thuận" is "Trưởng Ban
 * Dân vận Tỉnh ủy Bình Thuận" (the board's name replaces "ban"); other roles as the plan writes them.
 */
export function position(roleLabel: string, cycle: CycleEmailContext): string {
  const issuer = cycle.issuer.name;
  if (cycle.language === 'vi' && /(^|\s)[Tt]rưởng ban$/.test(roleLabel) && /^Ban\s/.test(issuer)) return `${roleLabel.slice(0, -'ban'.length)}${issuer}`;
  return roleLabel;
}

/** `Đồng chí Đặng Hồng Sỹ, Trưởng Ban Dân vận Tỉnh ủy Bình Thuận`. */
export function leaderAddressee(recipients: Recipient[], roleLabel: string, cycle: CycleEmailContext): string {
  return `${comrades(recipients, cycle.language)}, ${position(roleLabel, cycle)}`;
}

/** `Ban Thường vụ Tỉnh ủy và Ban Dân vận Trung ương`; empty when the plan names no upper level. */
export function upperLevelsInWords(levels: string[], language: Language): string {
  const named = levels.map((level) => withArticle(level, language));
  if (named.length <= 1) return named.join('');
  const and = language === 'vi' ? ' và ' : ' and ';
  return `${named.slice(0, -1).join(', ')}${and}${named.at(-1)}`;
}

/** The report's name inside a sentence: "Kế hoạch thực hiện …" reads "kế hoạch thực hiện …". */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}

/**
 * The Board's own report, inside a sentence: it bears the units' report's name ("báo cáo tình
 * hình nhân dân … tháng 3/2020"); on the units' plans (item III.1) it is a report on them.
 */
export function boardReport(cycle: CycleEmailContext): string {
  const name = reportName(cycle);
  const plan = cycle.reportType.document === 'plan';
  if (cycle.language === 'vi') return plan ? `báo cáo tổng hợp ${lowerFirst(name)}` : lowerFirst(name);
  return plan ? `the consolidated report on the ${name}` : `the ${name}`;
}

/**
 * What the letter says of the draft it carries: attached, or, for a report that travels on paper
 * only (nothing of it goes by email), that it is on paper.
 */
export function draftEnclosed(cycle: CycleEmailContext): string {
  if (cycle.language === 'vi') {
    return onPaper(cycle)
      ? 'Báo cáo này chỉ gửi bằng văn bản giấy nên dự thảo không gửi kèm thư điện tử; bản giấy trình theo đường văn thư.'
      : 'Gửi kèm thư này: dự thảo báo cáo tổng hợp và bảng theo dõi tình hình gửi báo cáo của các đơn vị.';
  }
  return onPaper(cycle)
    ? 'This report travels on paper only, so the draft is not attached; it is presented on paper through the clerical office.'
    : 'Attached: the draft consolidated report and the sheet tracking what each unit sent.';
}
