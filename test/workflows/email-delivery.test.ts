import { afterEach, describe, expect, it } from 'vitest';
import { cycleStatus, startCycle, submitReport } from '../../client/cycles';
import { cycleSpec, HOUR, mailsOf, startCycleHarness, unit, type CycleHarness } from '../helpers/cycle-harness';
import { recordHistories } from '../helpers/record-histories';

let h: CycleHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('email delivery', () => {
  it('retries an SMTP server that fails twice and delivers the notice exactly once', async () => {
    h = await startCycleHarness({ failTimes: 2 });
    const spec = cycleSpec('smtp-flaky', await h.env.currentTimeMs(), [unit('flaky-a')]);
    const handle = await startCycle(h.env.client, spec, { taskQueue: h.taskQueue });
    await h.env.sleep(2 * HOUR);
    await submitReport(h.env.client, spec.id, { unitId: 'flaky-a', submittedBy: 'A' });
    await handle.result();

    expect(mailsOf(h.smtp, 'notice', 'flaky-a@example.org')).toHaveLength(1);
    const history = await h.env.client.workflow.getHandle(`${handle.workflowId}#shard-0`).fetchHistory();
    const noticeAttempts = history.events!.filter((e) => e.activityTaskStartedEventAttributes).map((e) => e.activityTaskStartedEventAttributes!.attempt);
    expect(noticeAttempts).toContain(3);
    const status = await cycleStatus(h.env.client, spec.id);
    expect(status.units[0]).toMatchObject({ deliveryFailures: [], noticeSentAt: expect.any(String) });
    await recordHistories(h, spec, 'smtp-fails-twice');
  });

  it('does not retry a mailbox the server refuses for good: it records the failure and tells the consolidating staff', async () => {
    h = await startCycleHarness({ rejectRecipients: ['gone@example.org'] });
    const gone = { ...unit('gone'), to: [{ key: 'gone', name: 'Đơn vị đã giải thể', email: 'gone@example.org' }] };
    const spec = cycleSpec('smtp-refused', await h.env.currentTimeMs(), [gone, unit('fine')]);
    await startCycle(h.env.client, spec, { taskQueue: h.taskQueue });
    await h.env.sleep(2 * HOUR);

    const status = await cycleStatus(h.env.client, spec.id);
    const failures = status.units.find((u) => u.unitId === 'gone')!.deliveryFailures;
    expect(failures).toEqual([{ kind: 'notice', address: 'gone@example.org', error: expect.stringContaining('550') }]);
    expect(mailsOf(h.smtp, 'notice', 'fine@example.org')).toHaveLength(1);
    const report = mailsOf(h.smtp, 'delivery-failure', 'chuyen-vien@example.org');
    expect(report).toHaveLength(1);
    expect(report[0]!.parsed.text).toContain('gone@example.org');
    // Not retried: one attempt only.
    const history = await h.env.client.workflow.getHandle(`kyhan-cycle:${spec.id}#shard-0`).fetchHistory();
    const attempts = history.events!.filter((e) => e.activityTaskStartedEventAttributes?.attempt && e.activityTaskStartedEventAttributes.attempt > 1);
    expect(attempts).toHaveLength(0);
    await recordHistories(h, spec, 'smtp-permanent-failure');
  });
});
