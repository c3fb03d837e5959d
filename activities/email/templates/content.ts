/**
 * What a template says, as a few kinds of block. Each kind's template writes its content once;
 * the layout turns it into the HTML and plain-text bodies, escaping every value for HTML in one
 * place, so the two bodies cannot drift apart and no value reaches the HTML unescaped.
 */
import type { Language } from '../../../domain/cycle';
import type { EmailKind, EmailRequestOf } from '../types';

export type Inline = string | { strong: string };

export type Block =
  | { type: 'paragraph'; text: Inline[] }
  | { type: 'heading'; text: string }
  /** Label–value pairs: what report, which period, by when. */
  | { type: 'facts'; rows: [label: string, value: string][] }
  | { type: 'list'; items: string[] }
  /** Rows are numbered by the layout. */
  | { type: 'table'; head: string[]; rows: string[][] };

export interface EmailContent {
  subject: string;
  /** Who the letter is addressed to, after "Kính gửi:". */
  addressee: string;
  blocks: Block[];
}

export type EmailTemplate<K extends EmailKind> = Record<Language, (req: EmailRequestOf<K>) => EmailContent>;

export const paragraph = (...text: Inline[]): Block => ({ type: 'paragraph', text });
export const strong = (text: string): Inline => ({ strong: text });
export const heading = (text: string): Block => ({ type: 'heading', text });
export const facts = (...rows: [string, string][]): Block => ({ type: 'facts', rows });
export const list = (items: string[]): Block => ({ type: 'list', items });
export const table = (head: string[], rows: string[][]): Block => ({ type: 'table', head, rows });
