import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consolidationDocument, type ConsolidationCycle } from '../../activities/documents/consolidation-document';
import { consolidationHtml } from '../../activities/documents/consolidation-html';
import { consolidationMarkdown } from '../../activities/documents/consolidation-markdown';
import type { ConsolidationUnitRow } from '../../activities/documents/types';
import { dueEventCalendar } from '../../activities/email/ics';
import { escapeHtml, escapeHtmlLines } from '../../activities/text/html';
import { escapeIcsText, foldIcsLine, scheduleToIcs } from '../../domain/schedule/ics';
import type { ScheduledCycle } from '../../domain/schedule/types';

/** Text a submitter could type into a note, a reason, a name or a document reference. */
const hostile = {
  bareCr: 'a\rb',
  osc: '\u001b]0;x\u0007',
  lineSeparator: '\u2028# Heading',
  bidiOverride: '\u202Eevil',
  nul: 'n\u0000ul',
  nel: 'x\u0085## Forged',
  crHeading: 'ok\r# Forged heading\r| forged | row |',
};
const allHostile = Object.values(hostile).join(' ');

/** Every line break a reader (a Markdown renderer, an editor, a calendar program) might honour. */
// eslint-disable-next-line no-control-regex -- vertical tab and form feed break lines in some editors
const ANY_LINE_BREAK = /\r\n|[\r\n\u2028\u2029\u0085\u000B\u000C]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

const cycle: ConsolidationCycle = {
  id: 'plan/report/2020-01',
  planId: 'plan',
  language: 'vi',
  timeZone: 'Asia/Ho_Chi_Minh',
  issuer: { name: `Ban Dân vận ${hostile.bareCr}`, documentNumber: '129-KH/BDVTU' },
  reportType: { id: 'report', title: `Báo cáo ${hostile.lineSeparator}` },
  period: { id: '2020-01', label: 'tháng 1/2020' },
  dueAt: '2020-02-05T17:00:00+07:00',
  cutoffAt: '2020-02-12T17:00:00+07:00',
  submissionInstructions: allHostile,
  upperLevels: [hostile.nel],
};

function unit(state: ConsolidationUnitRow['state'], text: string): ConsolidationUnitRow {
  return {
    unitId: 'unit',
    name: text,
    shortName: text,
    state,
    submittedBy: text,
    note: text,
    documentRef: text,
    ...(state === 'submitted' ? { submittedAt: '2020-02-04T09:30:00+07:00' } : {}),
  };
}

function markdownOf(rows: ConsolidationUnitRow[]): string {
  return consolidationMarkdown(consolidationDocument(cycle, rows, '2020-02-13T08:00:00+07:00').document);
}

/** The cells of a GitHub table row, counting only separators that are not backslash-escaped. */
function tableCells(line: string): number {
  let pipes = 0;
  for (let i = 0; i < line.length; i += 1) {
    if (line[i] === '\\') i += 1;
    else if (line[i] === '|') pipes += 1;
  }
  return pipes - 1;
}

/** Strings built mostly of the characters that forge structure, mixed with any code point. */
const hostileString = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\r', '\n', '\r\n', '\u2028', '\u2029', '\u0085', '\u000B', '\u000C', '\u001b', '\u0000', '\u0007', '\u202E', '\u2066', '\t', '|', '#', '\\', '-', '*', '`', '<'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});

