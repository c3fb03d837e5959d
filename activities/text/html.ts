/**
 * HTML escaping for emails and documents. Text typed by people goes through the one control
 * character rule in `domain/text.ts` first: a bare CR, NEL or U+2028 is a line break like LF,
 * and ESC, NUL or a bidi override never reaches the reader.
 */
import { stripControls } from '../../domain/text';

/** Escapes text for HTML element content and double-quoted attribute values; control characters are removed. */
export function escapeHtml(value: string): string {
  return stripControls(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * Escaped text with its line breaks kept, for free text such as submission instructions.
 * Every kind of line break (CRLF, a bare CR or LF, NEL, U+2028, U+2029) becomes `<br>`.
 */
export function escapeHtmlLines(value: string): string {
  // `escapeHtml` has already made every line break an LF.
  return escapeHtml(value).replaceAll('\n', '<br>\n');
}
