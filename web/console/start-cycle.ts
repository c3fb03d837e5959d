/**
 * Starting a cycle from the console, as `kyhan cycle start` does: a scheduled report type's
 * period from the plan's schedule, or an ad-hoc cycle with its due moment (its period id
 * defaulting to the due date), for every reporter or a chosen few. Pure: the form's values in,
 * the computed cycle or each field's problem out, in the plan's language.
 */
import { z } from 'zod';
import type { Language } from '../../domain/cycle';
import type { Plan } from '../../domain/plan/schema';
import { computeSchedule, cycleForRequest, type ScheduledCycle } from '../../domain/schedule';
import { fields, instantOfLocal, issueText } from './forms';

/** Ad-hoc period ids: what a workflow id and a folder name carry well. */
const PERIOD_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);

export const startSchema = z.object({
  reportType: z.string().min(1),
  mode: z.enum(['scheduled', 'adhoc']).default('scheduled'),
  period: z.preprocess(blank, z.string().optional()),
  due: z.preprocess(blank, fields.localMoment().optional()),
  periodId: z.preprocess(blank, z.string().refine((v) => PERIOD_ID.test(v), { params: { problem: 'periodId' } }).optional()),
  units: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()).max(10_000)),
});

export type StartForm = z.output<typeof startSchema>;

export type StartResult = { ok: true; cycle: ScheduledCycle } | { ok: false; errors: Record<string, string> };

/** The report type's scheduled cycles (none for an ad-hoc one). */
export function scheduledCyclesOf(plan: Plan, reportTypeId: string): ScheduledCycle[] {
  return computeSchedule(plan).filter((c) => c.reportType.id === reportTypeId);
}

/** The form's values (as parsed by `startSchema`) to the cycle to start, or what is wrong with which field (the rule is domain/schedule `cycleForRequest`, as the CLI's). */
export function computeStart(plan: Plan, form: StartForm, now: Date, language: Language): StartResult {
  const vi = language === 'vi';
  const fail = (field: string, text: { vi: string; en: string }): StartResult => ({ ok: false, errors: { [field]: vi ? text.vi : text.en } });
  const reportType = plan.reportTypes.find((r) => r.id === form.reportType);
  const adhoc = form.mode === 'adhoc' || (reportType !== undefined && scheduledCyclesOf(plan, reportType.id).length === 0);
  let dueAt: Date | undefined;
  if (adhoc) {
    if (form.due === undefined) return fail('due', { vi: 'Hãy nhập hạn nộp của kỳ đột xuất.', en: 'Give the due moment of the ad-hoc cycle.' });
    dueAt = new Date(instantOfLocal(form.due, plan.timeZone));
    if (dueAt.getTime() <= now.getTime()) return fail('due', { vi: 'Hạn nộp phải sau thời điểm hiện tại.', en: 'The due moment must be in the future.' });
  }
  const result = cycleForRequest(plan, { reportType: form.reportType, period: adhoc ? form.periodId : form.period, dueAt, units: form.units.length > 0 ? form.units : undefined }, now);
  if (!result.ok) {
    const p = result.problem;
    switch (p.kind) {
      case 'unknown-report-type':
        return fail('reportType', { vi: 'Kế hoạch không có loại báo cáo này.', en: 'The plan has no such report type.' });
      case 'no-units':
      case 'unknown-units':
        return fail('units', { vi: `Kế hoạch không có đơn vị ${'ids' in p ? p.ids.join(', ') : ''}.`, en: `The plan has no unit ${'ids' in p ? p.ids.join(', ') : ''}.` });
      case 'units-not-reporting':
        return fail('units', { vi: `Đơn vị ${p.ids.join(', ')} không phải nộp kỳ này.`, en: `Unit ${p.ids.join(', ')} does not report in this cycle.` });
      case 'period-required':
        return fail('period', { vi: 'Hãy chọn kỳ theo lịch.', en: 'Choose a scheduled period.' });
      case 'unknown-period':
        return fail('period', { vi: 'Loại báo cáo này không có kỳ đó.', en: 'This report type has no such period.' });
      case 'opens-for-scheduled':
      case 'schedule':
        return fail(adhoc ? 'due' : 'period', { vi: 'message' in p ? p.message : 'Không tính được kỳ này.', en: 'message' in p ? p.message : 'This cycle cannot be computed.' });
    }
  }
  if (result.cycle.units.length === 0) return fail('units', { vi: 'Kỳ này không có đơn vị nào phải nộp.', en: 'No unit reports in this cycle.' });
  return { ok: true, cycle: result.cycle };
}

/** Parses the start form: the values, or each field's problem. */
export function parseStartForm(body: Record<string, unknown>, language: Language): { ok: true; form: StartForm } | { ok: false; errors: Record<string, string> } {
  const result = startSchema.safeParse(body);
  if (result.success) return { ok: true, form: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '_form');
    const problem = (issue as { params?: { problem?: string } }).params?.problem;
    errors[key] ??=
      problem === 'periodId'
        ? language === 'vi'
          ? 'Mã kỳ chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang; tối đa 64 ký tự, ví dụ 2020-07-hoi-nghi.'
          : 'A period id is letters, digits, dots, underscores and hyphens, at most 64, e.g. 2020-07-conference.'
        : issueText(issue, language);
  }
  return { ok: false, errors };
}
