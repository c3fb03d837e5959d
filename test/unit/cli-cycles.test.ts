import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { validatePlan } from '../../domain/plan/validate';
import type { Plan } from '../../domain/plan/schema';
import { textTable } from '../../cli/cli-io';
import { CliFailure, classifyFailure, cycleRef, parseCliInstant } from '../../cli/cli-temporal';
import { computeCycle, parseUnitList, toCycleSpec } from '../../cli/commands/cycle-start';
import { cycleListQuery } from '../../cli/commands/cycle-list';
import { ConnectionConfigError, loadConnectionConfig } from '../../client/connection-config';
import { TemporalUnreachableError } from '../../client/connection';
import { CycleUpdateRejectedError } from '../../client/cycles';
import { documentFlags, paperOnly, receiptLines, requirePastDate } from '../../cli/commands/submit';
import { statusForScripts, statusText } from '../../cli/commands/cycle-status';
import type { CycleStatus, UnitStatus } from '../../workflows/messages';

const ROOT = join(import.meta.dirname, '../..');

function plan(file: string): Plan {
  const result = validatePlan(readFileSync(join(ROOT, 'plans', file), 'utf8'));
  if (!result.ok) throw new Error(`${file} is not valid`);
  return result.plan;
}

function failureOf(fn: () => unknown): CliFailure {
  try {
    fn();
  } catch (err) {
    if (err instanceof CliFailure) return err;
    throw err;
  }
  throw new Error('expected a CliFailure');
}

describe('parseCliInstant', () => {
  it('keeps an instant with an offset or Z as it is', () => {
    expect(parseCliInstant('2026-11-24T17:00:00+07:00', 'UTC')).toBe('2026-11-24T10:00:00.000Z');
    expect(parseCliInstant('2026-11-24T10:00Z', 'Asia/Ho_Chi_Minh')).toBe('2026-11-24T10:00:00.000Z');
    expect(parseCliInstant('2026-11-24T17:00+0700', 'UTC')).toBe('2026-11-24T10:00:00.000Z');
  });
  it("reads a date and time without an offset in the cycle's time zone", () => {
    expect(parseCliInstant('2026-11-24T17:00', 'Asia/Ho_Chi_Minh')).toBe('2026-11-24T10:00:00.000Z');
    expect(parseCliInstant('2026-11-24 17:00:30', 'Asia/Ho_Chi_Minh')).toBe('2026-11-24T10:00:30.000Z');
  });
  it('refuses what is not a moment', () => {
    for (const text of ['30/11/2026', '2026-11-24', '2026-13-01T10:00', '2026-02-30T10:00', '2026-11-24T25:00', 'tomorrow', '']) {
      expect(parseCliInstant(text, 'Asia/Ho_Chi_Minh'), text).toBeUndefined();
    }
  });
});

describe('cycleRef', () => {
  it('accepts a cycle id or its workflow id', () => {
    expect(cycleRef('demo/bao-cao-nhanh/2026-11-24', 'vi')).toEqual({ cycleId: 'demo/bao-cao-nhanh/2026-11-24', workflowId: 'kyhan-cycle:demo/bao-cao-nhanh/2026-11-24' });
    expect(cycleRef('kyhan-cycle:demo/bao-cao-nhanh/2026-11-24', 'vi').cycleId).toBe('demo/bao-cao-nhanh/2026-11-24');
  });
  it('refuses an id without three parts with exit 2 and the expected form', () => {
    const failure = failureOf(() => cycleRef('demo/bao-cao-nhanh', 'vi'));
    expect(failure.exitCode).toBe(2);
    expect(failure.message).toContain('<kế hoạch>/<loại báo cáo>/<kỳ>');
  });
});

describe('parseUnitList', () => {
  it('splits on commas, trims, drops blanks and repeats', () => {
    expect(parseUnitList(' mat-tran, hoi-nong-dan,,mat-tran ')).toEqual(['mat-tran', 'hoi-nong-dan']);
  });
});

