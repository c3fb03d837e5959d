/**
 * The checks on a plan that need its computed dates: an escalation step or a reminder that
 * falls at or after the cut-off (it would never be sent), a cycle that opens after it is due
 * or stops waiting before it, and a unit listed by id in a cycle it does not exist during.
 * Run after the shape and reference checks: it assumes ids and roles resolve.
 */
import type { Language } from '../cycle';
import { problem, quote, type Bilingual, type PlanProblem } from '../plan/problems';
import type { Plan } from '../plan/schema';
import { createPlanClock, type PlanClock } from './clock';
import { cycleMoments } from './moments';
import { issueDateStart, scheduledPeriods, type ScheduledPeriod } from './periods';
import { effectivePolicies } from './policies';
import { unitExistsOn } from './reporters';

/** A unit missing from many monthly cycles names the first few; the count says the rest. */
const PERIODS_NAMED = 3;

export function scheduleProblems(plan: Plan, language: Language): PlanProblem[] {
  let clock: PlanClock;
  try {
    clock = createPlanClock(plan);
  } catch (error) {
    return [scheduleFailed('', error, language)];
  }
  const problems = new Map<string, PlanProblem>();
  const add = (found: PlanProblem): void => {
    // A default policy is checked once per report type using it; report it once.
    const key = `${found.code} ${found.path}`;
    if (!problems.has(key)) problems.set(key, found);
  };

  plan.reportTypes.forEach((reportType, index) => {
    let periods: ScheduledPeriod[];
    try {
      periods = scheduledPeriods(reportType, clock, plan.language, issueDateStart(plan.issuer.date));
      const { policies, sourceOf } = effectivePolicies(plan, index);
      for (const period of periods) {
        const moments = cycleMoments(clock, policies, period.due);
        const at = (ms: number): string => clock.format(ms);
        const cycle = `${period.label} (${reportType.id})`;
        const cutoff = at(moments.cutoff.ms);
        const due = at(moments.due.ms);

        if (moments.opens.ms >= moments.due.ms) {
          add(problem(`${sourceOf('opens')}.opens`, 'opens-after-due', {
            vi: `kỳ ${cycle} mở lúc ${at(moments.opens.ms)}, không sớm hơn hạn nộp ${due} — đặt opens âm (trước hạn), ví dụ { workingDays: -5 }`,
            en: `cycle ${cycle} opens at ${at(moments.opens.ms)}, not before its due moment ${due} — make opens negative (before the due moment), e.g. { workingDays: -5 }`,
          }, language));
        }
        if (moments.cutoff.ms < moments.due.ms) {
          add(problem(`${sourceOf('consolidation')}.consolidation.cutoff`, 'cutoff-before-due', {
            vi: `thời điểm khóa sổ ${cutoff} của kỳ ${cycle} sớm hơn hạn nộp ${due} — đặt cutoff sau hạn nộp, ví dụ { workingDays: 3 }`,
            en: `the cut-off ${cutoff} of cycle ${cycle} is before its due moment ${due} — set cutoff after the due moment, e.g. { workingDays: 3 }`,
          }, language));
        }
        moments.reminders.forEach((reminder, j) => {
          if (reminder.ms < moments.cutoff.ms) return;
          add(problem(`${sourceOf('reminders')}.reminders[${j}]`, 'reminder-after-cutoff', {
            vi: `nhắc nhở lúc ${at(reminder.ms)} của kỳ ${cycle} không sớm hơn thời điểm khóa sổ ${cutoff}, nên sẽ không bao giờ được gửi — dời nhắc nhở lên trước khóa sổ hoặc lùi cutoff`,
            en: `the reminder at ${at(reminder.ms)} in cycle ${cycle} is not before the cut-off ${cutoff}, so it would never be sent — move it before the cut-off or move the cutoff later`,
          }, language));
        });
        moments.escalations.forEach((step, j) => {
          const path = `${sourceOf('escalation')}.escalation[${j}]`;
          if (step.ms >= moments.cutoff.ms) {
            add(problem(path, 'escalation-after-cutoff', {
              vi: `bậc ${j + 1} báo cáo lãnh đạo lúc ${at(step.ms)} của kỳ ${cycle} không sớm hơn thời điểm khóa sổ ${cutoff}, nên sẽ không bao giờ được gửi — rút ngắn bậc này hoặc lùi cutoff`,
              en: `escalation step ${j + 1} at ${at(step.ms)} in cycle ${cycle} is not before the cut-off ${cutoff}, so it would never be sent — shorten the step or move the cutoff later`,
            }, language));
          } else if (step.ms <= moments.due.ms) {
            add(problem(path, 'escalation-before-due', {
              vi: `bậc ${j + 1} báo cáo lãnh đạo lúc ${at(step.ms)} của kỳ ${cycle} không muộn hơn hạn nộp ${due}, khi chưa đơn vị nào quá hạn — đặt bậc sau hạn nộp, ví dụ { workingDays: 1 } hoặc "at" muộn hơn giờ hạn nộp`,
              en: `escalation step ${j + 1} at ${at(step.ms)} in cycle ${cycle} is not after the due moment ${due}, when no unit can be overdue yet — put it after the due moment, e.g. { workingDays: 1 } or an "at" later than the due time`,
            }, language));
          }
        });
      }
    } catch (error) {
      add(scheduleFailed(`reportTypes[${index}]`, error, language));
      return;
    }
    for (const found of missingListedUnits(plan, index, periods, language)) add(found);
  });
  return [...problems.values()];
}

