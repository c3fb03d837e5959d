/**
 * Breaking the mail road on purpose, under time skipping, and counting what survived: SMTP
 * down for a day, a leader's address refused for good, the sent ledger unwritable, and the
 * same cycle id run a second time.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkflowFailedError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { cancelCycle, CycleUpdateRejectedError, startCycle, submitReport } from '../../client/cycles';
import { boardHead, cycleSpec, DAY, divisionHead, HOUR, kindOf, mailsOf, staff, startCycleHarness, toAddresses, unit, type CycleHarness } from '../helpers/cycle-harness';
import { duplicateIds, isMarkedLate, report } from './report';

let h: CycleHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const to = (id: string) => `${id}@example.org`;

describe('chaos: mail', () => {
  it('SMTP down for 24 hours across a reminder and an escalation: once back, every email arrives exactly once, marked late, and staff get one held-mail alert', async () => {
    h = await startCycleHarness();
    const units = [unit('down-a'), unit('down-b'), unit('down-c')];
    const spec = cycleSpec('smtp-down', await h.env.currentTimeMs(), units, {
      reminders: [{ offset: -6 * HOUR, relation: 'before' }],
      escalations: [{ offset: 6 * HOUR, recipients: [divisionHead], roleLabel: 'Trưởng phòng Đoàn thể' }],
      cutoffAfterDue: 2 * DAY,
    });
    const handle = await startCycle(h.env.client, spec, { taskQueue: h.taskQueue });
    await h.env.sleep(2 * HOUR);
    await submitReport(h.env.client, spec.id, { unitId: 'down-a', submittedBy: 'Văn phòng A' });

    // Down from 12 hours before the due moment to 12 hours after it.
    await h.env.sleep(Date.parse(spec.dueAt) - 12 * HOUR - (await h.env.currentTimeMs()));
    h.smtp.setDown(true);
    await h.env.sleep(24 * HOUR);
    const receivedWhileDown = h.smtp.messages.length;
    h.smtp.setDown(false);
    const outcome = await handle.result();

    const reminders = [...mailsOf(h.smtp, 'reminder', to('down-b')), ...mailsOf(h.smtp, 'reminder', to('down-c'))];
    const digests = mailsOf(h.smtp, 'escalation', divisionHead.email);
    const held = mailsOf(h.smtp, 'held-mail', staff.email);
    report('SMTP down for 24 hours', [
      { what: 'reminders (2 overdue units)', expected: 2, counted: reminders.length },
      { what: '  of them marked late', expected: 2, counted: reminders.filter(isMarkedLate).length },
      { what: 'escalation digests', expected: 1, counted: digests.length },
      { what: '  of them marked late', expected: 1, counted: digests.filter(isMarkedLate).length },
      { what: 'held-mail alerts to staff', expected: 1, counted: held.length },
      { what: 'reminder to the unit that reported', expected: 0, counted: mailsOf(h.smtp, 'reminder', to('down-a')).length },
      { what: 'duplicate Message-IDs', expected: 0, counted: duplicateIds(h.smtp.messages).length },
    ]);
    expect(reminders).toHaveLength(2);
    expect(reminders.every(isMarkedLate)).toBe(true);
    expect(digests).toHaveLength(1);
    expect(digests.every(isMarkedLate)).toBe(true);
    expect(held).toHaveLength(1);
    expect(held[0]!.parsed.text).toMatch(/Máy chủ thư điện tử không nhận thư của hệ thống từ .+ đến .+/);
    expect(mailsOf(h.smtp, 'reminder', to('down-a'))).toHaveLength(0);
    expect(duplicateIds(h.smtp.messages)).toEqual([]);
    expect(h.smtp.messages.length).toBeGreaterThan(receivedWhileDown);
    expect(outcome).toMatchObject({ phase: 'consolidated', escalationsSent: [{ step: 1, overdueUnits: 2 }] });
  });

  it("a leader's address refused for good: the other leaders still get the digest, the cycle consolidates, staff are told about that address once", async () => {
    h = await startCycleHarness({ rejectRecipients: [divisionHead.email] });
    const units = [unit('refused-a'), unit('refused-b')];
    const spec = cycleSpec('leader-refused', await h.env.currentTimeMs(), units, {
      escalations: [
        { offset: 2 * DAY, recipients: [divisionHead, boardHead], roleLabel: 'Lãnh đạo' },
        { offset: 4 * DAY, recipients: [divisionHead], roleLabel: 'Trưởng phòng Đoàn thể' },
      ],
    });
    const handle = await startCycle(h.env.client, spec, { taskQueue: h.taskQueue });
    await h.env.sleep(2 * HOUR);
    await submitReport(h.env.client, spec.id, { unitId: 'refused-a', submittedBy: 'Văn phòng A' });
    const outcome = await handle.result();

    const alerts = mailsOf(h.smtp, 'delivery-failure', staff.email).filter((m) => m.parsed.text?.includes(divisionHead.email));
    const consolidations = mailsOf(h.smtp, 'consolidation');
    report("a leader's address refused (550)", [
      { what: 'digest to the head of the Board', expected: 1, counted: mailsOf(h.smtp, 'escalation', boardHead.email).length },
      { what: 'digests received by the refused address', expected: 0, counted: h.smtp.messages.filter((m) => toAddresses(m).includes(divisionHead.email)).length },
      { what: 'alerts to staff about the address', expected: 1, counted: alerts.length },
      { what: 'consolidation emails', expected: 3, counted: consolidations.length },
    ]);
    expect(mailsOf(h.smtp, 'escalation', boardHead.email)).toHaveLength(1);
    expect(alerts).toHaveLength(1);
    expect(outcome).toMatchObject({ phase: 'consolidated', escalationsSent: [{ step: 1, overdueUnits: 1 }, { step: 2, overdueUnits: 1 }] });
    expect(consolidations).toHaveLength(3);
  });

  it('the sent ledger unwritable for a while: mail waits, then goes, and no message is sent twice', async () => {
    h = await startCycleHarness();
    const ledger = join(h.stateDir, 'sent');
    const away = `${ledger}.away`;
    // A file where the ledger's directory should be: every claim fails with EEXIST/ENOTDIR.
    // A claim may create the directory between the move and the write: then move it again.
    let moves = 0;
    async function breakLedger() {
      for (;;) {
        if (await stat(ledger).then((s) => s.isDirectory(), () => false)) await rename(ledger, `${away}-${moves++}`);
        const written = await writeFile(ledger, 'not a directory', { flag: 'wx' }).then(() => true, () => false);
        if (written) return;
      }
    }
    async function mendLedger() {
      await rm(ledger, { force: true });
      await mkdir(ledger, { recursive: true });
      // Put back every mark written before the breaks.
      for (let i = 0; i < moves; i++) {
        for (const f of await readdir(`${away}-${i}`)) await rename(join(`${away}-${i}`, f), join(ledger, f));
        await rm(`${away}-${i}`, { recursive: true, force: true });
      }
      moves = 0;
    }
    const units = [unit('ledger-a'), unit('ledger-b'), unit('ledger-c')];
    const spec = cycleSpec('ledger-broken', await h.env.currentTimeMs(), units);
    const handle = await startCycle(h.env.client, spec, { taskQueue: h.taskQueue });

    await breakLedger();
    await h.env.sleep(3 * HOUR); // the opening passes: notices wait
    const noticesWhileBroken = mailsOf(h.smtp, 'notice').filter((m) => units.some((u) => toAddresses(m).includes(to(u.id)))).length;
    await mendLedger();
    await h.env.sleep(HOUR);
    await submitReport(h.env.client, spec.id, { unitId: 'ledger-a', submittedBy: 'A' });
    await breakLedger();
    await submitReport(h.env.client, spec.id, { unitId: 'ledger-b', submittedBy: 'B' });
    await h.env.sleep(2 * HOUR);
    await mendLedger();
    await submitReport(h.env.client, spec.id, { unitId: 'ledger-c', submittedBy: 'C' });
    await handle.result();

    const mine = h.smtp.messages.filter((m) => units.some((u) => toAddresses(m).includes(to(u.id))));
    report('the sent ledger unwritable twice', [
      { what: 'notices while the ledger was broken', expected: 0, counted: noticesWhileBroken },
      { what: 'notices', expected: 3, counted: mine.filter((m) => kindOf(m) === 'notice').length },
      { what: 'receipts', expected: 3, counted: mine.filter((m) => kindOf(m) === 'receipt').length },
      { what: 'duplicate Message-IDs', expected: 0, counted: duplicateIds(h.smtp.messages).length },
    ]);
    expect(noticesWhileBroken).toBe(0);
    expect(mine.filter((m) => kindOf(m) === 'notice')).toHaveLength(3);
    expect(mine.filter((m) => kindOf(m) === 'receipt')).toHaveLength(3);
    expect(duplicateIds(h.smtp.messages)).toEqual([]);
  });

  it('a shard due to continue as new, its mail held, is cancelled meanwhile: it stays closed, tells the units once SMTP is back, and ends', async () => {
    h = await startCycleHarness();
    const units = ['can-a', 'can-b', 'can-c', 'can-d', 'can-e'].map((id) => unit(id));
    const spec = cycleSpec('close-during-continue', await h.env.currentTimeMs(), units);
    h.smtp.setDown(true);
    const handle = await startCycle(h.env.client, spec, { taskQueue: h.taskQueue, continueAsNewAfterEvents: 30 });
    await h.env.sleep(2 * HOUR); // the notices are held
    for (const id of ['can-a', 'can-b', 'can-c']) await submitReport(h.env.client, spec.id, { unitId: id, submittedBy: 'Văn phòng' });
    await h.env.sleep(HOUR); // the shard is now due to continue as new, waiting for its held mail
    await cancelCycle(h.env.client, spec.id, 'Mở nhầm kỳ', 'chuyen-vien');
    await h.env.sleep(HOUR);
    h.smtp.setDown(false);
    const ended = await handle.result().then(
      () => 'completed',
      (err: unknown) => (err instanceof WorkflowFailedError && err.cause instanceof CancelledFailure ? 'cancelled' : String(err)),
    );
    const late = await submitReport(h.env.client, spec.id, { unitId: 'can-d', submittedBy: 'Văn phòng' }).then(
      () => 'accepted',
      (err: unknown) => (err instanceof CycleUpdateRejectedError ? err.type : String(err)),
    );
    const cancellations = ['can-d', 'can-e'].flatMap((id) => mailsOf(h!.smtp, 'cancellation', to(id)));
    report('closed while due to continue as new', [
      { what: 'cycle ended cancelled', expected: 1, counted: ended === 'cancelled' ? 1 : 0 },
      { what: 'submission after the cancel refused', expected: 1, counted: late === 'CycleClosed' ? 1 : 0 },
      { what: 'cancellation emails (2 pending units)', expected: 2, counted: cancellations.length },
      { what: 'notices (5 units)', expected: 5, counted: units.flatMap((u) => mailsOf(h!.smtp, 'notice', to(u.id))).length },
      { what: 'duplicate Message-IDs', expected: 0, counted: duplicateIds(h.smtp.messages).length },
    ]);
    expect(ended).toBe('cancelled');
    expect(late).toBe('CycleClosed');
    expect(cancellations).toHaveLength(2);
    expect(duplicateIds(h.smtp.messages)).toEqual([]);
  });

  it('the same cycle id run again after the first run ended: the second run sends its own mail', async () => {
    h = await startCycleHarness();
    const units = [unit('again-a'), unit('again-b')];
    const first = cycleSpec('run-again', await h.env.currentTimeMs(), units);
    let spec = first;
    for (const run of [1, 2]) {
      // The same cycle id (plan, report type, period), its moments from the server's clock now.
      spec = { ...cycleSpec('run-again', await h.env.currentTimeMs(), units), id: first.id, period: first.period };
      const handle = await startCycle(h.env.client, spec, { taskQueue: h.taskQueue });
      await h.env.sleep(2 * HOUR);
      for (const u of units) await submitReport(h.env.client, spec.id, { unitId: u.id, submittedBy: `Văn phòng, lần ${run}` });
      expect((await handle.result()).phase).toBe('consolidated');
      // The time-skipping server reports the run closed a little after its result: start the next run only then.
      await h.env.sleep(HOUR);
      expect((await handle.describe()).status.name).toBe('COMPLETED');
    }
    const notices = units.flatMap((u) => mailsOf(h!.smtp, 'notice', to(u.id)));
    const receipts = units.flatMap((u) => mailsOf(h!.smtp, 'receipt', to(u.id)));
    const consolidations = mailsOf(h.smtp, 'consolidation').filter((m) => m.parsed.subject?.includes(spec.period.label));
    report('the same cycle id run twice', [
      { what: 'notices (2 units x 2 runs)', expected: 4, counted: notices.length },
      { what: 'receipts', expected: 4, counted: receipts.length },
      { what: 'distinct notice Message-IDs', expected: 4, counted: new Set(notices.map((m) => m.parsed.messageId)).size },
      { what: 'consolidation emails (3 x 2 runs)', expected: 6, counted: consolidations.length },
    ]);
    expect(notices).toHaveLength(4);
    expect(new Set(notices.map((m) => m.parsed.messageId)).size).toBe(4);
    expect(receipts).toHaveLength(4);
    expect(consolidations).toHaveLength(6);
  });
});
