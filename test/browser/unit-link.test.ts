/**
 * A unit's clerk reports through the link in the notice, in Chromium, on the stack `npm start`
 * runs: the page, the upload with the document's number and date, the receipt on the page and
 * by mail, the reminders that stop for that unit; a report returned for revision sent again
 * through the link in the return letter; and links that do not hold (tampered, another unit's,
 * past the cut-off) refused without changing anything.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitLinkToken } from '../../auth/unit-link';
import { cycleDirName } from '../../activities/documents/paths';
import { instantToZoned } from '../../domain/time';
import type { CycleStatus } from '../../workflows/messages';
import { samplePdf } from '../helpers/sample-files';
import { findMails, fromNow, kyhanJson, kyhanOk, linkIn, openBrowser, screenshot, stack, startCycle, uniquePeriod, waitFor, waitForMail, type TestBrowser } from './harness';

const MINUTE = 60_000;
const CLERK = 'mat-tran@example.org';
const today = () => instantToZoned(new Date(), 'Asia/Ho_Chi_Minh').date;
const unitOf = (status: CycleStatus, unitId: string) => status.units.find((u) => u.unitId === unitId)!;

/** The files stored for a cycle under the stack's state directory. */
function storedFor(cycleId: string): string[] {
  const dir = join(stack().varDir, 'submissions', cycleDirName(cycleId));
  return existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : [];
}

