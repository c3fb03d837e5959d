/**
 * The staff console in Chromium on the stack `npm start` runs: a staff member signs in from the
 * emailed link, sees the matrix, excuses a unit, returns one (whose return email carries a link
 * that opens its report page again), cancels a cycle; forms refuse bad input next to the field;
 * a unit's clerk and a signed-out visitor get the sign-in page instead of staff pages.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleStatus } from '../../workflows/messages';
import { runKyhan } from '../helpers/kyhan-cli';
import {
  findMails,
  fromNow,
  kyhanJson,
  kyhanOk,
  linkIn,
  openBrowser,
  PLAN_ID,
  screenshot,
  stack,
  startCycle,
  uniquePeriod,
  waitFor,
  waitForMail,
  type TestBrowser,
  type TestPage,
} from './harness';

const STAFF = 'tong-hop@example.org';
const cycleUrl = (cycleId: string) => `${stack().webUrl}/cycles/${encodeURIComponent(cycleId)}`;

/** Signs `email` in as a person does: the form, the mail, the link, the button. Ends on `next`. */
async function signIn(page: TestPage['page'], email: string, next: string): Promise<void> {
  const before = await findMails({ to: email });
  await page.goto(`${stack().webUrl}${next}`);
  // Staff pages send a signed-out visitor to the sign-in form, which brings them back after.
  await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('form button[type="submit"]').click();
  const mail = await waitForMail({ kind: 'sign-in', to: email, notIn: before }, 60_000);
  await page.goto(linkIn(mail, 'sign-in'));
  await page.locator('main form button[type="submit"]').click();
  await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe(next);
}

