/**
 * The checks on a plan that need its computed dates. Errors: an escalation step or a reminder
 * that falls at or after the cut-off (it would never be sent), a cycle that opens after it is
 * due or stops waiting before it, and a unit listed by id in a cycle it does not exist during.
 * Warnings (the plan still runs): a cycle nobody has to report in, or whose report goes to a
 * body that no longer exists — the issuer, an upper level, the staff or leaders of its roles.
 * Run after the shape and reference checks: it assumes ids and roles resolve.
 */
import type { Language } from '../cycle';
import { firstFew, problem, quote, quoteList, type Bilingual, type PlanProblem } from '../plan/problems';
import type { Plan, Unit } from '../plan/schema';
import { createPlanClock, type PlanClock } from './clock';
import { cycleMoments, type CycleMoments } from './moments';
import { issueDateStart, scheduledPeriods, type ScheduledPeriod } from './periods';
import { effectivePolicies, type EffectivePolicies } from './policies';
import { createRecipientDirectory, type RecipientDirectory } from './recipients';
import { existsOn, namedReporters, unitExistsOn, type Lifetime } from './reporters';

/** A unit missing from many monthly cycles names the first few; the count says the rest. */
const PERIODS_NAMED = 3;

export interface ScheduleChecks {
  /** The plan is refused. */
  problems: PlanProblem[];
  /** The plan runs, but probably not as meant. */
  warnings: PlanProblem[];
}

export function scheduleProblems(plan: Plan, language: Language): PlanProblem[] {
  return scheduleChecks(plan, language).problems;
}

