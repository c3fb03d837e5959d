/**
 * Nothing a submitter typed reaches an operator's terminal raw: the CLI prints text for people
 * through `forTerminal` and JSON with terminal-active characters escaped. Hostile strings go
 * into the workflow state a `kyhan cycle status` prints, and into a refusal's message.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import type { CycleStatus, UnitStatus } from '../../workflows/messages';
import { commandContext, type Output } from '../../cli/cli-io';
import { reportFailure } from '../../cli/cli-temporal';
import { printCycleStatus, statusForScripts } from '../../cli/commands/cycle-status';

const OSC_TITLE = '\u001b]0;pwned\u0007';
const CLEAR_SCREEN = '\u001b[2J';
const C1_CSI = '\u009b31m';
const BIDI = '\u202e';

/** Any character a terminal acts on or reorders by: C0 but LF, DEL, C1, bidi overrides and isolates. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const TERMINAL_ACTIVE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, log: (line) => stdout.push(line), error: (line) => stderr.push(line) };
}

function unit(id: string, overrides: Partial<UnitStatus> = {}): UnitStatus {
  return {
    unitId: id,
    name: id,
    to: [],
    state: 'pending',
    dueAt: '2026-11-24T10:00:00.000Z',
    remindersSent: [],
    escalations: [],
    deliveryFailures: [],
    ...overrides,
  };
}

function hostileStatus(): CycleStatus {
  return {
    cycleId: 'demo/bao-cao-nhanh/2026-11-24',
    language: 'vi',
    timeZone: 'Asia/Ho_Chi_Minh',
    phase: 'cancelled',
    shardCount: 1,
    shardsLoaded: 1,
    unitCount: 4,
    outstanding: 1,
    escalationsSent: [],
    cancelled: { at: '2026-11-25T03:00:00.000Z', reason: `Mở nhầm${CLEAR_SCREEN}`, by: `Trần${OSC_TITLE}` },
    counts: { pending: 1, overdue: 0, submitted: 2, excused: 1 },
    units: [
      unit(`mat-tran${OSC_TITLE}`, {
        state: 'submitted',
        submission: {
          at: '2026-11-24T09:00:00.000Z',
          by: `Nguyễn Văn A${CLEAR_SCREEN}`,
          note: `dòng một\rdòng hai\n${OSC_TITLE}`,
          document: { uri: 'file:///var/kyhan/x.pdf', name: `báo cáo${BIDI}fdp.exe` },
          onTime: true,
          revision: 0,
        },
      }),
      unit('hoi-nong-dan', {
        dueAt: '2026-11-26T10:00:00.000Z',
        extended: { until: '2026-11-26T10:00:00.000Z', reason: `chờ\rsố liệu${C1_CSI}`, at: '2026-11-24T08:00:00.000Z', by: `Lê${CLEAR_SCREEN}` },
      }),
      unit('doan-thanh-nien', { state: 'excused', excused: { at: '2026-11-24T08:00:00.000Z', reason: `đã báo cáo${OSC_TITLE}`, by: 'Phạm\u0000' } }),
      unit('hoi-phu-nu', {
        state: 'submitted',
        submission: { at: '2026-11-24T09:00:00.000Z', by: 'Hội', onTime: true, revision: 1 },
        returned: { at: '2026-11-24T08:30:00.000Z', reason: `thiếu mục II${CLEAR_SCREEN}`, by: `Vũ${OSC_TITLE}` },
      }),
    ],
  };
}

describe('kyhan cycle status on hostile workflow state', () => {
  it('prints no escape sequence, bell or bare carriage return, and shows each one visibly instead', () => {
    const out = capture();
    printCycleStatus('kyhan-cycle:demo/bao-cao-nhanh/2026-11-24', hostileStatus(), commandContext('en', false, out));
    const text = out.stdout.join('\n');
    expect(text).not.toMatch(TERMINAL_ACTIVE);
    expect(text).not.toContain('\r');
    expect(text).toContain('mat-tran\\x1b]0;pwned\\x07');
    expect(text).toContain('Nguyễn Văn A\\x1b[2J');
    expect(text).toContain('báo cáo\\u202efdp.exe');
    expect(text).toContain('\\x9b31m');
    expect(out.stderr).toEqual([]);
  });

  it('keeps every line its own: a line break typed in a note or reason cannot forge a line', () => {
    const out = capture();
    printCycleStatus('kyhan-cycle:x', hostileStatus(), commandContext('en', false, out));
    const lines = out.stdout.flatMap((chunk) => chunk.split('\n'));
    expect(lines).toContain('  mat-tran\\x1b]0;pwned\\x07: note from the unit: dòng một ↵ dòng hai ↵ \\x1b]0;pwned\\x07');
    expect(lines.some((line) => line.startsWith('dòng hai') || line.startsWith('số liệu'))).toBe(false);
  });

  it('shows who decided: the cancellation, an extension, an excuse and a return', () => {
    const out = capture();
    printCycleStatus('kyhan-cycle:x', hostileStatus(), commandContext('vi', false, out));
    const text = out.stdout.join('\n');
    expect(text).toContain('Hủy lúc');
    expect(text).toContain('bởi Trần\\x1b]0;pwned\\x07: Mở nhầm\\x1b[2J');
    expect(text).toMatch(/hoi-nong-dan: gia hạn đến .* bởi Lê\\x1b\[2J: chờ ↵ số liệu\\x9b31m/);
    expect(text).toMatch(/doan-thanh-nien: miễn nộp lúc .* bởi Phạm\\x00: đã báo cáo/);
    expect(text).toMatch(/hoi-phu-nu: trả lại để bổ sung lúc .* bởi Vũ/);
  });

  it('prints --json that parses back to the same state and holds no raw C1 control or bidi override', () => {
    const out = capture();
    const status = hostileStatus();
    printCycleStatus('kyhan-cycle:x', status, commandContext('en', true, out));
    const json = out.stdout.join('\n');
    expect(json).not.toMatch(TERMINAL_ACTIVE);
    // The same state as scripts get it (a document without its stored location).
    expect(JSON.parse(json)).toEqual({ workflowId: 'kyhan-cycle:x', ...statusForScripts(status) });
  });
});

describe('a refusal carrying typed text', () => {
  it('reaches stderr as one line with its controls shown, and exits 4 when the unit is unknown', () => {
    const out = capture();
    const refusal = new WorkflowUpdateFailedError(
      'Update failed',
      ApplicationFailure.create({ message: `Không thể nộp báo cáo cho đơn vị "x${OSC_TITLE}\ry" trong kỳ "c": đơn vị này không thuộc kỳ báo cáo.`, type: 'UnknownUnit', nonRetryable: true }),
    );
    expect(reportFailure(commandContext('vi', false, out), refusal)).toBe(4);
    expect(out.stderr).toEqual(['Không thể nộp báo cáo cho đơn vị "x\\x1b]0;pwned\\x07 ↵ y" trong kỳ "c": đơn vị này không thuộc kỳ báo cáo.']);
    expect(out.stdout).toEqual([]);
  });
});
