/**
 * The policies that apply to a report type: its own fields, each falling back to the plan's
 * defaults. Field by field, not deep: a report type that lists reminders replaces the default
 * list rather than adding to it, which is what a plan author reading one entry expects.
 */
import type { Plan, Policies, ReportType } from '../plan/schema';

type PolicyField = keyof Policies;

export interface EffectivePolicies {
  policies: Policies;
  /** Plan path of each field that is set, for error messages: `reportTypes[2].policies` or `defaults`. */
  sourceOf(field: PolicyField): string;
}

export function effectivePolicies(plan: Plan, reportTypeIndex: number): EffectivePolicies {
  const reportType: ReportType | undefined = plan.reportTypes[reportTypeIndex];
  const own = reportType?.policies ?? {};
  const defaults = plan.defaults;
  const policies: Policies = {
    opens: own.opens ?? defaults.opens,
    reminders: own.reminders ?? defaults.reminders,
    escalation: own.escalation ?? defaults.escalation,
    consolidation: own.consolidation ?? defaults.consolidation,
    submission: own.submission ?? defaults.submission,
    contact: own.contact ?? defaults.contact,
  };
  return {
    policies,
    sourceOf: (field) => (own[field] !== undefined ? `reportTypes[${reportTypeIndex}].policies` : 'defaults'),
  };
}
