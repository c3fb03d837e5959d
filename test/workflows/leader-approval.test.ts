/**
 * The leaders' approval of a consolidated report, end to end under time skipping with a real
 * SMTP server: approve and the report goes up by mail; a level without an address waits for
 * staff to mark it sent; return and resubmit; the reminder at the upward due date; expiry;
 * every refused request changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleSpec, UpperLevel } from '../../domain/cycle';
import { APPROVAL_IDLE_LIMIT_MS } from '../../domain/approval';
import { ApprovalRejectedError, approveReport, markSentUp, resubmitForApproval, returnReport } from '../../client/approval';
import { cancelCycle, cycleStatus, startCycle, submitReport } from '../../client/cycles';
import { cycleProgressQuery, cycleWorkflowIdOf, type CycleProgress } from '../../workflows/messages';
import { cycleSpec, DAY, HOUR, kindOf, MINUTE, startCycleHarness, toAddresses, unit, type CycleHarness } from '../helpers/cycle-harness';
import type { ReceivedMail } from '../helpers/smtp-server';
import { recordHistories } from '../helpers/record-histories';

let h: CycleHarness;
beforeAll(async () => {
  h = await startCycleHarness();
});
afterAll(async () => {
  await h?.close();
});

/** The report as DOCX and the unit list; a PDF too where LibreOffice is installed, which these tests do not need. */
const REPORT_FILES = ['bao-cao-tong-hop.docx', 'danh-sach-don-vi.csv'];
const reportFiles = (mail: { parsed: { attachments: { filename?: string }[] } }) => mail.parsed.attachments.map((a) => a.filename).filter((name) => name !== 'bao-cao-tong-hop.pdf');

/** A cycle whose units all report two hours after it opens, with these upper levels. */
async function consolidatedCycle(name: string, upperLevels: (UpperLevel | string)[], dueAfterConsolidation?: number) {
  const now = await h.env.currentTimeMs();
  const base = cycleSpec(name, now, [unit(`${name}-a`), unit(`${name}-b`)]);
  const spec: CycleSpec = {
    ...base,
    consolidation: { ...base.consolidation, upperLevels, ...(dueAfterConsolidation ? { dueAt: new Date(now + 2 * HOUR + dueAfterConsolidation).toISOString() } : {}) },
  };
  const handle = await startCycle(h.env.client, spec, { taskQueue: h.taskQueue });
  await h.env.sleep(2 * HOUR);
  for (const u of spec.units) await submitReport(h.env.client, spec.id, { unitId: u.id, submittedBy: `Văn phòng ${u.id}` });
  await approvalOpen(spec);
  return { spec, handle };
}

async function progressOf(spec: CycleSpec): Promise<CycleProgress> {
  return await h.env.client.workflow.getHandle(cycleWorkflowIdOf(spec.id)).query(cycleProgressQuery);
}

/** Lets workflow time pass until the cycle has consolidated and awaits its leaders. */
async function approvalOpen(spec: CycleSpec): Promise<CycleProgress> {
  for (let i = 0; i < 30; i++) {
    const progress = await progressOf(spec);
    if (progress.approval) return progress;
    await h.env.sleep(MINUTE);
  }
  throw new Error(`cycle ${spec.id} never awaited approval`);
}

/** This cycle's messages of one kind (To `address`, if given). */
function mails(spec: CycleSpec, kind: string, address?: string): ReceivedMail[] {
  return h.smtp.messages.filter((m) => m.parsed.headers.get('x-kyhan-cycle') === spec.id && kindOf(m) === kind && (!address || toAddresses(m).includes(address)));
}

async function refusal(promise: Promise<unknown>): Promise<{ type: string; message: string }> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApprovalRejectedError);
  return { type: (err as ApprovalRejectedError).type, message: (err as ApprovalRejectedError).message };
}

const stepKinds = (progress: { approval?: CycleProgress['approval'] }) => progress.approval?.steps.map((s) => s.kind);

