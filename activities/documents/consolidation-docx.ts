/**
 * The consolidated report as a Word draft (DOCX) in the Party format, laid out as Hướng dẫn
 * 36-HD/VPTW (Văn phòng Trung ương Đảng, 3/4/2018) asks: A4; Times New Roman; margins top and
 * bottom 20–25 mm, left 30–35 mm, right 15–20 mm; the header block in two columns without
 * borders; page numbers from the second page, centred at the top. The internal tracking sheet
 * follows as an annex on a landscape page of its own. Staff finish and number it in Word.
 */
import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Header,
  HighlightColor,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  UnderlineType,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { PartyReport, ReportTable } from './party-report';

const FONT = 'Times New Roman';
/** Half-points: 14 pt body, 15 pt for the Party title, 16 pt for the document type, 12 pt for the recipients and tables. */
const SIZE = { body: 28, party: 30, kind: 32, small: 24 };
const A4 = { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) };
const MARGIN = { top: convertMillimetersToTwip(20), bottom: convertMillimetersToTwip(20), left: convertMillimetersToTwip(30), right: convertMillimetersToTwip(15) };
/** Width of the text on a portrait page. */
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const TEXT_WIDTH_LANDSCAPE = A4.height - MARGIN.left - MARGIN.right;

type Run = Omit<IRunOptions, 'text'>;

function line(text: string, options: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; run?: Run; after?: number; before?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: options.align ?? AlignmentType.CENTER,
    spacing: { before: options.before ?? 0, after: options.after ?? 0 },
    children: [new TextRun({ text, ...options.run })],
  });
}

function cell(children: Paragraph[], width: number): TableCell {
  return new TableCell({ children, width: { size: width, type: WidthType.DXA } });
}

/** A layout table: two columns, no borders. */
function layout(columns: [number, number], left: Paragraph[], right: Paragraph[]): Table {
  // One row kept on one page: a signature block is never parted from its name.
  return new Table({
    width: { size: columns[0] + columns[1], type: WidthType.DXA },
    columnWidths: columns,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [new TableRow({ cantSplit: true, children: [cell(left, columns[0]), cell(right, columns[1])] })],
  });
}

/** A table with borders; `widths` in twips, summing to the text width. */
function grid(table: ReportTable, widths: number[], options: { numeric?: (column: number) => boolean } = {}): Table {
  const row = (cells: string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map(
        (text, column) =>
          new TableCell({
            width: { size: widths[column] ?? 0, type: WidthType.DXA },
            verticalAlign: VerticalAlign.CENTER,
            margins: { left: 80, right: 80, top: 40, bottom: 40 },
            children: [
              new Paragraph({
                alignment: header || options.numeric?.(column) ? AlignmentType.CENTER : AlignmentType.LEFT,
                children: [new TextRun({ text, bold: header, size: SIZE.small })],
              }),
            ],
          }),
      ),
    });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [row(table.columns, true), ...table.rows.map((cells) => row(cells, false))],
  });
}

function headerBlock(report: PartyReport): Table {
  const { header } = report;
  const left = [
    ...(header.superior ? [line(header.superior)] : []),
    line(header.issuer, { run: { bold: true } }),
    line('*'),
    line(header.number, { before: 60 }),
  ];
  const right = [
    line(header.party, { run: { bold: true, size: SIZE.party, underline: { type: UnderlineType.SINGLE } } }),
    line(header.placeAndDate, { run: { italics: true }, before: 240 }),
  ];
  const leftWidth = Math.round(TEXT_WIDTH * 0.4);
  return layout([leftWidth, TEXT_WIDTH - leftWidth], left, right);
}

function titleBlock(report: PartyReport): Paragraph[] {
  // A short rule under the trích yếu: a bottom border on an empty paragraph indented from both sides.
  const rule = new Paragraph({
    indent: { left: Math.round(TEXT_WIDTH * 0.4), right: Math.round(TEXT_WIDTH * 0.4) },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    spacing: { after: 240 },
    children: [],
  });
  return [line(report.kind, { run: { bold: true, size: SIZE.kind }, before: 360 }), line(report.subject, { run: { bold: true }, before: 60 }), rule];
}

function bodyParagraphs(report: PartyReport): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const last = report.body.length - 1;
  report.body.forEach((paragraph, index) => {
    // "./." closes the body of a Party document.
    const text = index === last ? paragraph.text.replace(/[.:]$/, '') : paragraph.text;
    out.push(
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: convertMillimetersToTwip(10) },
        spacing: { before: paragraph.heading ? 120 : 60, after: 60, line: 288 },
        keepNext: paragraph.heading ?? false,
        children: [
          new TextRun({ text, bold: paragraph.heading ?? false, ...(paragraph.placeholder ? { italics: true, highlight: HighlightColor.YELLOW } : {}) }),
          ...(index === last ? [new TextRun({ text: './.' })] : []),
        ],
      }),
    );
    if (index === report.tableAfter) {
      const width = Math.floor(TEXT_WIDTH / report.receiptTable.columns.length);
      out.push(grid(report.receiptTable, report.receiptTable.columns.map(() => width), { numeric: () => true }), new Paragraph({ children: [] }));
    }
  });
  return out;
}

function closingBlock(report: PartyReport): Table {
  const left = [
    line(report.recipientsLabel, { align: AlignmentType.LEFT, run: { bold: true, italics: true, size: SIZE.small }, before: 240 }),
    ...report.recipients.map((text) => line(text, { align: AlignmentType.LEFT, run: { size: SIZE.small } })),
  ];
  const signature = report.signature;
  const right = [
    ...signature.authority.map((text, i) => line(text, { run: { bold: true }, before: i === 0 ? 240 : 0 })),
    ...(signature.authority.length === 0 ? [line('', { before: 240 })] : []),
    // Room for the signature and the seal.
    ...Array.from({ length: 5 }, () => line('')),
    line(signature.name || '\u00a0', { run: { bold: true } }),
  ];
  const leftWidth = Math.round(TEXT_WIDTH * 0.56);
  return layout([leftWidth, TEXT_WIDTH - leftWidth], left, right);
}

function annex(report: PartyReport): (Paragraph | Table)[] {
  const { annex } = report;
  // STT, unit, state, sent at, by, document, days late, note.
  const share = [5, 25, 10, 14, 12, 14, 8, 12];
  const widths = share.map((s) => Math.floor((TEXT_WIDTH_LANDSCAPE * s) / 100));
  return [
    line(annex.label, { run: { bold: true } }),
    line(annex.title, { run: { bold: true }, before: 60 }),
    line(annex.note, { run: { italics: true }, after: 240 }),
    grid(annex.table, widths, { numeric: (column) => column === 0 || column === 6 }),
  ];
}

export function consolidationDocxDocument(report: PartyReport): Document {
  const pageNumber = new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] })] });
  return new Document({
    creator: report.author,
    lastModifiedBy: report.author,
    title: report.title,
    styles: { default: { document: { run: { font: FONT, size: SIZE.body } } } },
    sections: [
      {
        properties: { titlePage: true, page: { size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT }, margin: MARGIN } },
        headers: { default: pageNumber, first: new Header({ children: [] }) },
        children: [headerBlock(report), ...titleBlock(report), ...bodyParagraphs(report), closingBlock(report)],
      },
      {
        properties: { page: { size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE }, margin: MARGIN } },
        headers: { default: pageNumber },
        children: annex(report),
      },
    ],
  });
}

/** The DOCX file's bytes. */
export async function consolidationDocx(report: PartyReport): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(consolidationDocxDocument(report)));
}
