/**
 * The leaders' approval through the console in Chromium: a cycle consolidates the moment its
 * one unit reports; the leader follows the consolidation mail's link, signs in, reads the
 * consolidated report, returns it; staff are told, send it again from the cycle page; the
 * leader approves and the report leaves for the upper level that has an address; staff mark it
 * sent by hand for the other. Each step shows in the cycle's timeline with who took it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleStatus } from '../../workflows/messages';
import { runKyhan } from '../helpers/kyhan-cli';
import { findMails, kyhanJson, linkIn, openBrowser, screenshot, stack, startCycle, uniquePeriod, waitForMail, type TestBrowser, type TestPage } from './harness';

const LEADER = 'lanh-dao@example.org';
const STAFF = 'tong-hop@example.org';

async function signIn(page: TestPage['page'], email: string, url: string): Promise<void> {
  const before = await findMails({ to: email });
  await page.goto(url);
  await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('form button[type="submit"]').click();
  const mail = await waitForMail({ kind: 'sign-in', to: email, notIn: before }, 60_000);
  await page.goto(linkIn(mail, 'sign-in'));
  await page.locator('main form button[type="submit"]').click();
  await expect.poll(() => page.url()).toBe(url);
}

describe('the leaders’ approval in the console', () => {
  let chromium: TestBrowser;
  let cycleId: string;

  beforeAll(async () => {
    chromium = await openBrowser();
    cycleId = await startCycle({ period: uniquePeriod('console-approval'), units: ['mat-tran'] });
    const dir = mkdtempSync(join(tmpdir(), 'kyhan-approval-'));
    const file = join(dir, 'bao-cao.pdf');
    writeFileSync(file, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const submitted = await runKyhan(['submit', cycleId, 'mat-tran', '--file', file, '--by', 'Văn thư Mặt trận'], { TEMPORAL_ADDRESS: stack().temporalAddress, KYHAN_VAR_DIR: stack().varDir });
    expect(submitted.code, submitted.stderr).toBe(0);
  });

  afterAll(async () => {
    await chromium?.close();
  });

  it('a leader returns the report, staff send it again, the leader approves and it goes up', async () => {
    // Every unit reported: the cycle consolidates and sends the leaders the report to approve.
    const request = await waitForMail({ kind: 'consolidation', to: LEADER, cycle: cycleId });
    const cycleLink = linkIn(request, 'cycle');
    expect(decodeURIComponent(new URL(cycleLink).pathname)).toBe(`/cycles/${cycleId}`);

    const leader = await chromium.newPage();
    await signIn(leader.page, LEADER, cycleLink);
    await expect.poll(() => leader.page.locator('.approval').textContent()).toContain('chờ lãnh đạo phê duyệt');
    await screenshot(leader.page, 'console-approval/awaiting');
    const report = await leader.page.request.get(`${cycleLink}/report.html`);
    expect(report.status()).toBe(200);
    expect(report.headers()['content-type']).toContain('text/html');

    // Return to staff, with what to change.
    await leader.page.locator('#return-report-comment').fill('Bổ sung phần đánh giá chung');
    await leader.page.locator('form[action$="/approval/return"] button[type="submit"]').click();
    await expect.poll(() => leader.page.locator('.notice.ok').textContent()).toContain('Đã trả lại báo cáo tổng hợp');
    const told = await waitForMail({ kind: 'approval-returned', to: STAFF, cycle: cycleId });
    expect(told.text).toContain('Bổ sung phần đánh giá chung');

    // Staff send it again from the cycle page.
    const staff = await chromium.newPage();
    await signIn(staff.page, STAFF, cycleLink);
    await expect.poll(() => staff.page.locator('ol.timeline').textContent()).toContain('Bổ sung phần đánh giá chung');
    await staff.page.locator('#resubmit-note').fill('Đã bổ sung phần đánh giá');
    await staff.page.locator('form[action$="/approval/resubmit"] button[type="submit"]').click();
    await expect.poll(() => staff.page.locator('.notice.ok').textContent()).toContain('Đã trình lại lãnh đạo');
    await waitForMail({ kind: 'approval-request', to: LEADER, cycle: cycleId });

    // The leader approves: the report leaves for the upper level with an address.
    await leader.page.goto(cycleLink);
    await leader.page.locator('#approve-comment').fill('Đồng ý');
    await leader.page.locator('form[action$="/approval/approve"] button[type="submit"]').click();
    await expect.poll(() => leader.page.locator('.notice.ok').textContent()).toContain('Đã phê duyệt');
    await waitForMail({ kind: 'upward-report', to: 'tinh-uy@example.org', cycle: cycleId });

    // Staff mark it sent by hand to the level without an address.
    await staff.page.goto(cycleLink);
    await staff.page.locator('#sent-up-note').fill('Gửi bản giấy qua văn thư');
    await staff.page.locator('form[action$="/approval/mark-sent"] button[type="submit"]').click();
    await expect.poll(() => staff.page.locator('.notice.ok').textContent()).toContain('Đã ghi nhận gửi lên cấp trên');
    await expect.poll(() => staff.page.locator('ol.timeline').textContent()).toContain(`Lãnh đạo Ban (thử) <${LEADER}>`);
    await screenshot(staff.page, 'console-approval/sent');

    const status = await kyhanJson<CycleStatus>('cycle', 'status', cycleId);
    expect(status.approval?.state).toBe('sent');
    expect(status.approval?.steps.map((s) => s.kind)).toEqual(expect.arrayContaining(['requested', 'returned', 'resubmitted', 'approved', 'sent-up', 'marked-sent']));
    expect(leader.errors).toEqual([]);
    expect(staff.errors).toEqual([]);
  });
});
