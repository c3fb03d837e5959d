/**
 * `validatePlan(text)`: plan YAML text → a typed plan, or every problem at once, worded in
 * the plan's language. Nothing is half-loaded: a plan with any problem is refused whole.
 * Order: YAML syntax → schema and cross-entry checks together → checks on computed dates.
 * A valid plan may still carry warnings (`warnings.ts`, and the schedule's): it runs as written.
 * Pure (no Node APIs): the CLI reads the file.
 */
import { PlanSchema, type Plan } from './schema';
import { parsePlanYaml, languageOf, languageOfText } from './parse';
import { createIssueReader } from './issues';
import { crossEntryProblems } from './checks';
import type { Language, PlanProblem } from './problems';
import { scheduleChecks } from '../schedule/problems';
import { planWarnings } from './warnings';

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
  const dated = scheduleChecks(result.data, language);
  if (dated.problems.length > 0) return { ok: false, problems: dated.problems, language };
  return { ok: true, plan: result.data, warnings: [...planWarnings(result.data, language), ...dated.warnings] };
}
