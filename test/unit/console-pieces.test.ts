/** The console's pure pieces besides the matrix: the timeline, starting a cycle, form fields. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validatePlan } from '../../domain/plan/validate';
import type { Plan } from '../../domain/plan/schema';
import { instantOfLocal, parseForm, fields } from '../../web/console/forms';
import { byOf } from '../../web/console/access';
import { computeStart, parseStartForm, type StartForm } from '../../web/console/start-cycle';
import { cycleTimeline } from '../../web/console/timeline';
import type { CycleStatus, UnitStatus } from '../../workflows/messages';
import { z } from 'zod';

function plan(file: string): Plan {
  const result = validatePlan(readFileSync(file, 'utf8'));
  if (!result.ok) throw new Error(`${file} invalid`);
  return result.plan;
}

const unit = (id: string, extra: Partial<UnitStatus>): UnitStatus => ({
  unitId: id,
  name: id,
  to: [],
  dueAt: '2026-11-24T17:00:00+07:00',
  remindersSent: [],
  escalations: [],
  deliveryFailures: [],
  state: 'pending',
  ...extra,
});

describe('cycle timeline', () => {
  const header = {
    opensAt: '2026-11-20T08:00:00+07:00',
    reminders: [
      { at: '2026-11-23T08:00:00+07:00', relation: 'before' as const },
      { at: '2026-11-25T08:00:00+07:00', relation: 'after' as const },
    ],
    escalations: [{ step: 1, at: '2026-11-26T08:00:00+07:00', recipients: [], roleLabel: 'Trưởng phòng' }],
  };
  const status = {
    unitCount: 2,
    escalationsSent: [{ step: 1, at: '2026-11-26T08:00:00+07:00', overdueUnits: 1 }],
    cancelled: { at: '2026-11-27T09:00:00+07:00', reason: 'Mở nhầm', by: 'A <a@x.org>' },
    approval: undefined,
    units: [
      unit('a', { noticeSentAt: '2026-11-20T08:00:03+07:00', remindersSent: [0], submission: { at: '2026-11-24T09:00:00+07:00', by: 'Văn thư', onTime: true, revision: 0 } }),
      unit('b', {
        noticeSentAt: '2026-11-20T08:00:01+07:00',
        remindersSent: [0, 1],
        escalations: [1],
        extended: { until: '2026-11-25T17:00:00+07:00', reason: 'Mất điện', at: '2026-11-24T10:00:00+07:00', by: 'B <b@x.org>' },
      }),
    ],
  } as unknown as CycleStatus;

  it('puts every event in order, with counts and who decided', () => {
    const events = cycleTimeline(header, status);
    expect(events.map((e) => e.kind)).toEqual(['opened', 'notice', 'reminder', 'submitted', 'extended', 'reminder', 'escalation', 'cancelled']);
    expect(events[1]).toMatchObject({ at: '2026-11-20T08:00:01+07:00', units: 2 });
    expect(events[2]).toMatchObject({ index: 1, units: 2 });
    expect(events[5]).toMatchObject({ index: 2, units: 1, detail: 'after' });
    expect(events[6]).toMatchObject({ index: 1, units: 1, detail: 'Trưởng phòng' });
    expect(events[4]).toMatchObject({ by: 'B <b@x.org>', until: '2026-11-25T17:00:00+07:00', text: 'Mất điện' });
    expect(events[7]).toMatchObject({ by: 'A <a@x.org>', text: 'Mở nhầm' });
  });

  it('narrows to one unit: its own notice, reminders, escalations and decisions', () => {
    const events = cycleTimeline(header, status, 'a');
    expect(events.map((e) => e.kind)).toEqual(['notice', 'reminder', 'submitted', 'cancelled']);
  });
});

/** The parsed start form, failing the test when it does not parse. */
function formOf(body: Record<string, unknown>): StartForm {
  const parsed = parseStartForm(body, 'vi');
  if (!parsed.ok) throw new Error(`form refused: ${JSON.stringify(parsed.errors)}`);
  return parsed.form;
}

describe('starting a cycle from the console', () => {
  const demo = plan('plans/demo.yaml');
  const seed = plan('plans/129-KH-BDVTU.yaml');
  const now = new Date('2026-11-24T09:00:00+07:00');

  it('computes an ad-hoc cycle from its due moment in the plan’s zone, the period defaulting to its date', () => {
    const result = computeStart(demo, formOf({ reportType: 'bao-cao-nhanh', mode: 'adhoc', due: '2026-11-27T17:00', units: [] }), now, 'vi');
    expect(result.ok && result.cycle.id).toBe('demo/bao-cao-nhanh/2026-11-27');
    expect(result.ok && result.cycle.dueAt).toBe('2026-11-27T17:00:00+07:00');
  });

  it('refuses a due moment in the past and a malformed period id', () => {
    const result = computeStart(demo, formOf({ reportType: 'bao-cao-nhanh', mode: 'adhoc', due: '2026-11-20T17:00' }), now, 'vi');
    expect(result).toEqual({ ok: false, errors: { due: 'Hạn nộp phải sau thời điểm hiện tại.' } });
    const bad = parseStartForm({ reportType: 'bao-cao-nhanh', mode: 'adhoc', due: '2026-11-27T17:00', periodId: '../x' }, 'en');
    expect(bad.ok === false && bad.errors.periodId).toMatch(/letters, digits/);
  });

  it('takes a scheduled period from the plan’s schedule, and names a period it does not have', () => {
    const monthly = seed.reportTypes.find((r) => r.recurrence.type === 'monthly')!;
    const result = computeStart(seed, formOf({ reportType: monthly.id, mode: 'scheduled', period: '2020-03' }), now, 'vi');
    expect(result.ok && result.cycle.id).toBe(`${seed.id}/${monthly.id}/2020-03`);
    const missing = computeStart(seed, { reportType: monthly.id, mode: 'scheduled', period: '1999-01', units: [] }, now, 'vi');
    expect(missing).toEqual({ ok: false, errors: { period: 'Loại báo cáo này không có kỳ đó.' } });
  });
});

describe('form fields', () => {
  it('reads a local moment in the plan’s zone', () => {
    expect(instantOfLocal('2026-11-26T17:00', 'Asia/Ho_Chi_Minh')).toBe('2026-11-26T17:00:00+07:00');
  });

  it('words each problem for the field it is shown beside', () => {
    const schema = z.object({ reason: fields.reason(), date: fields.date() });
    const parsed = parseForm(schema, { reason: 'a\u0007b', date: '2026-02-30', _csrf: 'x' }, 'vi');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.state.errors).toEqual({ reason: 'Có ký tự điều khiển (không in được); hãy xóa chúng.', date: 'Ngày phải có dạng NNNN-TT-NN, ví dụ 2020-03-16.' });
    expect(parsed.state.values).toEqual({ reason: 'a\u0007b', date: '2026-02-30' });
  });

  it('records who acted within the requests’ name limit', () => {
    expect(byOf({ name: 'Nguyễn  Văn A', email: 'a@x.org', sessionId: '', csrfToken: '' })).toBe('Nguyễn Văn A <a@x.org>');
    const long = byOf({ name: 'N'.repeat(300), email: 'a@x.org', sessionId: '', csrfToken: '' });
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith('… <a@x.org>')).toBe(true);
  });
});
