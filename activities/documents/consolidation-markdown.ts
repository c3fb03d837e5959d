/** The consolidated report as Markdown (CommonMark with GitHub tables). */
import type { ConsolidationDocument } from './consolidation-document';

/**
 * Backslash-escapes the punctuation Markdown would act on inside a line (emphasis, code, links,
 * HTML, entities, table cells), and keeps a value on one line. Parentheses stay as they are:
 * with brackets escaped they cannot form a link.
 */
export function escapeMarkdown(value: string): string {
  return value.replace(/\r?\n/g, ' ').replace(/[\\`*_{}[\]<>#|~&]/g, (char) => `\\${char}`);
}

function tableRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function consolidationMarkdown(doc: ConsolidationDocument): string {
  const numberColumn = doc.language === 'vi' ? 'STT' : 'No.';
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