describe('a clerk reports through the link in the notice', () => {
  let chromium: TestBrowser;
  beforeAll(async () => {
    chromium = await openBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
  });

  it('opens the page, uploads a PDF with its number and date, sees the receipt, gets it by mail, and the reminders stop for that unit', async () => {
    // Due in 4 minutes: the first reminder leaves 1 minute before, after the clerk has reported.
    const cycleId = await startCycle({ period: uniquePeriod('unit-link'), due: fromNow(4 * MINUTE) });
    const notice = await waitForMail({ kind: 'notice', to: CLERK, cycle: cycleId });
    const { page, errors } = await chromium.newPage();
    await page.goto(linkIn(notice, 'unit'));

    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Báo cáo nhanh (thử)');
    const facts = await page.locator('dl.facts').textContent();
    expect(facts).toContain('Ủy ban Mặt trận (thử)');
    expect(facts).toMatch(/Hạn nộp\s*\d{1,2} giờ \d{2} ngày \d{1,2}\/\d{1,2}\/\d{4} \((thứ|Chủ)/);
    expect(await page.locator('.state').textContent()).toBe('Chưa nộp');
    await screenshot(page, 'unit-link/report-page');

    await page.setInputFiles('#files', { name: 'Báo cáo nhanh.pdf', mimeType: 'application/pdf', buffer: samplePdf('Bao cao nhanh') });
    await page.fill('#number', '45-BC/MTTQ-BTT');
    await page.fill('#date', today());
    await page.fill('#signer', 'Nguyễn Văn An');
    await page.fill('#submittedBy', 'Trần Thị Bình');
    await Promise.all([page.waitForURL(/\?received$/), page.getByRole('button', { name: 'Gửi báo cáo' }).click()]);

    const receipt = await page.locator('.notice.ok').textContent();
    expect(receipt).toMatch(/Đã nhận báo cáo của Ủy ban Mặt trận \(thử\), văn bản số 45-BC\/MTTQ-BTT ngày \d{1,2}\/\d{1,2}\/\d{4}\./);
    expect(receipt).toContain('đúng hạn');
    expect(await page.locator('.state').textContent()).toBe('Đã nộp đúng hạn');
    expect(await page.locator('form[enctype="multipart/form-data"]').count()).toBe(0);
    await screenshot(page, 'unit-link/receipt');

    // Its own document downloads back as it was sent.
    const href = await page.locator('ul.documents a').first().getAttribute('href');
    const download = await page.request.get(new URL(href!, page.url()).href);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/pdf');
    expect((await download.body()).equals(samplePdf('Bao cao nhanh'))).toBe(true);

    const mail = await waitForMail({ kind: 'receipt', to: CLERK, cycle: cycleId });
    expect(mail.text).toContain('45-BC/MTTQ-BTT');

    const status = await kyhanJson<CycleStatus>('cycle', 'status', cycleId);
    expect(unitOf(status, 'mat-tran')).toMatchObject({ state: 'submitted', submission: { by: 'Trần Thị Bình', onTime: true, document: { number: '45-BC/MTTQ-BTT', date: today(), signer: 'Nguyễn Văn An', name: 'Báo cáo nhanh.pdf' } } });

    // The first reminder goes to the units that have not reported, not to this one.
    await waitForMail({ kind: 'reminder', to: 'hoi-nong-dan@example.org', cycle: cycleId });
    await waitFor('the reminder to every other unit of the cycle', async () => {
      const s = await kyhanJson<CycleStatus>('cycle', 'status', cycleId);
      return s.units.filter((u) => u.unitId !== 'mat-tran').every((u) => u.remindersSent.length > 0) ? s : undefined;
    });
    expect(await findMails({ kind: 'reminder', to: CLERK, cycle: cycleId })).toEqual([]);
    expect(unitOf(await kyhanJson<CycleStatus>('cycle', 'status', cycleId), 'mat-tran').remindersSent).toEqual([]);
    expect(errors, 'errors in the page').toEqual([]);
  });

  it('a report returned for revision is sent again through the link in the return letter', async () => {
    const cycleId = await startCycle({ period: uniquePeriod('unit-return'), due: fromNow(10 * MINUTE) });
    const notice = await waitForMail({ kind: 'notice', to: CLERK, cycle: cycleId });
    const { page, errors } = await chromium.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(linkIn(notice, 'unit'));
    await page.setInputFiles('#files', [
      { name: 'v1.pdf', mimeType: 'application/pdf', buffer: samplePdf('v1') },
      { name: 'phu-luc.pdf', mimeType: 'application/pdf', buffer: samplePdf('annex') },
    ]);
    await page.fill('#number', '50-BC/MTTQ');
    await page.fill('#date', today());
    await page.fill('#signer', 'Nguyễn Văn An');
    await page.fill('#submittedBy', 'Trần Thị Bình');
    await Promise.all([page.waitForURL(/\?received$/), page.getByRole('button', { name: 'Gửi báo cáo' }).click()]);
    expect(await page.locator('ul.documents li').count()).toBe(2);

    await kyhanOk('return', cycleId, 'mat-tran', '--reason', 'Thiếu số liệu mục II.5', '--by', 'Chuyên viên (thử)');
    const returned = await waitForMail({ kind: 'returned', to: CLERK, cycle: cycleId });
    await page.goto(linkIn(returned, 'unit'));
    expect(await page.locator('.state').textContent()).toBe('Bị trả lại để bổ sung');
    expect(await page.locator('.notice.bad').textContent()).toContain('Thiếu số liệu mục II.5');
    await screenshot(page, 'unit-link/returned-phone');

    await page.setInputFiles('#files', { name: 'v2.pdf', mimeType: 'application/pdf', buffer: samplePdf('v2') });
    await page.fill('#number', '51-BC/MTTQ');
    await page.fill('#date', today());
    await page.fill('#signer', 'Nguyễn Văn An');
    await page.fill('#submittedBy', 'Trần Thị Bình');
    await Promise.all([page.waitForURL(/\?received$/), page.getByRole('button', { name: 'Gửi bản bổ sung' }).click()]);
    expect(await page.locator('.notice.ok').textContent()).toContain('(bản bổ sung lần 1), văn bản số 51-BC/MTTQ');
    const status = await kyhanJson<CycleStatus>('cycle', 'status', cycleId);
    expect(unitOf(status, 'mat-tran')).toMatchObject({ state: 'submitted', submission: { revision: 1, document: { number: '51-BC/MTTQ' } } });
    expect(unitOf(status, 'mat-tran').returned).toBeUndefined();
    expect(errors, 'errors in the page').toEqual([]);
  });

  it('a wrong field is refused next to it, keeping what was typed; a file that is not a document is refused by its content', async () => {
    const cycleId = await startCycle({ period: uniquePeriod('unit-form'), due: fromNow(10 * MINUTE) });
    const notice = await waitForMail({ kind: 'notice', to: CLERK, cycle: cycleId });
    const { page, errors } = await chromium.newPage();
    await page.goto(linkIn(notice, 'unit'));
    await page.setInputFiles('#files', { name: 'bao-cao.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ… not a PDF at all, a program') });
    await page.fill('#number', '45-BC/MTTQ-BTT');
    await page.fill('#date', today());
    await page.fill('#signer', 'Nguyễn Văn An');
    await page.fill('#submittedBy', 'Trần Thị Bình');
    const response = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Gửi báo cáo' }).click()]);
    expect(response[0].status()).toBe(415);
    expect(await page.locator('#files-error').textContent()).toContain('không phải loại được nhận');
    expect(await page.inputValue('#number')).toBe('45-BC/MTTQ-BTT');
    await screenshot(page, 'unit-link/refused-file');
    expect(unitOf(await kyhanJson<CycleStatus>('cycle', 'status', cycleId), 'mat-tran').submission).toBeUndefined();
    expect(storedFor(cycleId)).toEqual([]);
    expect(errors.filter((e) => !e.includes('415')), 'errors in the page').toEqual([]);
  });
});