describe('consolidated Markdown with text from submitters', () => {
  it('forges no heading or table row from a bare CR, NEL, U+2028 or ESC, and removes control characters', () => {
    const markdown = markdownOf(Object.values(hostile).map((text, i) => unit(i % 2 ? 'submitted' : 'missing', text)));

    const lines = markdown.split(ANY_LINE_BREAK);
    const headings = lines.filter((line) => /^\s*#/.test(line));
    expect(headings).toEqual([
      '# BÁO CÁO TỔNG HỢP',
      '## Báo cáo  \\# Heading tháng 1/2020',
      '## Số liệu tổng hợp',
      '## Chưa nộp (4)',
      '## Nộp muộn (0)',
      '## Nộp đúng hạn (3)',
      '## Miễn nộp (0)',
    ]);
    expect(markdown).not.toMatch(RAW_CONTROL);
    expect(markdown).not.toMatch(/[\r\u2028\u2029\u0085]/);
    expect(lines.filter((line) => line.startsWith('|')).every((line) => line.endsWith(' |'))).toBe(true);
    expect(lines.filter((line) => /^\| \d+ \|/.test(line)).map(tableCells)).toEqual(Array(7).fill(6));
  });

  it('keeps the text readable: breaks become spaces, the words stay', () => {
    const markdown = markdownOf([unit('missing', allHostile)]);

    expect(markdown).toContain('- **Cơ quan tổng hợp:** Ban Dân vận a b');
    expect(markdown).toContain('| 1 | a b \\]0;x  \\# Heading evil nul x \\#\\# Forged ok \\# Forged heading \\| forged \\| row \\|');
  });

  it('keeps every unit row on one line and its six cells intact, whatever the text', () => {
    const baseline = markdownOf([unit('missing', 'x')]).split(ANY_LINE_BREAK).length;
    fc.assert(
      fc.property(hostileString, (text) => {
        const lines = markdownOf([unit('missing', text)]).split(ANY_LINE_BREAK);
        expect(lines).toHaveLength(baseline);
        const rows = lines.filter((line) => line.startsWith('| 1 |'));
        expect(rows).toHaveLength(1);
        expect(tableCells(rows[0]!)).toBe(6);
        expect(rows[0]).not.toMatch(RAW_CONTROL);
      }),
      { numRuns: 500 },
    );
  });
});

describe('HTML helper with text from submitters', () => {
  it('turns a bare CR, CRLF, NEL and the Unicode line and paragraph separators into <br>, like LF', () => {
    expect(escapeHtmlLines('a\rb')).toBe('a<br>\nb');
    expect(escapeHtmlLines('a\r\nb\nc')).toBe('a<br>\nb<br>\nc');
    expect(escapeHtmlLines(hostile.lineSeparator)).toBe('<br>\n# Heading');
    expect(escapeHtmlLines('a\u2029b\u0085c')).toBe('a<br>\nb<br>\nc');
  });

  it('removes ESC, BEL, NUL and bidi overrides and still escapes markup', () => {
    expect(escapeHtml(hostile.osc)).toBe(']0;x');
    expect(escapeHtml(hostile.bidiOverride)).toBe('evil');
    expect(escapeHtml(hostile.nul)).toBe('nul');
    expect(escapeHtml('<b>\u001b[31m"x"</b>')).toBe('&lt;b&gt;[31m&quot;x&quot;&lt;/b&gt;');
  });

  it('leaves no raw control character in the consolidated HTML report', () => {
    const html = consolidationHtml(consolidationDocument(cycle, [unit('missing', allHostile)], '2020-02-13T08:00:00+07:00').document);

    expect(html).not.toMatch(RAW_CONTROL);
    expect(html).not.toMatch(/[\r\u2028\u2029\u0085]/);
    expect(html).toContain('<td>a\nb ]0;x \n# Heading evil nul x\n## Forged');
  });

  it('never lets any string open a tag or carry a control character', () => {
    fc.assert(
      fc.property(hostileString, (text) => {
        const html = escapeHtmlLines(text);
        expect(html.replaceAll('<br>', '')).not.toMatch(/[<>]/);
        expect(html).not.toMatch(RAW_CONTROL);
        expect(html).not.toMatch(/[\r\u2028\u2029\u0085]/);
      }),
    );
  });
});

/** The content lines of a calendar: unfolded (RFC 5545 §3.1), split on CRLF. */
function contentLines(ics: string): string[] {
  expect(ics.endsWith('\r\n')).toBe(true);
  expect(ics.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  return ics.replaceAll('\r\n ', '').slice(0, -2).split('\r\n');
}

function expectSafeCalendar(ics: string, expectedProperties: string[]): string[] {
  const lines = contentLines(ics);
  expect(lines.map((line) => /^[A-Z-]+/.exec(line)?.[0])).toEqual(expectedProperties);
  expect(ics).not.toMatch(RAW_CONTROL);
  expect(ics).not.toMatch(/[\u2028\u2029\u0085]/);
  for (const physical of ics.slice(0, -2).split('\r\n')) expect(Buffer.byteLength(physical, 'utf8')).toBeLessThanOrEqual(75);
  return lines;
}

describe('calendar text from submitters', () => {
  const forgery = 'x\rEND:VEVENT\r\nATTENDEE:mailto:evil@example.org\u2028ORGANIZER:evil';

  it('escapes every line break as \\n and removes controls in the due-date calendar attached to notices', () => {
    const ics = dueEventCalendar({
      cycleId: cycle.id,
      dueAt: cycle.dueAt,
      summary: `Hạn nộp: ${hostile.bareCr} ${hostile.osc} ${hostile.bidiOverride} ${hostile.nul}`,
      description: `${forgery} ${allHostile} ${'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh. '.repeat(3)}`,
      domain: 'example.org',
      createdAt: new Date('2020-01-20T00:00:00Z'),
    });

    const lines = expectSafeCalendar(ics, [
      'BEGIN', 'VERSION', 'PRODID', 'CALSCALE', 'METHOD', 'BEGIN', 'UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY', 'DESCRIPTION',
      'TRANSP', 'BEGIN', 'ACTION', 'TRIGGER', 'DESCRIPTION', 'END', 'END', 'END',
    ]);
    expect(lines).toContain('SUMMARY:Hạn nộp: a\\nb ]0\\;x evil nul');
    expect(lines.find((line) => line.startsWith('DESCRIPTION:x'))).toContain('x\\nEND:VEVENT\\nATTENDEE:mailto:evil@example.org\\nORGANIZER:evil');
  });

  it('does the same in the schedule calendar of a plan', () => {
    // Only the fields the ICS writer reads.
    const scheduled = {
      id: cycle.id,
      dueAt: cycle.dueAt,
      cutoffAt: cycle.cutoffAt,
      reportType: { id: 'report', title: `Báo cáo ${forgery}` },
      period: { id: '2020-01', label: hostile.lineSeparator },
      units: [{ shortName: hostile.bareCr }, { shortName: hostile.osc }, { shortName: hostile.bidiOverride }],
    } as unknown as ScheduledCycle;

    const ics = scheduleToIcs([scheduled], { name: `Kế hoạch ${hostile.crHeading}`, stampDate: '2020-01-02', language: 'vi' });

    const lines = expectSafeCalendar(ics, [
      'BEGIN', 'VERSION', 'PRODID', 'CALSCALE', 'METHOD', 'X-WR-CALNAME',
      'BEGIN', 'UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY', 'DESCRIPTION', 'CATEGORIES', 'TRANSP', 'END', 'END',
    ]);
    expect(lines).toContain('X-WR-CALNAME:Kế hoạch ok\\n# Forged heading\\n| forged | row |');
    expect(lines.find((line) => line.startsWith('DESCRIPTION:'))).toContain('Đơn vị phải nộp (3): a\\nb\\, ]0\\;x\\, evil');
  });

  it('gives any string one escaped TEXT value that folds into lines of at most 75 octets and unfolds back', () => {
    fc.assert(
      fc.property(hostileString, fc.string({ unit: 'grapheme', maxLength: 60 }), (text, padding) => {
        const value = escapeIcsText(`${padding}${text}${padding}`);
        expect(value).not.toMatch(ANY_LINE_BREAK);
        expect(value).not.toMatch(RAW_CONTROL);
        const line = `DESCRIPTION:${value}`;
        const folded = foldIcsLine(line);
        for (const physical of folded.split('\r\n')) expect(Buffer.byteLength(physical, 'utf8')).toBeLessThanOrEqual(75);
        expect(folded.replaceAll('\r\n ', '')).toBe(line);
      }),
    );
  });
});
