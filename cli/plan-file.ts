/**
 * The one way a command reads a plan file: read, validate, and on failure throw what every
 * command reports alike. An unreadable file is bad input (exit 2, one line); a plan with
 * problems is `InvalidPlan` (exit 1) with every problem as a `path: message` line in the plan's
 * language, printed on stdout (or, with `--json`, as the error's `problems`).
 */
import { readFile } from 'node:fs/promises';
import type { Language } from '../domain/cycle';
import type { Plan } from '../domain/plan/schema';
import { formatProblem, validatePlan } from '../domain/plan/validate';
import { ExitCode, fileProblem } from './cli-io';
import { badInput, CliFailure } from './cli-temporal';

export interface LoadedPlan {
  plan: Plan;
  /** Not wrong but probably not meant, as `path: message` lines in the plan's language. */
  warnings: string[];
}

export async function loadPlanFile(file: string, language: Language): Promise<LoadedPlan> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = fileProblem(error, language);
    throw badInput(language === 'vi' ? `kyhan: không đọc được tệp kế hoạch "${file}": ${reason}` : `kyhan: cannot read the plan file "${file}": ${reason}`);
  }
  const result = validatePlan(text);
  if (!result.ok) {
    const lines = result.problems.map((p) => formatProblem(p, result.language));
    const message =
      language === 'vi' ? `kyhan: kế hoạch "${file}" có ${lines.length} lỗi` : `kyhan: the plan "${file}" has ${lines.length} problem${lines.length === 1 ? '' : 's'}`;
    throw new CliFailure(message, ExitCode.problems, 'InvalidPlan', lines);
  }
  return { plan: result.plan, warnings: result.warnings.map((w) => formatProblem(w, result.plan.language)) };
}
