/** The schedule of a plan: its cycles with every instant and recipient computed. Pure. */
export { computeSchedule, computeAdhocCycle } from './compute';
export { scheduleProblems } from './problems';
export { scheduleToIcs, type IcsOptions } from './ics';
export { planCalendar, createPlanClock, type Moment, type PlanClock } from './clock';
export { DEFAULT_CUTOFF, DEFAULT_OPENS } from './moments';
export { monthLabel } from './labels';
export { unitExistsOn } from './reporters';
export { toCycleSpec } from './spec';
export { cycleForRequest, type CycleRequest, type CycleRequestProblem, type CycleRequestResult } from './start';
export {
  ScheduleError,
  type AdhocCycleOptions,
  type ScheduledCycle,
  type ScheduledEscalation,
  type ScheduledReminder,
  type ScheduleOptions,
  type YearMonth,
} from './types';