/** Units listed by id in `reporters.units` that do not exist on the due date of some cycle. */
function missingListedUnits(
  plan: Plan,
  reportTypeIndex: number,
  periods: readonly ScheduledPeriod[],
  language: Language,
): PlanProblem[] {
  const reporters = plan.reportTypes[reportTypeIndex]?.reporters;
  const excluded = new Set(reporters?.exclude ?? []);
  const found: PlanProblem[] = [];
  (reporters?.units ?? []).forEach((unitId, k) => {
    const unit = plan.units.find((candidate) => candidate.id === unitId);
    if (!unit || excluded.has(unitId)) return;
    const missed = periods.filter((period) => !unitExistsOn(unit, period.due.date));
    if (missed.length === 0) return;
    const named = missed.slice(0, PERIODS_NAMED).map((period) => `${period.label} (${period.due.date})`);
    const more = missed.length - named.length;
    const lifetime = {
      vi: `từ ${unit.existsFrom ?? '(không giới hạn)'} đến ${unit.existsUntil ?? '(không giới hạn)'}`,
      en: `from ${unit.existsFrom ?? '(no limit)'} until ${unit.existsUntil ?? '(no limit)'}`,
    };
    const message: Bilingual = {
      vi: `đơn vị ${quote(unitId)} (${unit.name}) phải báo cáo trong kỳ ${named.join(', ')}${more > 0 ? ` và ${more} kỳ khác` : ''} nhưng chỉ tồn tại ${lifetime.vi} (tính theo ngày hạn nộp) — bỏ đơn vị khỏi reporters.units, thêm vào exclude, hoặc sửa existsFrom/existsUntil`,
      en: `unit ${quote(unitId)} (${unit.name}) must report in ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''} but exists only ${lifetime.en} (counted on due dates) — remove it from reporters.units, add it to exclude, or correct existsFrom/existsUntil`,
    };
    found.push(problem(`reportTypes[${reportTypeIndex}].reporters.units[${k}]`, 'unit-not-in-existence', message, language));
  });
  return found;
}

function scheduleFailed(path: string, error: unknown, language: Language): PlanProblem {
  const detail = error instanceof Error ? error.message : String(error);
  return problem(path, 'schedule-failed', {
    vi: `không tính được lịch báo cáo: ${detail} — sửa các lỗi khác trước rồi kiểm tra lại`,
    en: `the schedule cannot be computed: ${detail} — fix the other problems first, then validate again`,
  }, language);
}
