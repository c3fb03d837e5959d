/**
 * The consolidated report as a Word draft in the Party format: opened as a zip, its XML read as
 * a person reading the page would read it (page, fonts, each block of text in order).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDocumentActivities } from '../../activities/documents/consolidation';
import { consolidationDocument, type ConsolidationCycle } from '../../activities/documents/consolidation-document';
import { consolidationDocx } from '../../activities/documents/consolidation-docx';
import { findSoffice } from '../../activities/documents/soffice';
import type { ConsolidationUnitRow } from '../../activities/documents/types';
import { keyOfStoreUri } from '../../storage/document-store';
import { fileDocumentStore } from '../../storage/document-store-files';

const NBSP = '\u00a0';

const cycle: ConsolidationCycle = {
  id: 'kh-129-bdvtu/tinh-hinh-nhan-dan-hang-thang/2020-03',
  planId: 'kh-129-bdvtu',
  language: 'vi',
  timeZone: 'Asia/Ho_Chi_Minh',
  issuer: {
    name: 'Ban Dân vận Tỉnh ủy',
    documentNumber: '129-KH/BDVTU',
    date: '2019-11-12',
    about: 'công tác dân vận tham gia vào quá trình Đại hội đảng các cấp',
    superior: 'Tỉnh ủy Bình Thuận',
    shortName: 'Ban Dân vận',
    place: 'Bình Thuận',
  },
  reportType: { id: 'tinh-hinh-nhan-dan-hang-thang', title: 'Báo cáo tình hình nhân dân đối với Đại hội đảng các cấp' },
  period: { id: '2020-03', label: 'tháng 3/2020', dataWindow: { from: '2020-02-15', to: '2020-03-14' } },
  dueAt: '2020-03-17T17:00:00+07:00',
  cutoffAt: '2020-03-24T17:00:00+07:00',
  submissionInstructions: 'Gửi bản PDF có chữ ký.',
  consolidationDueAt: '2020-03-26T17:00:00+07:00',
  upperLevels: ['Ban Thường vụ Tỉnh ủy', 'Ban Dân vận Trung ương'],
  signer: { name: 'Đặng Hồng Sỹ', title: 'Trưởng ban' },
  contact: { division: 'Phòng Đoàn thể và các hội', person: 'Nguyễn Thị Hoa', phone: '0252 3822 123' },
  hasLeaders: true,
};

const STORED = '/var/lib/kyhan/submissions/kh-129/ubmttq/45-BC.pdf';

const rows: ConsolidationUnitRow[] = [
  {
    unitId: 'ubmttq',
    name: 'Ủy ban MTTQ tỉnh',
    shortName: 'MTTQ',
    state: 'submitted',
    submittedAt: '2020-03-16T09:30:00+07:00',
    submittedBy: 'Trần Thị Bình',
    document: { number: '45-BC/MTTQ-BTT', date: '2020-03-16', name: 'bao-cao-thang-3.pdf' },
    documentRef: `45-BC/MTTQ-BTT, 2020-03-16, file://${STORED}`,
    files: 2,
  },
  {
    unitId: 'hoi-nong-dan',
    name: 'Hội Nông dân tỉnh',
    shortName: 'HND',
    state: 'late',
    // Due Tuesday 17/3, sent Friday 20/3: three working days late.
    submittedAt: '2020-03-20T10:00:00+07:00',
    submittedBy: 'Lê Văn Cường',
    document: { number: '12-BC/HND', date: '2020-03-19', name: STORED },
    daysLate: 3,
  },
  { unitId: 'tinh-doan', name: 'Tỉnh đoàn', shortName: 'Tỉnh đoàn', state: 'missing' },
  // A row recorded before documents had facts: only a reference, which is a server path.
  { unitId: 'hoi-phu-nu', name: 'Hội Liên hiệp Phụ nữ tỉnh', shortName: 'HLHPN', state: 'missing', documentRef: `file://${STORED}` },
  { unitId: 'hoi-ccb', name: 'Hội Cựu chiến binh tỉnh', shortName: 'HCCB', state: 'excused', note: 'Miễn theo ý kiến lãnh đạo Ban' },
];

const CONSOLIDATED_AT = '2020-03-25T08:00:00+07:00';
const LIBREOFFICE = (await findSoffice()) !== undefined;

interface OpenedDocx {
  files: Record<string, string>;
  document: string;
  /** Every paragraph's text, in order (table cells included). */
  paragraphs: string[];
}