describe("the leaders' approval", () => {
  it('sends the approved report to every upper level with an address, the report attached, and the cycle completes', async () => {
    const { spec, handle } = await consolidatedCycle('approve', [
      { name: 'Ban Thường vụ Tỉnh ủy', email: 'btv-approve@example.org' },
      { name: 'Ban Dân vận Trung ương', email: 'bdvtw-approve@example.org' },
    ]);
    // The consolidation letter to each leader is their request.
    expect(mails(spec, 'consolidation').map((m) => m.envelope.to[0]).sort()).toEqual(['chuyen-vien@example.org', 'pho-truong-ban@example.org', 'truong-ban@example.org']);
    expect(mails(spec, 'upward-report')).toHaveLength(0);

    const after = await approveReport(h.env.client, spec.id, { by: 'Trưởng ban', comment: 'Đồng ý gửi' });
    expect(after.state).toBe('approved');
    const outcome = await handle.result();

    expect(outcome.phase).toBe('consolidated');
    expect(outcome.approval?.state).toBe('sent');
    expect(stepKinds(outcome)).toEqual(['requested', 'approved', 'sent-up', 'sent-up']);
    expect(outcome.approval?.steps[1]).toMatchObject({ by: 'Trưởng ban', comment: 'Đồng ý gửi' });
    expect(outcome.approval?.steps.filter((s) => s.kind === 'sent-up').map((s) => s.upperLevel).sort()).toEqual(['Ban Dân vận Trung ương', 'Ban Thường vụ Tỉnh ủy']);
    for (const address of ['btv-approve@example.org', 'bdvtw-approve@example.org']) {
      const up = mails(spec, 'upward-report', address);
      expect(up).toHaveLength(1);
      expect(reportFiles(up[0]!)).toEqual(REPORT_FILES);
      expect(up[0]!.parsed.attachments.find((a) => a.filename === 'danh-sach-don-vi.csv')!.content.toString('utf8')).toContain('approve-a');
      expect(up[0]!.parsed.subject).toBe('Ban Dân vận Tỉnh ủy kính gửi Báo cáo tình hình nhân dân tháng 1/2020');
    }
    expect(h.smtp.messages.filter((m) => m.parsed.headers.get('x-kyhan-cycle') === spec.id && kindOf(m) === 'upward-report')).toHaveLength(2);
    const status = await cycleStatus(h.env.client, spec.id);
    expect(status.approval?.state).toBe('sent');
    await recordHistories(h, spec, 'approval-sent-up');
  });

  it('waits for staff to mark the report sent to an upper level without an address, then completes', async () => {
    // A plain name: the form of cycles started before upper levels had addresses.
    const { spec, handle } = await consolidatedCycle('by-hand', [{ name: 'Ban Thường vụ Tỉnh ủy', email: 'btv-hand@example.org' }, 'Ban Dân vận Trung ương']);
    await approveReport(h.env.client, spec.id, { by: 'Phó Trưởng ban' });
    await h.env.sleep(DAY);
    expect(mails(spec, 'upward-report')).toHaveLength(1);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect((await progressOf(spec)).approval).toMatchObject({ state: 'approved' });

    const marked = await markSentUp(h.env.client, spec.id, { by: 'Chuyên viên tổng hợp', note: 'Gửi bản giấy qua văn thư' });
    expect(marked.state).toBe('sent');
    const outcome = await handle.result();
    expect(stepKinds(outcome)).toEqual(['requested', 'approved', 'sent-up', 'marked-sent']);
    expect(outcome.approval?.steps[3]).toMatchObject({ by: 'Chuyên viên tổng hợp', comment: 'Gửi bản giấy qua văn thư' });
    await recordHistories(h, spec, 'approval-marked-sent');
  });

  it('tells the staff what a leader returned it for, asks the leaders again on resubmission, then sends it up', async () => {
    const { spec, handle } = await consolidatedCycle('returned', [{ name: 'Ban Thường vụ Tỉnh ủy', email: 'btv-returned@example.org' }]);
    await returnReport(h.env.client, spec.id, { by: 'Trưởng ban', comment: 'Bổ sung số liệu mục II.5' });
    await h.env.sleep(HOUR);
    const toStaff = mails(spec, 'approval-returned');
    expect(toStaff.map((m) => m.envelope.to)).toEqual([['chuyen-vien@example.org']]);
    expect(toStaff[0]!.parsed.text).toContain('Bổ sung số liệu mục II.5');
    expect(toStaff[0]!.parsed.text).toContain('Trưởng ban');
    expect(mails(spec, 'approval-request')).toHaveLength(0);

    await resubmitForApproval(h.env.client, spec.id, { by: 'Chuyên viên tổng hợp', note: 'Đã bổ sung mục II.5' });
    await h.env.sleep(HOUR);
    const asked = mails(spec, 'approval-request');
    expect(asked.map((m) => m.envelope.to[0]).sort()).toEqual(['pho-truong-ban@example.org', 'truong-ban@example.org']);
    expect(asked[0]!.parsed.text).toContain('Đã bổ sung mục II.5');
    expect(reportFiles(asked[0]!)).toEqual(REPORT_FILES);
    expect(mails(spec, 'upward-report')).toHaveLength(0);

    await approveReport(h.env.client, spec.id, { by: 'Trưởng ban' });
    const outcome = await handle.result();
    expect(stepKinds(outcome)).toEqual(['requested', 'returned', 'resubmitted', 'approved', 'sent-up']);
    expect(outcome.approval?.steps[1]).toMatchObject({ by: 'Trưởng ban', comment: 'Bổ sung số liệu mục II.5' });
    expect(mails(spec, 'upward-report', 'btv-returned@example.org')).toHaveLength(1);
    await recordHistories(h, spec, 'approval-returned');
  });

  it('reminds the leaders once at the upward due date, and expires a month after it when nobody acts', async () => {
    const { spec, handle } = await consolidatedCycle('reminded', [{ name: 'Ban Thường vụ Tỉnh ủy', email: 'btv-reminded@example.org' }], 2 * DAY);
    const dueAt = Date.parse(spec.consolidation.dueAt!);
    expect((await progressOf(spec)).nextEvent).toEqual({ kind: 'approval-reminder', at: spec.consolidation.dueAt });
    await h.env.sleep(DAY);
    expect(mails(spec, 'approval-reminder')).toHaveLength(0);
    await h.env.sleep(DAY + HOUR);
    expect(mails(spec, 'approval-reminder').map((m) => m.envelope.to[0]).sort()).toEqual(['pho-truong-ban@example.org', 'truong-ban@example.org']);
    expect((await progressOf(spec)).nextEvent?.kind).toBe('approval-expiry');

    const outcome = await handle.result();
    expect(outcome.phase).toBe('consolidated');
    expect(outcome.approval?.state).toBe('expired');
    expect(stepKinds(outcome)).toEqual(['requested', 'reminded', 'expired']);
    const expiredAt = Date.parse(outcome.approval!.steps[2]!.at);
    expect(expiredAt - dueAt).toBeGreaterThanOrEqual(APPROVAL_IDLE_LIMIT_MS);
    expect(expiredAt - dueAt).toBeLessThan(APPROVAL_IDLE_LIMIT_MS + MINUTE);
    expect(mails(spec, 'approval-reminder')).toHaveLength(2);
    expect(mails(spec, 'upward-report')).toHaveLength(0);
    // An ended cycle refuses, saying why.
    expect(await refusal(approveReport(h.env.client, spec.id, { by: 'Trưởng ban' }))).toMatchObject({ type: 'InvalidApprovalState', message: expect.stringContaining('đã hết hạn') });
    await recordHistories(h, spec, 'approval-reminded-expired');
  });

  it('expires a month after the consolidation when the plan sets no upward due date', async () => {
    const { spec, handle } = await consolidatedCycle('expires', [{ name: 'Ban Thường vụ Tỉnh ủy', email: 'btv-expires@example.org' }]);
    const outcome = await handle.result();
    expect(stepKinds(outcome)).toEqual(['requested', 'expired']);
    const [requested, expired] = outcome.approval!.steps;
    expect(Date.parse(expired!.at) - Date.parse(requested!.at)).toBeGreaterThanOrEqual(APPROVAL_IDLE_LIMIT_MS);
    expect(Date.parse(expired!.at) - Date.parse(requested!.at)).toBeLessThan(APPROVAL_IDLE_LIMIT_MS + MINUTE);
    expect(mails(spec, 'approval-reminder')).toHaveLength(0);
  });

  it('can be cancelled while the report awaits approval: the cycle ends cancelled, nothing goes up', async () => {
    const { spec, handle } = await consolidatedCycle('cancelled', [{ name: 'Ban Thường vụ Tỉnh ủy', email: 'btv-cancelled@example.org' }]);
    await cancelCycle(h.env.client, spec.id, 'Báo cáo không còn cần gửi', 'Chuyên viên tổng hợp');
    await expect(handle.result()).rejects.toThrow();
    expect((await handle.describe()).status.name).toBe('CANCELLED');
    const history = await handle.fetchHistory();
    expect(history.events!.filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
    const progress = await progressOf(spec);
    expect(progress).toMatchObject({ phase: 'cancelled', cancelled: { reason: 'Báo cáo không còn cần gửi', by: 'Chuyên viên tổng hợp' }, approval: { state: 'awaiting' } });
    expect(await refusal(approveReport(h.env.client, spec.id, { by: 'Trưởng ban' }))).toMatchObject({ type: 'CycleClosed', message: expect.stringContaining('đã bị hủy') });
    expect(mails(spec, 'upward-report')).toHaveLength(0);
  });

  it('ends at the consolidation, as before, when the plan names no leaders', async () => {
    const now = await h.env.currentTimeMs();
    const base = cycleSpec('no-leaders', now, [unit('no-leaders-a')]);
    const spec: CycleSpec = { ...base, consolidation: { ...base.consolidation, leaders: [], upperLevels: [{ name: 'Ban Thường vụ Tỉnh ủy', email: 'btv-none@example.org' }] } };
    const handle = await startCycle(h.env.client, spec, { taskQueue: h.taskQueue });
    await h.env.sleep(2 * HOUR);
    await submitReport(h.env.client, spec.id, { unitId: 'no-leaders-a', submittedBy: 'A' });
    const outcome = await handle.result();
    expect(outcome.phase).toBe('consolidated');
    expect(outcome.approval).toBeUndefined();
    expect(mails(spec, 'upward-report')).toHaveLength(0);
    expect(await refusal(approveReport(h.env.client, spec.id, { by: 'Trưởng ban' }))).toMatchObject({ type: 'InvalidApprovalState', message: expect.stringContaining('không giao lãnh đạo') });
  });
});

describe('refused approval requests', () => {
  it('are refused in Vietnamese, naming the field or the reason, and change nothing', async () => {
    const now = await h.env.currentTimeMs();
    const base = cycleSpec('approval-refusals', now, [unit('refusals-a')]);
    const spec: CycleSpec = { ...base, consolidation: { ...base.consolidation, upperLevels: [{ name: 'Ban Thường vụ Tỉnh ủy', email: 'btv-refusals@example.org' }] } };
    const handle = await startCycle(h.env.client, spec, { taskQueue: h.taskQueue });
    const c = h.env.client;
    await h.env.sleep(2 * HOUR);

    // Before the consolidation.
    expect(await refusal(approveReport(c, spec.id, { by: 'Trưởng ban' }))).toEqual({
      type: 'InvalidApprovalState',
      message: `Không thể phê duyệt báo cáo tổng hợp của kỳ "${spec.id}": kỳ báo cáo chưa tổng hợp; chỉ duyệt được sau khi tổng hợp.`,
    });
    await submitReport(c, spec.id, { unitId: 'refusals-a', submittedBy: 'A' });
    await approvalOpen(spec);

    // Payloads, whatever the state: a missing comment, unknown fields, controls, lengths, types.
    expect(await refusal(returnReport(c, spec.id, { by: 'Trưởng ban' } as never))).toEqual({
      type: 'InvalidRequest',
      message: `Không thể trả lại báo cáo tổng hợp của kỳ "${spec.id}": thiếu "comment"; hãy cung cấp giá trị này.`,
    });
    expect(await refusal(returnReport(c, spec.id, { by: 'Trưởng ban', comment: '   ' }))).toMatchObject({ type: 'InvalidRequest', message: expect.stringContaining('thiếu "comment"') });
    const hostile: unknown[] = [
      null,
      'approve',
      [],
      { by: 'Trưởng ban', comment: 'x', __proto__: { admin: true }, extra: 1 },
      { by: 'Trưởng\u001b[2J ban' },
      { by: 42 },
      { by: 'Trưởng ban', comment: 'x'.repeat(2_001) },
    ];
    for (const payload of hostile) {
      expect(await refusal(approveReport(c, spec.id, payload as never)), JSON.stringify(payload)).toMatchObject({ type: 'InvalidRequest' });
    }
    expect(await refusal(approveReport(c, spec.id, { by: 'Trưởng ban', extra: 1 } as never))).toMatchObject({ message: expect.stringContaining('"extra"') });
    expect(await refusal(approveReport(c, spec.id, { by: 'Trưởng ban', comment: 'x'.repeat(2_001) }))).toMatchObject({ message: expect.stringContaining('"comment" dài 2.001 ký tự, vượt giới hạn 2.000 ký tự') });

    // State: nothing to resubmit, nothing to mark yet.
    expect(await refusal(resubmitForApproval(c, spec.id, { by: 'Chuyên viên' }))).toMatchObject({ type: 'InvalidApprovalState', message: expect.stringContaining('chưa bị trả lại') });
    expect(await refusal(markSentUp(c, spec.id, { by: 'Chuyên viên' }))).toMatchObject({ type: 'InvalidApprovalState', message: expect.stringContaining('chưa được lãnh đạo phê duyệt') });
    expect(stepKinds(await progressOf(spec))).toEqual(['requested']);

    await approveReport(c, spec.id, { by: 'Trưởng ban' });
    // Twice, or returned after approval; marking sent when every level is mailed.
    expect(await refusal(approveReport(c, spec.id, { by: 'Phó Trưởng ban' }))).toMatchObject({ type: 'InvalidApprovalState', message: expect.stringMatching(/báo cáo đã được phê duyệt lúc .* bởi Trưởng ban\.$/) });
    expect(await refusal(returnReport(c, spec.id, { by: 'Phó Trưởng ban', comment: 'Xem lại' }))).toMatchObject({ type: 'InvalidApprovalState' });
    expect(await refusal(markSentUp(c, spec.id, { by: 'Chuyên viên' }))).toMatchObject({ type: 'InvalidApprovalState', message: expect.stringContaining('qua thư điện tử') });

    const outcome = await handle.result();
    expect(stepKinds(outcome)).toEqual(['requested', 'approved', 'sent-up']);
    expect(outcome.approval?.steps[1]?.by).toBe('Trưởng ban');
    expect(mails(spec, 'upward-report')).toHaveLength(1);
    // Refused in the validator: none of them reached the history.
    const history = await handle.fetchHistory();
    const accepted = history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'approveReport');
    expect(accepted).toHaveLength(1);
    expect(history.events!.filter((e) => ['returnReport', 'resubmitForApproval', 'markSentUp'].includes(e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name ?? ''))).toHaveLength(0);
    await recordHistories(h, spec, 'approval-refusals');
  });
});
