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
  | { type: 'table'; head: string[]; rows: string[][] }
  /** A link the reader acts on (their report page, the cycle's page): a button in HTML, the address in text. */
  | { type: 'action'; label: string; href: string; note?: string };

export interface EmailContent {
  subject: string;
  /** Who the letter is addressed to, after "Kính gửi:". */
  addressee: string;
  blocks: Block[];
  /** `false`: no contact line at the end (the layout adds the cycle's contact to every other letter). */
  contact?: false;
  /** Who signs, when not the issuer: the division writing an internal note to its leader ("Phòng Đoàn thể"). */
  signedBy?: string;
}

/**
 * Addresses in the web app this message may point to, made by the email activity (they are
 * signed with the server secret, which never enters workflow history). Absent when the worker
 * has no web app configured: the letter then says nothing about links.
 */
export interface EmailLinks {
  /** The unit's own report page for this cycle (a signed link, valid until the cut-off). */
  unitPage?: string;
  /** The cycle's page in the staff console (sign-in needed). */
  cyclePage?: string;
}

export type EmailTemplate<K extends EmailKind> = Record<Language, (req: EmailRequestOf<K>, links: EmailLinks) => EmailContent>;

export const paragraph = (...text: Inline[]): Block => ({ type: 'paragraph', text });
export const strong = (text: string): Inline => ({ strong: text });
export const heading = (text: string): Block => ({ type: 'heading', text });
export const facts = (...rows: [string, string][]): Block => ({ type: 'facts', rows });
export const list = (items: string[]): Block => ({ type: 'list', items });
export const table = (head: string[], rows: string[][]): Block => ({ type: 'table', head, rows });
export const action = (label: string, href: string, note?: string): Block => ({ type: 'action', label, href, ...(note ? { note } : {}) });