export function scheduleChecks(plan: Plan, language: Language): ScheduleChecks {
  let clock: PlanClock;
  try {
    clock = createPlanClock(plan);
  } catch (error) {
    return { problems: [scheduleFailed('', error, language)], warnings: [] };
  }
  const gaps = new Gaps();
  const directory = createRecipientDirectory(plan);
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
      const effective = effectivePolicies(plan, index);
      const { policies, sourceOf } = effective;
      const named = namedReporters(plan.units, reportType.reporters);
      for (const period of periods) {
        const moments = cycleMoments(clock, policies, period.due);
        const cycle = `${period.label} (${reportType.id})`;
        noteGaps(gaps, { plan, index, named, directory, effective }, cycle, moments);
        const at = (ms: number): string => clock.format(ms);
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
            vi: `thời điểm chốt tổng hợp ${cutoff} của kỳ ${cycle} sớm hơn hạn nộp ${due} — đặt cutoff sau hạn nộp, ví dụ { workingDays: 3 }`,
            en: `the cut-off ${cutoff} of cycle ${cycle} is before its due moment ${due} — set cutoff after the due moment, e.g. { workingDays: 3 }`,
          }, language));
        }
        moments.reminders.forEach((reminder, j) => {
          if (reminder.ms < moments.cutoff.ms) return;
          add(problem(`${sourceOf('reminders')}.reminders[${j}]`, 'reminder-after-cutoff', {
            vi: `nhắc nhở lúc ${at(reminder.ms)} của kỳ ${cycle} không sớm hơn thời điểm chốt tổng hợp ${cutoff}, nên sẽ không bao giờ được gửi — dời nhắc nhở lên trước thời điểm chốt tổng hợp hoặc lùi cutoff`,
            en: `the reminder at ${at(reminder.ms)} in cycle ${cycle} is not before the cut-off ${cutoff}, so it would never be sent — move it before the cut-off or move the cutoff later`,
          }, language));
        });
        moments.escalations.forEach((step, j) => {
          const path = `${sourceOf('escalation')}.escalation[${j}]`;
          if (step.ms >= moments.cutoff.ms) {
            add(problem(path, 'escalation-after-cutoff', {
              vi: `bậc ${j + 1} báo cáo lãnh đạo lúc ${at(step.ms)} của kỳ ${cycle} không sớm hơn thời điểm chốt tổng hợp ${cutoff}, nên sẽ không bao giờ được gửi — rút ngắn bậc này hoặc lùi cutoff`,
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
  return { problems: [...problems.values()], warnings: gaps.warnings(language) };
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
    const named = firstFew(missed.map((period) => `${period.label} (${period.due.date})`), 'kỳ', PERIODS_NAMED);
    const lifetime = lifetimeText(unit);
    const message: Bilingual = {
      vi: `đơn vị ${quote(unitId)} (${unit.name}) phải báo cáo trong kỳ ${named.vi} nhưng chỉ tồn tại ${lifetime.vi} (tính theo ngày hạn nộp) — bỏ đơn vị khỏi reporters.units, thêm vào exclude, hoặc sửa existsFrom/existsUntil`,
      en: `unit ${quote(unitId)} (${unit.name}) must report in ${named.en} but exists only ${lifetime.en} (counted on due dates) — remove it from reporters.units, add it to exclude, or correct existsFrom/existsUntil`,
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

type Message = (cycles: Bilingual) => Bilingual;

/** Cycles that run into the same gap (same rule, same place in the plan), named together in one warning. */
class Gaps {
  private readonly found = new Map<string, { path: string; code: string; cycles: Set<string>; message: Message }>();

  /** `variant` separates gaps of one rule and path whose explanations differ. */
  note(path: string, code: string, cycle: string, message: Message, variant = ''): void {
    const key = `${code} ${path} ${variant}`;
    const gap = this.found.get(key);
    if (gap) gap.cycles.add(cycle);
    else this.found.set(key, { path, code, cycles: new Set([cycle]), message });
  }

  warnings(language: Language): PlanProblem[] {
    return [...this.found.values()].map((gap) => problem(gap.path, gap.code, gap.message(firstFew([...gap.cycles], 'kỳ', PERIODS_NAMED)), language));
  }
}

interface ReportTypeContext {
  plan: Plan;
  index: number;
  /** The units its reporters name, before the existence filter. */
  named: readonly Unit[];
  directory: RecipientDirectory;
  effective: EffectivePolicies;
}

const lifetimeText = (entry: Lifetime): Bilingual => ({
  vi: `từ ${entry.existsFrom ?? '(không giới hạn)'} đến ${entry.existsUntil ?? '(không giới hạn)'}`,
  en: `from ${entry.existsFrom ?? '(no limit)'} until ${entry.existsUntil ?? '(no limit)'}`,
});

/** What a cycle needs that will not exist when it is due: units to report, its issuer, the bodies it reports to. */
function noteGaps(gaps: Gaps, context: ReportTypeContext, cycle: string, moments: CycleMoments): void {
  const { plan, directory, effective } = context;
  const due = moments.due.date;
  if (!context.named.some((unit) => existsOn(unit, due))) noteNoUnits(gaps, context, cycle, due);

  const { name, existsUntil, successor } = plan.issuer;
  if (existsUntil !== undefined && existsUntil < due) {
    const heir: Bilingual = successor !== undefined ? { vi: ` (nhiệm vụ chuyển cho ${quote(successor)})`, en: ` (its duties pass to ${quote(successor)})` } : { vi: '', en: '' };
    gaps.note('issuer.existsUntil', 'issuer-ceased', cycle, (cycles) => ({
      vi: `${quote(name)} ngừng tồn tại sau ngày ${existsUntil}${heir.vi}, nhưng kế hoạch còn kỳ có hạn nộp sau ngày đó: ${cycles.vi} — sửa recurrence để các loại báo cáo kết thúc trước ngày đó, và đưa các kỳ sau vào kế hoạch mới của ${successor !== undefined ? quote(successor) : 'cơ quan kế nhiệm'}`,
      en: `${quote(name)} ceases after ${existsUntil}${heir.en}, but the plan still has cycles due after that: ${cycles.en} — end the report types' recurrence by then, and put the later cycles in a new plan of ${successor !== undefined ? quote(successor) : 'its successor'}`,
    }));
  }

  (effective.policies.escalation ?? []).forEach((step, j) => {
    if (directory.peopleWithRoles(step.notify, due).length > 0) return;
    gaps.note(`${effective.sourceOf('escalation')}.escalation[${j}].notify`, 'no-escalation-recipient-on-date', cycle, (cycles) => ({
      vi: `vào ngày hạn nộp của kỳ ${cycles.vi}, không ai giữ vai trò ${quoteList(step.notify)} để nhận báo cáo bậc ${j + 1} về đơn vị chưa nộp (theo existsFrom/existsUntil của từng người) — thêm người giữ vai trò này trong thời gian đó, hoặc sửa existsFrom/existsUntil`,
      en: `on the due date of ${cycles.en}, nobody holds ${quoteList(step.notify)} to receive escalation step ${j + 1} about units that have not reported (by each person's existsFrom/existsUntil) — add someone holding the role for that time, or correct existsFrom/existsUntil`,
    }));
  });

  const consolidation = effective.policies.consolidation;
  if (!consolidation) return;
  const at = `${effective.sourceOf('consolidation')}.consolidation`;
  // The consolidated report goes up when it is due, or at the cut-off if the plan gives no due moment.
  const sent = (moments.reportDue ?? moments.cutoff).date;
  consolidation.upperLevels.forEach((level, k) => {
    if (typeof level === 'string' || existsOn(level, sent)) return;
    const lifetime = lifetimeText(level);
    gaps.note(`${at}.upperLevels[${k}]`, 'upper-level-not-existing', cycle, (cycles) => ({
      vi: `báo cáo tổng hợp kỳ ${cycles.vi} đến hạn gửi khi cấp trên ${quote(level.name)} không tồn tại (chỉ tồn tại ${lifetime.vi}) — thêm cấp trên nhận thay (với existsFrom), hoặc sửa existsFrom/existsUntil`,
      en: `the consolidated report of ${cycles.en} is due when upper level ${quote(level.name)} does not exist (it exists only ${lifetime.en}) — add the upper level that takes over (with existsFrom), or correct existsFrom/existsUntil`,
    }));
  });
  const duties = {
    by: { code: 'no-consolidator-on-date', vi: 'để tổng hợp', en: 'to consolidate' },
    leaders: { code: 'no-leader-on-date', vi: 'để nhận và duyệt báo cáo tổng hợp', en: 'to receive and approve the consolidated report' },
  };
  for (const field of ['by', 'leaders'] as const) {
    const roles = consolidation[field];
    if (roles.length === 0 || directory.peopleWithRoles(roles, due).length > 0) continue;
    const duty = duties[field];
    gaps.note(`${at}.${field}`, duty.code, cycle, (cycles) => ({
      vi: `vào ngày hạn nộp của kỳ ${cycles.vi}, không ai giữ vai trò ${quoteList(roles)} ${duty.vi} (theo existsFrom/existsUntil của từng người) — thêm người giữ vai trò này trong thời gian đó, hoặc sửa existsFrom/existsUntil`,
      en: `on the due date of ${cycles.en}, nobody holds ${quoteList(roles)} ${duty.en} (by each person's existsFrom/existsUntil) — add someone holding the role for that time, or correct existsFrom/existsUntil`,
    }));
  }
}

/** A cycle with no unit to report opens and closes with nothing in it: say why. */
function noteNoUnits(gaps: Gaps, context: ReportTypeContext, cycle: string, due: string): void {
  const { plan, index, named } = context;
  if (named.length === 0) return; // the cross-entry checks refuse reporters matching no unit
  const path = `reportTypes[${index}].reporters`;
  const n = named.length;
  // "the only unit" reads better than "all 1 units".
  const chosen: Bilingual =
    n === 1
      ? { vi: `đơn vị duy nhất được chọn trong reporters (${quote(named[0]?.id)})`, en: `the only unit reporters names (${quote(named[0]?.id)})` }
      : { vi: `cả ${n} đơn vị được chọn trong reporters`, en: `all ${n} units reporters names` };
  const ceased = named.filter((unit) => unit.existsUntil !== undefined && unit.existsUntil < due);
  const notYet = named.filter((unit) => unit.existsFrom !== undefined && due < unit.existsFrom);
  if (ceased.length === n) {
    const last = ceased.map((unit) => unit.existsUntil as string).sort().at(-1) as string;
    const namedIds = new Set(named.map((unit) => unit.id));
    const units = new Map(plan.units.map((unit) => [unit.id, unit]));
    const heirs = [...new Set(ceased.flatMap((unit) => unit.successor ?? []))].filter((id) => {
      const heir = units.get(id);
      return heir !== undefined && !namedIds.has(id) && existsOn(heir, due);
    });
    const fix: Bilingual =
      heirs.length > 0
        ? { vi: `thêm đơn vị kế nhiệm ${quoteList(heirs)} vào reporters.units, hoặc sửa recurrence để loại báo cáo kết thúc trước ngày đó`, en: `add the successor ${quoteList(heirs)} to reporters.units, or end the recurrence by then` }
        : { vi: 'sửa recurrence để loại báo cáo kết thúc trước ngày đó, hoặc thêm đơn vị thay thế vào reporters', en: 'end the recurrence by then, or add the units that took over to reporters' };
    gaps.note(path, 'cycle-without-units', cycle, (cycles) => ({
      vi: `kỳ ${cycles.vi} không có đơn vị nào phải báo cáo: ${chosen.vi} đã ngừng tồn tại trước hạn nộp (${n === 1 ? 'tồn tại' : 'đơn vị cuối cùng tồn tại'} đến ${last}), nên kỳ sẽ mở rồi chốt tổng hợp với 0 đơn vị — ${fix.vi}`,
      en: `${cycles.en}: no unit has to report — ${chosen.en} ceased before the due date (${n === 1 ? 'it existed' : 'the last existed'} until ${last}), so the cycle would open and close with no unit — ${fix.en}`,
    }), 'ceased');
  } else if (notYet.length === n) {
    const first = notYet.map((unit) => unit.existsFrom as string).sort()[0] as string;
    gaps.note(path, 'cycle-without-units', cycle, (cycles) => ({
      vi: `kỳ ${cycles.vi} không có đơn vị nào phải báo cáo: ${chosen.vi} chưa tồn tại vào hạn nộp (${n === 1 ? 'tồn tại' : 'đơn vị đầu tiên tồn tại'} từ ${first}), nên kỳ sẽ mở rồi chốt tổng hợp với 0 đơn vị — sửa recurrence để loại báo cáo bắt đầu từ ngày đó, hoặc sửa existsFrom`,
      en: `${cycles.en}: no unit has to report — ${chosen.en} ${n === 1 ? 'does' : 'do'} not exist yet on the due date (${n === 1 ? 'it exists' : 'the first exists'} from ${first}), so the cycle would open and close with no unit — start the recurrence then, or correct existsFrom`,
    }), 'not-yet');
  } else {
    gaps.note(path, 'cycle-without-units', cycle, (cycles) => ({
      vi: `kỳ ${cycles.vi} không có đơn vị nào phải báo cáo: không đơn vị nào trong ${n} đơn vị được chọn trong reporters tồn tại vào hạn nộp, nên kỳ sẽ mở rồi chốt tổng hợp với 0 đơn vị — sửa reporters, recurrence, hoặc existsFrom/existsUntil của các đơn vị`,
      en: `${cycles.en}: no unit has to report — none of the ${n} units reporters names exists on the due date, so the cycle would open and close with no unit — fix reporters, the recurrence, or the units' existsFrom/existsUntil`,
    }), 'mixed');
  }
}
