import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDocumentActivities, createEmailActivities } from '../../activities';
import type { ConsolidationCycle } from '../../activities/documents/consolidation';
import type { ConsolidationUnitRow } from '../../activities/documents/types';
import type { EmailRequestOf } from '../../activities/email/types';
import { hasUnsafeControls } from '../../domain/text';
import { keyOfStoreUri } from '../../storage/document-store';
import { fileDocumentStore, type FileDocumentStore } from '../../storage/document-store-files';
import { startSmtpServer, type RunningSmtpServer } from '../helpers/smtp-server';

const cycle: ConsolidationCycle = {
  id: 'binh-thuan-129/tinh-hinh-nhan-dan/2020-01',
  planId: 'binh-thuan-129',
  language: 'vi',
  timeZone: 'Asia/Ho_Chi_Minh',
  issuer: { name: 'Ban Dân vận Tỉnh ủy', documentNumber: '129-KH/BDVTU' },
  reportType: { id: 'tinh-hinh-nhan-dan', title: 'Báo cáo tình hình nhân dân' },
  period: { id: '2020-01', label: 'tháng 1/2020' },
  dueAt: '2020-02-05T17:00:00+07:00',
  cutoffAt: '2020-02-12T17:00:00+07:00',
  submissionInstructions: 'Gửi qua thư điện tử.',
  consolidationDueAt: '2020-02-20T17:00:00+07:00',
  upperLevels: ['Ban Thường vụ Tỉnh ủy', 'Ban Dân vận Trung ương'],
};

const partOne: ConsolidationUnitRow[] = [
  { unitId: 'ubmttq', name: 'Ủy ban MTTQ Việt Nam tỉnh', shortName: 'MTTQ', state: 'submitted', submittedAt: '2020-02-04T09:30:00+07:00', submittedBy: 'Trần Thị Bình', documentRef: '12-BC/MTTQ' },
  { unitId: 'tinh-doan', name: 'Tỉnh đoàn', shortName: 'Tỉnh đoàn', state: 'missing' },
];
const partTwo: ConsolidationUnitRow[] = [
  { unitId: 'hoi-nong-dan', name: 'Hội Nông dân tỉnh', shortName: 'HND', state: 'late', submittedAt: '2020-02-07T10:00:00+07:00', submittedBy: 'Lê Văn Cường', daysLate: 2 },
  { unitId: 'hoi-phu-nu', name: 'Hội Liên hiệp Phụ nữ <b>tỉnh</b> & cơ sở', shortName: 'HLHPN', state: 'missing', note: 'Đã gọi điện <nhắc> 2 lần' },
];
const partThree: ConsolidationUnitRow[] = [
  { unitId: 'hoi-cuu-chien-binh', name: 'Hội Cựu chiến binh tỉnh', shortName: 'HCCB', state: 'excused', note: 'Miễn nộp theo ý kiến lãnh đạo Ban' },
];

let stateDir: string;
let store: FileDocumentStore;
let server: RunningSmtpServer | undefined;

beforeEach(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'kyhan-documents-'));
  store = fileDocumentStore(stateDir);
});

/** The file behind a reference the activities return (`kyhan-store:…`) in the files store. */
function fileOf(reference: string): string {
  const key = keyOfStoreUri(reference);
  if (key === undefined) throw new Error(`not a store URI: ${reference}`);
  return store.pathOf(key);
}

afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(stateDir, { recursive: true, force: true });
});

async function activities() {
  server = await startSmtpServer();
  const transport = nodemailer.createTransport({ host: server.host, port: server.port, secure: false, ignoreTLS: true });
  return { server, ...createEmailActivities({ transport, from: 'Ban Dân vận <kyhan@example.org>', store }), ...createDocumentActivities({ store, soffice: null }) };
}

async function writeAllPartsOutOfOrder(write: Awaited<ReturnType<typeof activities>>['writeConsolidationPart']) {
  await write({ cycleId: cycle.id, part: 3, units: partThree });
  await write({ cycleId: cycle.id, part: 1, units: partOne });
  await write({ cycleId: cycle.id, part: 2, units: partTwo });
}

