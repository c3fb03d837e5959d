/**
 * `validatePlan(text)`: plan YAML text → a typed plan, or every problem at once, worded in
 * the plan's language. Nothing is half-loaded: a plan with any problem is refused whole.
 * Order: YAML syntax → schema and cross-entry checks together → checks on computed dates.
 * Pure (no Node APIs): the CLI reads the file.
 */
import { PlanSchema, type Plan } from './schema';
import { parsePlanYaml, languageOf, languageOfText } from './parse';
import { createIssueReader } from './issues';
import { crossEntryProblems } from './checks';
import { problem, type Language, type PlanProblem } from './problems';
import { scheduleProblems } from '../schedule/index';

export type { PlanProblem, Language };
export { formatProblem } from './problems';

export type PlanValidation =
  | { ok: true; plan: Plan; warnings: PlanProblem[] }
  | { ok: false; problems: PlanProblem[]; language: Language };

export function validatePlan(text: string): PlanValidation {
  const parsed = parsePlanYaml(text);
  if (!parsed.ok) return { ok: false, problems: parsed.problems, language: languageOfText(text) };

  const raw = parsed.value;
  const language = languageOf(raw);
  const issues = createIssueReader(language);
  // reportInput: messages quote the offending value ("… but is "abc"").
  const result = PlanSchema.safeParse(raw, { error: issues.errorMap, reportInput: true });
  const problems = [...(result.success ? [] : issues.toProblems(result.error.issues)), ...crossEntryProblems(raw, language)];
  if (!result.success || problems.length > 0) return { ok: false, problems, language };

  // Only a plan whose every reference resolves can be scheduled.
  const dated = scheduleProblems(result.data, language);
  if (dated.length > 0) return { ok: false, problems: dated, language };
  return { ok: true, plan: result.data, warnings: planWarnings(result.data, language) };
}

/** Not wrong, but probably not meant. */
function planWarnings(plan: Plan, language: Language): PlanProblem[] {
  const used = new Set<string>(plan.people.flatMap((p) => p.roles));
  const policies = [plan.defaults, ...plan.reportTypes.map((r) => r.policies ?? {})];
  for (const p of policies) {
    for (const step of p.escalation ?? []) step.notify.forEach((r) => used.add(r));
    for (const r of [...(p.consolidation?.by ?? []), ...(p.consolidation?.leaders ?? [])]) used.add(r);
  }
  return plan.roles.flatMap((role, i) =>
    used.has(role.id)
      ? []
      : [
          problem(['roles', i], 'unused-role', {
            vi: `vai trò "${role.id}" không ai giữ và không chính sách nào dùng — có thể xóa`,
            en: `role "${role.id}" is held by nobody and used by no policy — it can be removed`,
          }, language),
        ],
  );
}
