/**
 * Plan entries turned into the recipients a cycle mails: units with their contacts, people
 * found by role, upper levels. Built once per plan and shared by every cycle, so ten thousand
 * units are ten thousand objects, not ten thousand per cycle.
 */
import type { CycleUnit, Language, Recipient, UpperLevel } from '../cycle';
import type { Plan, Unit, UpperLevelEntry } from '../plan/schema';
import type { LocalDate } from '../time';
import { joinLabels } from './labels';
import { existsOn } from './reporters';

export interface RecipientDirectory {
  unit(id: string): Unit | undefined;
  /** The unit as a cycle carries it; recipients keyed by the unit id. */
  cycleUnit(unit: Unit): CycleUnit;
  /**
   * People holding any of the roles, in the roles' order then the plan's, each once; keyed by
   * person id. With a date, only those holding their roles on it (existsFrom/existsUntil,
   * inclusive): a retired head is not mailed.
   */
  peopleWithRoles(roles: readonly string[], on?: LocalDate): Recipient[];
  /** The roles as written in letters, e.g. `Trưởng ban và Phó Trưởng ban`. */
  roleLabel(roles: readonly string[]): string;
}

export function createRecipientDirectory(plan: Plan, language: Language = plan.language): RecipientDirectory {
  const units = new Map(plan.units.map((unit) => [unit.id, unit]));
  const roleLabels = new Map(plan.roles.map((role) => [role.id, role.label]));
  const cycleUnits = new Map<string, CycleUnit>();
  const byRoles = new Map<string, Recipient[]>();
  // Without lifetimes the date changes nothing: one cache entry per role list, not per date.
  const dated = plan.people.some((person) => person.existsFrom !== undefined || person.existsUntil !== undefined);

  return {
    unit: (id) => units.get(id),
    cycleUnit(unit) {
      let cycleUnit = cycleUnits.get(unit.id);
      if (!cycleUnit) {
        const recipient = (email: string): Recipient => ({ key: unit.id, name: unit.name, email });
        cycleUnit = {
          id: unit.id,
          name: unit.name,
          shortName: unit.shortName,
          ...(unit.addressee !== undefined ? { addressee: unit.addressee } : {}),
          to: unit.contacts.to.map(recipient),
          cc: unit.contacts.cc.map(recipient),
        };
        cycleUnits.set(unit.id, cycleUnit);
      }
      return cycleUnit;
    },
    peopleWithRoles(roles, on) {
      const date = dated ? on : undefined;
      const key = `${roles.join(',')}@${date ?? ''}`;
      let recipients = byRoles.get(key);
      if (!recipients) {
        const seen = new Set<string>();
        recipients = [];
        for (const role of roles) {
          for (const person of plan.people) {
            if (!person.roles.includes(role) || seen.has(person.id)) continue;
            if (date !== undefined && !existsOn(person, date)) continue;
            seen.add(person.id);
            recipients.push({ key: person.id, name: person.name, email: person.email });
          }
        }
        byRoles.set(key, recipients);
      }
      return recipients;
    },
    roleLabel(roles) {
      return joinLabels(roles.map((role) => roleLabels.get(role) ?? role), language);
    },
  };
}

/**
 * The upper levels that exist on a date (inclusive lifetimes), as a cycle carries them: a
 * name and, if given, an address; the lifetime stays in the plan.
 */
export function upperLevelsOn(levels: readonly UpperLevelEntry[], date: LocalDate): UpperLevel[] {
  return levels.flatMap((level): UpperLevel[] => {
    if (typeof level === 'string') return [{ name: level }];
    if (!existsOn(level, date)) return [];
    return [{ name: level.name, ...(level.email !== undefined ? { email: level.email } : {}) }];
  });
}
