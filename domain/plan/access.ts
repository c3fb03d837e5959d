/**
 * Who may do what in the web app, from the plan alone: a person listed in `people` whose roles
 * include a consolidating role (`consolidation.by`) or a role the escalation ladder notifies
 * first-hand as staff (the division head) is **staff**; one whose roles include a leader role
 * (`consolidation.leaders`) is a **leader**. Anyone else, listed or not, gets nothing.
 * Pure: reads the plan's defaults and every report type's own policies.
 */
import type { Person, Plan, Policies } from './schema';

export interface Access {
  person: Person;
  /** May start and cancel cycles, record a paper submission, extend, excuse, return. */
  staff: boolean;
  /** May see everything and approve or return the consolidated report. */
  leader: boolean;
}

function policiesOf(plan: Plan): Policies[] {
  return [plan.defaults, ...plan.reportTypes.map((t) => t.policies ?? {})];
}

/** Role ids of leaders: those who receive and approve the consolidated report. */
export function leaderRoles(plan: Plan): Set<string> {
  return new Set(policiesOf(plan).flatMap((p) => p.consolidation?.leaders ?? []));
}

/**
 * Role ids of staff: the consolidating roles, and the roles the escalation ladder notifies that
 * are not leader roles (in the Board's plans, the division head at the first step).
 */
export function staffRoles(plan: Plan): Set<string> {
  const leaders = leaderRoles(plan);
  const staff = new Set(policiesOf(plan).flatMap((p) => p.consolidation?.by ?? []));
  for (const step of policiesOf(plan).flatMap((p) => p.escalation ?? [])) for (const role of step.notify) if (!leaders.has(role)) staff.add(role);
  return staff;
}

/** The access of the person with this address (compared case-insensitively), or undefined. */
export function accessOf(plan: Plan, email: string): Access | undefined {
  const wanted = email.trim().toLowerCase();
  const person = plan.people.find((p) => p.email.toLowerCase() === wanted);
  if (!person) return undefined;
  const staff = staffRoles(plan);
  const leaders = leaderRoles(plan);
  const access = { person, staff: person.roles.some((r) => staff.has(r)), leader: person.roles.some((r) => leaders.has(r)) };
  return access.staff || access.leader ? access : undefined;
}