describe('consolidation documents', () => {
  it('writes each part under one safe directory per cycle, and rewriting a part gives the same file with no temporary left', async () => {
    const { writeConsolidationPart } = await activities();

    const first = await writeConsolidationPart({ cycleId: cycle.id, part: 1, units: partOne });
    const firstContent = await readFile(fileOf(first.path), 'utf8');
    const again = await writeConsolidationPart({ cycleId: cycle.id, part: 1, units: partOne });

    expect(first.path).toBe('kyhan-store:reports/binh-thuan-129%252Ftinh-hinh-nhan-dan%252F2020-01/parts/part-0001.json');
    expect(fileOf(first.path)).toBe(path.join(stateDir, 'reports', 'binh-thuan-129%2Ftinh-hinh-nhan-dan%2F2020-01', 'parts', 'part-0001.json'));
    expect(again).toEqual({ path: first.path, units: 2 });
    expect(await readFile(fileOf(again.path), 'utf8')).toBe(firstContent);
    expect(await readdir(path.dirname(fileOf(first.path)))).toEqual(['part-0001.json']);
  });

  it('assembles parts written out of order into a report listing every unit, with correct counts and the missing units first', async () => {
    const { writeConsolidationPart, assembleConsolidation } = await activities();
    await writeAllPartsOutOfOrder(writeConsolidationPart);

    const result = await assembleConsolidation({ cycle, parts: 3, consolidatedAt: '2020-02-13T08:00:00+07:00' });

    expect(result.counts).toEqual({ submitted: 1, late: 1, missing: 2, excused: 1, total: 5 });
    const markdown = await readFile(fileOf(result.markdownPath), 'utf8');
    expect(markdown).toContain('## Báo cáo tình hình nhân dân tháng 1/2020');
    expect(markdown).toContain('- **Cơ quan tổng hợp:** Ban Dân vận Tỉnh ủy');
    expect(markdown).toContain('- **Hạn nộp của đơn vị:** 17:00 ngày 05/02/2020 (Thứ Tư)');
    expect(markdown).toContain('- **Báo cáo lên:** Ban Thường vụ Tỉnh ủy; Ban Dân vận Trung ương');
    expect(markdown).toContain('| Chưa nộp | 2 |');
    expect(markdown).toContain('| Tổng số đơn vị | 5 |');
    for (const unit of ['Ủy ban MTTQ Việt Nam tỉnh', 'Tỉnh đoàn', 'Hội Nông dân tỉnh', 'Hội Cựu chiến binh tỉnh']) expect(markdown).toContain(unit);
    expect(markdown).toContain('Hội Liên hiệp Phụ nữ \\<b\\>tỉnh\\</b\\> \\& cơ sở');
    expect(markdown).toContain('| 1 | Ủy ban MTTQ Việt Nam tỉnh | 09:30 ngày 04/02/2020 | Trần Thị Bình |  | 12-BC/MTTQ |');
    expect(markdown).toContain('| 1 | Hội Nông dân tỉnh | 10:00 ngày 07/02/2020 (muộn 2 ngày làm việc) | Lê Văn Cường |  |  |');
    const sections = ['## Chưa nộp (2)', '## Nộp muộn (1)', '## Nộp đúng hạn (1)', '## Miễn nộp (1)'].map((h) => markdown.indexOf(h));
    expect(sections.every((at) => at > 0)).toBe(true);
    expect([...sections].sort((a, b) => a - b)).toEqual(sections);
    const missingSection = markdown.slice(sections[0], sections[1]);
    expect(missingSection).toContain('Tỉnh đoàn');
    expect(missingSection).toContain('Hội Liên hiệp Phụ nữ');
  });

  it('escapes every value in the HTML report', async () => {
    const { writeConsolidationPart, assembleConsolidation } = await activities();
    await writeAllPartsOutOfOrder(writeConsolidationPart);

    const { htmlPath } = await assembleConsolidation({ cycle, parts: 3, consolidatedAt: '2020-02-13T08:00:00+07:00' });

    const html = await readFile(fileOf(htmlPath), 'utf8');
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<td>Hội Liên hiệp Phụ nữ &lt;b&gt;tỉnh&lt;/b&gt; &amp; cơ sở</td>');
    expect(html).toContain('<td>Đã gọi điện &lt;nhắc&gt; 2 lần</td>');
    expect(html).not.toContain('<b>');
    expect(html.indexOf('Chưa nộp (2)')).toBeLessThan(html.indexOf('Nộp đúng hạn (1)'));
  });

  it('keeps a note with a bare CR, U+2028 or an escape sequence inside its table row in both written reports', async () => {
    const { writeConsolidationPart, assembleConsolidation } = await activities();
    const note = 'Đã nộp bản giấy\r# Báo cáo giả\u2028| 9 | giả |\u001b[2J\u202Eevil';
    await writeConsolidationPart({ cycleId: cycle.id, part: 1, units: [{ ...partOne[1]!, note }] });

    const { markdownPath, htmlPath } = await assembleConsolidation({ cycle, parts: 1, consolidatedAt: '2020-02-13T08:00:00+07:00' });

    const markdown = await readFile(fileOf(markdownPath), 'utf8');
    expect(markdown).toContain('| 1 | Tỉnh đoàn |  |  | Đã nộp bản giấy \\# Báo cáo giả \\| 9 \\| giả \\|\\[2Jevil |  |');
    expect(markdown.split('\n').filter((line) => line.startsWith('# '))).toEqual(['# BÁO CÁO TỔNG HỢP']);
    expect(markdown).not.toMatch(/[\r\u2028]/);
    expect(hasUnsafeControls(markdown)).toBe(false);
    const html = await readFile(fileOf(htmlPath), 'utf8');
    expect(html).toContain('<td>Đã nộp bản giấy\n# Báo cáo giả\n| 9 | giả |[2Jevil</td>');
    expect(html).not.toMatch(/[\r\u2028]/);
    expect(hasUnsafeControls(html)).toBe(false);
  });

  it('refuses to assemble when a part was never written, naming the part', async () => {
    const { writeConsolidationPart, assembleConsolidation } = await activities();
    await writeConsolidationPart({ cycleId: cycle.id, part: 1, units: partOne });

    await expect(assembleConsolidation({ cycle, parts: 2, consolidatedAt: '2020-02-13T08:00:00+07:00' })).rejects.toThrow(
      `Cannot assemble the consolidation of cycle "${cycle.id}": part 2 was not written`,
    );
  });

  it('sends the consolidation email with the report as DOCX and the unit list attached, no Markdown', async () => {
    const { writeConsolidationPart, assembleConsolidation, sendEmail, server } = await activities();
    await writeAllPartsOutOfOrder(writeConsolidationPart);
    const report = await assembleConsolidation({ cycle, parts: 3, consolidatedAt: '2020-02-13T08:00:00+07:00' });
    const staff = { key: 'phong-doan-the', name: 'Phòng Đoàn thể', email: 'doanthe@example.org' };
    const csv = report.markdownPath.replace('consolidated.md', 'units.csv');
    await writeFile(fileOf(csv), 'STT,Đơn vị\n');

    await sendEmail({
      kind: 'consolidation',
      cycle,
      to: [staff],
      recipientKey: staff.key,
      data: {
        counts: report.counts,
        missing: ['Tỉnh đoàn', 'Hội Liên hiệp Phụ nữ <b>tỉnh</b> & cơ sở'],
        reportPaths: { markdown: report.markdownPath, html: report.htmlPath },
        unitsCsv: csv,
        upperLevels: cycle.upperLevels,
        dueAt: cycle.consolidationDueAt,
      },
    });

    const [mail] = await server.waitFor(1);
    // The wording is the letters' (approved snapshots under test/letters); here, the files and the escaping.
    expect(mail?.parsed.subject).toContain('Báo cáo tình hình nhân dân tháng 1/2020');
    expect(mail?.parsed.text).toContain('Hội Liên hiệp Phụ nữ <b>tỉnh</b> & cơ sở');
    expect(mail?.parsed.html).toContain('Hội Liên hiệp Phụ nữ &lt;b&gt;tỉnh&lt;/b&gt; &amp; cơ sở');
    expect(mail?.parsed.html).not.toContain('<b>tỉnh</b>');
    const attachments = mail?.parsed.attachments ?? [];
    expect(attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['bao-cao-tong-hop.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['danh-sach-don-vi.csv', 'text/csv'],
    ]);
    expect(Buffer.compare(attachments[0]!.content, await readFile(fileOf(report.docxPath)))).toBe(0);
  });

  it('attaches the PDF after the DOCX when there is one, and the Markdown and HTML only for a report made before DOCX existed', async () => {
    const { writeConsolidationPart, assembleConsolidation, sendEmail, server } = await activities();
    await writeAllPartsOutOfOrder(writeConsolidationPart);
    const report = await assembleConsolidation({ cycle, parts: 3, consolidatedAt: '2020-02-13T08:00:00+07:00' });
    const leader = { key: 'truong-ban', name: 'Đặng Hồng Sỹ', email: 'truongban@example.org' };
    const letter = (step: number): EmailRequestOf<'approval-request'> => ({
        kind: 'approval-request',
        step,
        cycle,
        to: [leader],
        recipientKey: leader.key,
        data: { counts: report.counts, reportPaths: { markdown: report.markdownPath, html: report.htmlPath }, by: 'Phòng Đoàn thể', upperLevels: cycle.upperLevels },
      });

    await writeFile(path.join(path.dirname(fileOf(report.docxPath)), 'consolidated.pdf'), '%PDF-1.7\n');
    await sendEmail(letter(1));
    await rm(fileOf(report.docxPath));
    await rm(path.join(path.dirname(fileOf(report.docxPath)), 'consolidated.pdf'));
    await sendEmail(letter(2));

    const mails = await server.waitFor(2);
    const names = (step: number) => mails.find((m) => m.parsed.messageId?.includes(`approval-request.${step}`) ?? false) ?? mails[step - 1];
    expect(names(1)?.parsed.attachments.map((a) => a.filename)).toEqual(['bao-cao-tong-hop.docx', 'bao-cao-tong-hop.pdf']);
    expect(names(2)?.parsed.attachments.map((a) => a.filename)).toEqual(['bao-cao-tong-hop.md', 'bao-cao-tong-hop.html']);
  });

  it('attaches nothing of a report that travels on paper, to staff or up', async () => {
    const paper: ConsolidationCycle = { ...cycle, reportType: { ...cycle.reportType, delivery: 'paper' } };
    const { writeConsolidationPart, assembleConsolidation, sendEmail, server } = await activities();
    await writeConsolidationPart({ cycleId: paper.id, part: 1, units: partOne });
    const report = await assembleConsolidation({ cycle: paper, parts: 1, consolidatedAt: '2020-02-13T08:00:00+07:00' });
    const csv = report.markdownPath.replace('consolidated.md', 'units.csv');
    await writeFile(fileOf(csv), 'STT,Đơn vị\n');
    const reportPaths = { markdown: report.markdownPath, html: report.htmlPath };
    const staff = { key: 'phong-doan-the', name: 'Phòng Đoàn thể', email: 'doanthe@example.org' };
    const upper = { key: 'upper-level-1', name: 'Ban Thường vụ Tỉnh ủy', email: 'btv@example.org' };

    await sendEmail({ kind: 'consolidation', cycle: paper, to: [staff], recipientKey: staff.key, data: { counts: report.counts, missing: ['Tỉnh đoàn'], reportPaths, unitsCsv: csv, upperLevels: paper.upperLevels } });
    await sendEmail({ kind: 'upward-report', cycle: paper, to: [upper], recipientKey: upper.key, data: { counts: report.counts, reportPaths, unitsCsv: csv, upperLevel: upper.name, approvedAt: '2020-02-14T08:00:00+07:00' } });

    const mails = await server.waitFor(2);
    expect(mails.map((m) => m.parsed.attachments.length)).toEqual([0, 0]);
  });

  it('attaches a report a cycle recorded before the store by its host paths, from the cycle’s report folder only', async () => {
    const { writeConsolidationPart, assembleConsolidation, sendEmail, server } = await activities();
    await writeAllPartsOutOfOrder(writeConsolidationPart);
    const report = await assembleConsolidation({ cycle, parts: 3, consolidatedAt: '2020-02-13T08:00:00+07:00' });
    await writeFile(fileOf(report.markdownPath.replace('consolidated.md', 'units.csv')), 'STT,Đơn vị\n');
    await rm(fileOf(report.docxPath));
    const leader = { key: 'truong-ban', name: 'Đặng Hồng Sỹ', email: 'truongban@example.org' };
    // As cycles recorded before the document store hold them: the worker's host paths.
    const recorded = { markdown: fileOf(report.markdownPath), html: fileOf(report.htmlPath) };
    const letter = (step: number, reportPaths: { markdown: string; html: string }): EmailRequestOf<'approval-request'> => ({
      kind: 'approval-request',
      step,
      cycle,
      to: [leader],
      recipientKey: leader.key,
      data: { counts: report.counts, reportPaths, unitsCsv: fileOf(report.markdownPath.replace('consolidated.md', 'units.csv')), by: 'Phòng Đoàn thể', upperLevels: cycle.upperLevels },
    });

    await sendEmail(letter(1, recorded));
    const [mail] = await server.waitFor(1);
    expect(mail?.parsed.attachments.map((a) => a.filename)).toEqual(['bao-cao-tong-hop.md', 'bao-cao-tong-hop.html', 'danh-sach-don-vi.csv']);
    expect(mail?.parsed.attachments[0]!.content.toString('utf8')).toBe(await readFile(recorded.markdown, 'utf8'));

    // A path outside the cycle's folder is never read, whatever the state says.
    await expect(sendEmail(letter(2, { ...recorded, html: '/etc/passwd' }))).rejects.toThrow(`"/etc/passwd" is not in the cycle's report folder`);
  });
});
