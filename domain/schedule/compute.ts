/**
 * The schedule: a pure function from a validated plan to its reporting cycles, each a full
 * `CycleSpec` with absolute instants and resolved recipients. Shared by the campaign's activities
 * (its timeline and each cycle's spec at opening: the calendar data it depends on changes every
 * year, so it stays out of workflow code), the CLI and the tests. Pure: no clock, no I/O.
 */
import type { CycleCalendar, CycleIssuer, Language } from '../cycle';
import type { Plan, ReportType } from '../plan/schema';
import { createPlanClock, type Moment, type PlanClock } from './clock';
import { DEFAULT_SUBMISSION_INSTRUCTIONS } from './labels';
import { cycleMoments, type CycleMoments } from './moments';
import { issueDateStart, periodDataWindow, periodFocus, scheduledPeriods } from './periods';
import { effectivePolicies } from './policies';
import { createRecipientDirectory, upperLevelsOn, type RecipientDirectory } from './recipients';
import { requiredUnitsResolver, type RequiredUnits } from './reporters';
import { consolidationSigner } from './signer';
import {
  ScheduleError,
  type AdhocCycleOptions,
  type ScheduledCycle,
  type ScheduleOptions,
  type YearMonth,
} from './types';

const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

interface CyclePeriod {
  id: string;
  label: string;
  month?: YearMonth;
}

/** Everything computed once per plan and shared by its cycles. */
interface Scheduler {
  plan: Plan;
  language: Language;
  clock: PlanClock;
  directory: RecipientDirectory;
  requiredUnits: Array<(dueDate: string) => RequiredUnits>;
  /** Shared by every cycle, like the units: read-only. */
  issuer: CycleIssuer;
  calendar: CycleCalendar;
}

function createScheduler(plan: Plan): Scheduler {
  const directory = createRecipientDirectory(plan);
  return {
    plan,
    language: plan.language,
    clock: createPlanClock(plan),
    directory,
    requiredUnits: plan.reportTypes.map((reportType) => requiredUnitsResolver(plan.units, reportType.reporters, directory)),
    issuer: cycleIssuer(plan.issuer),
    calendar: {
      weekend: plan.calendar.weekend,
      holidays: plan.calendar.holidays,
      extraDaysOff: plan.calendar.extraDaysOff,
      extraWorkingDays: plan.calendar.extraWorkingDays,
    },
  };
}

/** The issuer as documents and letters name it; only the fields the plan gives (or implies). */
function cycleIssuer(issuer: Plan['issuer']): CycleIssuer {
  // "129-KH/BDVTU" → "BDVTU": the symbol a Board's documents carry after their kind ("-BC/BDVTU").
  const slash = issuer.documentNumber.lastIndexOf('/');
  const symbol = issuer.symbol ?? (slash >= 0 && slash < issuer.documentNumber.length - 1 ? issuer.documentNumber.slice(slash + 1) : undefined);
  return {
    name: issuer.name,
    documentNumber: issuer.documentNumber,
    date: issuer.date,
    ...(issuer.about !== undefined ? { about: issuer.about } : {}),
    ...(issuer.superior !== undefined ? { superior: issuer.superior } : {}),
    ...(issuer.shortName !== undefined ? { shortName: issuer.shortName } : {}),
    ...(issuer.place !== undefined ? { place: issuer.place } : {}),
    ...(symbol !== undefined ? { symbol } : {}),
  };
}

function buildCycle(
  scheduler: Scheduler,
  reportTypeIndex: number,
  period: CyclePeriod,
  moments: CycleMoments,
  required: RequiredUnits,
): ScheduledCycle {
  const { plan, clock, directory, language } = scheduler;
  const reportType = plan.reportTypes[reportTypeIndex] as ReportType;
  const { policies } = effectivePolicies(plan, reportTypeIndex);
  const { due, cutoff, reportDue } = moments;
  // A cycle's people and upper levels are those that exist on its due date, as its units are.
  const on = due.date;

  const reminders = [...moments.reminders]
    .sort((a, b) => a.ms - b.ms)
    .map((moment) => ({
      at: clock.format(moment.ms),
      relation: moment.ms <= due.ms ? ('before' as const) : ('after' as const),
      units: required.ids,
    }));

  const escalations = (policies.escalation ?? []).map((step, index) => ({
    step: index + 1,
    at: clock.format((moments.escalations[index] as Moment).ms),
    recipients: directory.peopleWithRoles(step.notify, on),
    roleLabel: directory.roleLabel(step.notify),
    units: required.ids,
  }));

  const consolidation = policies.consolidation;
  const signer = consolidationSigner(plan, directory, consolidation?.leaders ?? [], on);
  const dataWindow = periodDataWindow(reportType, period.month);
  const focus = periodFocus(reportType, period.month);
  const contact = policies.contact;

  // Optional fields only when they have a value: a cycle of a plan without them keeps its old shape.
  return {
    id: `${plan.id}/${reportType.id}/${period.id}`,
    planId: plan.id,
    language,
    timeZone: plan.timeZone,
    issuer: scheduler.issuer,
    reportType: {
      id: reportType.id,
      title: reportType.title,
      ...(reportType.document === 'plan' ? { document: 'plan' as const } : {}),
      ...(reportType.delivery === 'paper' ? { delivery: 'paper' as const } : {}),
      ...(reportType.urgent ? { urgent: true as const } : {}),
      ...(reportType.planItem !== undefined ? { planItem: reportType.planItem } : {}),
    },
    period: {
      id: period.id,
      label: period.label,
      ...(period.month !== undefined ? { month: period.month } : {}),
      ...(dataWindow ? { dataWindow } : {}),
      ...(focus !== undefined ? { focus } : {}),
    },
    ...(contact ? { contact } : {}),
    calendar: scheduler.calendar,
    recurrence: reportType.recurrence.type,
    opensAt: clock.format(moments.opens.ms),
    dueAt: clock.format(due.ms),
    dueDate: due.date,
    cutoffAt: clock.format(cutoff.ms),
    units: required.units,
    reminders,
    escalations,
    consolidation: {
      by: directory.peopleWithRoles(consolidation?.by ?? [], on),
      leaders: directory.peopleWithRoles(consolidation?.leaders ?? [], on),
      ...(reportDue ? { dueAt: clock.format(reportDue.ms) } : {}),
      ...(signer ? { signer } : {}),
      upperLevels: upperLevelsOn(consolidation?.upperLevels ?? [], on),
    },
    submissionInstructions: policies.submission ?? DEFAULT_SUBMISSION_INSTRUCTIONS[language],
  };
}