describe('links that do not hold are refused and change nothing', () => {
  let chromium: TestBrowser;
  beforeAll(async () => {
    chromium = await openBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
  });

  it('a tampered link, another unit’s link made from it, and a link past the cut-off', async () => {
    const cycleId = await startCycle({ period: uniquePeriod('unit-refused'), due: fromNow(10 * MINUTE) });
    const notice = await waitForMail({ kind: 'notice', to: CLERK, cycle: cycleId });
    const link = linkIn(notice, 'unit');
    const token = new URL(link).pathname.slice('/r/'.length);
    const [payload, signature] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { c: string; u: string; r: string; e: number };
    const origin = new URL(link).origin;
    const secret = readFileSync(join(stack().varDir, 'secret.key'), 'utf8').trim();

    const tampered = `${origin}/r/${payload.slice(0, -2)}${payload.slice(-2) === 'AA' ? 'AB' : 'AA'}.${signature}`;
    const otherUnit = `${origin}/r/${Buffer.from(JSON.stringify({ ...claims, u: 'hoi-nong-dan' })).toString('base64url')}.${signature}`;
    // Signed with the stack's own secret for this very cycle and run, but its cut-off has passed.
    const expired = `${origin}/r/${unitLinkToken(secret, { cycleId: claims.c, unitId: 'mat-tran', run: claims.r, cutoffAt: new Date(Date.now() - MINUTE).toISOString() })}`;

    const { page, errors } = await chromium.newPage();
    const cases: [string, string, number, string][] = [
      ['tampered', tampered, 403, 'Liên kết không hợp lệ'],
      ['other-unit', otherUnit, 403, 'Liên kết không hợp lệ'],
      ['expired', expired, 410, 'Liên kết đã hết hiệu lực'],
    ];
    for (const [name, url, status, heading] of cases) {
      const response = await page.goto(url);
      expect(response!.status(), name).toBe(status);
      expect(await page.getByRole('heading', { level: 1 }).textContent(), name).toBe(heading);
      expect(await page.locator('form[enctype="multipart/form-data"]').count(), name).toBe(0);
      await screenshot(page, `unit-link/refused-${name}`);
      // A POST to it as the form would send it is refused the same way, before anything is read.
      const post = await page.request.post(url, {
        headers: { Origin: origin },
        multipart: { files: { name: 'a.pdf', mimeType: 'application/pdf', buffer: samplePdf() }, number: '1', date: today(), signer: 'A', submittedBy: 'B' },
      });
      expect(post.status(), `${name} (POST)`).toBe(status);
    }

    const status = await kyhanJson<CycleStatus>('cycle', 'status', cycleId);
    for (const unit of status.units) expect(unit.submission, unit.unitId).toBeUndefined();
    expect(await findMails({ kind: 'receipt', cycle: cycleId })).toEqual([]);
    expect(storedFor(cycleId)).toEqual([]);
    // The true link still works.
    expect((await page.goto(link))!.status()).toBe(200);
    expect(errors.filter((e) => !/403|410/.test(e)), 'errors in the page').toEqual([]);
  });
});