describe('computeCycle (kyhan cycle start)', () => {
  const demo = plan('demo.yaml');
  const now = new Date('2026-11-24T02:00:00Z');

  it('names an ad-hoc cycle after its due date when no period is given', () => {
    const cycle = computeCycle(demo, { report: 'bao-cao-nhanh', due: '2026-11-24T17:00' }, 'vi', now);
    expect(cycle.id).toBe('demo/bao-cao-nhanh/2026-11-24');
    expect(cycle.dueAt).toBe('2026-11-24T17:00:00+07:00');
    expect(cycle.opensAt).toBe('2026-11-24T09:00:00+07:00');
    expect(cycle.units.map((u) => u.id).sort()).toEqual(['doan-thanh-nien', 'hoi-nong-dan', 'mat-tran']);
  });

  it("takes the report type's default due moment when no --due is given", () => {
    const cycle = computeCycle(demo, { report: 'bao-cao-nhanh', period: 'hop-khan' }, 'vi', now);
    expect(cycle.id).toBe('demo/bao-cao-nhanh/hop-khan');
    expect(Date.parse(cycle.dueAt) - now.getTime()).toBe(3 * 60_000);
  });

  it('restricts the cycle to --units', () => {
    const cycle = computeCycle(demo, { report: 'bao-cao-nhanh', due: '2026-11-24T17:00', units: 'mat-tran' }, 'vi', now);
    expect(cycle.units.map((u) => u.id)).toEqual(['mat-tran']);
  });

  it('takes a scheduled cycle from the schedule by its period', () => {
    const cycle = computeCycle(demo, { report: 'ke-hoach-demo', period: 'ke-hoach' }, 'vi', now);
    expect(cycle.id).toBe('demo/ke-hoach-demo/ke-hoach');
    expect(cycle.dueAt).toBe('2030-06-14T17:00:00+07:00');
  });

  it('refuses with exit 2 an unknown report type, period or unit, naming what exists', () => {
    expect(failureOf(() => computeCycle(demo, { report: 'khong-co' }, 'vi', now))).toMatchObject({ exitCode: 2, message: expect.stringContaining('bao-cao-nhanh, ke-hoach-demo') });
    expect(failureOf(() => computeCycle(demo, { report: 'ke-hoach-demo', period: '2020-01' }, 'vi', now))).toMatchObject({
      exitCode: 2,
      message: 'kyhan: loại báo cáo "ke-hoach-demo" không có kỳ "2020-01"; các kỳ có: ke-hoach',
    });
    expect(failureOf(() => computeCycle(demo, { report: 'ke-hoach-demo' }, 'en', now)).message).toContain('give --period (one of ke-hoach) or --due');
    expect(failureOf(() => computeCycle(demo, { report: 'bao-cao-nhanh', units: 'mat-tran,xyz' }, 'vi', now))).toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('không có đơn vị "xyz"'),
    });
  });

  it('refuses a malformed --due with exit 2 and the expected format', () => {
    expect(failureOf(() => computeCycle(demo, { report: 'bao-cao-nhanh', due: '24/11/2026' }, 'vi', now))).toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('--due phải là thời điểm ISO 8601, ví dụ 2026-11-24T17:00'),
    });
  });

  it('starts the workflow without the schedule-only fields', () => {
    const spec = toCycleSpec(computeCycle(demo, { report: 'bao-cao-nhanh', due: '2026-11-24T17:00' }, 'vi', now));
    expect(spec).not.toHaveProperty('recurrence');
    expect(spec).not.toHaveProperty('dueDate');
    expect(spec.reminders.every((r) => Object.keys(r).sort().join() === 'at,relation')).toBe(true);
  });
});

describe('cycleListQuery', () => {
  it('lists reporting cycles, by plan and by state', () => {
    expect(cycleListQuery({})).toBe(`WorkflowType = 'reportingCycle'`);
    expect(cycleListQuery({ plan: 'demo', status: 'cancelled' })).toBe(
      `WorkflowType = 'reportingCycle' AND KyhanPlan = 'demo' AND (KyhanCycleStatus = 'cancelled' OR ExecutionStatus = 'Canceled')`,
    );
    expect(cycleListQuery({ status: 'open' })).toContain(`KyhanCycleStatus IN ('loading', 'open', 'consolidating')`);
  });
});

