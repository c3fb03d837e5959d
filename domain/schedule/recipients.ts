/**
 * Plan entries turned into the recipients a cycle mails: units with their contacts, people
 * found by role. Built once per plan and shared by every cycle, so ten thousand units are
 * ten thousand objects, not ten thousand per cycle.
 */
import type { CycleUnit, Language, Recipient } from '../cycle';
import type { Plan, Unit } from '../plan/schema';
import { joinLabels } from './labels';

export interface RecipientDirectory {
  unit(id: string): Unit | undefined;
  /** The unit as a cycle carries it; recipients keyed by the unit id. */
  cycleUnit(unit: Unit): CycleUnit;
  /** People holding any of the roles, in the roles' order then the plan's, each once; keyed by person id. */
  peopleWithRoles(roles: readonly string[]): Recipient[];
  /** The roles as written in letters, e.g. `Trưởng ban và Phó Trưởng ban`. */
  roleLabel(roles: readonly string[]): string;
}

export function createRecipientDirectory(plan: Plan, language: Language = plan.language): RecipientDirectory {
  const units = new Map(plan.units.map((unit) => [unit.id, unit]));
  const roleLabels = new Map(plan.roles.map((role) => [role.id, role.label]));
  const cycleUnits = new Map<string, CycleUnit>();
  const byRoles = new Map<string, Recipient[]>();

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
          to: unit.contacts.to.map(recipient),
          cc: unit.contacts.cc.map(recipient),
        };
        cycleUnits.set(unit.id, cycleUnit);
      }
      return cycleUnit;
    },
    peopleWithRoles(roles) {
      const key = roles.join(',');
      let recipients = byRoles.get(key);
      if (!recipients) {
        const seen = new Set<string>();
        recipients = [];
        for (const role of roles) {
          for (const person of plan.people) {
            if (!person.roles.includes(role) || seen.has(person.id)) continue;
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
