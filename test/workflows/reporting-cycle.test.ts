import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { cancelCycle, CycleUpdateRejectedError, cycleStatus, excuseUnit, grantExtension, returnForRevision, startCycle, submitReport } from '../../client/cycles';
import {
  ccAddresses,
  cycleSpec,
  DAY,
  HOUR,
  kindOf,
  mailsOf,
  startCycleHarness,
  unit,
  type CycleHarness,
} from '../helpers/cycle-harness';
import { recordHistories } from '../helpers/record-histories';

let h: CycleHarness;
beforeAll(async () => {
  h = await startCycleHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('a reporting cycle', () => {
  it('consolidates once, with no reminder or escalation, when every unit reports on time', async () => {
    const units = [unit('mttq-tinh'), unit('tinh-doan'), unit('hoi-nong-dan')];
    const spec = cycleSpec('on-time', await h.env.currentTimeMs(), units);
    const handle = await startCycle(h.env.client, spec, { taskQueue: h.taskQueue });

    await h.env.sleep(HOUR + 10 * 60_000); // past the opening
    for (const u of units) {
      const receipt = await submitReport(h.env.client, spec.id, { unitId: u.id, submittedBy: `Văn phòng ${u.id}` });
      expect(receipt).toMatchObject({ unitId: u.id, onTime: true, duplicate: false, revision: 0 });
    }
    const outcome = await handle.result();

    expect(outcome.phase).toBe('consolidated');
    expect(outcome.consolidation?.reason).toBe('all-reported');
    expect(outcome.escalationsSent).toEqual([]);
    for (const u of units) {
      expect(mailsOf(h.smtp, 'notice', `${u.id}@example.org`)).toHaveLength(1);
      expect(mailsOf(h.smtp, 'receipt', `${u.id}@example.org`)).toHaveLength(1);
    }
    const mine = h.smtp.messages.filter((m) => m.raw.includes(spec.period.id) || units.some((u) => m.envelope.to.includes(`${u.id}@example.org`)));
    expect(mine.filter((m) => kindOf(m) === 'reminder')).toHaveLength(0);
    expect(mine.filter((m) => kindOf(m) === 'escalation')).toHaveLength(0);
    // One consolidation email each to the staff, the head and the deputy head.
    expect(mailsOf(h.smtp, 'consolidation').map((m) => m.envelope.to[0]).sort()).toEqual(['chuyen-vien@example.org', 'pho-truong-ban@example.org', 'truong-ban@example.org']);

    const status = await cycleStatus(h.env.client, spec.id);
    expect(status.phase).toBe('consolidated');
    expect(status.counts).toEqual({ pending: 0, overdue: 0, submitted: 3, excused: 0 });
    await recordHistories(h, spec, 'on-time');
  });
});

/** Mail of one cycle: every test gives its units distinct ids, so addresses tell cycles apart. */
const to = (id: string) => `${id}@example.org`;

describe('late units', () => {
  it('reminds the late units, escalates each step to its leader with a digest of every overdue unit, and consolidates at the cut-off', async () => {
    const units = [unit('late-a', 'Hội Nông dân tỉnh'), unit('late-b', 'Tỉnh đoàn'), unit('late-c', 'Hội Cựu chiến binh tỉnh')];
    const spec = cycleSpec('late', await h.env.currentTimeMs(), units);
    const handle = await startCycle(h.env.client, spec, { taskQueue: h.taskQueue });

    await h.env.sleep(2 * HOUR);
    await submitReport(h.env.client, spec.id, { unitId: 'late-a', submittedBy: 'Văn phòng Hội' });
    // Past step 1 (due + 2 days) but before step 2 (due + 4 days).
    await h.env.sleep(3 * DAY + 2 * DAY + HOUR - 2 * HOUR);
    const receipt = await submitReport(h.env.client, spec.id, { unitId: 'late-b', submittedBy: 'Văn phòng Tỉnh đoàn', note: 'Nộp muộn do họp' });
    expect(receipt.onTime).toBe(false);
    const outcome = await handle.result();

    // Reminders: before the due moment to the two who had not reported, after it to the same two.
    expect(mailsOf(h.smtp, 'reminder', to('late-a'))).toHaveLength(0);
    expect(mailsOf(h.smtp, 'reminder', to('late-b'))).toHaveLength(2);
    expect(mailsOf(h.smtp, 'reminder', to('late-c'))).toHaveLength(2);

    // One digest per leader, copied to nobody (it is an internal note), the full list attached as CSV.
    const digests = h.smtp.messages.filter((m) => kindOf(m) === 'escalation' && m.parsed.text?.includes('Hội Cựu chiến binh tỉnh'));
    expect(digests.map((m) => m.envelope.to)).toEqual([['truong-phong@example.org'], ['pho-truong-ban@example.org']]);
    expect(digests.flatMap(ccAddresses)).toEqual([]);
    expect(digests.map((m) => m.parsed.attachments.map((a) => a.filename))).toEqual([['don-vi-qua-han.csv'], ['don-vi-qua-han.csv']]);
    expect(digests[0]!.parsed.attachments[0]!.content.toString('utf8')).toContain('late-c');
    // Step 1 lists both overdue units, step 2 only the one still missing.
    expect(digests[0]!.parsed.text).toContain('Tỉnh đoàn');
    expect(digests[1]!.parsed.text).not.toContain('Tỉnh đoàn');
    expect(outcome.escalationsSent.map((e) => [e.step, e.overdueUnits])).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(outcome.consolidation).toMatchObject({ reason: 'cutoff', counts: { submitted: 1, late: 1, missing: 1, excused: 0, total: 3 } });

    const status = await cycleStatus(h.env.client, spec.id);
    const c = status.units.find((u) => u.unitId === 'late-c')!;
    expect(c).toMatchObject({ state: 'overdue', remindersSent: [0, 1], escalations: [1, 2] });
    await recordHistories(h, spec, 'late-units');
  });
});

describe('staff decisions', () => {
  it('spares a unit with an extension the after-due reminder and the first escalation, and escalates it once its own due moment passes', async () => {
    const units = [unit('ext-a'), unit('ext-b')];
    const now = await h.env.currentTimeMs();
    const spec = cycleSpec('extension', now, units);
    const handle = await startCycle(h.env.client, spec, { taskQueue: h.taskQueue });
    await h.env.sleep(2 * HOUR);
    await submitReport(h.env.client, spec.id, { unitId: 'ext-a', submittedBy: 'A' });
    const until = new Date(Date.parse(spec.dueAt) + 3 * DAY).toISOString();
    expect(await grantExtension(h.env.client, spec.id, { unitId: 'ext-b', until, reason: 'Chờ số liệu cấp huyện' })).toEqual({ unitId: 'ext-b', dueAt: until });
    const outcome = await handle.result();

    expect(mailsOf(h.smtp, 'extension', to('ext-b'))).toHaveLength(1);
    expect(mailsOf(h.smtp, 'extension', to('ext-b'))[0]!.parsed.text).toContain('Chờ số liệu cấp huyện');
    // Only the reminder before the cycle's due moment: after it, ext-b was not yet late.
    expect(mailsOf(h.smtp, 'reminder', to('ext-b'))).toHaveLength(1);
    expect(outcome.escalationsSent.map((e) => [e.step, e.overdueUnits])).toEqual([
      [1, 0],
      [2, 1],
    ]);
    await recordHistories(h, spec, 'extension');
  });

  it('no longer waits for an excused unit: it consolidates when the others have reported', async () => {
    const units = [unit('exc-a'), unit('exc-b')];
    const spec = cycleSpec('excuse', await h.env.currentTimeMs(), units);
    const handle = await startCycle(h.env.client, spec, { taskQueue: h.taskQueue });
    await h.env.sleep(2 * HOUR);
    await excuseUnit(h.env.client, spec.id, { unitId: 'exc-b', reason: 'Đơn vị đang sáp nhập' });
    await submitReport(h.env.client, spec.id, { unitId: 'exc-a', submittedBy: 'A' });
    const outcome = await handle.result();

    expect(outcome.consolidation).toMatchObject({ reason: 'all-reported', counts: { submitted: 1, excused: 1, missing: 0 } });
    expect(mailsOf(h.smtp, 'excuse', to('exc-b'))).toHaveLength(1);
    expect(mailsOf(h.smtp, 'reminder', to('exc-b'))).toHaveLength(0);
    await recordHistories(h, spec, 'excuse');
  });

  it('makes a returned unit pending again, tells it why, and consolidates only after its revision', async () => {
    const units = [unit('ret-a'), unit('ret-b')];
    const spec = cycleSpec('return', await h.env.currentTimeMs(), units);
    const handle = await startCycle(h.env.client, spec, { taskQueue: h.taskQueue });
    await h.env.sleep(2 * HOUR);
    await submitReport(h.env.client, spec.id, { unitId: 'ret-a', submittedBy: 'A' });
    await returnForRevision(h.env.client, spec.id, { unitId: 'ret-a', reason: 'Thiếu số liệu mục II.5' });
    await submitReport(h.env.client, spec.id, { unitId: 'ret-b', submittedBy: 'B' });
    let status = await cycleStatus(h.env.client, spec.id);
    expect(status.phase).toBe('open');
    expect(status.units.find((u) => u.unitId === 'ret-a')).toMatchObject({ state: 'pending', returned: { reason: 'Thiếu số liệu mục II.5' } });

    const revised = await submitReport(h.env.client, spec.id, { unitId: 'ret-a', submittedBy: 'A', note: 'Đã bổ sung' });
    expect(revised).toMatchObject({ revision: 1, duplicate: false });
    const outcome = await handle.result();
    expect(outcome.consolidation?.reason).toBe('all-reported');
    expect(mailsOf(h.smtp, 'returned', to('ret-a'))).toHaveLength(1);
    expect(mailsOf(h.smtp, 'returned', to('ret-a'))[0]!.parsed.text).toContain('Thiếu số liệu mục II.5');
    expect(mailsOf(h.smtp, 'receipt', to('ret-a'))).toHaveLength(2);
    status = await cycleStatus(h.env.client, spec.id);
    expect(status.units.find((u) => u.unitId === 'ret-a')).toMatchObject({ state: 'submitted', submission: { revision: 1, note: 'Đã bổ sung' } });
    await recordHistories(h, spec, 'return-for-revision');
  });

  it('treats a second submission as the first: same receipt, one confirmation email', async () => {
    const units = [unit('dup-a'), unit('dup-b')];
    const spec = cycleSpec('duplicate', await h.env.currentTimeMs(), units);
    await startCycle(h.env.client, spec, { taskQueue: h.taskQueue });
    await h.env.sleep(2 * HOUR);
    const first = await submitReport(h.env.client, spec.id, { unitId: 'dup-a', submittedBy: 'A' });
    await h.env.sleep(HOUR);
    const second = await submitReport(h.env.client, spec.id, { unitId: 'dup-a', submittedBy: 'A again' });
    expect(second).toEqual({ ...first, duplicate: true });
    await submitReport(h.env.client, spec.id, { unitId: 'dup-b', submittedBy: 'B' });
    await h.env.client.workflow.getHandle(`kyhan-cycle:${spec.id}`).result();
    expect(mailsOf(h.smtp, 'receipt', to('dup-a'))).toHaveLength(1);
    await recordHistories(h, spec, 'duplicate-submission');
  });
});

describe('rejected updates', () => {
  async function rejection(promise: Promise<unknown>): Promise<{ type: string | undefined; message: string }> {
    const err = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    // A cycle that has ended is refused by the client library, with the same kind of message.
    if (err instanceof CycleUpdateRejectedError) return { type: err.type, message: err.message };
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (err as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    return { type: (cause as ApplicationFailure).type ?? undefined, message: (cause as ApplicationFailure).message };
  }

  it('names the unit, the cycle and the reason, in Vietnamese, for every refused request', async () => {
    const units = [unit('rej-a'), unit('rej-b')];
    const spec = cycleSpec('rejections', await h.env.currentTimeMs(), units);
    const c = h.env.client;
    const handle = await startCycle(c, spec, { taskQueue: h.taskQueue });
    await h.env.sleep(2 * HOUR);
    await submitReport(c, spec.id, { unitId: 'rej-a', submittedBy: 'A' });
    const past = new Date((await h.env.currentTimeMs()) - HOUR).toISOString();
    const afterCutoff = new Date(Date.parse(spec.cutoffAt) + DAY).toISOString();

    // rej-zz is not a unit of this cycle; whichever shard it maps to refuses it.
    expect(await rejection(submitReport(c, spec.id, { unitId: 'rej-zz', submittedBy: 'X' }))).toEqual({
      type: 'UnknownUnit',
      message: `Không thể nộp báo cáo cho đơn vị "rej-zz" trong kỳ "${spec.id}": đơn vị này không thuộc kỳ báo cáo; kiểm tra lại mã đơn vị.`,
    });
    expect(await rejection(grantExtension(c, spec.id, { unitId: 'rej-b', until: past, reason: 'x' }))).toMatchObject({
      type: 'ExtensionInPast',
      message: expect.stringMatching(/^Không thể gia hạn cho đơn vị "rej-b" trong kỳ ".*": thời hạn mới \d\d:\d\d ngày \d\d\/\d\d\/\d{4} đã qua/),
    });
    expect(await rejection(grantExtension(c, spec.id, { unitId: 'rej-b', until: afterCutoff, reason: 'x' }))).toMatchObject({
      type: 'ExtensionAfterCutoff',
      message: expect.stringContaining('sau thời điểm chốt tổng hợp'),
    });
    expect(await rejection(grantExtension(c, spec.id, { unitId: 'rej-b', until: 'ngày mai', reason: 'x' }))).toMatchObject({ type: 'InvalidRequest' });
    expect(await rejection(excuseUnit(c, spec.id, { unitId: 'rej-a', reason: 'x' }))).toMatchObject({
      type: 'InvalidUnitState',
      message: expect.stringMatching(/^Không thể miễn nộp cho đơn vị "rej-a" .*: đơn vị đã nộp báo cáo lúc/),
    });
    expect(await rejection(returnForRevision(c, spec.id, { unitId: 'rej-b', reason: 'x' }))).toMatchObject({
      type: 'InvalidUnitState',
      message: expect.stringContaining('đơn vị chưa nộp báo cáo'),
    });
    expect(await rejection(excuseUnit(c, spec.id, { unitId: 'rej-b', reason: '  ' }))).toMatchObject({
      type: 'InvalidRequest',
      message: expect.stringContaining('thiếu "reason"'),
    });

    await submitReport(c, spec.id, { unitId: 'rej-b', submittedBy: 'B' });
    await handle.result();
    expect(await rejection(returnForRevision(c, spec.id, { unitId: 'rej-b', reason: 'x' }))).toMatchObject({
      type: 'CycleClosed',
      message: expect.stringMatching(/^Không thể trả lại báo cáo cho đơn vị "rej-b" .*: kỳ báo cáo đã tổng hợp lúc/),
    });
    // Nothing a refused request carried was recorded.
    const status = await cycleStatus(c, spec.id);
    expect(status.units.map((u) => [u.unitId, u.state, u.extended, u.excused])).toEqual([
      ['rej-a', 'submitted', undefined, undefined],
      ['rej-b', 'submitted', undefined, undefined],
    ]);
    await recordHistories(h, spec, 'rejected-updates');
  });
});

describe('cancellation', () => {
  it('stops reminders, tells the units that had not reported why, and ends cancelled', async () => {
    const units = [unit('can-a'), unit('can-b'), unit('can-c')];
    const spec = cycleSpec('cancel', await h.env.currentTimeMs(), units);
    const handle = await startCycle(h.env.client, spec, { taskQueue: h.taskQueue });
    await h.env.sleep(2 * HOUR);
    await submitReport(h.env.client, spec.id, { unitId: 'can-a', submittedBy: 'A' });
    await cancelCycle(h.env.client, spec.id, 'Ban Thường vụ điều chỉnh kế hoạch');
    const err = await handle.result().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect((err as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    expect((await handle.describe()).status.name).toBe('CANCELLED');

    await h.env.sleep(10 * DAY); // well past every reminder and escalation
    for (const id of ['can-b', 'can-c']) {
      const notices = mailsOf(h.smtp, 'cancellation', to(id));
      expect(notices).toHaveLength(1);
      expect(notices[0]!.parsed.text).toContain('Ban Thường vụ điều chỉnh kế hoạch');
      expect(mailsOf(h.smtp, 'reminder', to(id))).toHaveLength(0);
    }
    expect(mailsOf(h.smtp, 'cancellation', to('can-a'))).toHaveLength(0);
    const status = await cycleStatus(h.env.client, spec.id);
    expect(status).toMatchObject({ phase: 'cancelled', cancelled: { reason: 'Ban Thường vụ điều chỉnh kế hoạch' } });
    await recordHistories(h, spec, 'cancellation');
  });
});

describe('consolidation', () => {
  it('happens exactly once when the last two units submit at the same instant', async () => {
    const units = [unit('race-a'), unit('race-b'), unit('race-c')];
    const spec = cycleSpec('race', await h.env.currentTimeMs(), units);
    const handle = await startCycle(h.env.client, spec, { taskQueue: h.taskQueue });
    await h.env.sleep(2 * HOUR);
    await submitReport(h.env.client, spec.id, { unitId: 'race-a', submittedBy: 'A' });
    await Promise.all([
      submitReport(h.env.client, spec.id, { unitId: 'race-b', submittedBy: 'B' }),
      submitReport(h.env.client, spec.id, { unitId: 'race-c', submittedBy: 'C' }),
    ]);
    const outcome = await handle.result();
    expect(outcome.consolidation?.reason).toBe('all-reported');
    const history = await handle.fetchHistory();
    const consolidations = history.events!.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'prepareConsolidation');
    expect(consolidations).toHaveLength(1);
    await recordHistories(h, spec, 'simultaneous-last-submissions');
  });
});
