/**
 * The browser tests' own smoke test: the stack `npm start` runs answers a user end to end. The
 * CLI opens a cycle, the worker mails the notice, the clerk's link in that `.eml` opens in
 * Chromium on the web app; a signed-out visitor reaches the sign-in page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkIn, openBrowser, screenshot, stack, startCycle, uniquePeriod, waitForMail, type TestBrowser } from './harness';

describe('the browser tests’ stack (npm start) and Chromium', () => {
  let chromium: TestBrowser;

  beforeAll(async () => {
    chromium = await openBrowser();
  });

  afterAll(async () => {
    await chromium?.close();
  });

  it('npm start names the web app first among the addresses it prints', () => {
    const { banner, webUrl } = stack();
    expect(banner[0]).toMatch(/^kyhan is running/);
    expect(banner[1]).toMatch(/^\s+Web app\s+http:\/\/127\.0\.0\.1:\d+\s+\(sign in with an address from the plan's people\)$/);
    expect(banner[1]).toContain(webUrl);
  });

  it('a unit’s notice carries a link that opens a page of the web app', async () => {
    const cycleId = await startCycle({ period: uniquePeriod('smoke') });
    const notice = await waitForMail({ kind: 'notice', to: 'mat-tran@example.org', cycle: cycleId });
    expect(notice.subject).not.toBe('');

    const link = linkIn(notice, 'unit');
    expect(new URL(link).origin, 'the link leads to the web app npm start printed').toBe(new URL(stack().webUrl).origin);

    const { page, errors } = await chromium.newPage();
    const response = await page.goto(link);
    expect(response, `no answer from ${link}`).not.toBeNull();
    expect(response!.status(), `the unit's link answered ${response!.status()}`).toBeLessThan(500);
    // A page of kyhan's own, in the plan's language, with its stylesheet.
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
    await expect.poll(() => page.locator('header.site .brand').textContent()).toBe('kyhan');
    expect(await page.title()).toMatch(/· kyhan$/);
    expect(await page.evaluate('[...document.styleSheets].some((s) => s.href?.endsWith("/static/app.css") && s.cssRules.length > 0)'), 'the stylesheet loaded').toBe(true);
    await screenshot(page, 'smoke/unit-link');
    // The report page itself (report name, period, due moment, the unit's state, the upload and
    // the receipt) is test/browser/unit-link.test.ts's.
    expect(errors, 'errors in the page').toEqual([]);
  });

  it('a signed-out visitor gets a page, not an error, at the sign-in address', async () => {
    const { page, errors } = await chromium.newPage({ viewport: { width: 390, height: 844 } });
    const response = await page.goto(`${stack().webUrl}/sign-in`);
    expect(response!.status(), `/sign-in answered ${response!.status()}`).toBeLessThan(500);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
    expect(await page.title()).toMatch(/· kyhan$/);
    await screenshot(page, 'smoke/sign-in-phone');
    // The form (an address from the plan's people gets a link by mail, anybody else nothing) and
    // the redirect of staff pages to it are test/browser/sign-in.test.ts's.
    expect(errors, 'errors in the page').toEqual([]);
  });
});
