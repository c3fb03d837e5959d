/**
 * Which cycle a person asks to start, as `kyhan cycle start` and the web console both ask it:
 * a scheduled report type's period from the schedule, or an ad-hoc cycle (any report type when
 * a due moment is given) whose period defaults to the due date, for every reporter or the units
 * named. Pure: the answer is the cycle or the first problem, typed, for each door to word (the
 * CLI as a line naming its options, the console next to the form's field).
 */
import type { Plan } from '../plan/schema';
import { instantToZoned } from '../time';
import { computeAdhocCycle, computeSchedule } from './compute';
import { ScheduleError, type ScheduledCycle } from './types';

export interface CycleRequest {
  reportType: string;
  /** A scheduled period's id, or an ad-hoc cycle's (default: the due date). */
  period?: string | undefined;
  /** The due moment: makes the cycle ad hoc. */
  dueAt?: Date | undefined;
  /** An ad-hoc cycle's opening (default: `now`). */
  opensAt?: Date | undefined;
  /** Only these units (ids of the plan); absent: every reporter. */
  units?: string[] | undefined;
}

export type CycleRequestProblem =
  | { kind: 'unknown-report-type'; known: string[] }
  | { kind: 'no-units' }
  | { kind: 'unknown-units'; ids: string[]; known: string[] }
  | { kind: 'opens-for-scheduled' }
  | { kind: 'period-required'; periods: string[] }
  | { kind: 'unknown-period'; periods: string[] }
  | { kind: 'units-not-reporting'; ids: string[]; reporting: string[] }
  /** The schedule could not compute the ad-hoc cycle (its message says why). */
  | { kind: 'schedule'; message: string };

export type CycleRequestResult = { ok: true; cycle: ScheduledCycle } | { ok: false; problem: CycleRequestProblem };

/** The cycle a request names, computed from the plan, or its first problem. */
export function cycleForRequest(plan: Plan, request: CycleRequest, now: Date): CycleRequestResult {
  const fail = (problem: CycleRequestProblem): CycleRequestResult => ({ ok: false, problem });
  const reportType = plan.reportTypes.find((r) => r.id === request.reportType);
  if (!reportType) return fail({ kind: 'unknown-report-type', known: plan.reportTypes.map((r) => r.id) });
  const units = request.units === undefined ? undefined : [...new Set(request.units)];
  if (units) {
    if (units.length === 0) return fail({ kind: 'no-units' });
    const unknown = units.filter((id) => !plan.units.some((u) => u.id === id));
    if (unknown.length > 0) return fail({ kind: 'unknown-units', ids: unknown, known: plan.units.map((u) => u.id) });
  }
  const scheduled = computeSchedule(plan).filter((c) => c.reportType.id === reportType.id);

  if (request.dueAt !== undefined || scheduled.length === 0) {
    const adhoc = (periodId: string) =>
      computeAdhocCycle(plan, reportType.id, { periodId, opensAt: request.opensAt ?? now, ...(request.dueAt ? { dueAt: request.dueAt } : {}), ...(units ? { units } : {}) });
    try {
      if (request.period !== undefined) return { ok: true, cycle: adhoc(request.period) };
      // The period defaults to the due date: compute once to learn it, then with it.
      const first = adhoc('_');
      return { ok: true, cycle: adhoc(instantToZoned(new Date(first.dueAt), plan.timeZone).date) };
    } catch (err) {
      if (err instanceof ScheduleError) return fail({ kind: 'schedule', message: err.message });
      throw err;
    }
  }

  if (request.opensAt !== undefined) return fail({ kind: 'opens-for-scheduled' });
  const periods = scheduled.map((c) => c.period.id);
  if (request.period === undefined) return fail({ kind: 'period-required', periods });
  const cycle = scheduled.find((c) => c.period.id === request.period);
  if (!cycle) return fail({ kind: 'unknown-period', periods });
  if (!units) return { ok: true, cycle };
  const outside = units.filter((id) => !cycle.units.some((u) => u.id === id));
  if (outside.length > 0) return fail({ kind: 'units-not-reporting', ids: outside, reporting: cycle.units.map((u) => u.id) });
  return { ok: true, cycle: { ...cycle, units: cycle.units.filter((u) => units.includes(u.id)) } };
}