function requireMonth(name: string, value: string | undefined): void {
  if (value !== undefined && !YEAR_MONTH.test(value)) {
    throw new ScheduleError(`Invalid ${name} month: expected YYYY-MM, e.g. "2020-01", received "${value}"`);
  }
}

/**
 * Every scheduled cycle of the plan (monthly, milestone and one-off report types), sorted by
 * opening then id. `from`/`to` keep the cycles whose period month lies in the range.
 * Arrays of units are shared between cycles with the same required units: treat them as read-only.
 */
export function computeSchedule(plan: Plan, options: ScheduleOptions = {}): ScheduledCycle[] {
  requireMonth('from', options.from);
  requireMonth('to', options.to);
  const scheduler = createScheduler(plan);
  const inRange = (month: YearMonth): boolean =>
    (options.from === undefined || options.from <= month) && (options.to === undefined || month <= options.to);

  const entries: Array<{ opensMs: number; cycle: ScheduledCycle }> = [];
  plan.reportTypes.forEach((reportType, index) => {
    const { policies } = effectivePolicies(plan, index);
    const requiredOn = scheduler.requiredUnits[index];
    if (!requiredOn) return;
    for (const period of scheduledPeriods(reportType, scheduler.clock, scheduler.language, options.startedAt ?? issueDateStart(plan.issuer.date))) {
      if (!inRange(period.month)) continue;
      const moments = cycleMoments(scheduler.clock, policies, period.due);
      const cycle = buildCycle(scheduler, index, period, moments, requiredOn(period.due.date));
      entries.push({ opensMs: moments.opens.ms, cycle });
    }
  });
  entries.sort((a, b) => a.opensMs - b.opensMs || (a.cycle.id < b.cycle.id ? -1 : a.cycle.id > b.cycle.id ? 1 : 0));
  return entries.map((entry) => entry.cycle);
}

/**
 * A cycle started by staff: an ad-hoc report type's (the opinion-collection conferences), or
 * any report type's out of its schedule. It opens at `opensAt`; the due moment is `dueAt`, or
 * else the report type's `recurrence.defaultDue` counted from the opening (working days land
 * at the plan's due time).
 */
export function computeAdhocCycle(plan: Plan, reportTypeId: string, options: AdhocCycleOptions): ScheduledCycle {
  const index = plan.reportTypes.findIndex((reportType) => reportType.id === reportTypeId);
  const reportType = plan.reportTypes[index];
  if (!reportType) {
    const known = plan.reportTypes.map((entry) => `"${entry.id}"`).join(', ');
    throw new ScheduleError(`Unknown report type "${reportTypeId}" in plan "${plan.id}": expected one of ${known}`);
  }
  if (!/^[^/\s]+$/.test(options.periodId)) {
    throw new ScheduleError(
      `Invalid period id "${options.periodId}" for report type "${reportTypeId}": it is part of the cycle id, so it must be non-empty, without spaces or "/"`,
    );
  }
  const scheduler = createScheduler(plan);
  const { clock, directory } = scheduler;

  const opens = clock.momentOf(requireInstant('opensAt', options.opensAt));
  const defaultDue = reportType.recurrence.type === 'adhoc' ? reportType.recurrence.defaultDue : undefined;
  let due: Moment;
  if (options.dueAt !== undefined) {
    due = clock.momentOf(requireInstant('dueAt', options.dueAt));
  } else if (defaultDue) {
    due = clock.offset(opens, defaultDue, plan.calendar.dueTime);
  } else {
    throw new ScheduleError(
      `No due moment for a cycle of report type "${reportTypeId}": give one when starting the cycle, or set recurrence.defaultDue in the plan`,
    );
  }
  if (due.ms <= opens.ms) {
    throw new ScheduleError(
      `The due moment ${clock.format(due.ms)} of cycle "${options.periodId}" is not after its opening ${clock.format(opens.ms)}`,
    );
  }

  let required: RequiredUnits;
  if (options.units) {
    const ids = [...new Set(options.units)];
    const unknown = ids.filter((id) => !directory.unit(id));
    if (unknown.length > 0) {
      throw new ScheduleError(`Unknown unit ${unknown.map((id) => `"${id}"`).join(', ')} for report type "${reportTypeId}": not in plan "${plan.id}"`);
    }
    const units = ids.flatMap((id) => {
      const unit = directory.unit(id);
      return unit ? [directory.cycleUnit(unit)] : [];
    });
    required = { ids, units };
  } else {
    required = scheduler.requiredUnits[index]!(due.date);
  }

  return buildCycle(
    scheduler,
    index,
    { id: options.periodId, label: options.periodLabel ?? options.periodId },
    cycleMoments(clock, effectivePolicies(plan, index).policies, due, opens),
    required,
  );
}

function requireInstant(name: string, instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new ScheduleError(`Invalid ${name}: expected a valid Date`);
  return ms;
}
