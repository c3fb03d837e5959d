/**
 * The moments of one cycle, from its due moment and the policies that apply: opening,
 * reminders, escalation steps, cut-off and the consolidated report's due moment.
 */
import type { Offset, Policies } from '../plan/schema';
import type { Moment, PlanClock } from './clock';

/**
 * When a cycle opens if the plan does not say: a working week before the due date, at the
 * notification time — long enough to write a monthly report, short enough to be remembered.
 */
export const DEFAULT_OPENS: Offset = { workingDays: -5 };
/**
 * When a cycle stops waiting if the plan has no consolidation policy: a working week after the
 * due date, the usual grace before a Board consolidates with whoever reported.
 */
export const DEFAULT_CUTOFF: Offset = { workingDays: 5 };

export interface CycleMoments {
  opens: Moment;
  due: Moment;
  /** In the order the policy lists them (index = position in the plan). */
  reminders: Moment[];
  /** Step j + 1 of the ladder at index j. */
  escalations: Moment[];
  cutoff: Moment;
  /** Counted from the cut-off. */
  reportDue?: Moment;
}

/** `opens` overrides the policy (a cycle started by staff opens when they start it). */
export function cycleMoments(clock: PlanClock, policies: Policies, due: Moment, opens?: Moment): CycleMoments {
  const cutoff = clock.offset(due, policies.consolidation?.cutoff ?? DEFAULT_CUTOFF);
  const reportDue = policies.consolidation?.reportDue;
  return {
    opens: opens ?? clock.offset(due, policies.opens ?? DEFAULT_OPENS),
    due,
    reminders: (policies.reminders ?? []).map((offset) => clock.offset(due, offset)),
    escalations: (policies.escalation ?? []).map((step) => clock.offset(due, step)),
    cutoff,
    ...(reportDue ? { reportDue: clock.offset(cutoff, reportDue) } : {}),
  };
}