describe('the staff console', () => {
  let chromium: TestBrowser;
  let staff: TestPage;
  let cycleId: string;
  let period: string;

  beforeAll(async () => {
    chromium = await openBrowser();
    period = uniquePeriod('console');
    cycleId = await startCycle({ report: 'bao-cao-dot-xuat', period, due: fromNow(15 * 60_000) });
    await waitForMail({ kind: 'notice', to: 'mat-tran@example.org', cycle: cycleId });
    // A unit reports (through the CLI), so that staff can return it.
    const dir = mkdtempSync(join(tmpdir(), 'kyhan-console-'));
    const file = join(dir, 'bao-cao.pdf');
    writeFileSync(file, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    // The CLI stores the file in the stack's state directory, where the web app serves it from.
    const submitted = await runKyhan(['submit', cycleId, 'mat-tran', '--file', file, '--by', 'Văn thư Mặt trận'], { TEMPORAL_ADDRESS: stack().temporalAddress, KYHAN_VAR_DIR: stack().varDir });
    expect(submitted.code, submitted.stderr).toBe(0);
    staff = await chromium.newPage();
  });

  afterAll(async () => {
    await chromium?.close();
  });

  it('a signed-out visitor gets the sign-in page, not the console', async () => {
    const { page, errors } = await chromium.newPage({ viewport: { width: 390, height: 844 } });
    for (const path of ['/', `/plans/${PLAN_ID}`, `/cycles/${encodeURIComponent(cycleId)}`]) {
      const response = await page.goto(`${stack().webUrl}${path}`);
      expect(response!.status()).toBe(200);
      expect(new URL(page.url()).pathname, path).toBe('/sign-in');
    }
    expect(errors).toEqual([]);
  });

  it('staff sign in from the emailed link and see the matrix', async () => {
    const { page, errors } = staff;
    await signIn(page, STAFF, `/plans/${PLAN_ID}`);
    // Other tests' cycles share the stack: look at this report type, and at this cycle's column.
    const matrixUrl = `${stack().webUrl}/plans/${PLAN_ID}?reportType=bao-cao-dot-xuat`;
    const header = `table.matrix thead a[href="/cycles/${encodeURIComponent(cycleId)}"]`;
    // Visibility lists a new cycle within a second or so: reload until its column is there.
    await waitFor('the cycle in the matrix', async () => {
      await page.goto(matrixUrl);
      return (await page.locator(header).count()) > 0 ? true : undefined;
    });
    // The cells of a unit's row in this cycle's column (the unit's name heads the row).
    const column = (await page.locator('table.matrix thead th').evaluateAll((ths, href) => ths.findIndex((th) => th.querySelector(`a[href="${href}"]`)), `/cycles/${encodeURIComponent(cycleId)}`)) - 1;
    const cell = (unit: string) => page.locator('table.matrix tbody tr', { has: page.locator('th', { hasText: unit }) }).locator('td.cell').nth(column);
    await expect.poll(() => cell('Mặt trận').textContent()).toContain('Đúng hạn');
    await expect.poll(() => cell('BDV Huyện ủy').textContent()).toContain('Chưa nộp');
    await screenshot(page, 'console/matrix');

    // The filters: district level only.
    await page.locator('#filter-level').selectOption('district');
    await page.locator('form.filters button[type="submit"]').click();
    await expect.poll(() => page.locator('table.matrix tbody tr').count()).toBe(1);
    await screenshot(page, 'console/matrix-district');

    // The same on a phone: the table scrolls inside its box, the page does not.
    const phone = await chromium.newPage({ viewport: { width: 390, height: 844 } });
    await phone.context.addCookies(await staff.context.cookies());
    await phone.page.goto(`${stack().webUrl}/plans/${PLAN_ID}`);
    const overflow = await phone.page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow, 'the page is no wider than the phone').toBeLessThanOrEqual(0);
    await screenshot(phone.page, 'console/matrix-phone');
    expect(errors).toEqual([]);
    expect(phone.errors).toEqual([]);
  });

  it('a form refuses bad input with a message next to the field, keeping what was typed', async () => {
    const { page, errors } = staff;
    await page.goto(`${cycleUrl(cycleId)}/units/hoi-nong-dan`);
    await page.locator('#extend-until').fill('2020-01-01T08:00');
    await page.locator('#extend-reason').fill('   ');
    // The browser's own check would stop an empty required field; a blank one reaches the server.
    await page.locator('form[action$="/extend"] button[type="submit"]').click();
    await expect.poll(() => page.locator('#extend-reason-error').textContent()).toContain('Không được để trống');
    expect(await page.locator('#extend-until').inputValue()).toBe('2020-01-01T08:00');
    await screenshot(page, 'console/form-error');
    // A moment in the past passes the form and is refused by the cycle, next to the form.
    await page.locator('#extend-reason').fill('Đơn vị xin thêm thời gian');
    await page.locator('form[action$="/extend"] button[type="submit"]').click();
    await expect.poll(() => page.locator('form[action$="/extend"] .notice.bad').textContent()).toMatch(/hạn/);
    expect(errors).toEqual([]);
  });

  it('excuses a unit: the cycle records who did it and the timeline shows it', async () => {
    const { page, errors } = staff;
    await page.goto(`${cycleUrl(cycleId)}/units/hoi-nong-dan`);
    await page.locator('#excuse-reason').fill('Đơn vị đang hợp nhất tổ chức');
    await page.locator('form[action$="/excuse"] button[type="submit"]').click();
    await expect.poll(() => page.locator('.notice.ok').textContent()).toContain('Đã miễn nộp');
    await expect.poll(() => page.locator('dl.facts .state').first().textContent()).toContain('Miễn nộp');
    await expect.poll(() => page.locator('ol.timeline').textContent()).toContain(`Chuyên viên (thử) <${STAFF}>`);
    const status = await kyhanJson<CycleStatus>('cycle', 'status', cycleId);
    const unit = status.units.find((u) => u.unitId === 'hoi-nong-dan')!;
    expect(unit.state).toBe('excused');
    expect(unit.excused?.by).toBe(`Chuyên viên (thử) <${STAFF}>`);
    await waitForMail({ kind: 'excuse', to: 'hoi-nong-dan@example.org', cycle: cycleId });
    expect(errors).toEqual([]);
  });

  it('returns a report: the unit gets the return email, whose link opens its report page again', async () => {
    const { page, errors } = staff;
    await page.goto(cycleUrl(cycleId));
    await screenshot(page, 'console/cycle');
    // The stored document downloads from the cycle page.
    const download = page.waitForEvent('download');
    await page.locator('table.units a[href$="/units/mat-tran/documents/0"]').click();
    expect((await download).suggestedFilename()).toBe('bao-cao.pdf');

    await page.goto(`${cycleUrl(cycleId)}/units/mat-tran`);
    await page.locator('#return-reason').fill('Thiếu số liệu mục II.5; đề nghị bổ sung');
    await page.locator('form[action$="/return"] button[type="submit"]').click();
    await expect.poll(() => page.locator('dl.facts .state').first().textContent()).toContain('Trả lại để bổ sung');
    await screenshot(page, 'console/unit-returned');

    const mail = await waitForMail({ kind: 'returned', to: 'mat-tran@example.org', cycle: cycleId });
    expect(mail.text).toContain('Thiếu số liệu mục II.5');
    const clerk = await chromium.newPage();
    const response = await clerk.page.goto(linkIn(mail, 'unit'));
    expect(response!.status()).toBe(200);
    // The report page offers the upload again (the unit resubmits through the same link).
    await expect.poll(() => clerk.page.locator('input[type="file"]').count()).toBeGreaterThan(0);
    await screenshot(clerk.page, 'console/returned-unit-link');

    // The clerk's link opens the unit's page only: staff pages still want a sign-in.
    await clerk.page.goto(cycleUrl(cycleId));
    expect(new URL(clerk.page.url()).pathname).toBe('/sign-in');
    await clerk.page.goto(`${stack().webUrl}/plans/${PLAN_ID}`);
    expect(new URL(clerk.page.url()).pathname).toBe('/sign-in');
    expect(errors).toEqual([]);
    expect(clerk.errors).toEqual([]);
  });

  it('the open cycle’s units update in place (htmx), without a reload', async () => {
    const { page, errors } = staff;
    await page.goto(cycleUrl(cycleId));
    const row = page.locator('table.units tbody tr', { has: page.locator('th', { hasText: 'Đoàn Thanh niên' }) });
    expect(await row.textContent()).not.toContain('đã gia hạn');
    // A marker the refresh must not remove: the page itself is not reloaded.
    await page.evaluate('window.kyhanNotReloaded = true');
    await kyhanOk('extend', cycleId, 'doan-thanh-nien', '--until', fromNow(14 * 60_000), '--reason', 'Mất điện', '--by', 'Trưởng phòng');
    await waitFor('the extension in the refreshed table', async () => ((await row.textContent())?.includes('đã gia hạn') ? true : undefined), { timeoutMs: 90_000 });
    expect(await page.evaluate('window.kyhanNotReloaded')).toBe(true);
    expect(errors).toEqual([]);
  });

  it('cancels a cycle with a reason; the units that had not reported are told', async () => {
    const { page, errors } = staff;
    const other = await startCycle({ report: 'bao-cao-nhanh', period: uniquePeriod('console-cancel'), due: fromNow(15 * 60_000) });
    await waitForMail({ kind: 'notice', to: 'hoi-nong-dan@example.org', cycle: other });
    await page.goto(cycleUrl(other));
    await page.locator('details.danger summary').click();
    await page.locator('#cancel-reason').fill('');
    await page.locator('form[action$="/cancel"] button[type="submit"]').click();
    // An empty required field: the browser itself refuses first; nothing was sent.
    expect(new URL(page.url()).pathname).toBe(`/cycles/${encodeURIComponent(other)}`);
    await page.locator('#cancel-reason').fill('Mở nhầm kỳ báo cáo');
    await page.locator('form[action$="/cancel"] button[type="submit"]').click();
    await expect.poll(() => page.locator('.notice.ok').textContent()).toContain('Đã hủy kỳ báo cáo');
    const mail = await waitForMail({ kind: 'cancellation', to: 'hoi-nong-dan@example.org', cycle: other });
    expect(mail.text).toContain('Mở nhầm kỳ báo cáo');
    await waitFor('the cancellation in the cycle page', async () => {
      await page.reload();
      return (await page.locator('.phase-cancelled').count()) > 0 ? true : undefined;
    });
    await expect.poll(() => page.locator('ol.timeline').textContent()).toContain(`Chuyên viên (thử) <${STAFF}>`);
    await screenshot(page, 'console/cycle-cancelled');
    expect(errors).toEqual([]);
  });

  it('starts an ad-hoc cycle from the console', async () => {
    const { page, errors } = staff;
    await page.goto(`${stack().webUrl}/plans/${PLAN_ID}/cycles/new?reportType=bao-cao-nhanh`);
    const periodId = uniquePeriod('console-start');
    const due = new Date(Date.now() + 20 * 60_000);
    const local = new Date(due.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
    await page.locator('#start-due').fill(local);
    await page.locator('#start-periodId').fill(periodId);
    await screenshot(page, 'console/start');
    await page.locator('form[action$="/cycles"] button[type="submit"]').click();
    await expect.poll(() => page.locator('.notice.ok').textContent()).toContain('Đã mở kỳ báo cáo');
    await waitForMail({ kind: 'notice', to: 'mat-tran@example.org', cycle: `${PLAN_ID}/bao-cao-nhanh/${periodId}` });
    expect(errors).toEqual([]);
  });
});
