/** The consolidated report as Markdown (CommonMark with GitHub tables). */
import { singleLine } from '../../domain/text';
import { numberLabel } from '../text/labels';
import type { ConsolidationDocument } from './consolidation-document';

/**
 * Keeps a value on one line and backslash-escapes the punctuation Markdown would act on inside
 * a line (emphasis, code, links, HTML, entities, table cells). The line rule is the one in
 * `domain/text.ts`: every kind of line break (a bare CR, NEL, U+2028 too) becomes a space, so
 * a note cannot start a line of its own and forge a heading or a table row; ESC, NUL and bidi
 * overrides are removed. Parentheses stay as they are: with brackets escaped they cannot form a link.
 */
export function escapeMarkdown(value: string): string {
  return singleLine(value).replace(/[\\`*_{}[\]<>#|~&]/g, (char) => `\\${char}`);
}

function tableRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function consolidationMarkdown(doc: ConsolidationDocument): string {
  const numberColumn = numberLabel[doc.language];
  const lines = [
    `# ${escapeMarkdown(doc.title)}`,
    '',
    `## ${escapeMarkdown(doc.subtitle)}`,
    '',
    ...doc.facts.map(([label, value]) => `- **${escapeMarkdown(label)}:** ${escapeMarkdown(value)}`),
    '',
    `## ${escapeMarkdown(doc.countsHeading)}`,
    '',
    tableRow(doc.countsColumns.map(escapeMarkdown)),
    tableRow(['---', '---:']),
    ...doc.counts.map(([label, value]) => tableRow([escapeMarkdown(label), String(value)])),
  ];
  for (const section of doc.sections) {
    lines.push('', `## ${escapeMarkdown(section.heading)}`, '');
    if (section.rows.length === 0) {
      lines.push(escapeMarkdown(doc.none));
      continue;
    }
    lines.push(tableRow([numberColumn, ...doc.columns.map(escapeMarkdown)]), tableRow(['---:', ...doc.columns.map(() => '---')]));
    section.rows.forEach((row, index) => lines.push(tableRow([String(index + 1), ...row.map(escapeMarkdown)])));
  }
  return `${lines.join('\n')}\n`;
}