function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function paragraphXml(xml: string): string[] {
  return xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
}

function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).join('');
}

/** The XML of the paragraph whose text is exactly `text`. */
function paragraphWith(docx: OpenedDocx, text: string): string {
  const found = paragraphXml(docx.document).find((p) => textOf(p) === text);
  if (!found) throw new Error(`No paragraph "${text}" in:\n${docx.paragraphs.join('\n')}`);
  return found;
}

/** Rows of the table that contains a cell with `cell`, each as its cells' texts. */
function tableWith(docx: OpenedDocx, cell: string): string[][] {
  const table = (docx.document.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []).find((t) => t.includes(`>${cell}<`));
  if (!table) throw new Error(`No table with "${cell}"`);
  return (table.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? []).map((row) => (row.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).map(textOf));
}

async function open(bytes: Uint8Array): Promise<OpenedDocx> {
  const zip = await JSZip.loadAsync(bytes);
  const files: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) {
    const entry = zip.file(name);
    if (entry) files[name] = await entry.async('string');
  }
  const document = files['word/document.xml'] ?? '';
  return { files, document, paragraphs: paragraphXml(document).map(textOf) };
}

async function docxOf(c: ConsolidationCycle, r: ConsolidationUnitRow[] = rows): Promise<OpenedDocx> {
  const { document } = consolidationDocument(c, r, CONSOLIDATED_AT);
  return open(await consolidationDocx(document.report));
}

const mm = (twips: string | undefined) => (Number(twips) * 25.4) / 1440;

