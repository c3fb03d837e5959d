/** From a computed cycle to what its workflow is started with. Pure. */
import type { CycleSpec } from '../cycle';
import type { ScheduledCycle } from './types';

/** The spec the workflow is started with: the scheduled cycle without its listing-only fields. */
export function toCycleSpec(cycle: ScheduledCycle): CycleSpec {
  const { recurrence: _recurrence, dueDate: _dueDate, ...spec } = cycle;
  return {
    ...spec,
    reminders: cycle.reminders.map(({ at, relation }) => ({ at, relation })),
    escalations: cycle.escalations.map(({ step, at, recipients, roleLabel }) => ({ step, at, recipients, roleLabel })),
  };
}
