/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Escaped text with its line breaks kept, for free text such as submission instructions. */
export function escapeHtmlLines(value: string): string {
  return escapeHtml(value).replace(/\r?\n/g, '<br>\n');
}
