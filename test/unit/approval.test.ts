/**
 * The approval rule (domain/approval.ts) as a pure state machine, the plan's upper levels with
 * addresses, and how `kyhan cycle status` shows the approval.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { APPROVAL_IDLE_LIMIT_MS, ApprovalBook, checkApprovalRequest, type ApprovalContext } from '../../domain/approval';
import { upperLevelsOf } from '../../domain/cycle';
import { validatePlan, formatProblem } from '../../domain/plan/validate';
import { computeSchedule } from '../../domain/schedule';
import { approvalLines } from '../../cli/commands/cycle-status';

const ctx = (phase = 'consolidated'): ApprovalContext => ({ cycleId: 'p/r/2020-01', language: 'vi', timeZone: 'Asia/Ho_Chi_Minh', phase, leaders: 2 });
const at = (minutes: number) => new Date(Date.UTC(2020, 1, 20, 10, minutes)).toISOString();
const levels = upperLevelsOf({ consolidation: { upperLevels: [{ name: 'BTV Tỉnh ủy', email: 'btv@example.org' }, 'Ban Dân vận Trung ương'] } });

describe('the approval rule', () => {
  it('keys upper levels by position, names or records alike', () => {
    expect(levels).toEqual([
      { name: 'BTV Tỉnh ủy', email: 'btv@example.org', key: 'upper-level-1' },
      { name: 'Ban Dân vận Trung ương', key: 'upper-level-2' },
    ]);
  });

  it('goes from approval through the mailed level and the level marked sent by hand to sent', () => {
    const book = new ApprovalBook(levels, at(0));
    expect(checkApprovalRequest('markSentUp', { by: 'CV' }, book, ctx()).ok).toBe(false);
    expect(book.approve({ by: 'Trưởng ban' }, at(1)).map((l) => l.key)).toEqual(['upper-level-1']);
    expect(book.handPending).toBe(1);
    book.sentUp('upper-level-1', at(2));
    expect(book.finished).toBe(false);
    expect(checkApprovalRequest('markSentUp', { by: 'CV' }, book, ctx()).ok).toBe(true);
    book.markSentUp({ by: 'CV' }, at(3));
    expect(book.finished).toBe(true);
    expect(book.progress()).toMatchObject({ state: 'sent', steps: [{ kind: 'requested' }, { kind: 'approved', by: 'Trưởng ban' }, { kind: 'sent-up', upperLevel: 'BTV Tỉnh ủy' }, { kind: 'marked-sent', by: 'CV' }] });
  });

  it('makes a level whose mail was refused for good one to send by hand', () => {
    const book = new ApprovalBook(levels.slice(0, 1), at(0));
    book.approve({ by: 'TB' }, at(1));
    expect(checkApprovalRequest('markSentUp', { by: 'CV' }, book, ctx())).toMatchObject({ ok: false });
    book.sendFailed('upper-level-1', at(2), '550 5.1.1 Unknown mailbox');
    expect(book.handPending).toBe(1);
    book.markSentUp({ by: 'CV', note: 'Gửi qua văn thư' }, at(3));
    expect(book.progress().state).toBe('sent');
  });

  it('reminds once at the due date if the leaders have not decided, and expires a month after the last step', () => {
    const book = new ApprovalBook(levels, at(0));
    expect(book.reminderAt(at(60))).toBe(at(60));
    expect(book.reminderAt(undefined)).toBeUndefined();
    expect(book.expiresAt(at(60))).toBe(Date.parse(at(60)) + APPROVAL_IDLE_LIMIT_MS);
    book.reminded(at(60));
    expect(book.reminderAt(at(60))).toBeUndefined();
    // A due date already past when the leaders got the report: no reminder.
    expect(new ApprovalBook(levels, at(90)).reminderAt(at(60))).toBeUndefined();
    book.returnToStaff({ by: 'TB', comment: 'Bổ sung' }, at(120));
    expect(book.reminderAt(at(60))).toBeUndefined();
    expect(book.expiresAt(at(60))).toBe(Date.parse(at(120)) + APPROVAL_IDLE_LIMIT_MS);
    book.expire(at(200));
    expect(book.finished).toBe(true);
    expect(checkApprovalRequest('resubmit', { by: 'CV' }, book, ctx())).toMatchObject({ ok: false, rejection: { type: 'InvalidApprovalState' } });
  });

  it('refuses before the consolidation, for a cancelled cycle, and a payload of the wrong shape first', () => {
    expect(checkApprovalRequest('approve', { by: 'TB' }, undefined, ctx('open'))).toMatchObject({ ok: false, rejection: { type: 'InvalidApprovalState' } });
    expect(checkApprovalRequest('approve', { by: 'TB' }, new ApprovalBook(levels, at(0)), ctx('cancelled'))).toMatchObject({ ok: false, rejection: { type: 'CycleClosed' } });
    expect(checkApprovalRequest('return', { by: 'TB', comment: 7 }, undefined, ctx('open'))).toMatchObject({
      ok: false,
      rejection: { type: 'InvalidRequest', message: 'Không thể trả lại báo cáo tổng hợp của kỳ "p/r/2020-01": "comment" phải là chuỗi ký tự, nhận được number.' },
    });
  });
});

describe('upper levels in the plan', () => {
  const seed = readFileSync('plans/129-KH-BDVTU.yaml', 'utf8');

  it('carry their addresses into the computed cycles; plain names stay valid', () => {
    const plan = validatePlan(seed);
    if (!plan.ok) throw new Error('the seed plan is not valid');
    const [cycle] = computeSchedule(plan.plan);
    expect(cycle!.consolidation.upperLevels).toEqual([{ name: 'Ban Thường vụ Tỉnh ủy Bình Thuận', email: 'van-phong-tinh-uy@example.org' }, { name: 'Ban Dân vận Trung ương' }]);
  });

  it('name the field of a malformed address', () => {
    const result = validatePlan(seed.replace('email: van-phong-tinh-uy@example.org', 'email: van-phong-tinh-uy'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = result.problems.map((p) => formatProblem(p, 'vi'));
    // The urgent report type shares the defaults' list (a YAML alias): the address is wrong in both.
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^defaults\.consolidation\.upperLevels\[0\]\.email: .*địa chỉ email/);
    expect(lines[1]).toMatch(/^reportTypes\[5\]\.policies\.consolidation\.upperLevels\[0\]\.email: .*địa chỉ email/);
  });
});

describe('kyhan cycle status', () => {
  it('shows each step of the approval, who took it and what they wrote', () => {
    const when = (instant: string) => instant.slice(11, 16);
    const lines = approvalLines(
      {
        state: 'sent',
        steps: [
          { kind: 'requested', at: at(0) },
          { kind: 'returned', at: at(1), by: 'Trưởng ban', comment: 'Bổ sung mục II.5' },
          { kind: 'resubmitted', at: at(2), by: 'Chuyên viên' },
          { kind: 'approved', at: at(3), by: 'Trưởng ban' },
          { kind: 'sent-up', at: at(4), upperLevel: 'BTV Tỉnh ủy' },
        ],
      },
      'vi',
      when,
    );
    expect(lines).toEqual([
      'Phê duyệt của lãnh đạo: đã gửi cấp trên',
      '  trình lãnh đạo duyệt lúc 10:00',
      '  trả lại để bổ sung lúc 10:01 bởi Trưởng ban: Bổ sung mục II.5',
      '  trình lại lúc 10:02 bởi Chuyên viên',
      '  phê duyệt lúc 10:03 bởi Trưởng ban',
      '  đã gửi thư cho BTV Tỉnh ủy lúc 10:04',
    ]);
  });
});