describe('classifyFailure', () => {
  it("prints the workflow's refusal as it is, exit 1; an unknown unit is exit 4", () => {
    const refusal = (type: string) => new WorkflowUpdateFailedError('Update failed', ApplicationFailure.create({ message: `refused: ${type}`, type, nonRetryable: true }));
    expect(classifyFailure(refusal('ExtensionInPast'), 'vi')).toEqual({ exitCode: 1, type: 'ExtensionInPast', message: 'refused: ExtensionInPast' });
    expect(classifyFailure(refusal('UnknownUnit'), 'vi')).toMatchObject({ exitCode: 4, type: 'UnknownUnit' });
    const closed = new CycleUpdateRejectedError({ type: 'CycleClosed', message: 'Không thể nộp báo cáo…', unitId: 'u', cycleId: 'c' });
    expect(classifyFailure(closed, 'en')).toEqual({ exitCode: 1, type: 'CycleClosed', message: 'Không thể nộp báo cáo…' });
  });
  it('maps a missing cycle to 4, a dead server to 3 and a bad setting to 2', () => {
    expect(classifyFailure(new WorkflowNotFoundError('not found', 'kyhan-cycle:demo/a/b', undefined), 'vi')).toMatchObject({
      exitCode: 4,
      message: 'kyhan: không tìm thấy kỳ báo cáo "demo/a/b"; xem các kỳ bằng `kyhan cycle list`.',
    });
    expect(classifyFailure(new TemporalUnreachableError('127.0.0.1:7233', 'no answer within 5 s'), 'vi')).toEqual({
      exitCode: 3,
      type: 'Unreachable',
      message: 'kyhan: Không kết nối được Temporal tại 127.0.0.1:7233: không có phản hồi sau 5 giây. Hãy chạy `npm start` hoặc đặt TEMPORAL_ADDRESS.',
    });
    expect(classifyFailure(new ConnectionConfigError('--address', 'must be host:port', 'x'), 'en').exitCode).toBe(2);
  });
});

describe('loadConnectionConfig', () => {
  it('lets the flags override the environment', () => {
    const config = loadConnectionConfig({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_NAMESPACE: 'prod', KYHAN_TASK_QUEUE: '' }, { address: '127.0.0.1:7244', tls: true });
    expect(config).toMatchObject({ TEMPORAL_ADDRESS: '127.0.0.1:7244', TEMPORAL_NAMESPACE: 'prod', TEMPORAL_TLS: true, KYHAN_TASK_QUEUE: 'kyhan' });
  });
  it('names the flag, not the variable, when a flag is wrong', () => {
    expect(() => loadConnectionConfig({}, { address: 'localhost' })).toThrow(/^--address: must be host:port, e\.g\. 127\.0\.0\.1:7233 \(received "localhost"\)$/);
    expect(() => loadConnectionConfig({ TEMPORAL_TLS: 'maybe' })).toThrow(/^TEMPORAL_TLS: must be true or false/);
  });
  it('wants the mTLS certificate and key together', () => {
    expect(() => loadConnectionConfig({}, { tlsCert: 'client.pem' })).toThrow(/--tls-key|TEMPORAL_TLS_KEY/);
  });
});

describe('textTable', () => {
  it('pads columns by characters, Vietnamese included', () => {
    expect(textTable(['Đơn vị', 'Trạng thái'], [['mat-tran', 'đã nộp']]).join('\n')).toBe('Đơn vị    Trạng thái\n--------  ----------\nmat-tran  đã nộp');
  });
});

