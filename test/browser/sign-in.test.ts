/**
 * Staff and leaders sign in by an emailed link, in Chromium, on the stack `npm start` runs: a
 * signed-out visitor is sent to the sign-in page and back; an address from the plan's people gets
 * a link by mail, anybody else the same page and no mail; the link asks to confirm, signs in once,
 * and a second use is refused; signing out ends the session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMails, linkIn, openBrowser, screenshot, stack, waitForMail, type Mail, type TestBrowser } from './harness';

const STAFF = 'tong-hop@example.org';
const STRANGER = 'mat-tran@example.org';

describe('sign-in by emailed link', () => {
  let chromium: TestBrowser;
  beforeAll(async () => {
    chromium = await openBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
  });

  it('a signed-out visitor is sent to sign in; staff get a one-time link by mail, strangers nothing; sign-out ends the session', async () => {
    const web = stack().webUrl;
    const before: Mail[] = await findMails({ kind: 'sign-in' });
    const { page, errors } = await chromium.newPage();

    // Staff pages send a signed-out visitor to the sign-in page, remembering where they were going.
    await page.goto(`${web}/`);
    await page.waitForURL(/\/sign-in\?next=%2F$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Đăng nhập');
    await screenshot(page, 'sign-in/form');

    // An address the plan does not list (a unit's) gets the same answer, and no mail.
    await page.fill('#email', STRANGER);
    await page.getByRole('button', { name: 'Gửi liên kết đăng nhập' }).click();
    await page.waitForURL(`${web}/sign-in`);
    const strangerAnswer = (await page.locator('main').textContent())!.replace(STRANGER, '…');

    await page.goto(`${web}/sign-in?next=%2F`);
    await page.fill('#email', STAFF);
    await page.getByRole('button', { name: 'Gửi liên kết đăng nhập' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Kiểm tra hộp thư');
    expect((await page.locator('main').textContent())!.replace(STAFF, '…')).toBe(strangerAnswer);
    await screenshot(page, 'sign-in/check-mailbox');

    const mail = await waitForMail({ kind: 'sign-in', to: STAFF, notIn: before });
    expect(mail.subject).toBe('Liên kết đăng nhập kyhan');
    expect(await findMails({ kind: 'sign-in', to: STRANGER, notIn: before })).toEqual([]);
    const link = linkIn(mail, 'sign-in');

    // Opening the link changes nothing by itself (mail scanners open links): it asks to confirm.
    await page.goto(link);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Xác nhận đăng nhập');
    await screenshot(page, 'sign-in/confirm');
    await Promise.all([page.waitForURL(`${web}/`), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    expect(await page.locator('nav.top .who').textContent()).toBe('Chuyên viên (thử)');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'kyhan_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    await screenshot(page, 'sign-in/signed-in');

    // The link works once: in another browser it is refused.
    const other = await chromium.newPage();
    await other.page.goto(link);
    const refused = await Promise.all([other.page.waitForResponse((r) => r.request().method() === 'POST'), other.page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    expect(refused[0].status()).toBe(410);
    expect(await other.page.getByRole('heading', { level: 1 }).textContent()).toBe('Liên kết đã được sử dụng');
    expect((await other.context.cookies()).some((c) => c.name === 'kyhan_session')).toBe(false);

    // Signing out ends the session: staff pages send to sign in again.
    await Promise.all([page.waitForURL(/\/sign-in$/), page.getByRole('button', { name: 'Đăng xuất' }).click()]);
    await page.goto(`${web}/`);
    await page.waitForURL(/\/sign-in\?next=%2F$/);
    expect(errors, 'errors in the page').toEqual([]);
    expect(other.errors.filter((e) => !e.includes('410')), 'errors in the other page').toEqual([]);
  });

  it('a bad address is refused next to the field, keeping what was typed', async () => {
    const { page, errors } = await chromium.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${stack().webUrl}/sign-in`);
    // The browser's own check would stop "a@b" never; this one passes it and the server refuses.
    await page.fill('#email', 'tong-hop@example');
    const response = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Gửi liên kết đăng nhập' }).click()]);
    expect(response[0].status()).toBe(422);
    expect(await page.locator('#email-error').textContent()).toContain('Địa chỉ email không hợp lệ');
    expect(await page.inputValue('#email')).toBe('tong-hop@example');
    await screenshot(page, 'sign-in/bad-address-phone');
    expect(errors.filter((e) => !e.includes('422')), 'errors in the page').toEqual([]);
  });
});