describe('the consolidated report as a DOCX in the Party format', () => {
  it('is A4 portrait with the margins of Hướng dẫn 36 and Times New Roman 13–14 pt; the annex is a landscape page of its own', async () => {
    const docx = await docxOf(cycle);
    const sizes = [...docx.document.matchAll(/<w:pgSz w:w="(\d+)" w:h="(\d+)"(?: w:orient="(\w+)")?/g)].map((m) => [Math.round(mm(m[1])), Math.round(mm(m[2])), m[3]]);
    expect(sizes).toEqual([
      [210, 297, 'portrait'],
      [297, 210, 'landscape'],
    ]);
    const margins = [...docx.document.matchAll(/<w:pgMar ([^>]*)\/>/g)].map((m) => Object.fromEntries([...m[1]!.matchAll(/w:(\w+)="(\d+)"/g)].map((a) => [a[1], mm(a[2])])));
    expect(margins).toHaveLength(2);
    for (const margin of margins) {
      expect(margin.top).toBeGreaterThanOrEqual(19.9);
      expect(margin.top).toBeLessThanOrEqual(25);
      expect(margin.bottom).toBeGreaterThanOrEqual(19.9);
      expect(margin.bottom).toBeLessThanOrEqual(25);
      expect(margin.left).toBeGreaterThanOrEqual(29.9);
      expect(margin.left).toBeLessThanOrEqual(35);
      expect(margin.right).toBeGreaterThanOrEqual(14.9);
      expect(margin.right).toBeLessThanOrEqual(20);
    }
    const defaults = docx.files['word/styles.xml']!.match(/<w:docDefaults>[\s\S]*?<\/w:docDefaults>/)?.[0] ?? '';
    expect(defaults).toContain('w:ascii="Times New Roman"');
    expect(defaults).toContain('w:hAnsi="Times New Roman"');
    const size = Number(defaults.match(/<w:sz w:val="(\d+)"/)?.[1]) / 2;
    expect(size).toBeGreaterThanOrEqual(13);
    expect(size).toBeLessThanOrEqual(14);
  });

  it('opens with the header block in two borderless columns: superior, Board in bold, star and a blank number with its symbol; the Party title bold and underlined, place and date in italics', async () => {
    const docx = await docxOf(cycle);
    const firstTable = docx.document.match(/<w:tbl>[\s\S]*?<\/w:tbl>/)?.[0] ?? '';
    expect(tableWith(docx, 'TỈNH ỦY BÌNH THUẬN')).toEqual([
      [`TỈNH ỦY BÌNH THUẬNBAN DÂN VẬN*Số${NBSP.repeat(6)}-BC/BDVTU`, `ĐẢNG CỘNG SẢN VIỆT NAMBình Thuận, ngày${NBSP.repeat(6)}tháng${NBSP.repeat(6)}năm 2020`],
    ]);
    expect(firstTable).toContain('TỈNH ỦY BÌNH THUẬN');
    expect(firstTable.match(/<w:tblBorders>[\s\S]*?<\/w:tblBorders>/)?.[0]).not.toMatch(/w:val="(single|double|thick)"/);
    expect(paragraphWith(docx, 'BAN DÂN VẬN')).toContain('<w:b/>');
    expect(paragraphWith(docx, 'TỈNH ỦY BÌNH THUẬN')).not.toContain('<w:b/>');
    const party = paragraphWith(docx, 'ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(party).toContain('<w:b/>');
    expect(party).toMatch(/<w:u w:val="single"/);
    expect(paragraphWith(docx, `Bình Thuận, ngày${NBSP.repeat(6)}tháng${NBSP.repeat(6)}năm 2020`)).toContain('<w:i/>');
  });

  it('takes the symbol from the plan number when the plan gives none, and degrades to the full name without a superior or a place', async () => {
    const { superior: _s, shortName: _n, place: _p, ...bare } = cycle.issuer;
    const docx = await docxOf({ ...cycle, issuer: { ...bare, name: 'Ban Dân vận Tỉnh ủy Bình Thuận' } });
    expect(docx.paragraphs).toContain('BAN DÂN VẬN TỈNH ỦY BÌNH THUẬN');
    expect(docx.paragraphs).toContain(`Số${NBSP.repeat(6)}-BC/BDVTU`);
    expect(docx.paragraphs).toContain(`……………, ngày${NBSP.repeat(6)}tháng${NBSP.repeat(6)}năm 2020`);
    const own = await docxOf({ ...cycle, issuer: { ...cycle.issuer, symbol: 'BDVTU-PDT' } });
    expect(own.paragraphs).toContain(`Số${NBSP.repeat(6)}-BC/BDVTU-PDT`);
  });

  it('names the document "BÁO CÁO" with its trích yếu in bold, then the basis with the plan’s number, date and subject', async () => {
    const docx = await docxOf(cycle);
    const kind = docx.paragraphs.indexOf('BÁO CÁO');
    expect(kind).toBeGreaterThan(0);
    expect(docx.paragraphs[kind + 1]).toBe('Tình hình nhân dân đối với Đại hội đảng các cấp tháng 3/2020');
    expect(paragraphWith(docx, 'BÁO CÁO')).toContain('<w:b/>');
    expect(paragraphWith(docx, 'Tình hình nhân dân đối với Đại hội đảng các cấp tháng 3/2020')).toContain('<w:b/>');
    // The short rule under the trích yếu: the next paragraph, empty, with a bottom border.
    const rule = paragraphXml(docx.document)[kind + 2]!;
    expect(textOf(rule)).toBe('');
    expect(rule).toMatch(/<w:pBdr><w:bottom w:val="single"/);
    expect(docx.paragraphs).toContain(
      'Thực hiện Kế hoạch số 129-KH/BDVTU, ngày 12/11/2019 của Ban Dân vận Tỉnh ủy về công tác dân vận tham gia vào quá trình Đại hội đảng các cấp, Ban Dân vận Tỉnh ủy báo cáo tình hình nhân dân đối với Đại hội đảng các cấp tháng 3/2020 như sau:',
    );
  });

  it('states the receipt with a table of the counts, the data window and the due moment', async () => {
    const docx = await docxOf(cycle);
    expect(docx.paragraphs).toContain('I. TÌNH HÌNH TIẾP NHẬN BÁO CÁO');
    expect(docx.paragraphs).toContain('Số liệu báo cáo tính từ ngày 15/2/2020 đến ngày 14/3/2020.');
    expect(docx.paragraphs).toContain('Theo Kế hoạch, 5 đơn vị có trách nhiệm gửi báo cáo, hạn gửi 17 giờ 00 ngày 17/3/2020. Đến 8 giờ 00 ngày 25/3/2020, kết quả tiếp nhận như sau:');
    expect(tableWith(docx, 'Số đơn vị phải gửi')).toEqual([
      ['Số đơn vị phải gửi', 'Gửi đúng hạn', 'Gửi muộn', 'Chưa gửi', 'Được miễn'],
      ['5', '1', '1', '2', '1'],
    ]);
  });

  it('gives each unit a paragraph with its document’s number, date and file; then the units outstanding and excused; then the proposals', async () => {
    const docx = await docxOf(cycle);
    const at = (text: string) => docx.paragraphs.indexOf(text);
    expect(at('II. BÁO CÁO CỦA CÁC ĐƠN VỊ')).toBeGreaterThan(at('I. TÌNH HÌNH TIẾP NHẬN BÁO CÁO'));
    expect(docx.paragraphs).toContain('- Ủy ban MTTQ tỉnh: Báo cáo số 45-BC/MTTQ-BTT ngày 16/3/2020, gửi đúng hạn (tệp bao-cao-thang-3.pdf).');
    // The stored path recorded as a name shows as its file name only.
    expect(docx.paragraphs).toContain('- Hội Nông dân tỉnh: Báo cáo số 12-BC/HND ngày 19/3/2020, gửi muộn 3 ngày làm việc (tệp 45-BC.pdf).');
    expect(at('2. Các đơn vị chưa gửi (2)')).toBeGreaterThan(at('1. Các đơn vị đã gửi (2)'));
    expect(docx.paragraphs).toContain('- Tỉnh đoàn.');
    expect(docx.paragraphs).toContain('- Hội Liên hiệp Phụ nữ tỉnh.');
    expect(docx.paragraphs).toContain('- Hội Cựu chiến binh tỉnh: Miễn theo ý kiến lãnh đạo Ban.');
    expect(at('III. ĐỀ XUẤT')).toBeGreaterThan(at('3. Các đơn vị được miễn (1)'));
    expect(docx.paragraphs).toContain('Đề nghị lãnh đạo Ban chỉ đạo đôn đốc 2 đơn vị chưa gửi báo cáo hoàn thành trong thời gian sớm nhất.');
    // What staff must write is marked: highlighted, and the body closes with "./.".
    const placeholder = paragraphWith(docx, '[Cán bộ tổng hợp ghi đề xuất, kiến nghị trước khi trình ký.]./.');
    expect(placeholder).toContain('<w:highlight w:val="yellow"/>');
  });

  it('lists "Nơi nhận" in bold italics: each upper level "(báo cáo)", the leaders, and the file copy with the division', async () => {
    const docx = await docxOf(cycle);
    const label = docx.paragraphs.indexOf('Nơi nhận:');
    expect(paragraphWith(docx, 'Nơi nhận:')).toMatch(/<w:b\/>[\s\S]*<w:i\/>/);
    expect(docx.paragraphs.slice(label + 1, label + 5)).toEqual([
      '- Ban Thường vụ Tỉnh ủy (báo cáo),',
      '- Ban Dân vận Trung ương (báo cáo),',
      '- Lãnh đạo Ban,',
      '- Lưu Văn thư, Phòng Đoàn thể và các hội.',
    ]);
  });

  it('signs as "TRƯỞNG BAN" when the head signs, "K/T TRƯỞNG BAN" over "PHÓ TRƯỞNG BAN" for a deputy, and leaves the name blank when the cycle names no signer', async () => {
    const head = await docxOf(cycle);
    const headAt = head.paragraphs.indexOf('TRƯỞNG BAN');
    expect(headAt).toBeGreaterThan(head.paragraphs.indexOf('Nơi nhận:'));
    expect(head.paragraphs.indexOf('Đặng Hồng Sỹ')).toBeGreaterThan(headAt + 3);
    expect(paragraphWith(head, 'Đặng Hồng Sỹ')).toContain('<w:b/>');

    const deputy = await docxOf({ ...cycle, signer: { name: 'Nguyễn Văn Hải', title: 'Phó Trưởng ban', onBehalfOf: 'Trưởng ban' } });
    const kt = deputy.paragraphs.indexOf('K/T TRƯỞNG BAN');
    expect(kt).toBeGreaterThan(0);
    expect(deputy.paragraphs[kt + 1]).toBe('PHÓ TRƯỞNG BAN');
    expect(deputy.paragraphs.indexOf('Nguyễn Văn Hải')).toBeGreaterThan(kt + 1);
    expect(deputy.paragraphs).not.toContain('Đặng Hồng Sỹ');

    const { signer: _signer, ...unsigned } = cycle;
    const blank = await docxOf(unsigned);
    expect(blank.paragraphs).toContain('TRƯỞNG BAN');
    expect(blank.paragraphs).not.toContain('Đặng Hồng Sỹ');
  });

  it('ends with the tracking sheet as an annex on a new page: every unit, its state, when, by whom, its document and working days late', async () => {
    const docx = await docxOf(cycle);
    const sections = docx.document.split('<w:sectPr');
    // The annex is the second section: it starts on a page of its own.
    const annex = sections.slice(1).join('');
    expect(annex).toContain('>BẢNG THEO DÕI TÌNH HÌNH GỬI BÁO CÁO<');
    expect(sections[0]).not.toContain('BẢNG THEO DÕI');
    expect(docx.paragraphs).toContain(`(Kèm theo Báo cáo số${NBSP.repeat(6)}-BC/BDVTU của Ban Dân vận Tỉnh ủy; tài liệu theo dõi nội bộ)`);
    const table = tableWith(docx, 'Số ngày làm việc chậm');
    expect(table[0]).toEqual(['STT', 'Đơn vị', 'Tình trạng', 'Thời điểm gửi', 'Người gửi', 'Số, ngày văn bản', 'Số ngày làm việc chậm', 'Ghi chú']);
    expect(table.slice(1).map((row) => row[1])).toEqual(['Tỉnh đoàn', 'Hội Liên hiệp Phụ nữ tỉnh', 'Hội Nông dân tỉnh', 'Ủy ban MTTQ tỉnh', 'Hội Cựu chiến binh tỉnh']);
    expect(table[3]).toEqual(['3', 'Hội Nông dân tỉnh', 'Nộp muộn', '10 giờ 00 ngày 20/3/2020', 'Lê Văn Cường', '12-BC/HND, 19/3/2020', '3', '']);
    expect(table[4]).toEqual(['4', 'Ủy ban MTTQ tỉnh', 'Nộp đúng hạn', '9 giờ 30 ngày 16/3/2020', 'Trần Thị Bình', '45-BC/MTTQ-BTT, 16/3/2020', '', '']);
  });

  it('shows no server path or file URI anywhere in the package', async () => {
    const docx = await docxOf(cycle);
    for (const [name, content] of Object.entries(docx.files)) {
      expect(content, name).not.toContain('file:');
      expect(content, name).not.toContain('/var/lib/kyhan');
    }
  });

  it('says kế hoạch for a report type whose units send a plan', async () => {
    const docx = await docxOf({ ...cycle, reportType: { id: 'ke-hoach', title: 'Kế hoạch thực hiện Kế hoạch 129-KH/BDVTU', document: 'plan' }, period: { id: '2019-12', label: 'tháng 12/2019' } });
    expect(docx.paragraphs).toContain('I. TÌNH HÌNH TIẾP NHẬN KẾ HOẠCH');
    expect(docx.paragraphs).toContain('II. KẾ HOẠCH CỦA CÁC ĐƠN VỊ');
    expect(docx.paragraphs).toContain('- Ủy ban MTTQ tỉnh: Kế hoạch số 45-BC/MTTQ-BTT ngày 16/3/2020, gửi đúng hạn (tệp bao-cao-thang-3.pdf).');
    expect(docx.paragraphs).toContain('BẢNG THEO DÕI TÌNH HÌNH GỬI KẾ HOẠCH');
    expect(docx.paragraphs.some((p) => p.includes('chưa gửi kế hoạch'))).toBe(true);
  });
});

describe('assembling the consolidation', () => {
  let stateDir: string;
  beforeEach(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), 'kyhan-docx-'));
  });
  afterEach(async () => {
    await rm(stateDir, { recursive: true, force: true });
  });

  it('writes consolidated.docx beside the Markdown and HTML, for a paper-only report too; without LibreOffice there is no PDF and no error', async () => {
    const { writeConsolidationPart, assembleConsolidation } = createDocumentActivities({ store: fileDocumentStore(stateDir), soffice: null });
    const paper: ConsolidationCycle = { ...cycle, reportType: { ...cycle.reportType, delivery: 'paper' } };
    await writeConsolidationPart({ cycleId: paper.id, part: 1, units: rows });

    const result = await assembleConsolidation({ cycle: paper, parts: 1, consolidatedAt: CONSOLIDATED_AT });

    expect(path.dirname(result.docxPath)).toBe(path.dirname(result.markdownPath));
    expect(path.basename(result.docxPath)).toBe('consolidated.docx');
    expect(result.pdfPath).toBeUndefined();
    const docx = await open((await fileDocumentStore(stateDir).get(keyOfStoreUri(result.docxPath)!))!);
    expect(docx.paragraphs).toContain('BÁO CÁO');
    expect(docx.paragraphs).toContain('- Ủy ban MTTQ tỉnh: Báo cáo số 45-BC/MTTQ-BTT ngày 16/3/2020, gửi đúng hạn (tệp bao-cao-thang-3.pdf).');
  });

  // Only where LibreOffice is installed (not in CI): the PDF appears beside the DOCX.
  it.runIf(LIBREOFFICE)('writes consolidated.pdf beside the DOCX where LibreOffice is installed', async () => {
    const { writeConsolidationPart, assembleConsolidation } = createDocumentActivities({ store: fileDocumentStore(stateDir) });
    await writeConsolidationPart({ cycleId: cycle.id, part: 1, units: rows });

    const result = await assembleConsolidation({ cycle, parts: 1, consolidatedAt: CONSOLIDATED_AT });

    expect(result.pdfPath).toBe(path.join(path.dirname(result.docxPath), 'consolidated.pdf'));
    expect((await fileDocumentStore(stateDir).get(keyOfStoreUri(result.pdfPath!)!))!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 120_000);

  it('finds no LibreOffice where KYHAN_SOFFICE names a program that is not there', async () => {
    expect(await findSoffice({ KYHAN_SOFFICE: path.join(stateDir, 'soffice'), PATH: '' })).toBeUndefined();
    expect(await findSoffice({ PATH: stateDir })).toBeUndefined();
  });
});