describe('kyhan submit: the document\'s --number, --date and --signer', () => {
  it('takes them trimmed, as the unit\'s web form does', () => {
    expect(documentFlags({ number: ' 45-BC/MTTQ-BTT ', date: '2020-03-16', signer: 'Nguyễn Văn An' }, 'vi')).toEqual({ number: '45-BC/MTTQ-BTT', date: '2020-03-16', signer: 'Nguyễn Văn An' });
    expect(documentFlags({}, 'vi')).toEqual({});
  });

  it('refuses a date that is not a real YYYY-MM-DD with exit 2, naming --date and the form to use', () => {
    for (const date of ['16/3/2020', '2020-3-16', '2020-02-30', '2020-13-01', '1900-01-01', 'hôm nay']) {
      const failure = failureOf(() => documentFlags({ date }, 'vi'));
      expect(failure.exitCode, date).toBe(2);
      expect(failure.message).toBe(`kyhan: --date phải là một ngày có thật, viết NNNN-TT-NN, ví dụ --date 2020-03-16; nhận được "${date}"`);
    }
    expect(failureOf(() => documentFlags({ date: '16/3/2020' }, 'en')).message).toBe('kyhan: --date must be a real date written YYYY-MM-DD, e.g. --date 2020-03-16; received "16/3/2020"');
  });

  it('refuses an empty, overlong or control-laden number or signer, naming the flag and the fix', () => {
    expect(failureOf(() => documentFlags({ number: '  ' }, 'vi'))).toMatchObject({ exitCode: 2, message: 'kyhan: --number để trống; hãy ghi giá trị, ví dụ --number 45-BC/MTTQ-BTT, hoặc bỏ --number' });
    expect(failureOf(() => documentFlags({ number: 'x'.repeat(101) }, 'en'))).toMatchObject({ exitCode: 2, message: 'kyhan: --number is 101 characters long, over the limit of 100; shorten it' });
    expect(failureOf(() => documentFlags({ signer: 'An\u0007' }, 'vi'))).toMatchObject({ exitCode: 2, message: 'kyhan: --signer chứa ký tự điều khiển (không in được); hãy xóa chúng' });
    expect(failureOf(() => documentFlags({ signer: 'y'.repeat(201) }, 'vi')).message).toContain('--signer dài 201 ký tự, vượt giới hạn 200 ký tự');
  });

  it("refuses a document dated after today in the cycle's zone, and takes today", () => {
    expect(() => requirePastDate('2026-12-02', '2026-12-02', 'Asia/Ho_Chi_Minh', 'vi')).not.toThrow();
    expect(failureOf(() => requirePastDate('2026-12-03', '2026-12-02', 'Asia/Ho_Chi_Minh', 'vi'))).toMatchObject({
      exitCode: 2,
      message: 'kyhan: --date 2026-12-03 là một ngày trong tương lai (hôm nay là 2026-12-02, giờ Asia/Ho_Chi_Minh); hãy ghi ngày ký văn bản',
    });
  });

  it('refuses a file for a paper-only report with exit 1, saying how to record its arrival', () => {
    const failure = paperOnly('demo/mat/2026-11', 'vi');
    expect(failure).toMatchObject({ exitCode: 1, type: 'PaperOnly' });
    expect(failure.message).toContain('chỉ gửi bằng bản giấy qua đường văn thư, không nhận tệp; bỏ --file');
    expect(failure.message).toContain('--number, --date');
  });

  it('prints the receipt with the document by its number, date and signer, and a file by its name, never its path', () => {
    const receipt = { cycleId: 'demo/a/b', unitId: 'mat-tran', submittedAt: '2026-11-24T02:30:00Z', dueAt: '2026-11-24T10:00:00Z', onTime: true, revision: 0, duplicate: false };
    const stored = { key: 'submissions/demo_a_b/mat-tran/0123456789ab-bao-cao.pdf', copied: true, document: { uri: 'kyhan-store:submissions/demo_a_b/mat-tran/0123456789ab-bao-cao.pdf', name: 'bao-cao.pdf', sha256: '0123456789ab'.padEnd(64, '0') } };
    const lines = receiptLines(receipt, { number: '45-BC/MTTQ-BTT', date: '2020-03-16', signer: 'Nguyễn Văn An', name: 'bao-cao.pdf' }, stored, 'Asia/Ho_Chi_Minh', 'vi').join('\n');
    expect(lines).toContain('Văn bản số 45-BC/MTTQ-BTT ngày 16/3/2020, người ký Nguyễn Văn An');
    expect(lines).toContain('Tệp: bao-cao.pdf');
    expect(lines).not.toContain('/var/kyhan');
    expect(lines).not.toContain('file:');
    expect(lines).not.toContain('kyhan-store:');
    expect(lines).not.toContain('submissions/');
    const paper = receiptLines(receipt, { number: '45-BC/MTTQ-BTT', date: '2020-03-16' }, undefined, 'Asia/Ho_Chi_Minh', 'en').join('\n');
    expect(paper).toContain('Document No. 45-BC/MTTQ-BTT of 2020-03-16');
    expect(paper).toContain('No file (on paper).');
  });
});

