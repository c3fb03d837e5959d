/**
 * What the schedule computes: a `CycleSpec` per reporting cycle (what the workflow is started
 * with) plus the few facts listings and checks need. Pure data.
 */
import type { CycleEscalationStep, CycleReminder, CycleSpec } from '../cycle';
import type { Recurrence } from '../plan/schema';
import type { LocalDate } from '../time';

/** A month, `YYYY-MM`. */
export type YearMonth = string;

export interface ScheduledReminder extends CycleReminder {
  /**
   * Unit ids the reminder concerns. In the schedule: every required unit; at run time the
   * workflow sends it only to those that have not reported yet.
   */
  units: string[];
}

export interface ScheduledEscalation extends CycleEscalationStep {
  /** Unit ids that would be listed as overdue if none had reported (see `ScheduledReminder.units`). */
  units: string[];
}

export interface ScheduledCycle extends CycleSpec {
  reportType: CycleSpec['reportType'] & { planItem?: string };
  /** `month` is the month the period is about (`YYYY-MM`), for monthly, milestone and one-off cycles. */
  period: CycleSpec['period'] & { month?: YearMonth };
  recurrence: Recurrence['type'];
  /** The due moment's local date in the plan's time zone: units are required if they exist on it. */
  dueDate: LocalDate;
  reminders: ScheduledReminder[];
  escalations: ScheduledEscalation[];
}

export interface ScheduleOptions {
  /** First period month to list, inclusive. */
  from?: YearMonth;
  /** Last period month to list, inclusive. */
  to?: YearMonth;
  /**
   * When the plan was started (ms since the epoch): `after-start` cycles are due relative to it.
   * Defaults to the plan's issue date; the schedule never reads a clock itself.
   */
  startedAt?: number;
}

export interface AdhocCycleOptions {
  /** Distinguishes this cycle from others of its report type, e.g. `2020-07-hoi-nghi`. */
  periodId: string;
  /** Shown in emails; defaults to the period id. */
  periodLabel?: string;
  opensAt: Date;
  /** Defaults to `recurrence.defaultDue` counted from the opening. */
  dueAt?: Date;
  /** Unit ids that must report; defaults to the report type's reporters existing on the due date. */
  units?: string[];
}

/** Thrown when a cycle cannot be computed from the arguments given (an unknown id, a missing due date). */
export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
}
