/**
 * Who signs a cycle's consolidated report: the first leader, in the order of the consolidation
 * policy's `leaders`, who holds a role that signs (`signsAs`) and holds it on the cycle's date.
 * A deputy signs on the head's behalf ("K/T TRƯỞNG BAN" over "PHÓ TRƯỞNG BAN").
 */
import type { CycleSigner } from '../cycle';
import type { Plan } from '../plan/schema';
import type { LocalDate } from '../time';
import type { RecipientDirectory } from './recipients';

export function consolidationSigner(plan: Plan, directory: RecipientDirectory, leaders: readonly string[], on: LocalDate): CycleSigner | undefined {
  const head = plan.roles.find((role) => role.signsAs === 'head');
  for (const roleId of leaders) {
    const role = plan.roles.find((entry) => entry.id === roleId);
    if (!role?.signsAs) continue;
    const [person] = directory.peopleWithRoles([role.id], on);
    if (!person) continue;
    return {
      name: person.name,
      title: role.label,
      ...(role.signsAs === 'deputy' && head ? { onBehalfOf: head.label } : {}),
    };
  }
  return undefined;
}