describe('kyhan cycle status: a submission\'s document', () => {
  const uri = 'file:///var/kyhan/submissions/demo_a_b/mat-tran/0123456789ab-bao-cao.pdf';
  const sha256 = 'ab'.repeat(32);
  const unit = (unitId: string, submission?: UnitStatus['submission']): UnitStatus => ({
    unitId,
    name: unitId,
    to: [],
    state: submission ? 'submitted' : 'pending',
    dueAt: '2026-11-24T10:00:00Z',
    remindersSent: [],
    escalations: [],
    deliveryFailures: [],
    ...(submission ? { submission } : {}),
  });
  const status: CycleStatus = {
    cycleId: 'demo/a/b',
    language: 'vi',
    timeZone: 'Asia/Ho_Chi_Minh',
    phase: 'consolidated',
    shardCount: 1,
    shardsLoaded: 1,
    unitCount: 3,
    outstanding: 1,
    escalationsSent: [],
    consolidation: { at: '2026-11-25T10:00:00Z', reason: 'cutoff', counts: { submitted: 2 }, markdownPath: '/var/kyhan/reports/demo_a_b/consolidated.md', htmlPath: '/var/kyhan/reports/demo_a_b/consolidated.html' },
    counts: { pending: 1, overdue: 0, submitted: 2, excused: 0 },
    units: [
      unit('mat-tran', { at: '2026-11-24T02:30:00Z', by: 'Văn thư', onTime: true, revision: 0, document: { uri, name: 'bao-cao.pdf', sha256, number: '45-BC/MTTQ-BTT', date: '2020-03-16', signer: 'Nguyễn Văn An' }, attachments: [{ uri: `${uri}.xlsx`, name: 'phu-luc.xlsx', sha256 }] }),
      unit('hoi-nong-dan', { at: '2026-11-24T03:30:00Z', by: 'Phòng Đoàn thể', onTime: true, revision: 0, document: { uri: 'paper:', number: '12-BC/HND', date: '2020-03-15' } }),
      unit('doan-thanh-nien'),
    ],
  };

  it('shows the number, date and signer in the table and the details, with file names, and no stored path', () => {
    const text = statusText(status, 'vi').join('\n');
    expect(text).toMatch(/mat-tran .*45-BC\/MTTQ-BTT, 16\/3\/2020/);
    expect(text).toContain('mat-tran: văn bản số 45-BC/MTTQ-BTT ngày 16/3/2020, người ký Nguyễn Văn An; tệp bao-cao.pdf, phu-luc.xlsx');
    expect(text).toContain('hoi-nong-dan: văn bản số 12-BC/HND ngày 15/3/2020; bản giấy, không kèm tệp');
    expect(text).toContain('/cycles/demo%2Fa%2Fb');
    expect(text).not.toContain('/var/kyhan');
    expect(text).not.toContain('file:');
    expect(text).not.toContain('paper:');
  });

  it('gives scripts the facts and each file\'s SHA-256, never a URI or a server path', () => {
    const json = JSON.stringify(statusForScripts(status));
    expect(json).not.toContain('/var/kyhan');
    expect(json).not.toContain('file:');
    expect(json).not.toContain('paper:');
    const shown = statusForScripts(status).units;
    expect(shown[0]!.submission).toMatchObject({ document: { number: '45-BC/MTTQ-BTT', date: '2020-03-16', signer: 'Nguyễn Văn An', name: 'bao-cao.pdf', sha256, file: true }, attachments: [{ name: 'phu-luc.xlsx', sha256, file: true }] });
    expect(shown[1]!.submission!.document).toEqual({ number: '12-BC/HND', date: '2020-03-15', file: false });
  });
});
