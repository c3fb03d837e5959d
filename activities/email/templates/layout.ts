/** Renders template content as the letter both bodies share: addressee, content, whom to contact, closing, signature. */
import type { Language } from '../../../domain/cycle';
import { escapeHtml, escapeHtmlLines } from '../../text/html';
import type { CycleEmailContext } from '../types';
import type { Block, EmailContent, Inline } from './content';
import { recipientOffice } from './phrases';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const words: Record<Language, { to: string; closing: string; number: string; footer: string }> = {
  vi: {
    to: 'Kính gửi:',
    closing: 'Trân trọng./.',
    number: 'STT',
    footer: 'Thư này được gửi tự động từ hệ thống theo dõi kỳ hạn báo cáo (kyhan).',
  },
  en: {
    to: 'To:',
    closing: 'Yours faithfully,',
    number: 'No.',
    footer: 'This message was sent automatically by the reporting deadline system (kyhan).',
  },
};

const cellStyle = 'border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top';

function inlineHtml(text: Inline[]): string {
  return text.map((part) => (typeof part === 'string' ? escapeHtmlLines(part) : `<strong>${escapeHtml(part.strong)}</strong>`)).join('');
}

function inlineText(text: Inline[]): string {
  return text.map((part) => (typeof part === 'string' ? part : part.strong)).join('');
}

function blockHtml(block: Block, language: Language): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${inlineHtml(block.text)}</p>`;
    case 'heading':
      return `<h3 style="font-size:16px;margin:16px 0 8px">${escapeHtml(block.text)}</h3>`;
    case 'facts':
      return `<table style="border-collapse:collapse;margin:8px 0">${block.rows
        .map(([label, value]) => `<tr><th style="${cellStyle};background:#f3f3f3">${escapeHtml(label)}</th><td style="${cellStyle}">${escapeHtml(value)}</td></tr>`)
        .join('')}</table>`;
    case 'list':
      return `<ol>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ol>`;
    case 'table': {
      const head = [words[language].number, ...block.head].map((cell) => `<th style="${cellStyle};background:#f3f3f3">${escapeHtml(cell)}</th>`).join('');
      const rows = block.rows
        .map((row, index) => `<tr>${[String(index + 1), ...row].map((cell) => `<td style="${cellStyle}">${escapeHtml(cell)}</td>`).join('')}</tr>`)
        .join('');
      return `<table style="border-collapse:collapse;margin:8px 0"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    }
    case 'action':
      return [
        `<p style="margin:16px 0"><a href="${escapeHtml(block.href)}" style="display:inline-block;padding:8px 16px;background:#8b0000;color:#fff;text-decoration:none;font-weight:bold">${escapeHtml(block.label)}</a></p>`,
        `<p style="font-size:13px;color:#444">${escapeHtml(block.note ?? '')} <a href="${escapeHtml(block.href)}">${escapeHtml(block.href)}</a></p>`,
      ].join('\n');
  }
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return inlineText(block.text);
    case 'heading':
      return block.text.toLocaleUpperCase('vi');
    case 'facts':
      return block.rows.map(([label, value]) => `- ${label}: ${value}`).join('\n');
    case 'list':
      return block.items.map((item, index) => `${index + 1}. ${item}`).join('\n');
    case 'table':
      return block.rows
        .map((row, index) => {
          const [first = '', ...rest] = row;
          const labelled = rest.map((cell, column) => `${block.head[column + 1] ?? ''}: ${cell}`);
          return `${index + 1}. ${[first, ...labelled].join('; ')}`;
        })
        .join('\n');
    case 'action':
      // The note leads into the address in HTML ("…:"); under it, in text, it needs no colon.
      return `${block.label}:\n${block.href}${block.note ? `\n(${block.note.replace(/:$/, '')})` : ''}`;
  }
}

/**
 * `Mọi thông tin xin liên hệ: Phòng Đoàn thể, Ban Dân vận Tỉnh ủy Bình Thuận; đồng chí …; điện
 * thoại …`: whom to ask, from the cycle's contact; nothing for a cycle without one.
 */
export function contactLine(cycle: CycleEmailContext): Block[] {
  const { contact, language } = cycle;
  if (!contact) return [];
  const vi = language === 'vi';
  const person = contact.person && (vi && !/^đồng chí /i.test(contact.person) ? `đồng chí ${contact.person}` : contact.person);
  const parts = [
    recipientOffice(cycle),
    person,
    contact.phone && (vi ? `điện thoại ${contact.phone}` : `telephone ${contact.phone}`),
    contact.email && (vi ? `thư điện tử ${contact.email}` : `email ${contact.email}`),
  ].filter(Boolean);
  return [{ type: 'paragraph', text: [vi ? 'Mọi thông tin xin liên hệ: ' : 'For any question, please contact: ', `${parts.join('; ')}.`] }];
}

export function renderLetter(content: EmailContent, cycle: CycleEmailContext): RenderedEmail {
  const { language } = cycle;
  const w = words[language];
  const signature = (content.signedBy ?? cycle.issuer.name).toLocaleUpperCase(language);
  const blocks = [...content.blocks, ...(content.contact === false ? [] : contactLine(cycle))];
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="font-family:\'Times New Roman\',Times,serif;font-size:15px;line-height:1.5;color:#111">',
    `<p><strong>${escapeHtml(w.to)}</strong> ${escapeHtml(content.addressee)}</p>`,
    ...blocks.map((block) => blockHtml(block, language)),
    `<p>${escapeHtml(w.closing)}</p>`,
    `<p><strong>${escapeHtml(signature)}</strong></p>`,
    `<hr><p style="font-size:12px;color:#666">${escapeHtml(w.footer)}</p>`,
    '</body></html>',
  ].join('\n');
  const text = [
    `${w.to} ${content.addressee}`,
    ...blocks.map(blockText),
    w.closing,
    signature,
    `--\n${w.footer}`,
  ].join('\n\n');
  return { subject: content.subject, html, text: `${text}\n` };
}
