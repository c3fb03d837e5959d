/** The consolidated report as a standalone HTML page, printable as it is. */
import { escapeHtml } from '../text/html';
import { numberLabel } from '../text/labels';
import type { ConsolidationDocument } from './consolidation-document';

const style = `
body { font-family: 'Times New Roman', Times, serif; font-size: 14px; line-height: 1.5; color: #111; margin: 2em; }
h1 { font-size: 20px; text-align: center; margin-bottom: 0; }
h2.subtitle { font-size: 16px; text-align: center; font-weight: normal; margin-top: 4px; }
h2 { font-size: 16px; margin-top: 24px; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid #999; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.number { text-align: right; }
`;

function cells(tag: 'th' | 'td', values: string[]): string {
  return values.map((value) => `<${tag}>${escapeHtml(value)}</${tag}>`).join('');
}

export function consolidationHtml(doc: ConsolidationDocument): string {
  const numberColumn = numberLabel[doc.language];
  const parts = [
    '<!DOCTYPE html>',
    `<html lang="${doc.language}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(`${doc.title}: ${doc.subtitle}`)}</title><style>${style}</style></head>`,
    '<body>',
    `<h1>${escapeHtml(doc.title)}</h1>`,
    `<h2 class="subtitle">${escapeHtml(doc.subtitle)}</h2>`,
    `<table class="facts">${doc.facts.map(([label, value]) => `<tr>${cells('th', [label])}${cells('td', [value])}</tr>`).join('')}</table>`,
    `<h2>${escapeHtml(doc.countsHeading)}</h2>`,
    `<table class="counts"><tr>${cells('th', doc.countsColumns)}</tr>${doc.counts.map(([label, value]) => `<tr>${cells('th', [label])}<td class="number">${value}</td></tr>`).join('')}</table>`,
  ];
  for (const section of doc.sections) {
    parts.push(`<h2 id="${section.state}">${escapeHtml(section.heading)}</h2>`);
    if (section.rows.length === 0) {
      parts.push(`<p>${escapeHtml(doc.none)}</p>`);
      continue;
    }
    parts.push(
      `<table class="units"><thead><tr>${cells('th', [numberColumn, ...doc.columns])}</tr></thead><tbody>`,
      ...section.rows.map((row, index) => `<tr><td class="number">${index + 1}</td>${cells('td', row)}</tr>`),
      '</tbody></table>',
    );
  }
  parts.push('</body></html>');
  return `${parts.join('\n')}\n`;
}
