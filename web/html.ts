/**
 * HTML for the web app: hono's `html` tagged template escapes every interpolated value; `raw`
 * marks what is already HTML. `say` picks the reader's language from a bilingual pair, the
 * one way pages carry both languages.
 */
import type { Language } from '../domain/cycle';
export { html, raw } from 'hono/html';

export type Bilingual = Record<Language, string>;

export const say = (language: Language, text: Bilingual): string => text[language];
