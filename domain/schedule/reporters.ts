/**
 * Who must report in a cycle: the units the report type names by kind, level or id, minus
 * those excluded, among those that exist on the cycle's due date. The selection by kind and
 * level is made once per report type; only the existence filter depends on the cycle.
 */
import type { CycleUnit } from '../cycle';
import type { Reporters, Unit } from '../plan/schema';
import type { LocalDate } from '../time';
import type { RecipientDirectory } from './recipients';

export interface RequiredUnits {
  units: CycleUnit[];
  /** The same units' ids, shared by every reminder and escalation step of the cycle. */
  ids: string[];
}

/** A plan entry with a lifetime: a unit, a person, an upper level. */
export interface Lifetime {
  existsFrom?: LocalDate | undefined;
  existsUntil?: LocalDate | undefined;
}

/** Whether an entry exists on a date (its existence dates are inclusive). */
export function existsOn(entry: Lifetime, date: LocalDate): boolean {
  // LocalDates compare correctly as strings.
  return (entry.existsFrom === undefined || entry.existsFrom <= date) && (entry.existsUntil === undefined || date <= entry.existsUntil);
}

/** Whether a unit exists on a date (its existence dates are inclusive). */
export const unitExistsOn: (unit: Pick<Unit, 'existsFrom' | 'existsUntil'>, date: LocalDate) => boolean = existsOn;

/** The units a `reporters` entry names, in plan order, before the existence filter. */
export function namedReporters(units: readonly Unit[], reporters: Reporters): Unit[] {
  const kinds = new Set(reporters.kinds ?? []);
  const levels = new Set(reporters.levels ?? []);
  const ids = new Set(reporters.units ?? []);
  const excluded = new Set(reporters.exclude ?? []);
  return units.filter(
    (unit) => !excluded.has(unit.id) && (kinds.has(unit.kind) || levels.has(unit.level) || ids.has(unit.id)),
  );
}

/** Required units by due date, for one report type; the same date gives the same arrays. */
export function requiredUnitsResolver(
  units: readonly Unit[],
  reporters: Reporters,
  directory: RecipientDirectory,
): (dueDate: LocalDate) => RequiredUnits {
  const named = namedReporters(units, reporters);
  const toRequired = (selected: readonly Unit[]): RequiredUnits => ({
    units: selected.map((unit) => directory.cycleUnit(unit)),
    ids: selected.map((unit) => unit.id),
  });
  const bounded = named.some((unit) => unit.existsFrom !== undefined || unit.existsUntil !== undefined);
  if (!bounded) {
    const everyone = toRequired(named);
    return () => everyone;
  }
  const byDate = new Map<LocalDate, RequiredUnits>();
  return (dueDate) => {
    let required = byDate.get(dueDate);
    if (!required) {
      required = toRequired(named.filter((unit) => unitExistsOn(unit, dueDate)));
      byDate.set(dueDate, required);
    }
    return required;
  };
}
