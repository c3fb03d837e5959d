/**
 * Text typed by people (notes, reasons, names) travels into Markdown, ICS, email headers and
 * operators' terminals. Control characters there forge structure (a bare CR starts a new
 * Markdown line; ESC starts an ANSI/OSC sequence that rewrites a terminal), so every sink
 * neutralises them with the one rule here. Pure: safe in the workflow sandbox.
 */

/** C0 controls except TAB, LF and CR; DEL; C1 controls; bidi overrides and isolates (Trojan Source). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
/**
 * Any line break: CRLF, a bare CR or LF, NEL and the Unicode line and paragraph separators.
 * NEL (U+0085) is a C1 control too: `stripControls`, `singleLine` and `forTerminal` turn breaks first.
 */
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029\u0085]/g;

/** True when `value` holds a character `stripControls` would remove (LF, CR and TAB are allowed). */
export function hasUnsafeControls(value: string): boolean {
  return new RegExp(UNSAFE_CONTROLS.source).test(value);
}

/** Removes control characters but keeps line breaks (normalised to LF) and tabs. */
export function stripControls(value: string): string {
  return value.replace(LINE_BREAKS, '\n').replace(UNSAFE_CONTROLS, '');
}

/** One line: control characters removed, every kind of line break (a bare CR too) made a space. */
export function singleLine(value: string): string {
  return value.replace(LINE_BREAKS, ' ').replace(UNSAFE_CONTROLS, '').replace(/\t/g, ' ');
}

/**
 * For a terminal: control characters shown visibly as `\xNN` / `\uNNNN` so an operator sees
 * that something was there, and no escape sequence reaches the terminal. Line breaks become `↵`.
 */
export function forTerminal(value: string): string {
  return value
    .replace(LINE_BREAKS, ' ↵ ')
    .replace(UNSAFE_CONTROLS, (c) => {
      const code = c.charCodeAt(0);
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    })
    .replace(/\t/g, ' ');
}
