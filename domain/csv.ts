/**
 * CSV for spreadsheets (RFC 4180): the unit lists attached to escalation digests and
 * consolidation emails, the web console's matrix export. Opened by Excel on an office PC, so three things beyond the RFC:
 * - a UTF-8 byte order mark first: without it Excel reads the file in the PC's ANSI code page
 *   and Vietnamese diacritics come out garbled;
 * - control characters removed by the one rule in `domain/text.ts` (line breaks inside a field
 *   are kept, as LF inside quotes: Excel shows them as a line break in the cell);
 * - formula injection neutralised: a text field that a spreadsheet would run as a formula
 *   (`=`, `+`, `-`, `@`, TAB, CR or LF first) gets a leading `'`, so `=HYPERLINK(…)` typed into a
 *   note stays text. Numbers passed as numbers are written as they are: `-3` stays a number.
 */
import { stripControls } from './text';

export type CsvField = string | number | undefined;

/** Excel reads a file that starts with the UTF-8 BOM as UTF-8. */
const UTF8_BOM = '\uFEFF';
/** RFC 4180 ends every record with CRLF. */
const RECORD_END = '\r\n';
/**
 * Characters a spreadsheet starts a formula (or DDE command) with (OWASP "CSV injection").
 * CR cannot survive `stripControls`, which makes it LF; LF is listed for that reason.
 */
const FORMULA_START = /^[=+\-@\t\r\n]/;
/** RFC 4180 §2.6: a field holding a quote, a comma or a line break is enclosed in quotes. */
const NEEDS_QUOTES = /[",\r\n]/;

function textField(value: string): string {
  const clean = stripControls(value);
  const safe = FORMULA_START.test(clean) ? `'${clean}` : clean;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function field(value: CsvField): string {
  if (value === undefined) return '';
  // A finite number is digits, a sign, a point or an exponent: nothing to quote or neutralise.
  // NaN and ±Infinity are written as text, so `-Infinity` cannot pass for a formula.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : textField(String(value));
  return textField(value);
}

function record(fields: CsvField[]): string {
  // A record of one empty field would be an empty line, which many readers skip.
  if (fields.length === 1 && field(fields[0]) === '') return `""${RECORD_END}`;
  return `${fields.map(field).join(',')}${RECORD_END}`;
}

/**
 * The CSV text: a UTF-8 BOM, the header record, then one record per row, every record ending
 * in CRLF. `undefined` is an empty field. Throws a RangeError when a row's length differs from
 * the header's, since a spreadsheet would shift every later column of that row.
 */
export function toCsv(columns: string[], rows: (string | number | undefined)[][]): string {
  if (columns.length === 0) throw new RangeError('Invalid CSV: expected at least one column, received none');
  const lines = [record(columns)];
  rows.forEach((row, index) => {
    if (row.length !== columns.length) {
      throw new RangeError(`Invalid CSV row ${index + 1}: expected ${columns.length} fields (${columns.join(', ')}), received ${row.length}`);
    }
    lines.push(record(row));
  });
  return UTF8_BOM + lines.join('');
}
